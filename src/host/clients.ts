/**
 * Phrase TMS and ModernMT clients from what SecretStorage holds, for a folder's config. A renewed
 * Phrase token is stored back; a missing secret offers to set it.
 */
import * as vscode from 'vscode';
import type { LocaleLoopConfig } from '../locales/config';
import type { ModernMtClient } from '../modernmt/client';
import type { PhraseClient } from '../phrase/client';
import type { HostGate } from '../util/http/hostPolicy';
import type { Logger } from '../util/logger';
import { commandIds, contextKeys } from './commandIds';
import type { SecretStore } from './secrets';
import { services } from './lazyServices';

export class Clients {
  /** Who may receive credentials besides the known hosts: the user, asked once per workspace. */
  readonly hostGate: HostGate;

  constructor(
    private readonly secrets: SecretStore,
    private readonly logger: Logger,
    confirmHost?: HostGate['confirm'],
  ) {
    this.hostGate = { confirm: confirmHost };
  }

  /** The Phrase TMS client, or undefined (after offering to sign in) without a token. */
  async phrase(config: {
    readonly phrase: Pick<LocaleLoopConfig['phrase'], 'baseUrl' | 'concurrency'>;
  }): Promise<PhraseClient | undefined> {
    const stored = await this.secrets.phraseToken();
    const credentials = await this.secrets.phraseCredentials();
    if (!stored && !credentials) {
      const signIn = vscode.l10n.t('Sign in to Phrase TMS');
      if (
        (await vscode.window.showWarningMessage(
          vscode.l10n.t('Locale Loop is not signed in to Phrase TMS.'),
          signIn,
        )) === signIn
      ) {
        await vscode.commands.executeCommand(commandIds.signIn);
      }
      return undefined;
    }
    const { PhraseClient } = services();
    return new PhraseClient({
      baseUrl: stored?.baseUrl ?? config.phrase.baseUrl,
      // With stored credentials (automatic re-login) an expired token is renewed; else the user signs in again.
      credentials: credentials ?? { token: stored!.token, expires: stored!.expires },
      // The stored token first: one login per token lifetime, not one per command or poll.
      initialToken: credentials && stored ? { token: stored.token, expires: stored.expires } : undefined,
      // A two-factor code works once: a re-login asks for a fresh one, only for accounts that use it.
      twoFactorCode: credentials?.twoFactor ? () => askTwoFactorCode() : undefined,
      // Refused credentials are not tried again by every refresh (the account would lock).
      onCredentialsRefused: () => void this.secrets.forgetPhraseCredentials().then(() => this.updateContext()),
      hostGate: this.hostGate,
      logger: this.logger,
      concurrency: config.phrase.concurrency,
      onToken: (token, expires) =>
        void this.secrets.setPhraseToken({
          token,
          expires,
          baseUrl: stored?.baseUrl ?? config.phrase.baseUrl,
          userName: stored?.userName,
        }),
    });
  }

  async isSignedIn(): Promise<boolean> {
    return !!(await this.secrets.phraseToken()) || !!(await this.secrets.phraseCredentials());
  }

  /** The Phrase TMS client when signed in; never prompts (for background refreshes). */
  async phraseIfSignedIn(config: LocaleLoopConfig): Promise<PhraseClient | undefined> {
    if (!(await this.secrets.phraseToken()) && !(await this.secrets.phraseCredentials())) return undefined;
    return this.phrase(config);
  }

  /** The ModernMT client, or undefined (after offering to set the key) without a key. */
  async modernMt(config: LocaleLoopConfig | undefined): Promise<ModernMtClient | undefined> {
    const apiKey = await this.secrets.modernMtKey();
    if (!apiKey) {
      const set = vscode.l10n.t('Set ModernMT API Key');
      if ((await vscode.window.showWarningMessage(vscode.l10n.t('No ModernMT API key is set.'), set)) === set) {
        await vscode.commands.executeCommand(commandIds.setModernMtKey);
      }
      return undefined;
    }
    const { ModernMtClient } = services();
    return new ModernMtClient({
      apiKey,
      baseUrl: config?.modernmt.baseUrl,
      logger: this.logger,
      concurrency: config?.modernmt.concurrency,
      maxSegments: config?.modernmt.maxSegmentsPerRequest,
      maxChars: config?.modernmt.maxCharsPerRequest,
      charsPerSecond: config?.modernmt.charsPerSecond,
      hostGate: this.hostGate,
    });
  }

  async updateContext(): Promise<void> {
    await vscode.commands.executeCommand(
      'setContext',
      contextKeys.signedIn,
      !!(await this.secrets.phraseToken()) || !!(await this.secrets.phraseCredentials()),
    );
    await vscode.commands.executeCommand(
      'setContext',
      contextKeys.hasModernMtKey,
      !!(await this.secrets.modernMtKey()),
    );
  }
}

async function askTwoFactorCode(): Promise<string> {
  const code = await vscode.window.showInputBox({
    title: vscode.l10n.t('Phrase TMS session expired: two-factor code'),
    prompt: vscode.l10n.t('Signing in again needs a fresh code from your authenticator app.'),
    ignoreFocusOut: true,
  });
  // No code, no login: one sent without it is refused, counts towards locking the account, and drops the stored credentials.
  if (!code) {
    throw new Error(
      vscode.l10n.t(
        'Locale Loop did not sign in to Phrase TMS again: it needs a fresh two-factor code, and none was entered.',
      ),
    );
  }
  return code;
}
