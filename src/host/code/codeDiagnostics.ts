/**
 * Diagnostics in code, for open documents: a key used but missing from the source locale
 * (warning; quick fixes: add it to the source file, prompting for the text, and the same then
 * translated into the targets with ModernMT), and a key some target locales lack (information;
 * quick fix: translate it). Computed keys make no claim.
 */
import * as vscode from 'vscode';
import { commandIds } from '../commandIds';
import type { AddKeyArgs } from '../commands/addKey';
import type { CodeWorkspace } from './codeWorkspace';
import { codeLanguages, codeSelector } from './codeWorkspace';
import { toRange } from './keyAt';

export const codeDiagnosticCodes = { missing: 'code-missing', targetsMissing: 'code-targets-missing' } as const;

interface Fixable {
  readonly code: string;
  readonly args: AddKeyArgs;
  readonly missing?: readonly string[];
}

export class CodeDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('locale-loop-code');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** What each diagnostic is about, by document, line and message (VS Code hands back copies). */
  private readonly fixable = new Map<string, Fixable>();

  constructor(private readonly code: CodeWorkspace) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 300)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
      code.onDidChange(() => this.refreshAll()),
      code.folders.onDidChange(() => this.refreshAll()),
      vscode.languages.registerCodeActionsProvider(codeSelector, this, {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
      }),
    );
    this.refreshAll();
  }

  refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(document: vscode.TextDocument, ms: number): void {
    if (document.uri.scheme !== 'file' || !codeLanguages.includes(document.languageId)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(document);
      }, ms),
    );
  }

  /** Recomputes one document's diagnostics (public so tests and commands can wait for it). */
  async update(document: vscode.TextDocument): Promise<readonly vscode.Diagnostic[]> {
    const state = this.code.stateOf(document.uri);
    if (!state?.config || document.isClosed) {
      this.collection.delete(document.uri);
      return [];
    }
    const sites = this.code.resolve(document, state).sites.filter((s) => !s.dynamic && s.keyRange && s.written !== '');
    if (sites.length === 0) {
      this.collection.delete(document.uri);
      return [];
    }
    const catalog = await this.code.catalog(state);
    if (!catalog) return [];
    const folder = state.folder.uri.fsPath;
    const out: vscode.Diagnostic[] = [];
    for (const site of sites) {
      const found = catalog.find(site.namespaces, site.key);
      const range = toRange(site.keyRange!);
      if (!found) {
        const ns = site.namespace !== undefined ? catalog.namespace(site.namespace) : undefined;
        const name = site.namespace ? `${site.namespace}:${site.key}` : site.key;
        const d = new vscode.Diagnostic(
          range,
          vscode.l10n.t('"{0}" is used here but missing from the source locale ({1}).', name, catalog.sourceLocale),
          vscode.DiagnosticSeverity.Warning,
        );
        d.code = codeDiagnosticCodes.missing;
        d.source = 'Locale Loop';
        out.push(d);
        if (ns) {
          this.fixable.set(id(document.uri, d), {
            code: codeDiagnosticCodes.missing,
            args: { folder, namespace: ns.template, key: site.key },
          });
        }
        continue;
      }
      const missing = catalog.targetLocales.filter((l) => {
        const v = catalog.value(found.ns, l, found.key)?.value;
        return v === undefined || v === null || v === '';
      });
      if (missing.length === 0) continue;
      const d = new vscode.Diagnostic(
        range,
        vscode.l10n.t('"{0}" has no translation in {1}.', `${found.ns.namespace}:${site.key}`, missing.join(', ')),
        vscode.DiagnosticSeverity.Information,
      );
      d.code = codeDiagnosticCodes.targetsMissing;
      d.source = 'Locale Loop';
      out.push(d);
      this.fixable.set(id(document.uri, d), {
        code: codeDiagnosticCodes.targetsMissing,
        args: { folder, namespace: found.ns.template, key: found.key },
        missing,
      });
    }
    if (!document.isClosed) this.collection.set(document.uri, out);
    return out;
  }

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      const f = d.source === 'Locale Loop' ? this.fixable.get(id(document.uri, d)) : undefined;
      if (!f) continue;
      const make = (title: string, command: string, args: unknown, preferred = false) => {
        const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        a.diagnostics = [d];
        a.isPreferred = preferred;
        a.command = { command, title, arguments: [args] };
        actions.push(a);
      };
      if (f.code === codeDiagnosticCodes.missing) {
        make(vscode.l10n.t('Add "{0}" to the source locale…', f.args.key), commandIds.addKey, f.args, true);
        make(
          vscode.l10n.t('Add "{0}" to the source locale and translate it with ModernMT…', f.args.key),
          commandIds.addKey,
          { ...f.args, translate: true },
        );
      } else {
        make(
          vscode.l10n.t('Translate "{0}" into {1} with ModernMT', f.args.key, f.missing!.join(', ')),
          commandIds.translateKey,
          f.args,
        );
      }
    }
    return actions;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

function id(uri: vscode.Uri, d: vscode.Diagnostic): string {
  return `${uri.toString()}|${d.range.start.line}|${d.range.start.character}|${d.message}`;
}
