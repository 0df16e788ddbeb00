/**
 * The host's one log: the "Locale Loop" LogOutputChannel (the user's log level applies) as the
 * core's `Logger`. Every line, whoever writes it (commands, views, the clients), is redacted
 * against the secrets in SecretStorage and every secret the process holds.
 */
import * as vscode from 'vscode';
import type { Logger } from '../util/logger';
import { redactingLogger } from '../util/logger';

export class HostLog implements Logger, vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Locale Loop', { log: true });
  private readonly redacted: Logger;

  constructor(secrets: () => readonly string[]) {
    const c = this.channel;
    this.redacted = redactingLogger(
      {
        trace: (m) => c.trace(m),
        debug: (m) => c.debug(m),
        info: (m) => c.info(m),
        warn: (m) => c.warn(m),
        error: (m) => c.error(m),
      },
      secrets,
    );
  }

  trace(message: string): void {
    this.redacted.trace(message);
  }
  debug(message: string): void {
    this.redacted.debug(message);
  }
  info(message: string): void {
    this.redacted.info(message);
  }
  warn(message: string): void {
    this.redacted.warn(message);
  }
  error(message: string): void {
    this.redacted.error(message);
  }

  /** Opens the log (Show Log). */
  show(preserveFocus?: boolean): void {
    this.channel.show(preserveFocus);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
