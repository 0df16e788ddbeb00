/** Set or remove the ModernMT API key (SecretStorage only). */
import * as vscode from 'vscode';
import type { Host } from '../host';

export const setModernMtKey = (host: Host) => async (args: { key?: string } = {}): Promise<boolean> => {
  const key = args.key ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('ModernMT API key'), password: true, ignoreFocusOut: true, validateInput: (v) => (v.trim().length < 8 ? vscode.l10n.t('That does not look like an API key') : undefined) }));
  if (!key) return false;
  await host.secrets.setModernMtKey(key.trim());
  await host.clients.updateContext();
  void vscode.window.showInformationMessage(vscode.l10n.t('ModernMT API key saved in the secret storage.'));
  return true;
};

export const removeModernMtKey = (host: Host) => async (): Promise<void> => {
  await host.secrets.setModernMtKey(undefined);
  await host.clients.updateContext();
};
