/** Lists the last pull's conflicts; each opens yours ↔ translation, then keep mine or take theirs. */
import path from 'node:path';
import * as vscode from 'vscode';
import { updateLocaleFile } from '../../locales/writer';
import type { Host } from '../host';
import type { FolderConflict } from '../conflicts';
import { services } from '../lazyServices';

export interface ResolveArgs {
  readonly folder: string;
  readonly file: string;
  readonly key: string;
  readonly choice: 'mine' | 'theirs';
}

export const showConflicts = (host: Host) => async (args?: ResolveArgs): Promise<boolean> => {
  const all = host.conflicts.all();
  let picked: { folder: string; conflict: FolderConflict } | undefined;
  let choice = args?.choice;
  if (args) picked = all.find((x) => x.folder === args.folder && x.conflict.file === args.file && x.conflict.key === args.key);
  else {
    if (all.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The last pull left no conflicts.'));
      return false;
    }
    const item = await vscode.window.showQuickPick(
      all.map((x) => ({ label: x.conflict.key, description: x.conflict.file, detail: `${vscode.l10n.t('yours')}: ${x.conflict.local ?? '—'}   ·   ${vscode.l10n.t('translation')}: ${x.conflict.remote}`, x })),
      { title: vscode.l10n.t('Pull conflicts: local edits that were kept'), matchOnDescription: true, matchOnDetail: true },
    );
    if (!item) return false;
    picked = item.x;
    const [left, right] = host.conflicts.uris(picked.folder, picked.conflict);
    await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0}: yours ↔ translation', `${path.basename(picked.conflict.file)} ${picked.conflict.key}`));
    const mine = vscode.l10n.t('Keep Mine');
    const theirs = vscode.l10n.t('Take Theirs');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('"{0}" in {1}', picked.conflict.key, picked.conflict.file), mine, theirs);
    choice = answer === mine ? 'mine' : answer === theirs ? 'theirs' : undefined;
  }
  if (!picked || !choice) return false;
  const state = await host.folders.pick(vscode.Uri.file(picked.folder));
  if (!state?.config) return false;
  const { loadState, saveState } = services();
  const sync = await loadState(state.config.root);
  const job = sync.files[picked.conflict.namespace]?.jobs[picked.conflict.locale];
  if (choice === 'theirs') {
    await updateLocaleFile(path.join(picked.folder, picked.conflict.file), [{ key: picked.conflict.key, value: picked.conflict.remote }], { keySeparator: state.config.keySeparator, displayName: picked.conflict.file });
    if (job) job.base[picked.conflict.key] = picked.conflict.remote;
  } else if (job) {
    (job.kept ??= {})[picked.conflict.key] = picked.conflict.remote;
  }
  await saveState(state.config.root, sync);
  host.conflicts.remove(picked.folder, picked.conflict);
  return true;
};
