/** Sync ModernMT Memory: every current human translation in one TMX import. */
import * as vscode from 'vscode';
import type { Host } from '../host';
import { services } from '../lazyServices';

export const syncMemory = (host: Host) => async (args: { folder?: string } = {}): Promise<unknown> => {
  const state = await host.folders.pick(args.folder ? vscode.Uri.file(args.folder) : undefined);
  if (!state?.config) return undefined;
  const client = await host.clients.modernMt(state.config);
  if (!client) return undefined;
  const { feedMemory, currentHumanTranslations, openWorkspace } = services();
  const ws = await openWorkspace(state.config);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending human translations to ModernMT') }, async () =>
    feedMemory(ws, client, await currentHumanTranslations(ws), { logger: host.logger }),
  );
  void vscode.window.showInformationMessage(result.skipped ? vscode.l10n.t('Nothing sent: {0}.', result.skipped) : vscode.l10n.t('Sent {0} translation(s) of {1} key(s) to ModernMT memory {2}.', result.pairs, result.units, String(result.memoryId)));
  return result;
};
