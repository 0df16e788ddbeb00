/**
 * Translate Missing Keys: pick locales, then machine-translate with progress and cancellation.
 * From the view's title bar (or the palette) it acts on the view: VS Code hands a title-bar
 * command the focused tree row, which is ignored; a target locale's own inline action is
 * `translateMissingForLocale`.
 */
import * as vscode from 'vscode';
import { toSignal } from '../errors';
import type { Host } from '../host';
import { services } from '../lazyServices';
import { plural } from '../plural';
import type { LocalesNode } from '../views/localesTree';

export interface TranslateMissingArgs {
  readonly folder?: string;
  readonly locales?: readonly string[];
  /** Only one key (and its plural forms) of one namespace: "translate this key". */
  readonly only?: { readonly namespace: string; readonly keys: readonly string[] };
}

export const translateMissing =
  (host: Host) =>
  async (arg: TranslateMissingArgs | LocalesNode = {}): Promise<unknown> => {
    const args: TranslateMissingArgs =
      'kind' in arg ? { folder: 'state' in arg ? arg.state.folder.uri.fsPath : undefined } : arg;
    const state = await host.folders.pick(args.folder ? vscode.Uri.file(args.folder) : undefined);
    if (!state?.config) return undefined;
    let locales = args.locales;
    if (!locales) {
      const scan = await host.folders.scan(state);
      const targets = scan?.report.locales.filter((l) => !l.isSource) ?? [];
      const picked = await vscode.window.showQuickPick(
        targets.map((l) => ({
          label: l.locale,
          description: vscode.l10n.t('{0} missing, {1} empty', l.missing, l.empty),
          picked: l.missing + l.empty + l.pluralFormsMissing > 0,
        })),
        { canPickMany: true, title: vscode.l10n.t('Translate missing keys into…') },
      );
      if (!picked || picked.length === 0) return undefined;
      locales = picked.map((p) => p.label);
    }
    const client = await host.clients.modernMt(state.config);
    if (!client) return undefined;
    const { translateMissing: run } = services();
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Translating missing keys with ModernMT'),
        cancellable: true,
      },
      (progress, token) =>
        run(state.config!, client, {
          locales,
          only: args.only,
          signal: toSignal(token),
          logger: host.log,
          onProgress: (done, total, locale) =>
            progress.report({ message: `${locale} (${done}/${total})`, increment: 100 / total }),
        }),
    );
    const translated = result.locales.reduce((n, l) => n + l.translated, 0);
    const refused = result.locales.flatMap((l) => l.refused);
    await host.folders.scan(state, true);
    const keys = plural(
      translated,
      vscode.l10n.t('Translated 1 key'),
      vscode.l10n.t('Translated {0} keys', translated),
    );
    const skipped = result.locales.flatMap((l) => l.skipped);
    if (skipped.length > 0) {
      const showLog = vscode.l10n.t('Show Log');
      const files = plural(
        skipped.length,
        vscode.l10n.t('1 file was skipped and not written: {0}', skipped.map((s) => s.file).join(', ')),
        vscode.l10n.t(
          '{0} files were skipped and not written: {1}',
          skipped.length,
          skipped.map((s) => s.file).join(', '),
        ),
      );
      void host.notices.show('error', `${keys}; ${files}`, [showLog]).then((c) => c === showLog && host.log.show(true));
    } else if (refused.length > 0) {
      const showLog = vscode.l10n.t('Show Log');
      const why = plural(
        refused.length,
        vscode.l10n.t('1 was not applied because a placeholder would have been lost or invented.'),
        vscode.l10n.t('{0} were not applied because a placeholder would have been lost or invented.', refused.length),
      );
      void host.notices.show('warning', `${keys}; ${why}`, [showLog]).then((c) => c === showLog && host.log.show(true));
    } else {
      void host.notices.show(
        'info',
        `${keys} ${vscode.l10n.t('(machine translations, marked provisional until a pull brings the human ones).')}`,
      );
    }
    return result;
  };

/** The inline action of a target locale in the Locales view: that locale, no picker. */
export const translateMissingForLocale =
  (host: Host) =>
  async (node: LocalesNode): Promise<unknown> => {
    if (node?.kind !== 'locale' || node.locale.isSource) return undefined;
    return translateMissing(host)({ folder: node.state.folder.uri.fsPath, locales: [node.locale.locale] });
  };
