/**
 * Sign in to / out of Phrase TMS: a token in SecretStorage; the password only with automatic
 * re-login. A refused password asks for the password again (the user name stays); the two-factor
 * code is asked only when the user says the account needs one (Phrase TMS does not say so itself).
 */
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

const refused = (e: unknown) =>
  e instanceof Error &&
  (e as { kind?: unknown; status?: unknown }).kind === 'PhraseError' &&
  (e as { status?: unknown }).status === 401;

export const signIn =
  (host: Host) =>
  async (args: SignInArgs = {}): Promise<boolean> => {
    const folder = await host.folders.pick();
    const baseUrl = args.baseUrl ?? folder?.config?.phrase.baseUrl ?? defaultPhraseUrl;
    const { PhraseClient } = services();
    let token = args.token;
    let userName = args.userName;
    let password = args.password;
    if (!token && !userName) {
      const withPassword = vscode.l10n.t('User name and password');
      const withToken = vscode.l10n.t('Paste an API token');
      const how = await vscode.window.showQuickPick([withPassword, withToken], {
        title: vscode.l10n.t('Sign in to Phrase TMS ({0})', baseUrl),
        ignoreFocusOut: true,
      });
      if (!how) return false;
      if (how === withToken) {
        token = await vscode.window.showInputBox({
          title: vscode.l10n.t('Phrase TMS API token'),
          password: true,
          ignoreFocusOut: true,
        });
      } else {
        userName = await vscode.window.showInputBox({
          title: vscode.l10n.t('Phrase TMS user name'),
          ignoreFocusOut: true,
        });
        if (!userName) return false;
        password = await vscode.window.showInputBox({
          title: vscode.l10n.t('Password for {0}', userName),
          password: true,
          ignoreFocusOut: true,
        });
      }
      if (!token && !password) return false;
    }
    if (token) {
      const user = await new PhraseClient({
        baseUrl,
        credentials: { token },
        logger: host.log,
        hostGate: host.clients.hostGate,
      }).whoAmI();
      await host.secrets.setPhraseToken({ token, baseUrl, userName: user.userName });
      userName = user.userName;
    } else {
      let code = args.code;
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await PhraseClient.signIn({
            baseUrl,
            credentials: { userName: userName!, password: password!, code },
            logger: host.log,
            hostGate: host.clients.hostGate,
          });
          await host.secrets.setPhraseToken({
            token: res.token,
            expires: res.expires,
            baseUrl,
            userName: res.user.userName,
          });
          break;
        } catch (e) {
          // Arguments given (a test, another extension): no prompt; a person: ask only what may be wrong.
          if (!refused(e) || args.password !== undefined || attempt >= 4) throw e;
          host.log.info(`Phrase TMS refused the sign-in of ${userName} (${(e as Error).message})`);
          const again = vscode.l10n.t('Enter the password again');
          const twoFactor = vscode.l10n.t('My account uses two-factor authentication: enter a code');
          const pick = await vscode.window.showQuickPick([again, twoFactor], {
            title: vscode.l10n.t('Phrase TMS did not accept the password for {0}', userName!),
            ignoreFocusOut: true,
          });
          if (!pick) return false;
          if (pick === twoFactor) {
            code =
              (await vscode.window.showInputBox({
                title: vscode.l10n.t('Two-factor code for {0}', userName!),
                ignoreFocusOut: true,
              })) || undefined;
            if (!code) return false;
          }
          password = await vscode.window.showInputBox({
            title: vscode.l10n.t('Password for {0}', userName!),
            password: true,
            ignoreFocusOut: true,
            value: pick === twoFactor ? password : '',
          });
          if (!password) return false;
        }
      }
      // The password is used once unless the user opted into automatic re-login.
      if (args.remember ?? readSettings().autoRelogin) {
        await host.secrets.setPhraseCredentials({ userName: userName!, password: password!, twoFactor: !!code });
      }
    }
    await host.clients.updateContext();
    host.log.info(`signed in to Phrase TMS at ${baseUrl} as ${userName}`);
    void host.notices.show('info', vscode.l10n.t('Signed in to Phrase TMS as {0}.', userName!));
    void host.jobs.poll();
    return true;
  };

export const signOut = (host: Host) => async (): Promise<void> => {
  // Revoke the token in Phrase TMS too: deleting it here alone would leave it valid for a day.
  const stored = await host.secrets.phraseToken();
  if (stored) {
    try {
      const { PhraseClient } = services();
      await new PhraseClient({
        baseUrl: stored.baseUrl,
        credentials: { token: stored.token, expires: stored.expires },
        logger: host.log,
        hostGate: host.clients.hostGate,
        retries: 0,
      }).logout();
    } catch (e) {
      host.log.warn(`signed out here, but Phrase TMS did not confirm revoking the token: ${(e as Error).message}`);
    }
  }
  await host.secrets.signOut();
  await host.clients.updateContext();
  // Clears the jobs and the status-bar count: they belonged to the account.
  await host.jobs.poll();
  void host.notices.show('info', vscode.l10n.t('Signed out of Phrase TMS.'));
};
