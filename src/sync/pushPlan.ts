/**
 * What a push would do to each source file, against the recorded state: create, update, add
 * locales or leave unchanged, with the keys and words concerned and what Phrase TMS may refuse.
 */
import { describeRefusal, keyPathProblem } from '../locales/edit';
import type { SyncState } from './state';
import { sha256 } from './state';
import type { SourceFile, Workspace } from './workspace';
import { stringValues } from './workspace';

export type PushAction = 'create' | 'update' | 'add-locales' | 'unchanged';

export interface PushFilePlan {
  /** Workspace-relative source file. */
  readonly file: string;
  /** Namespace id (the path template). */
  readonly namespace: string;
  readonly action: PushAction;
  /** Target locales whose jobs are created or updated. */
  readonly locales: readonly string[];
  readonly newKeys: number;
  readonly changedKeys: number;
  readonly removedKeys: number;
  /** Words in the new and changed values (what linguists will be asked to translate). */
  readonly words: number;
  /** What may happen beyond the action (an update Phrase TMS may refuse). */
  readonly notes: readonly string[];
}

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

/** Statuses after which a job takes no new source (and is not worth cancelling). */
export const finalStatuses = new Set(['COMPLETED', 'DELIVERED', 'CANCELLED']);

/** What a push would do to each source file, against the recorded state. */
export function planPush(ws: Workspace, state: SyncState): PushFilePlan[] {
  return ws.sourceFiles.map((sf) => {
    const prev = state.files[sf.file.template];
    const values = stringValues(sf.parsed);
    const old = new Map(Object.entries(prev?.source ?? {}));
    let newKeys = 0;
    let changedKeys = 0;
    let wordCount = 0;
    for (const [k, v] of values) {
      if (!old.has(k)) newKeys++;
      else if (old.get(k) !== v) changedKeys++;
      else continue;
      wordCount += words(v);
    }
    const removedKeys = [...old.keys()].filter((k) => !values.has(k)).length;
    const missing = ws.targetLocales.filter((l) => !prev?.jobs[l]);
    let action: PushAction;
    let locales: string[];
    if (!prev || Object.keys(prev.jobs).length === 0) {
      action = 'create';
      locales = [...ws.targetLocales];
    } else if (prev.sourceHash === sha256(sf.bytes)) {
      action = missing.length > 0 ? 'add-locales' : 'unchanged';
      locales = missing;
      if (action === 'add-locales') wordCount = [...values.values()].reduce((n, v) => n + words(v), 0);
    } else {
      action = 'update';
      locales = [...ws.targetLocales];
    }
    const notes: string[] = [];
    if (action === 'update') {
      const done = Object.values(prev!.jobs).some(
        (j) => finalStatuses.has(j.status ?? '') || j.steps?.some((s) => finalStatuses.has(s.status ?? '')),
      );
      notes.push(
        done
          ? 'a job of this file was completed, so Phrase TMS will refuse to update its source: new jobs will be created, and the older jobs still open cancelled'
          : 'if Phrase TMS refuses to update the source (a job of some step completed meanwhile), new jobs are created and the older jobs still open cancelled',
      );
    }
    return {
      file: sf.file.relPath,
      namespace: sf.file.template,
      action,
      locales,
      newKeys,
      changedKeys,
      removedKeys,
      words: wordCount,
      notes,
    };
  });
}

/**
 * Keys whose translations pull cannot write (see `keyPathProblem`): pushed with the file, and
 * reported, but they do not fail the push.
 */
export function unwritableKeys(sf: SourceFile, sep: string | false): string[] {
  const out: string[] = [];
  for (const key of sf.parsed.entries.keys()) {
    const problem = keyPathProblem(key, sep);
    if (problem) out.push(`${describeRefusal({ key, reason: problem })} (its translations will be skipped on pull)`);
  }
  return out;
}
