/** Registers every command from one table: trust gating and the error path in one place. */
import * as vscode from 'vscode';
import type { CommandId } from '../commandIds';
import { commandIds, trustedOnly } from '../commandIds';
import type { Host } from '../host';
import { addKey } from './addKey';
import { createConfig } from './createConfig';
import { extractString } from './extractString';
import { openJobInPhrase } from './openJobInPhrase';
import { pull, pullJob } from './pull';
import { push } from './push';
import { refresh } from './refresh';
import { revealKey } from './revealKey';
import { removeModernMtKey, setModernMtKey } from './modernMtKey';
import { showConflicts } from './showConflicts';
import { signIn, signOut } from './signIn';
import { syncMemory } from './syncMemory';
import { translateKey } from './translateKey';
import { translateMissing, translateMissingForLocale } from './translateMissing';
import { translateSelection } from './translateSelection';

type Handler = (host: Host) => (...args: never[]) => unknown;

/** The handler of every command id (the manifest test checks both directions). */
export const handlers: Record<CommandId, Handler> = {
  [commandIds.signIn]: signIn,
  [commandIds.signOut]: signOut,
  [commandIds.setModernMtKey]: setModernMtKey,
  [commandIds.removeModernMtKey]: removeModernMtKey,
  [commandIds.refresh]: refresh,
  [commandIds.push]: push,
  [commandIds.pull]: pull,
  [commandIds.pullJob]: pullJob,
  [commandIds.openJobInPhrase]: openJobInPhrase,
  [commandIds.showJobs]: () => () => vscode.commands.executeCommand('localeLoop.jobs.focus'),
  [commandIds.showConflicts]: showConflicts,
  [commandIds.translateSelection]: translateSelection,
  [commandIds.translateMissing]: translateMissing,
  [commandIds.translateMissingForLocale]: translateMissingForLocale,
  [commandIds.translateKey]: translateKey,
  [commandIds.syncMemory]: syncMemory,
  [commandIds.createConfig]: createConfig,
  [commandIds.showLog]: (host) => () => host.log.show(),
  [commandIds.revealKey]: revealKey,
  [commandIds.addKey]: addKey,
  [commandIds.extractString]: extractString,
};

export function registerCommands(host: Host): void {
  for (const [id, make] of Object.entries(handlers) as Array<[CommandId, Handler]>) {
    const run = make(host) as (...args: unknown[]) => unknown;
    host.context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        if (trustedOnly.has(id) && !vscode.workspace.isTrusted) {
          void host.notices.show(
            'warning',
            vscode.l10n.t(
              'This workspace is not trusted: Locale Loop does not send its content to a server or write its files. Trust the workspace to use this command.',
            ),
          );
          return undefined;
        }
        try {
          return await run(...args);
        } catch (e) {
          host.notices.error(e, id);
          return undefined;
        }
      }),
    );
  }
}
