/**
 * Problems panel entries from each scan: malformed locale files (at the line and column), and in
 * target files placeholder mismatches, missing plural forms and broken `$t()` references, with
 * quick fixes that translate the key with ModernMT.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ParsedLocaleFile } from '../locales/scan';
import { parseLocaleBytes, parseLocaleText } from '../locales/scan';
import { pluralKey } from '../locales/plurals';
import { resolveInside } from '../util/insideWorkspace';
import { commandIds } from './commandIds';
import type { FolderManager, FolderState } from './folders';
import { recordedProvisional, stillProvisional } from './provisional';

export const diagnosticCodes = {
  malformed: 'malformed',
  placeholders: 'placeholder-mismatch',
  plural: 'plural-missing',
  reference: 'broken-reference',
  provisional: 'provisional',
} as const;

export class Diagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('locale-loop');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  /** Namespace id of each file with diagnostics (for quick fixes). */
  private readonly namespaces = new Map<string, { folder: string; namespace: string }>();

  /** The key of each keyed diagnostic, by file, line and message (VS Code hands back copies). */
  private readonly keys = new Map<string, string>();

  constructor(private readonly folders: FolderManager) {
    this.disposables.push(
      folders.onDidChange((state) => void (state ? this.update(state) : this.collection.clear())),
      vscode.languages.registerCodeActionsProvider({ language: 'json', scheme: 'file' }, this, {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite],
      }),
      vscode.languages.registerCodeActionsProvider({ language: 'jsonc', scheme: 'file' }, this, {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite],
      }),
    );
  }

  async update(state: FolderState): Promise<void> {
    const scan = state.scan;
    const root = state.folder.uri.fsPath;
    for (const [uri] of [...this.namespaces].filter(([, v]) => v.folder === root)) {
      this.collection.delete(vscode.Uri.parse(uri));
      this.namespaces.delete(uri);
    }
    if (!scan || !state.config) return;
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (rel: string, d: vscode.Diagnostic, key?: string) => {
      byFile.set(rel, [...(byFile.get(rel) ?? []), d]);
      if (key) this.keys.set(diagnosticId(vscode.Uri.file(path.join(root, rel)), d), key);
    };
    for (const e of scan.report.errors) {
      const pos = new vscode.Position(Math.max(0, e.line - 1), Math.max(0, e.column - 1));
      const d = new vscode.Diagnostic(
        new vscode.Range(pos, pos.translate(0, 1)),
        e.message.replace(/^.*?:\d+:\d+: /, ''),
        vscode.DiagnosticSeverity.Error,
      );
      d.code = diagnosticCodes.malformed;
      d.source = 'Locale Loop';
      add(e.file, d);
    }
    for (const locale of scan.report.locales) {
      for (const ns of locale.namespaces) {
        if (!ns.file || ns.malformed) continue;
        if (
          ns.placeholderMismatches.length === 0 &&
          ns.pluralFormsMissing.length === 0 &&
          ns.brokenReferences.length === 0
        ) {
          continue;
        }
        const parsed = await parse(root, ns.file, state.config.keySeparator);
        if (!parsed) continue;
        this.namespaces.set(vscode.Uri.file(path.join(root, ns.file)).toString(), { folder: root, namespace: ns.id });
        const at = (key: string) => {
          const e = parsed.entries.get(key);
          if (!e) return new vscode.Range(0, 0, 0, 1);
          const a = parsed.positionAt(e.keyOffset);
          const b = parsed.positionAt(e.valueOffset + e.valueLength);
          return new vscode.Range(a.line, a.character, b.line, b.character);
        };
        for (const m of ns.placeholderMismatches) {
          const parts = [
            m.missing.length ? vscode.l10n.t('missing {0}', m.missing.join(' ')) : '',
            m.extra.length ? vscode.l10n.t('not in the source: {0}', m.extra.join(' ')) : '',
          ].filter(Boolean);
          const d = new vscode.Diagnostic(
            at(m.key),
            vscode.l10n.t('Placeholders differ from the source ({0})', parts.join('; ')),
            vscode.DiagnosticSeverity.Warning,
          );
          d.code = {
            value: diagnosticCodes.placeholders,
            target: vscode.Uri.parse('https://www.i18next.com/translation-function/interpolation'),
          };
          d.source = 'Locale Loop';
          add(ns.file, d, m.key);
        }
        for (const g of ns.pluralFormsMissing) {
          const present = ['zero', 'one', 'two', 'few', 'many', 'other']
            .map((c) => pluralKey(g.base, c as 'one', g.ordinal, state.config!.pluralSeparator))
            .find((k) => parsed.entries.has(k));
          const d = new vscode.Diagnostic(
            at(present ?? g.base),
            vscode.l10n.t('{0} needs the plural forms {1} of "{2}"', locale.locale, g.missing.join(', '), g.base),
            vscode.DiagnosticSeverity.Warning,
          );
          d.code = {
            value: diagnosticCodes.plural,
            target: vscode.Uri.parse('https://www.i18next.com/translation-function/plurals'),
          };
          d.source = 'Locale Loop';
          add(ns.file, d, pluralKey(g.base, g.missing[0]!, g.ordinal, state.config.pluralSeparator));
        }
        for (const r of ns.brokenReferences) {
          const d = new vscode.Diagnostic(
            at(r.key),
            vscode.l10n.t('$t({0}) refers to a key that does not exist', r.reference),
            vscode.DiagnosticSeverity.Warning,
          );
          d.code = diagnosticCodes.reference;
          d.source = 'Locale Loop';
          add(ns.file, d);
        }
      }
    }
    // Machine translations not yet replaced by a pull: a hint, so they are not taken for human work.
    for (const [rel, recorded] of await recordedProvisional(state)) {
      const text = await fs.readFile(path.join(root, rel), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      const lines = text.replace(/^\uFEFF/, '');
      for (const e of stillProvisional(lines, rel, recorded, state.config.keySeparator)) {
        const at = (offset: number) => {
          const before = lines.slice(0, offset).split('\n');
          return new vscode.Position(before.length - 1, before.at(-1)!.length);
        };
        const d = new vscode.Diagnostic(
          new vscode.Range(at(e.keyOffset), at(e.end)),
          vscode.l10n.t(
            'Machine translation (provisional): the next pull replaces it with the human translation, unless you edit it.',
          ),
          vscode.DiagnosticSeverity.Information,
        );
        d.code = diagnosticCodes.provisional;
        d.source = 'Locale Loop';
        add(rel, d);
      }
    }
    for (const [rel, list] of byFile) {
      const uri = vscode.Uri.file(path.join(root, rel));
      this.namespaces.set(uri.toString(), this.namespaces.get(uri.toString()) ?? { folder: root, namespace: '' });
      this.collection.set(uri, list);
    }
  }

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    return [...this.keyAction(document, range), ...this.fixes(document, context)];
  }

  /** On any key of a locale file: translate it into every target locale. */
  private keyAction(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const state = this.folders.configured().find((s) => document.uri.fsPath.startsWith(s.folder.uri.fsPath + path.sep));
    const rel = state && path.relative(state.folder.uri.fsPath, document.uri.fsPath).split(path.sep).join('/');
    const file = state?.scan?.files.find((f) => f.relPath === rel);
    if (!state?.config || !file) return [];
    let parsed: ParsedLocaleFile;
    try {
      parsed = parseLocaleText(document.getText().replace(/^\uFEFF/, ''), file.relPath, {
        keySeparator: state.config.keySeparator,
      });
    } catch {
      return [];
    }
    const at = document.offsetAt(range.start);
    const entry = [...parsed.entries.values()].find(
      (e) => e.kind === 'string' && at >= e.keyOffset && at <= e.valueOffset + e.valueLength,
    );
    if (!entry) return [];
    const action = new vscode.CodeAction(
      vscode.l10n.t('Translate "{0}" into all target locales', entry.key),
      vscode.CodeActionKind.RefactorRewrite,
    );
    action.command = {
      command: commandIds.translateKey,
      title: action.title,
      arguments: [{ folder: state.folder.uri.fsPath, namespace: file.template, key: entry.key }],
    };
    return [action];
  }

  private fixes(document: vscode.TextDocument, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ns = this.namespaces.get(document.uri.toString());
    if (!ns?.namespace) return [];
    return context.diagnostics
      .filter((d) => d.source === 'Locale Loop' && this.keys.has(diagnosticId(document.uri, d)))
      .map((d) => {
        const plural = (typeof d.code === 'object' ? d.code.value : d.code) === diagnosticCodes.plural;
        const action = new vscode.CodeAction(
          plural
            ? vscode.l10n.t('Translate the missing plural forms with ModernMT')
            : vscode.l10n.t('Translate this key again with ModernMT'),
          vscode.CodeActionKind.QuickFix,
        );
        action.diagnostics = [d];
        action.command = {
          command: commandIds.translateKey,
          title: action.title,
          arguments: [
            { folder: ns.folder, namespace: ns.namespace, key: this.keys.get(diagnosticId(document.uri, d)) },
          ],
        };
        return action;
      });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function diagnosticId(uri: vscode.Uri, d: vscode.Diagnostic): string {
  return `${uri.toString()}|${d.range.start.line}|${d.message}`;
}

async function parse(root: string, rel: string, keySeparator: string | false): Promise<ParsedLocaleFile | undefined> {
  try {
    // The workspace's symlink rule, as the scan applied it: nothing outside the folder is read.
    return parseLocaleBytes(await fs.readFile(await resolveInside(root, rel)), rel, { keySeparator });
  } catch {
    return undefined;
  }
}
