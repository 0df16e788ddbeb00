/**
 * Lists the last pull's conflicts; each opens yours ↔ translation (with the source text and the
 * base above), then Keep Mine or Take Theirs through the same src/sync function as the CLI's
 * `pull --prefer local`; the diff closes and the choice is confirmed.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { Host } from '../host';
import type { FolderConflict } from '../conflicts';
import { services } from '../lazyServices';

export interface ResolveArgs {
  readonly folder: string;
  readonly file: string;
  readonly key: string;
  readonly choice: 'mine' | 'theirs';
}

export const showConflicts =
  (host: Host) =>
  async (args?: ResolveArgs): Promise<boolean> => {
    const all = host.conflicts.all();
    let picked: { folder: string; conflict: FolderConflict } | undefined;
    let choice = args?.choice;
    let diff: [vscode.Uri, vscode.Uri] | undefined;
    if (args) {
      picked = all.find(
        (x) => x.folder === args.folder && x.conflict.file === args.file && x.conflict.key === args.key,
      );
    } else {
      if (all.length === 0) {
        void host.notices.show('info', vscode.l10n.t('The last pull left no conflicts.'));
        return false;
      }
      const item = await vscode.window.showQuickPick(
        all.map((x) => ({
          label: x.conflict.key,
          description: x.conflict.file,
          detail: `${vscode.l10n.t('yours')}: ${x.conflict.local ?? '—'}   ·   ${vscode.l10n.t('translation')}: ${x.conflict.remote}`,
          x,
        })),
        {
          title: vscode.l10n.t('Pull conflicts: local edits that were kept'),
          matchOnDescription: true,
          matchOnDetail: true,
        },
      );
      if (!item) return false;
      picked = item.x;
      diff = host.conflicts.uris(picked.folder, picked.conflict);
      await vscode.commands.executeCommand(
        'vscode.diff',
        diff[0],
        diff[1],
        vscode.l10n.t('{0}: yours ↔ translation', `${path.basename(picked.conflict.file)} ${picked.conflict.key}`),
      );
      const mine = vscode.l10n.t('Keep Mine');
      const theirs = vscode.l10n.t('Take Theirs');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('"{0}" in {1}', picked.conflict.key, picked.conflict.file),
        mine,
        theirs,
      );
      choice = answer === mine ? 'mine' : answer === theirs ? 'theirs' : undefined;
    }
    if (!picked || !choice) return false;
    const state = await host.folders.pick(vscode.Uri.file(picked.folder));
    if (!state?.config) return false;
    const c = picked.conflict;
    await services().resolveConflicts(
      state.config,
      [{ namespace: c.namespace, locale: c.locale, file: c.file, key: c.key, remote: c.remote }],
      choice,
    );
    host.conflicts.remove(picked.folder, c);
    await closeDiff(diff ?? host.conflicts.uris(picked.folder, c));
    void host.notices.show(
      'info',
      choice === 'mine'
        ? vscode.l10n.t('Kept your value of "{0}" in {1}; this translation will not be reported again.', c.key, c.file)
        : vscode.l10n.t('Took the translation of "{0}" into {1}.', c.key, c.file),
    );
    return true;
  };

/** Closes the conflict's diff editor wherever it is open. */
async function closeDiff([left, right]: [vscode.Uri, vscode.Uri]): Promise<void> {
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) =>
        t.input instanceof vscode.TabInputTextDiff &&
        t.input.original.toString() === left.toString() &&
        t.input.modified.toString() === right.toString(),
    );
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}
