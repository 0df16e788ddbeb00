/**
 * Inline values as inlay hints after each `t('…')` call: the source value (or the locale of
 * `localeLoop.inlineValues.locale`), cut at ~40 characters, the whole value in the tooltip.
 * Hidden on the lines holding a cursor of the active editor, so typing never jumps around them;
 * `localeLoop.inlineValues.enabled` turns them off.
 */
import * as vscode from 'vscode';
import { toBcp47 } from '../../locales/localeCodes';
import { readSettings } from '../settings';
import type { CodeWorkspace } from './codeWorkspace';
import { inlineHints } from './inlineHints';

export class InlineValuesProvider implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private lastCursorLines = '';

  constructor(private readonly code: CodeWorkspace) {
    this.disposables.push(
      code.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration(
        (e) => e.affectsConfiguration('localeLoop.inlineValues') && this.changed.fire(),
      ),
      // The hint of the line being edited comes back when the cursor leaves the line.
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const lines = `${e.textEditor.document.uri}#${e.selections.map((s) => `${s.start.line}-${s.end.line}`).join(',')}`;
        if (lines !== this.lastCursorLines) {
          this.lastCursorLines = lines;
          this.changed.fire();
        }
      }),
    );
  }

  async provideInlayHints(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.InlayHint[]> {
    const settings = readSettings(document.uri);
    if (!settings.inlineValues) return [];
    const state = this.code.stateOf(document.uri);
    if (!state?.config) return [];
    // Only the visible lines are walked: a 2,000-line JSX tree costs the parse plus a short walk.
    const resolution = this.code.resolveLines(document, state, range);
    if (resolution.sites.length === 0) return [];
    const catalog = this.code.catalogNow(state) ?? (await this.code.catalog(state));
    if (!catalog) return [];
    const skipLines = new Set<number>();
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.uri.toString() === document.uri.toString()) {
      for (const s of editor.selections) for (let l = s.start.line; l <= s.end.line; l++) skipLines.add(l);
    }
    const sites = resolution.sites.filter(
      (s) => s.callRange.endPos.line >= range.start.line && s.callRange.endPos.line <= range.end.line,
    );
    const locale = settings.inlineValuesLocale ? toBcp47(settings.inlineValuesLocale) : undefined;
    return inlineHints(sites, catalog, {
      locale,
      skipLines,
      missingLabel: (l) => vscode.l10n.t('{0}: missing', l),
    }).map((h) => {
      const hint = new vscode.InlayHint(new vscode.Position(h.position.line, h.position.character), h.label);
      hint.paddingLeft = true;
      if (h.full !== h.label) hint.tooltip = h.full;
      return hint;
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
