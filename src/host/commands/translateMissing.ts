/** Translate Missing Keys: pick locales, then machine-translate with progress and cancellation. */
import * as vscode from 'vscode';
import { toSignal } from '../errors';
import type { Host } from '../host';
import { services } from '../lazyServices';
import type { LocalesNode } from '../views/localesTree';

export interface TranslateMissingArgs {
  readonly folder?: string;
  readonly locales?: readonly string[];
  /** Only one key (and its plural forms) of one namespace: "translate this key". */
  readonly only?: { readonly namespace: string; readonly keys: readonly string[] };
}

export const translateMissing = (host: Host) => async (arg: TranslateMissingArgs | LocalesNode = {}): Promise<unknown> => {
  const args: TranslateMissingArgs = 'kind' in arg ? (arg.kind === 'locale' ? { folder: arg.state.folder.uri.fsPath, locales: [arg.locale.locale] } : {}) : arg;
  const state = await host.folders.pick(args.folder ? vscode.Uri.file(args.folder) : undefined);
  if (!state?.config) return undefined;
  let locales = args.locales;
  if (!locales) {
    const scan = await host.folders.scan(state);
    const targets = scan?.report.locales.filter((l) => !l.isSource) ?? [];
    const picked = await vscode.window.showQuickPick(
      targets.map((l) => ({ label: l.locale, description: vscode.l10n.t('{0} missing, {1} empty', l.missing, l.empty), picked: l.missing + l.empty > 0 })),
      { canPickMany: true, title: vscode.l10n.t('Translate missing keys into…') },
    );
    if (!picked || picked.length === 0) return undefined;
    locales = picked.map((p) => p.label);
  }
  const client = await host.clients.modernMt(state.config);
  if (!client) return undefined;
  const { translateMissing: run, resolveMemory, loadState } = services();
  const memory = await resolveMemory(state.config, client, await loadState(state.config.root), false).catch(() => undefined);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Translating missing keys with ModernMT'), cancellable: true }, (progress, token) =>
    run(state.config!, client, {
      locales,
      only: args.only,
      hints: memory !== undefined ? [memory] : undefined,
      signal: toSignal(token),
      logger: host.logger,
      onProgress: (done, total, locale) => progress.report({ message: `${locale} (${done}/${total})`, increment: 100 / total }),
    }),
  );
  const translated = result.locales.reduce((n, l) => n + l.translated, 0);
  const refused = result.locales.flatMap((l) => l.refused);
  await host.folders.scan(state, true);
  const skipped = result.locales.flatMap((l) => l.skipped);
  if (skipped.length > 0) {
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showErrorMessage(vscode.l10n.t('Translated {0} key(s); {1} file(s) were skipped and not written: {2}', translated, skipped.length, skipped.map((s) => s.file).join(', ')), showLog).then((c) => c === showLog && host.log.show(true));
  } else if (refused.length > 0) {
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showWarningMessage(vscode.l10n.t('Translated {0} key(s); {1} refused because a placeholder would have been lost or invented.', translated, refused.length), showLog).then((c) => c === showLog && host.log.show(true));
  } else void vscode.window.showInformationMessage(vscode.l10n.t('Translated {0} key(s) (provisional until a pull brings the human translation).', translated));
  return result;
};
