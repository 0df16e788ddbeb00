/**
 * `.locale-loop/state.json`: what was pushed (job uids per file and target locale, the source
 * values sent, and each target's values at that moment: the base of the pull's 3-way merge),
 * so later pushes update jobs instead of duplicating them. Written atomically. Never a secret.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite';

export const stateDir = '.locale-loop';
export const stateFileName = 'state.json';

export interface JobState {
  readonly uid: string;
  /** The Phrase TMS language code the job was created with (`pt_br`). */
  readonly phraseLang: string;
  /** The file name the job was created with: a downloaded job must still carry it. */
  readonly filename: string;
  /** Target values when the source was pushed, then after each pull: the merge base. */
  base: Record<string, string>;
  status?: string;
  pushedAt: string;
  pulledAt?: string;
  /** Translations the user declined for a key ("keep mine"): not reported again while unchanged. */
  kept?: Record<string, string>;
  /**
   * The locale's job in each workflow step, level 1 first (`uid` above is level 1's: update
   * source targets it). Absent in states written before workflow steps were recorded.
   */
  steps?: StepJob[];
}

export interface StepJob {
  readonly level: number;
  readonly uid: string;
  readonly name?: string;
  status?: string;
}

/** A job a newer upload of its file replaced (kept so nobody mistakes it for the current one). */
export interface SupersededJob {
  readonly locale: string;
  readonly uid: string;
  readonly level: number;
  readonly at: string;
  /** Set to CANCELLED in Phrase TMS by the push that replaced it (it was still open). */
  readonly cancelled?: boolean;
}

export interface FileState {
  /** Workspace-relative source file at the last push. */
  sourceFile: string;
  /** sha256 of the bytes last uploaded. */
  sourceHash: string;
  pushedAt: string;
  /** The source values sent (flattened key → text). */
  source: Record<string, string>;
  /** By target locale (BCP 47). */
  jobs: Record<string, JobState>;
  /** Older jobs of this file, replaced when Phrase TMS refused to update their source. */
  superseded?: SupersededJob[];
}

export interface SyncState {
  version: 1;
  phrase?: { baseUrl: string; projectUid: string };
  /** By namespace id: the file path with its locale replaced by `{locale}`. */
  files: Record<string, FileState>;
  /**
   * Machine translations written by translate-missing, by namespace id, locale and key: a pull
   * replaces them with the human translation unless someone edited them meanwhile.
   */
  provisional?: Record<string, Record<string, Record<string, string>>>;
  /** The ModernMT memory created or found for `modernmt.memoryName` (an id, not a secret). */
  modernmt?: {
    memoryId?: number | string;
    /** The name `memoryId` was found or created for: a renamed memoryName is looked up again. */
    memoryName?: string;
    /**
     * What the memory was fed, by memory id, tuid (`namespace#key`) and locale: a fingerprint of
     * the pair sent (a changed one replaces its pair), or `?` when the answer was lost.
     */
    fed?: Record<string, Record<string, Record<string, string>>>;
  };
}

export function emptyState(): SyncState {
  return { version: 1, files: {} };
}

export function statePath(root: string): string {
  return path.join(root, stateDir, stateFileName);
}

export async function loadState(root: string): Promise<SyncState> {
  const file = statePath(root);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw e;
  }
  let state: SyncState;
  try {
    state = JSON.parse(text) as SyncState;
  } catch (e) {
    throw new Error(`${path.join(stateDir, stateFileName)} is not valid JSON (${(e as Error).message}); restore it from git or delete it to start over`);
  }
  if (state.version !== 1 || typeof state.files !== 'object') throw new Error(`${path.join(stateDir, stateFileName)} has an unknown format (version ${String(state.version)})`);
  return state;
}

export async function saveState(root: string, state: SyncState): Promise<void> {
  await writeFileAtomic(statePath(root), JSON.stringify(state, null, 2) + '\n');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
