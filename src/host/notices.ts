/**
 * Every message Locale Loop shows goes through here: errors as a sentence a person understands
 * with the action that helps (the HTTP detail and action id go to the log), and a short record
 * of what was shown, which the in-host tests read (there is no API to read notifications).
 */
import * as vscode from 'vscode';
import type { ModernMtError } from '../modernmt/errors';
import type { PhraseError } from '../phrase/errors';
import { ConfigError, LocaleParseError, LocaleWriteError } from '../locales/errors';
import { redact } from '../util/redact';
import { SyncError } from '../sync/errors';
import type { SyncErrorReason } from '../sync/errors';
import { commandIds } from './commandIds';
import type { HostLog } from './log';

export type Severity = 'info' | 'warning' | 'error';

export interface Notice {
  readonly severity: Severity;
  readonly message: string;
  readonly actions: readonly string[];
  /** The technical detail (HTTP status, error code, action id), also written to the log. */
  readonly detail?: string;
}

/** An error in words, the actions that help, and the technical detail. */
export interface Explained {
  readonly message: string;
  readonly actions: ReadonlyArray<{ readonly title: string; readonly command: string }>;
  readonly detail: string;
}

const isKind = <T>(e: unknown, kind: string): e is T => e instanceof Error && (e as { kind?: unknown }).kind === kind;

export function explain(e: unknown): Explained {
  const detail = e instanceof Error ? e.message : String(e);
  const signIn = { title: vscode.l10n.t('Sign in again'), command: commandIds.signIn };
  const mtKey = { title: vscode.l10n.t('Set ModernMT API Key'), command: commandIds.setModernMtKey };
  if (isKind<PhraseError>(e, 'PhraseError')) {
    if (e.status === 401 && e.errorCode === 'AuthInvalidCredentials') {
      return {
        message: vscode.l10n.t('Phrase TMS did not accept the user name or password.'),
        actions: [signIn],
        detail,
      };
    }
    if (e.status === 401) {
      return {
        message: vscode.l10n.t('Your Phrase TMS sign-in has expired or was revoked: sign in again.'),
        actions: [signIn],
        detail,
      };
    }
    if (e.status === 403 && e.errorCode !== 'ApiLimitReached') {
      return {
        message: vscode.l10n.t(
          'Phrase TMS refused this: your account lacks the rights for it (ask a Phrase TMS administrator).',
        ),
        actions: [],
        detail,
      };
    }
    if (e.status === 404) {
      return {
        message: vscode.l10n.t(
          'Phrase TMS does not know this project or job: check "phrase.projectUid" in locale-loop.json.',
        ),
        actions: [],
        detail,
      };
    }
    if (e.status === 0) {
      return {
        message: vscode.l10n.t(
          'Phrase TMS could not be reached: check the network and "phrase.baseUrl" in locale-loop.json.',
        ),
        actions: [],
        detail,
      };
    }
    if (e.retryable) {
      return {
        message: vscode.l10n.t('Phrase TMS is busy or failing right now: try again in a minute.'),
        actions: [],
        detail,
      };
    }
    return {
      message: vscode.l10n.t('Phrase TMS refused the request: {0}', e.description || e.errorCode),
      actions: [],
      detail,
    };
  }
  if (isKind<ModernMtError>(e, 'ModernMtError')) {
    if (e.status === 401 || e.type === 'AuthenticationException') {
      return { message: vscode.l10n.t('ModernMT did not accept the API key.'), actions: [mtKey], detail };
    }
    if (e.status === 0) {
      return {
        message: vscode.l10n.t(
          'ModernMT could not be reached: check the network and "modernmt.baseUrl" in locale-loop.json.',
        ),
        actions: [],
        detail,
      };
    }
    if (e.retryable) {
      return {
        message: vscode.l10n.t('ModernMT is busy or failing right now: try again in a minute.'),
        actions: [],
        detail,
      };
    }
    return {
      message: vscode.l10n.t('ModernMT refused the request: {0}', e.description || e.type),
      actions: [],
      detail,
    };
  }
  if (SyncError.is(e)) return { message: e.message, actions: syncActions(e.reason), detail };
  // The locale engine's errors already name the file, line and column in words.
  if (LocaleParseError.is(e) || ConfigError.is(e) || LocaleWriteError.is(e)) {
    return { message: e.message, actions: [], detail };
  }
  return { message: detail, actions: [], detail };
}

/** What helps, per reason of a sync flow's error (the message already says what happened and why). */
function syncActions(reason: SyncErrorReason): Explained['actions'] {
  switch (reason) {
    case 'not-pushed':
      return [{ title: vscode.l10n.t('Push to Phrase TMS'), command: commandIds.push }];
    case 'not-signed-in':
      return [{ title: vscode.l10n.t('Sign in to Phrase TMS'), command: commandIds.signIn }];
    case 'no-project':
      return [{ title: vscode.l10n.t('Choose a Phrase TMS project'), command: commandIds.createConfig }];
    // Pushing to the new project or going back to the old one is the user's choice, and a busy
    // lock needs only time (the message says so): no button for these.
    case 'project-changed':
    case 'locked':
    case 'state-corrupt':
    case 'unknown-step':
    case 'outside-workspace':
      return [];
  }
}

export class Notices {
  private readonly record: Notice[] = [];

  constructor(
    private readonly log: HostLog,
    private readonly secrets: () => readonly string[],
  ) {}

  /** What was shown, oldest first (the last 50). */
  get shown(): readonly Notice[] {
    return this.record;
  }

  /** Shows a message; resolves to the action picked (the caller decides whether to wait). */
  show(
    severity: Severity,
    message: string,
    actions: readonly string[] = [],
    options: { modal?: boolean; detail?: string } = {},
  ): Thenable<string | undefined> {
    this.record.push({ severity, message, actions, detail: options.detail });
    if (this.record.length > 50) this.record.shift();
    const show =
      severity === 'error'
        ? vscode.window.showErrorMessage
        : severity === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    return options.modal
      ? show(message, { modal: true, detail: options.detail }, ...actions)
      : show(message, ...actions);
  }

  /** An error: the sentence and its actions in a notification, the detail in the log; returns at once. */
  error(e: unknown, context?: string): void {
    if (e instanceof vscode.CancellationError || (e instanceof Error && e.name === 'AbortError')) return;
    const x = explain(e);
    const message = redact(x.message, this.secrets());
    const detail = redact(x.detail, this.secrets());
    this.log.error(`${context ? `${context}: ` : ''}${detail}`);
    const showLog = vscode.l10n.t('Show Log');
    void this.show('error', message, [...x.actions.map((a) => a.title), showLog], { detail }).then((choice) => {
      if (choice === showLog) this.log.show(true);
      const action = x.actions.find((a) => a.title === choice);
      if (action) void vscode.commands.executeCommand(action.command);
    });
  }
}
