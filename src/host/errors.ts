/** Errors in the host: a short description (for tree rows and the log) and cancellation; notices.ts shows them. */
import * as vscode from 'vscode';
import { ConfigError, LocaleParseError, LocaleWriteError } from '../locales/errors';

export function describe(e: unknown): string {
  if (LocaleParseError.is(e) || ConfigError.is(e) || LocaleWriteError.is(e)) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/** A VS Code cancellation token as an AbortSignal for the core. */
export function toSignal(token: vscode.CancellationToken | undefined): AbortSignal | undefined {
  if (!token) return undefined;
  const ctl = new AbortController();
  if (token.isCancellationRequested) ctl.abort(new vscode.CancellationError());
  token.onCancellationRequested(() => ctl.abort(new vscode.CancellationError()));
  return ctl.signal;
}
