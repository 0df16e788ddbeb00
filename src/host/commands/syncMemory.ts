/** Sync ModernMT Memory: every current human translation (new pairs added, changed ones replaced). */
import * as vscode from 'vscode';
import type { Host } from '../host';
import { services } from '../lazyServices';
import { plural } from '../plural';

export const syncMemory =
  (host: Host) =>
  async (args: { folder?: string } = {}): Promise<unknown> => {
    const state = await host.folders.pick(args.folder ? vscode.Uri.file(args.folder) : undefined);
    if (!state?.config) return undefined;
    const client = await host.clients.modernMt(state.config);
    if (!client) return undefined;
    const { syncMemory: feedAll, openWorkspace } = services();
    const ws = await openWorkspace(state.config);
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Sending human translations to ModernMT'),
      },
      () => feedAll(ws, client, { logger: host.log }),
    );
    const added = plural(result.added, vscode.l10n.t('1 pair added'), vscode.l10n.t('{0} pairs added', result.added));
    const sent = vscode.l10n.t(
      'ModernMT memory {0}: {1}, {2} replaced, {3} unchanged.',
      String(result.memoryId),
      added,
      result.replaced,
      result.unchanged,
    );
    void host.notices.show('info', result.skipped ? vscode.l10n.t('Nothing sent: {0}.', result.skipped) : sent);
    return result;
  };
