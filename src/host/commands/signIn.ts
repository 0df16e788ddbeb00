/** Sign in to / out of Phrase TMS: a token in SecretStorage; the password only with automatic re-login. */
import * as vscode from 'vscode';
import { defaultPhraseUrl } from '../../locales/config';
import type { Host } from '../host';
import { services } from '../lazyServices';
import { readSettings } from '../settings';

/** Arguments tests (and other extensions) can pass instead of answering prompts. */
export interface SignInArgs {
  readonly baseUrl?: string;
  readonly token?: string;
  readonly userName?: string;
  readonly password?: string;
  readonly code?: string;
  /** Keep the credentials for automatic re-login (default: the setting). */
  readonly remember?: boolean;
}

export const signIn = (host: Host) => async (args: SignInArgs = {}): Promise<boolean> => {
  const folder = await host.folders.pick();
  const baseUrl = args.baseUrl ?? folder?.config?.phrase.baseUrl ?? defaultPhraseUrl;
  let token = args.token;
  let userName = args.userName;
  let password = args.password;
  if (!token && !userName) {
    const withPassword = vscode.l10n.t('User name and password');
    const withToken = vscode.l10n.t('Paste an API token');
    const how = await vscode.window.showQuickPick([withPassword, withToken], { title: vscode.l10n.t('Sign in to Phrase TMS ({0})', baseUrl), ignoreFocusOut: true });
    if (!how) return false;
    if (how === withToken) token = await vscode.window.showInputBox({ title: vscode.l10n.t('Phrase TMS API token'), password: true, ignoreFocusOut: true });
    else {
      userName = await vscode.window.showInputBox({ title: vscode.l10n.t('Phrase TMS user name'), ignoreFocusOut: true });
      if (!userName) return false;
      password = await vscode.window.showInputBox({ title: vscode.l10n.t('Password for {0}', userName), password: true, ignoreFocusOut: true });
    }
    if (!token && !password) return false;
  }
  const { PhraseClient } = services();
  if (token) {
    const user = await new PhraseClient({ baseUrl, credentials: { token }, logger: host.logger, hostGate: host.clients.hostGate }).whoAmI();
    await host.secrets.setPhraseToken({ token, baseUrl, userName: user.userName });
    userName = user.userName;
  } else {
    let code = args.code;
    if (code === undefined && !args.password) code = (await vscode.window.showInputBox({ title: vscode.l10n.t('Two-factor code (leave empty if not used)'), ignoreFocusOut: true })) || undefined;
    const res = await PhraseClient.signIn({ baseUrl, credentials: { userName: userName!, password: password!, code }, logger: host.logger, hostGate: host.clients.hostGate });
    await host.secrets.setPhraseToken({ token: res.token, expires: res.expires, baseUrl, userName: res.user.userName });
    // The password is used once unless the user opted into automatic re-login.
    if (args.remember ?? readSettings().autoRelogin) await host.secrets.setPhraseCredentials({ userName: userName!, password: password!, twoFactor: !!code });
  }
  await host.clients.updateContext();
  host.log.info(`signed in to Phrase TMS at ${baseUrl} as ${userName}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Phrase TMS as {0}.', userName!));
  void host.jobs.poll();
  return true;
};

export const signOut = (host: Host) => async (): Promise<void> => {
  // Revoke the token in Phrase TMS too: deleting it here alone would leave it valid for a day.
  const stored = await host.secrets.phraseToken();
  if (stored) {
    try {
      const { PhraseClient } = services();
      await new PhraseClient({ baseUrl: stored.baseUrl, credentials: { token: stored.token, expires: stored.expires }, logger: host.logger, hostGate: host.clients.hostGate, retries: 0 }).logout();
    } catch (e) {
      host.logger.warn(`signed out here, but Phrase TMS did not confirm revoking the token: ${(e as Error).message}`);
    }
  }
  await host.secrets.signOut();
  await host.clients.updateContext();
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Phrase TMS.'));
};
