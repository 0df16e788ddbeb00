/**
 * Push to Phrase TMS: the plan first (files, locales, words; and plainly when completed jobs will
 * be replaced by new ones), then the push with progress. A source file that cannot be read is an
 * error here, never "nothing to push".
 */
import * as vscode from 'vscode';
import { toSignal } from '../errors';
import type { Host } from '../host';
import { services } from '../lazyServices';
import { plural } from '../plural';
import { readSettings } from '../settings';

const done = new Set(['COMPLETED', 'DELIVERED', 'COMPLETED_BY_LINGUIST']);

export const push =
  (host: Host) =>
  async (args: { folder?: string; confirm?: boolean } = {}): Promise<unknown> => {
    const state = await host.folders.pick(args.folder ? vscode.Uri.file(args.folder) : undefined);
    if (!state?.config) return undefined;
    const { push: runPush, openWorkspace } = services();
    const ws = await openWorkspace(state.config);
    const plan = await runPush(ws, undefined, { dryRun: true });
    if (plan.errors.length > 0) {
      // A broken source file would silently drop out of the push: stop and say which and why.
      const showLog = vscode.l10n.t('Show Log');
      const first = plan.errors[0]!.replace(/ \(not pushed\)$/, '');
      const message = plural(
        plan.errors.length,
        vscode.l10n.t('Nothing was pushed: a source file cannot be read. {0}', first),
        vscode.l10n.t('Nothing was pushed: {0} source files cannot be read. {1}', plan.errors.length, first),
      );
      host.log.error(`push: ${plan.errors.join('; ')}`);
      void host.notices
        .show('error', message, [showLog], { detail: plan.errors.join('\n') })
        .then((c) => c === showLog && host.log.show(true));
      return plan;
    }
    const changing = plan.files.filter((f) => f.action !== 'unchanged');
    if (changing.length === 0) {
      void host.notices.show(
        'info',
        vscode.l10n.t('Nothing to push: every source file is unchanged since the last push.'),
      );
      return plan;
    }
    // Jobs Phrase TMS has completed cannot take a new source: the push creates new ones (normal).
    const rows = host.jobs.rowsOf(state.folder.uri.fsPath);
    const replacesCompleted = (file: string) => rows.some((r) => r.file === file && done.has(r.status));
    if (args.confirm ?? readSettings(state.folder.uri).confirmPush) {
      const words = changing.reduce((n, f) => n + f.words, 0);
      const detail = changing
        .map((f) => {
          const action =
            f.action === 'update' && replacesCompleted(f.file)
              ? vscode.l10n.t('new jobs (the current ones are completed)')
              : f.action;
          return `${f.file}: ${action} → ${f.locales.join(', ')} (${vscode.l10n.t('{0} new, {1} changed, {2} removed keys; {3} words', f.newKeys, f.changedKeys, f.removedKeys, f.words)})`;
        })
        .join('\n');
      const go = vscode.l10n.t('Push');
      const project = state.config.phrase.projectUid ?? '?';
      const question = plural(
        changing.length,
        vscode.l10n.t('Push 1 file, {0} words, to Phrase TMS project {1}?', words, project),
        vscode.l10n.t('Push {0} files, {1} words, to Phrase TMS project {2}?', changing.length, words, project),
      );
      const choice = await host.notices.show('info', question, [go], { modal: true, detail });
      if (choice !== go) return undefined;
    }
    const client = await host.clients.phrase(state.config);
    if (!client) return undefined;
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Pushing to Phrase TMS'),
        cancellable: true,
      },
      (progress, token) =>
        runPush(ws, client, {
          signal: toSignal(token),
          logger: host.log,
          onProgress: (n, total, file) => progress.report({ message: `${n}/${total} ${file}`, increment: 100 / total }),
        }),
    );
    const pushed = result.files.filter((f) => f.action !== 'unchanged');
    // "Created new jobs" is the normal answer to completed jobs, not a failure: said in the result.
    const renewed = pushed.filter((f) => f.notes.length > 0);
    for (const f of renewed) for (const n of f.notes) host.log.info(`push ${f.file}: ${n}`);
    const sentence = plural(
      pushed.length,
      vscode.l10n.t('Pushed 1 file to Phrase TMS.'),
      vscode.l10n.t('Pushed {0} files to Phrase TMS.', pushed.length),
    );
    const extra =
      renewed.length > 0
        ? ` ${vscode.l10n.t('New jobs were created for {0} because the previous ones were completed; those stay in the Phrase TMS view as history.', renewed.map((f) => f.file).join(', '))}`
        : '';
    void host.notices.show('info', sentence + extra);
    void host.jobs.poll();
    return result;
  };
