/**
 * Pull completed translations (all, or one job). When the pull would replace values the files
 * already have, the plan (a dry run, as `pull --dry-run` in the CLI) is shown first; the summary
 * counts new, replaced and kept values; conflicts are listed afterwards.
 */
import * as vscode from 'vscode';
import type { PullResult } from '../../sync/pull';
import { commandIds } from '../commandIds';
import { toSignal } from '../errors';
import type { Host } from '../host';
import { services } from '../lazyServices';
import { plural } from '../plural';
import { readSettings } from '../settings';
import type { JobArgs, JobsNode } from '../views/jobsTree';
import { jobArgsOf } from '../views/jobsTree';

export interface PullArgs {
  readonly folder?: string;
  readonly prefer?: 'local' | 'remote';
  readonly jobUids?: readonly string[];
  /** Ask before replacing values the files have (default: `localeLoop.pull.confirmReplacements`). */
  readonly confirm?: boolean;
}

export const pull =
  (host: Host) =>
  async (args: PullArgs = {}): Promise<PullResult | undefined> => {
    const state = await host.folders.pick(args.folder ? vscode.Uri.file(args.folder) : undefined);
    if (!state?.config) return undefined;
    const client = await host.clients.phrase(state.config);
    if (!client) return undefined;
    const { pullAndFeed, openWorkspace } = services();
    const ws = await openWorkspace(state.config);
    if (args.confirm ?? readSettings(state.folder.uri).confirmPullReplacements) {
      const plan = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Checking what the pull would change'),
          cancellable: true,
        },
        async (_p, token) =>
          (
            await pullAndFeed(ws, client, {
              dryRun: true,
              prefer: args.prefer,
              jobUids: args.jobUids,
              signal: toSignal(token),
              logger: host.log,
            })
          ).pull,
      );
      const replaced = plan.files.flatMap((f) =>
        (f.replaced ?? []).map((r) => `${f.file} ${r.key}: ${JSON.stringify(r.local)} → ${JSON.stringify(r.remote)}`),
      );
      if (replaced.length > 0) {
        const go = vscode.l10n.t('Pull');
        const detail = [
          ...replaced.slice(0, 20),
          ...(replaced.length > 20 ? [vscode.l10n.t('… and {0} more', replaced.length - 20)] : []),
        ].join('\n');
        const choice = await host.notices.show(
          'warning',
          `${vscode.l10n.t('The pull will replace existing translations.')} ${summary(plan)}`,
          [go],
          { modal: true, detail },
        );
        if (choice !== go) return undefined;
      }
    }
    const {
      pull: result,
      fed,
      declined,
    } = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Pulling translations from Phrase TMS'),
        cancellable: true,
      },
      (progress, token) =>
        pullAndFeed(ws, client, {
          prefer: args.prefer,
          jobUids: args.jobUids,
          signal: toSignal(token),
          logger: host.log,
          // The adaptive loop: what linguists wrote teaches the ModernMT memory (when a key is set).
          memoryClient: async () =>
            (await host.secrets.modernMtKey()) ? host.clients.modernMt(state.config) : undefined,
          onProgress: (done, total, file) =>
            progress.report({ message: `${done}/${total} ${file}`, increment: 100 / total }),
        }),
    );
    const sourceText = (namespace: string, key: string) => {
      const v = ws.sourceFiles.find((s) => s.file.template === namespace)?.parsed.entries.get(key)?.value;
      return typeof v === 'string' ? v : undefined;
    };
    // With prefer 'local' the flow recorded every conflict as "keep mine": none is left to resolve.
    host.conflicts.set(
      state.folder.uri.fsPath,
      result.files.flatMap((f) =>
        (declined > 0 ? [] : f.conflicts).map((c) => ({
          ...c,
          file: f.file,
          locale: f.locale,
          namespace: f.namespace,
          source: sourceText(f.namespace, c.key),
          sourceLocale: ws.sourceLocale,
        })),
      ),
    );
    const fedNote =
      fed && !fed.error && !fed.skipped
        ? ' ' +
          vscode.l10n.t(
            'ModernMT memory: {0}, {1} replaced.',
            plural(fed.added, vscode.l10n.t('1 pair added'), vscode.l10n.t('{0} pairs added', fed.added)),
            fed.replaced,
          )
        : '';
    await host.folders.scan(state, true);
    void host.jobs.poll();
    if (result.errors > 0) {
      const showLog = vscode.l10n.t('Show Log');
      const message = plural(
        result.errors,
        vscode.l10n.t('1 job could not be pulled; nothing was written for it.'),
        vscode.l10n.t('{0} jobs could not be pulled; nothing was written for them.', result.errors),
      );
      void host.notices
        .show('error', message, [showLog], {
          detail: result.files
            .filter((f) => f.error)
            .map((f) => `${f.file}: ${f.error}`)
            .join('\n'),
        })
        .then((c) => c === showLog && host.log.show(true));
    }
    if (result.files.length === 0) void host.notices.show('info', vscode.l10n.t('No job is ready to pull.'));
    else if (result.conflicts > 0 && declined === 0) {
      const show = vscode.l10n.t('Show Conflicts');
      void host.notices
        .show(
          'warning',
          `${summary(result)} ${vscode.l10n.t('Your local edits were kept: see the conflicts.')}${fedNote}`,
          [show],
        )
        .then((c) => c === show && vscode.commands.executeCommand(commandIds.showConflicts));
    } else if (result.files.some((f) => !f.error)) void host.notices.show('info', summary(result) + fedNote);
    return result;
  };

/** "Pulled 2 files: 9 new values, 7 replaced, 1 local edit kept." (a plan says "Pull …"). */
export function summary(r: PullResult): string {
  const files = r.files.filter((f) => !f.error && (f.applied > 0 || f.conflicts.length > 0 || !r.dryRun)).length;
  const replaced = r.files.reduce((n, f) => n + (f.replaced?.length ?? 0), 0);
  const added = r.files.reduce((n, f) => n + f.applied, 0) - replaced;
  const parts = [
    plural(added, vscode.l10n.t('1 new value'), vscode.l10n.t('{0} new values', added)),
    plural(replaced, vscode.l10n.t('1 replaced'), vscode.l10n.t('{0} replaced', replaced)),
    plural(r.conflicts, vscode.l10n.t('1 local edit kept'), vscode.l10n.t('{0} local edits kept', r.conflicts)),
  ].join(', ');
  return r.dryRun
    ? plural(files, vscode.l10n.t('Pull 1 file: {0}.', parts), vscode.l10n.t('Pull {0} files: {1}.', files, parts))
    : plural(files, vscode.l10n.t('Pulled 1 file: {0}.', parts), vscode.l10n.t('Pulled {0} files: {1}.', files, parts));
}

export const pullJob =
  (host: Host) =>
  async (arg: JobsNode | JobArgs): Promise<unknown> => {
    const args = jobArgsOf(arg);
    if (!args) return undefined;
    return pull(host)({ folder: args.folder, jobUids: [args.jobUid] });
  };
