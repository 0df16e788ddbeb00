/** Push to Phrase TMS: the plan first (files, locales, words), then the push with progress. */
import * as vscode from 'vscode';
import { toSignal } from '../errors';
import type { Host } from '../host';
import { services } from '../lazyServices';
import { readSettings } from '../settings';

export const push = (host: Host) => async (args: { folder?: string; confirm?: boolean } = {}): Promise<unknown> => {
  const state = await host.folders.pick(args.folder ? vscode.Uri.file(args.folder) : undefined);
  if (!state?.config) return undefined;
  const { push: runPush, openWorkspace } = services();
  const ws = await openWorkspace(state.config);
  const plan = await runPush(ws, undefined, { dryRun: true });
  const changing = plan.files.filter((f) => f.action !== 'unchanged');
  if (changing.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to push: every source file is unchanged since the last push.'));
    return plan;
  }
  if (args.confirm ?? readSettings(state.folder.uri).confirmPush) {
    const words = changing.reduce((n, f) => n + f.words, 0);
    const detail = changing.map((f) => `${f.file}: ${f.action} → ${f.locales.join(', ')} (${vscode.l10n.t('{0} new, {1} changed, {2} removed keys; {3} words', f.newKeys, f.changedKeys, f.removedKeys, f.words)})`).join('\n');
    const go = vscode.l10n.t('Push');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Push {0} file(s), {1} words, to Phrase TMS project {2}?', changing.length, words, state.config.phrase.projectUid ?? '?'), { modal: true, detail }, go);
    if (choice !== go) return undefined;
  }
  const client = await host.clients.phrase(state.config);
  if (!client) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pushing to Phrase TMS'), cancellable: true },
    (progress, token) =>
      runPush(ws, client, {
        signal: toSignal(token),
        logger: host.logger,
        onProgress: (done, total, file) => progress.report({ message: `${done}/${total} ${file}`, increment: 100 / total }),
      }),
  );
  for (const f of result.files) for (const n of f.notes) void vscode.window.showWarningMessage(`${f.file}: ${n}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Pushed {0} file(s) to Phrase TMS.', result.files.filter((f) => f.action !== 'unchanged').length));
  void host.jobs.poll();
  return result;
};
