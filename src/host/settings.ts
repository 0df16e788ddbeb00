/** The extension's settings, read in one place into a plain object (the core never sees VS Code's). */
import * as vscode from 'vscode';

export interface Settings {
  readonly pollIntervalSeconds: number;
  readonly translateSelectionMode: 'replace' | 'insertBelow' | 'clipboard';
  readonly defaultTargetLocale: string;
  readonly confirmPush: boolean;
  readonly confirmPullReplacements: boolean;
  readonly autoRelogin: boolean;
  /** Inline values after `t('…')` calls. */
  readonly inlineValues: boolean;
  /** Locale of the inline values ('' = the source locale). */
  readonly inlineValuesLocale: string;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  // `null`: the value for any resource (resource-scoped settings read without one otherwise warn).
  const c = vscode.workspace.getConfiguration('localeLoop', scope ?? null);
  return Object.freeze({
    pollIntervalSeconds: Math.max(0, c.get<number>('jobs.pollIntervalSeconds', 60)),
    translateSelectionMode: c.get<Settings['translateSelectionMode']>('translateSelection.mode', 'replace'),
    defaultTargetLocale: c.get<string>('translateSelection.defaultTargetLocale', ''),
    confirmPush: c.get<boolean>('push.confirm', true),
    confirmPullReplacements: c.get<boolean>('pull.confirmReplacements', true),
    autoRelogin: c.get<boolean>('phrase.autoRelogin', false),
    inlineValues: c.get<boolean>('inlineValues.enabled', true),
    inlineValuesLocale: c.get<string>('inlineValues.locale', ''),
  });
}
