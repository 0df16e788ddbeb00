/**
 * Resolving pull conflicts (a key edited locally since the push, and translated meanwhile): "keep
 * mine" records the declined translation so later pulls do not report it again (until the
 * translation changes); "take theirs" writes the translation and makes it the new merge base.
 * The one place both the CLI (`pull --prefer local`) and the editor (Keep Mine / Take Theirs) do it.
 */
import path from 'node:path';
import type { LocaleLoopConfig } from '../locales/config';
import { updateLocaleFile } from '../locales/writer';
import { withWorkspaceLock } from './lock';
import type { SyncState } from './state';
import { loadState, saveState } from './state';

/** A conflict as a pull reports it, with where it is. */
export interface ConflictRef {
  /** Namespace id (the file path with `{locale}`). */
  readonly namespace: string;
  readonly locale: string;
  /** Workspace-relative target file. */
  readonly file: string;
  readonly key: string;
  /** The translation that was not applied. */
  readonly remote: string;
}

export type Resolution = 'mine' | 'theirs';

export interface ResolveResult {
  /** Conflicts resolved; the others' jobs are no longer in the state (pushed again since). */
  readonly resolved: number;
}

export async function resolveConflicts(
  config: Pick<LocaleLoopConfig, 'root' | 'keySeparator'>,
  conflicts: readonly ConflictRef[],
  choice: Resolution,
): Promise<ResolveResult> {
  // It writes the state (and with "theirs" the files): one writer per folder, like pull.
  return withWorkspaceLock(config.root, { command: 'resolve conflicts' }, () =>
    resolveLocked(config, conflicts, choice),
  );
}

async function resolveLocked(
  config: Pick<LocaleLoopConfig, 'root' | 'keySeparator'>,
  conflicts: readonly ConflictRef[],
  choice: Resolution,
): Promise<ResolveResult> {
  const state = await loadState(config.root);
  let resolved = 0;
  if (choice === 'theirs') {
    // One minimal edit per file: every key of that file at once.
    const byFile = new Map<string, ConflictRef[]>();
    for (const c of conflicts) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
    for (const [file, list] of byFile) {
      await updateLocaleFile(
        path.join(config.root, file),
        list.map((c) => ({ key: c.key, value: c.remote })),
        { keySeparator: config.keySeparator, displayName: file },
      );
      for (const c of list) resolved += record(state, c, 'theirs');
    }
  } else {
    for (const c of conflicts) resolved += record(state, c, 'mine');
  }
  await saveState(config.root, state);
  return { resolved };
}

function record(state: SyncState, c: ConflictRef, choice: Resolution): number {
  const job = state.files[c.namespace]?.jobs[c.locale];
  if (!job) return 0;
  if (choice === 'theirs') {
    job.base[c.key] = c.remote;
    if (job.kept) delete job.kept[c.key];
  } else {
    (job.kept ??= {})[c.key] = c.remote;
  }
  return 1;
}
