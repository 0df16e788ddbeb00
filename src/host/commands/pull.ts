/** Pull completed translations (all, or one job); conflicts are listed afterwards. */
import * as vscode from 'vscode';
import type { HumanTranslation } from '../../sync/memory';
import { commandIds } from '../commandIds';
import { toSignal } from '../errors';
import type { Host } from '../host';
import { services } from '../lazyServices';
import type { JobArgs, JobsNode } from '../views/jobsTree';

export interface PullArgs {
  readonly folder?: string;
  readonly prefer?: 'local' | 'remote';
  readonly jobUids?: readonly string[];
}

export const pull = (host: Host) => async (args: PullArgs = {}): Promise<unknown> => {
  const state = await host.folders.pick(args.folder ? vscode.Uri.file(args.folder) : undefined);
  if (!state?.config) return undefined;
  const client = await host.clients.phrase(state.config);
  if (!client) return undefined;
  const { pull: runPull, openWorkspace, feedAfterPull } = services();
  const ws = await openWorkspace(state.config);
  const arrived: HumanTranslation[] = [];
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pulling translations from Phrase TMS'), cancellable: true },
    (progress, token) =>
      runPull(ws, client, {
        prefer: args.prefer,
        jobUids: args.jobUids,
        signal: toSignal(token),
        logger: host.logger,
        onTranslations: (t) => {
          for (const x of t) arrived.push(x);
        },
        onProgress: (done, total, file) => progress.report({ message: `${done}/${total} ${file}`, increment: 100 / total }),
      }),
  );
  host.conflicts.set(state.folder.uri.fsPath, result.files.flatMap((f) => f.conflicts.map((c) => ({ ...c, file: f.file, locale: f.locale, namespace: f.namespace }))));
  for (const f of result.files) if (f.error) host.log.error(`pull ${f.file}: ${f.error}`);
  // The adaptive loop: what linguists wrote teaches the ModernMT memory.
  const mmt = arrived.length > 0 && (await host.secrets.modernMtKey()) ? await host.clients.modernMt(state.config) : undefined;
  const fed = await feedAfterPull(ws, mmt, arrived, { logger: host.logger });
  const fedNote = fed && !fed.error && !fed.skipped ? ' ' + vscode.l10n.t('ModernMT memory: {0} pair(s) added, {1} replaced.', fed.added, fed.replaced) : '';
  await host.folders.scan(state, true);
  void host.jobs.poll();
  const written = result.files.filter((f) => f.written).length;
  const keys = result.files.reduce((n, f) => n + f.applied, 0);
  if (result.errors > 0) {
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} job(s) could not be pulled; nothing was written for them.', result.errors), showLog).then((c) => c === showLog && host.log.show(true));
  }
  if (result.conflicts > 0) {
    const show = vscode.l10n.t('Show Conflicts');
    void vscode.window.showWarningMessage(vscode.l10n.t('Pulled {0} key(s) into {1} file(s). {2} local edit(s) were kept: see the conflicts.', keys, written, result.conflicts) + fedNote, show).then((c) => c === show && vscode.commands.executeCommand(commandIds.showConflicts));
  } else {
    void vscode.window.showInformationMessage(result.files.length === 0 ? vscode.l10n.t('No job is ready to pull.') : vscode.l10n.t('Pulled {0} key(s) into {1} file(s).', keys, written) + fedNote);
  }
  return result;
};

export const pullJob = (host: Host) => async (arg: JobsNode | JobArgs): Promise<unknown> => {
  const args = 'kind' in arg ? (arg.kind === 'job' ? { folder: arg.state.folder.uri.fsPath, jobUid: arg.row.jobUid } : undefined) : arg;
  if (!args) return undefined;
  return pull(host)({ folder: args.folder, jobUids: [args.jobUid] });
};
