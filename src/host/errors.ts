/** One path for errors to the user: a message once, with "Show Log"; the details in the log. */
import * as vscode from 'vscode';
import { ConfigError, LocaleParseError, LocaleWriteError } from '../locales/errors';
import { redact } from '../util/redact';

export function describe(e: unknown): string {
  if (LocaleParseError.is(e) || ConfigError.is(e) || LocaleWriteError.is(e)) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/** Logs the error and shows it once; returns at once (the notification does not hold the command). */
export function showError(log: vscode.LogOutputChannel, prefix: string, e: unknown, secrets: readonly string[] = []): void {
  if (e instanceof vscode.CancellationError || (e instanceof Error && e.name === 'AbortError')) return;
  const message = redact(describe(e), secrets);
  log.error(`${prefix}: ${message}`);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(`${prefix}: ${message}`, showLog).then((choice) => {
    if (choice === showLog) log.show(true);
  });
}

/** A VS Code cancellation token as an AbortSignal for the core. */
export function toSignal(token: vscode.CancellationToken | undefined): AbortSignal | undefined {
  if (!token) return undefined;
  const ctl = new AbortController();
  if (token.isCancellationRequested) ctl.abort(new vscode.CancellationError());
  token.onCancellationRequested(() => ctl.abort(new vscode.CancellationError()));
  return ctl.signal;
}
