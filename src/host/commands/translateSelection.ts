/**
 * Translate Selection with ModernMT: every selection (multi-cursor) in one batched request, the
 * target locale from a quick pick (most recent first, remembered per workspace), placeholders
 * protected (a selection inside a JSON or JS/TS string literal decoded and re-encoded, by the
 * same core function as the CLI's `translate`); replaces the selections as one undoable edit,
 * inserts below, or copies.
 */
import * as vscode from 'vscode';
import { literalAround } from '../../modernmt/literal';
import type { Host } from '../host';
import { services } from '../lazyServices';
import { readSettings } from '../settings';

const recentKey = 'localeLoop.recentTargets';

export interface TranslateSelectionArgs {
  readonly target?: string;
  readonly mode?: 'replace' | 'insertBelow' | 'clipboard';
}

export const translateSelection =
  (host: Host) =>
  async (args: TranslateSelectionArgs = {}): Promise<string[] | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const selections = editor?.selections.filter((s) => !s.isEmpty) ?? [];
    if (!editor || selections.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to translate first.'));
      return undefined;
    }
    const state = await host.folders.pick(editor.document.uri).catch(() => undefined);
    const config = state?.config;
    const target =
      args.target ??
      (await pickTarget(
        host,
        config?.targetLocales ?? state?.scan?.report.targetLocales ?? [],
        readSettings(editor.document.uri).defaultTargetLocale,
      ));
    if (!target) return undefined;
    const client = await host.clients.modernMt(config);
    if (!client) return undefined;
    const { translateTexts } = services();
    const doc = editor.document;
    const texts = selections.map((s) => {
      // A selection within one line of a string literal is the literal's contents, not text.
      const line = doc.lineAt(s.start.line).text;
      const literal = s.isSingleLine
        ? literalAround(line, s.start.character, s.end.character, doc.languageId)
        : undefined;
      return { text: doc.getText(s), literal };
    });
    const { results, billedCharacters } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Translating with ModernMT…') },
      () => translateTexts(client, texts, { to: target, config }),
    );
    host.log.info(`Translate Selection: ModernMT billed ${billedCharacters} characters`);
    for (const r of results) {
      if (r.ok) continue;
      host.log.warn(
        `translation refused (${r.reason}): source ${JSON.stringify(r.source)}, result ${JSON.stringify(r.text)}`,
      );
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Translation not applied: {0}. Source: {1} — result: {2}', r.reason, r.source, r.text),
      );
    }
    await rememberTarget(host, target);
    const ok = results.map((r, i) => ({ r, s: selections[i]! })).filter((x) => x.r.ok);
    const mode = args.mode ?? readSettings(editor.document.uri).translateSelectionMode;
    if (ok.length === 0) return undefined;
    if (mode === 'clipboard') {
      await vscode.env.clipboard.writeText(ok.map((x) => x.r.text).join('\n'));
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Translation copied to the clipboard'), 3000);
    } else {
      // One edit call: one undo step restores every selection.
      await editor.edit((b) => {
        for (const { r, s } of ok) {
          if (mode === 'replace') b.replace(s, r.text);
          else b.insert(s.end, `\n${editor.document.lineAt(s.start.line).text.match(/^\s*/)![0]}${r.text}`);
        }
      });
    }
    return results.map((r) => r.text);
  };

async function pickTarget(
  host: Host,
  workspaceTargets: readonly string[],
  preferred: string,
): Promise<string | undefined> {
  const recent = host.context.workspaceState.get<string[]>(recentKey, []);
  const ordered = [...new Set([...recent, ...(preferred ? [preferred] : []), ...workspaceTargets])];
  const items: vscode.QuickPickItem[] = ordered.map((l) => ({
    label: l,
    description: recent.includes(l)
      ? vscode.l10n.t('recently used')
      : workspaceTargets.includes(l)
        ? vscode.l10n.t('workspace target')
        : '',
  }));
  const pick = vscode.window.createQuickPick();
  pick.title = vscode.l10n.t('Translate into…');
  pick.placeholder = vscode.l10n.t('A locale code, e.g. de, pt-BR, ja');
  pick.items = items;
  return new Promise((resolve) => {
    pick.onDidChangeValue(
      (v) =>
        (pick.items =
          v && !ordered.includes(v) ? [{ label: v, description: vscode.l10n.t('other locale') }, ...items] : items),
    );
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.label ?? (pick.value || undefined));
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

async function rememberTarget(host: Host, target: string): Promise<void> {
  const recent = host.context.workspaceState.get<string[]>(recentKey, []);
  await host.context.workspaceState.update(recentKey, [target, ...recent.filter((r) => r !== target)].slice(0, 8));
}
