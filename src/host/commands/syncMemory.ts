/** Sync ModernMT Memory: every current human translation in one TMX import. */
import * as vscode from 'vscode';
import type { Host } from '../host';
import { services } from '../lazyServices';
import { plural } from '../plural';

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
  const sent = plural(result.pairs, vscode.l10n.t('Sent 1 human translation to ModernMT memory {0}.', String(result.memoryId)), vscode.l10n.t('Sent {0} human translations of {1} keys to ModernMT memory {2}.', result.pairs, result.units, String(result.memoryId)));
  void host.notices.show('info', result.skipped ? vscode.l10n.t('Nothing sent: {0}.', result.skipped) : sent);
  return result;
};
