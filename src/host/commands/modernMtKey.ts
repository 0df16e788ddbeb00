/** Set or remove the ModernMT API key (SecretStorage only); a new key is checked before it is saved. */
import * as vscode from 'vscode';
import type { Host } from '../host';
import { services } from '../lazyServices';

export const setModernMtKey =
  (host: Host) =>
  async (args: { key?: string; check?: boolean } = {}): Promise<boolean> => {
    const key = (
      args.key ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('ModernMT API key'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim().length < 8 ? vscode.l10n.t('That does not look like an API key') : undefined),
      }))
    )?.trim();
    if (!key) return false;
    if (args.check !== false) {
      // An authenticated call that costs nothing: a wrong key is refused now, not at the first translation.
      const config = (await host.folders.pick().catch(() => undefined))?.config;
      const { ModernMtClient } = services();
      try {
        await new ModernMtClient({
          apiKey: key,
          baseUrl: config?.modernmt.baseUrl,
          logger: host.log,
          retries: 0,
        }).listMemories();
      } catch (e) {
        const status = (e as { status?: unknown }).status;
        if (status === 401 || status === 403) {
          host.log.warn(`ModernMT refused the API key: ${(e as Error).message}`);
          const retry = vscode.l10n.t('Enter Another Key');
          void host.notices
            .show('error', vscode.l10n.t('ModernMT did not accept this API key; it was not saved.'), [retry])
            .then((c) => c === retry && vscode.commands.executeCommand('localeLoop.setModernMtKey'));
          return false;
        }
        // Offline or the service failing: the key may well be right; keep it and say so.
        host.log.warn(`the ModernMT API key could not be checked: ${(e as Error).message}`);
        await host.secrets.setModernMtKey(key);
        await host.clients.updateContext();
        void host.notices.show(
          'warning',
          vscode.l10n.t('ModernMT API key saved, but it could not be checked now (ModernMT did not answer).'),
        );
        return true;
      }
    }
    await host.secrets.setModernMtKey(key);
    await host.clients.updateContext();
    void host.notices.show('info', vscode.l10n.t('ModernMT API key checked and saved in the secret storage.'));
    return true;
  };

export const removeModernMtKey = (host: Host) => async (): Promise<void> => {
  await host.secrets.setModernMtKey(undefined);
  await host.clients.updateContext();
};
