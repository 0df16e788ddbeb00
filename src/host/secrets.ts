/**
 * Secrets in VS Code's SecretStorage only: the Phrase TMS token (with its expiry), optionally the
 * Phrase credentials (when the user opts into automatic re-login), and the ModernMT key. Another
 * window changing them is noticed through `onDidChange`.
 */
import * as vscode from 'vscode';
import type { PhraseCredentials } from '../phrase/transport';

const keys = {
  phraseToken: 'localeLoop.phrase.token',
  phraseCredentials: 'localeLoop.phrase.credentials',
  modernMtKey: 'localeLoop.modernmt.apiKey',
} as const;

export interface StoredToken {
  readonly token: string;
  readonly expires?: string;
  readonly baseUrl: string;
  readonly userName?: string;
}

export class SecretStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly storage: vscode.SecretStorage) {
    this.subscription = storage.onDidChange((e) => {
      if ((Object.values(keys) as string[]).includes(e.key)) this.changed.fire();
    });
  }

  async phraseToken(): Promise<StoredToken | undefined> {
    return parse<StoredToken>(await this.storage.get(keys.phraseToken));
  }

  async setPhraseToken(token: StoredToken): Promise<void> {
    await this.storage.store(keys.phraseToken, JSON.stringify(token));
  }

  async phraseCredentials(): Promise<(PhraseCredentials & { userName: string; twoFactor?: boolean }) | undefined> {
    return parse(await this.storage.get(keys.phraseCredentials));
  }

  /** `twoFactor`: the account signed in with a code, so a re-login asks for a fresh one. */
  async setPhraseCredentials(c: { userName: string; password: string; twoFactor?: boolean }): Promise<void> {
    await this.storage.store(keys.phraseCredentials, JSON.stringify(c));
  }

  /** After Phrase refused them: the token may still work; the password is not kept to be refused again. */
  async forgetPhraseCredentials(): Promise<void> {
    await this.storage.delete(keys.phraseCredentials);
  }

  async signOut(): Promise<void> {
    await this.storage.delete(keys.phraseToken);
    await this.storage.delete(keys.phraseCredentials);
  }

  modernMtKey(): Thenable<string | undefined> {
    return this.storage.get(keys.modernMtKey);
  }

  async setModernMtKey(key: string | undefined): Promise<void> {
    if (key) await this.storage.store(keys.modernMtKey, key);
    else await this.storage.delete(keys.modernMtKey);
  }

  /** Every secret value now, for redaction. */
  async all(): Promise<string[]> {
    const t = await this.phraseToken();
    const c = await this.phraseCredentials();
    const m = await this.modernMtKey();
    return [t?.token, c && 'password' in c ? c.password : undefined, m].filter((s): s is string => !!s);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function parse<T>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
