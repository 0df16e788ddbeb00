/**
 * Phrase TMS and ModernMT clients from what SecretStorage holds, for a folder's config. A renewed
 * Phrase token is stored back; a missing secret offers to set it.
 */
import * as vscode from 'vscode';
import type { LocaleLoopConfig } from '../locales/config';
import type { ModernMtClient } from '../modernmt/client';
import type { PhraseClient } from '../phrase/client';
import type { Logger } from '../util/logger';
import { commandIds, contextKeys } from './commandIds';
import type { SecretStore } from './secrets';
import { services } from './lazyServices';

export class Clients {
  constructor(
    private readonly secrets: SecretStore,
    private readonly logger: Logger,
  ) {}

  /** The Phrase TMS client, or undefined (after offering to sign in) without a token. */
  async phrase(config: { readonly phrase: Pick<LocaleLoopConfig['phrase'], 'baseUrl' | 'concurrency'> }): Promise<PhraseClient | undefined> {
    const stored = await this.secrets.phraseToken();
    const credentials = await this.secrets.phraseCredentials();
    if (!stored && !credentials) {
      const signIn = vscode.l10n.t('Sign in to Phrase TMS');
      if ((await vscode.window.showWarningMessage(vscode.l10n.t('Locale Loop is not signed in to Phrase TMS.'), signIn)) === signIn) {
        await vscode.commands.executeCommand(commandIds.signIn);
      }
      return undefined;
    }
    const { PhraseClient } = services();
    return new PhraseClient({
      baseUrl: stored?.baseUrl ?? config.phrase.baseUrl,
      // With stored credentials (automatic re-login) an expired token is renewed; else the user signs in again.
      credentials: credentials ?? { token: stored!.token, expires: stored!.expires },
      logger: this.logger,
      concurrency: config.phrase.concurrency,
      onToken: (token, expires) => void this.secrets.setPhraseToken({ token, expires, baseUrl: stored?.baseUrl ?? config.phrase.baseUrl, userName: stored?.userName }),
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
      if ((await vscode.window.showWarningMessage(vscode.l10n.t('No ModernMT API key is set.'), set)) === set) await vscode.commands.executeCommand(commandIds.setModernMtKey);
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
    });
  }

  async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', contextKeys.signedIn, !!(await this.secrets.phraseToken()) || !!(await this.secrets.phraseCredentials()));
    await vscode.commands.executeCommand('setContext', contextKeys.hasModernMtKey, !!(await this.secrets.modernMtKey()));
  }
}
