/**
 * Conflicts of the last pull per folder, shown side by side (yours ↔ the translation) through a
 * read-only virtual document that also shows the source text and the value when it was pushed
 * (the base), and resolved by "keep mine" or "take theirs".
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { Conflict } from '../sync/merge';
import { contextKeys } from './commandIds';

export interface FolderConflict extends Conflict {
  readonly file: string;
  readonly locale: string;
  readonly namespace: string;
  /** The source-locale text of the key, when known. */
  readonly source?: string;
  readonly sourceLocale?: string;
}

export const conflictScheme = 'locale-loop-conflict';

export class ConflictStore implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly byFolder = new Map<string, FolderConflict[]>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(folder: string, conflicts: FolderConflict[]): void {
    this.byFolder.set(folder, conflicts);
    void vscode.commands.executeCommand('setContext', contextKeys.hasConflicts, this.all().length > 0);
  }

  remove(folder: string, c: FolderConflict): void {
    this.set(
      folder,
      (this.byFolder.get(folder) ?? []).filter((x) => x !== c),
    );
  }

  all(): Array<{ folder: string; conflict: FolderConflict }> {
    return [...this.byFolder].flatMap(([folder, list]) => list.map((conflict) => ({ folder, conflict })));
  }

  /** URIs of the two sides of a conflict, for `vscode.diff`. */
  uris(folder: string, c: FolderConflict): [vscode.Uri, vscode.Uri] {
    const id = encodeURIComponent(JSON.stringify([folder, c.file, c.key]));
    const name = `${path.basename(c.file)} ${c.key}`;
    return [
      vscode.Uri.from({ scheme: conflictScheme, path: `/${name} (yours).txt`, query: `local=${id}` }),
      vscode.Uri.from({ scheme: conflictScheme, path: `/${name} (translation).txt`, query: `remote=${id}` }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const [side, id] = uri.query.split('=') as ['local' | 'remote', string];
    const [folder, file, key] = JSON.parse(decodeURIComponent(id)) as [string, string, string];
    const c = this.byFolder.get(folder)?.find((x) => x.file === file && x.key === key);
    if (!c) return '';
    // The same header on both sides: the diff highlights only the value that differs.
    const header = [
      `${vscode.l10n.t('Source')}${c.sourceLocale ? ` (${c.sourceLocale})` : ''}: ${c.source ?? '—'}`,
      `${vscode.l10n.t('Base (when pushed or last pulled)')}: ${c.base ?? vscode.l10n.t('(none)')}`,
      '',
    ];
    const value =
      side === 'local'
        ? `${vscode.l10n.t('Yours')}:\n${c.local ?? vscode.l10n.t('(deleted locally)')}`
        : `${vscode.l10n.t('Theirs (the translation)')}:\n${c.remote}`;
    return [...header, value].join('\n') + '\n';
  }

  dispose(): void {
    this.changed.dispose();
  }
}
