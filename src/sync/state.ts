/**
 * `.locale-loop/state.json`: what was pushed (job uids per file and target locale, the source
 * values sent, and each target's values at that moment: the base of the pull's 3-way merge),
 * so later pushes update jobs instead of duplicating them. Written atomically, the replaced copy
 * kept as `state.json.bak` to recover from. Keyed records are prototype-less. Never a secret.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite';
import { dict } from '../util/dict';
import type { Logger } from '../util/logger';
import { plural } from '../util/plural';
import { SyncError } from './errors';

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
  return { version: 1, files: dict() };
}

export function statePath(root: string): string {
  return path.join(root, stateDir, stateFileName);
}

export const backupFileName = 'state.json.bak';

const shownState = path.posix.join(stateDir, stateFileName);
const shownBackup = path.posix.join(stateDir, backupFileName);

type Parsed = { state: SyncState } | { problem: string };

/**
 * The state in `bytes`, with every record keyed by data (keys, namespace ids, locales) turned
 * into a prototype-less object (see `dict`), or what is wrong with it.
 */
function parseState(bytes: Buffer): Parsed {
  if (bytes.length === 0) return { problem: 'the file is empty (truncated?)' };
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return { problem: `it is not valid JSON (${(e as Error).message}; truncated?)` };
  }
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const strings = (v: unknown): v is Record<string, string> =>
    obj(v) && Object.values(v).every((x) => typeof x === 'string');
  if (!obj(raw) || raw.version !== 1 || !obj(raw.files)) {
    return { problem: `it has an unknown format (version ${obj(raw) ? String(raw.version) : '?'})` };
  }
  const files = dict<FileState>();
  for (const [ns, f] of Object.entries(raw.files)) {
    if (!obj(f) || typeof f.sourceHash !== 'string' || !obj(f.jobs) || !strings(f.source ?? {})) {
      return { problem: `its record of ${JSON.stringify(ns)} is damaged` };
    }
    const jobs = dict<JobState>();
    for (const [locale, j] of Object.entries(f.jobs)) {
      if (!obj(j) || typeof j.uid !== 'string' || !strings(j.base ?? {}) || !strings(j.kept ?? {})) {
        return { problem: `its record of the ${locale} job of ${JSON.stringify(ns)} is damaged` };
      }
      jobs[locale] = {
        ...(j as unknown as JobState),
        base: dict(j.base as Record<string, string>),
        kept: j.kept ? dict(j.kept as Record<string, string>) : undefined,
      };
    }
    files[ns] = { ...(f as unknown as FileState), source: dict(f.source as Record<string, string>), jobs };
  }
  let provisional: SyncState['provisional'];
  if (raw.provisional !== undefined) {
    if (!obj(raw.provisional)) return { problem: 'its machine-translation marks are damaged' };
    provisional = dict();
    for (const [ns, locales] of Object.entries(raw.provisional)) {
      if (!obj(locales) || !Object.values(locales).every(strings)) {
        return { problem: `its machine-translation marks of ${JSON.stringify(ns)} are damaged` };
      }
      provisional[ns] = dict(
        Object.entries(locales).map(([l, keys]) => [l, dict(keys as Record<string, string>)] as const),
      );
    }
  }
  return { state: { ...(raw as unknown as SyncState), files, provisional } };
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * The recorded state. A damaged or truncated file is reported (naming it and what is lost) and
 * the previous good copy (`state.json.bak`, kept by `saveState`) is used instead; with no good
 * copy, a `SyncError` ('state-corrupt') stops the command: nothing may act on a record it cannot read (a push would
 * create every job again). A missing file is a workspace that has pushed nothing.
 */
export async function loadState(root: string, logger?: Logger): Promise<SyncState> {
  const file = statePath(root);
  const bytes = await readIfExists(file);
  if (bytes === undefined) return emptyState();
  const parsed = parseState(bytes);
  if ('state' in parsed) return parsed.state;
  const backupBytes = await readIfExists(path.join(root, stateDir, backupFileName));
  const backup = backupBytes && parseState(backupBytes);
  if (backup && 'state' in backup) {
    const saved = await fs.stat(path.join(root, stateDir, backupFileName)).then(
      (s) => s.mtime.toISOString(),
      () => '?',
    );
    logger?.warn(
      `${shownState} is damaged: ${parsed.problem}. Recovered the previous copy, ${shownBackup} (saved ${saved}); ` +
        'lost: what the last run recorded after that copy (jobs it pushed, pulls, machine-translation marks).',
    );
    return backup.state;
  }
  const why =
    backupBytes === undefined
      ? 'there is no backup'
      : `its backup ${shownBackup} is damaged too (${backup && 'problem' in backup ? backup.problem : '?'})`;
  throw new SyncError(
    'state-corrupt',
    `${shownState} is damaged: ${parsed.problem}, and ${why}. Stopped: nothing was pushed, pulled or written. ` +
      'Lost: the record of the pushed jobs and of machine-translated values. Restore the file (from git or a backup); ' +
      'deleting it makes the next push create every job again.',
    file,
  );
}

/**
 * Replaces the state atomically, keeping the copy it replaces (when that copy is good) as
 * `state.json.bak`: the previous good copy `loadState` recovers from.
 */
export async function saveState(root: string, state: SyncState): Promise<void> {
  const file = statePath(root);
  const current = await readIfExists(file);
  if (current !== undefined && 'state' in parseState(current)) {
    await writeFileAtomic(path.join(root, stateDir, backupFileName), current);
  }
  await writeFileAtomic(file, JSON.stringify(state, null, 2) + '\n');
}

/**
 * The Phrase TMS project change, when `phrase.projectUid` in the config is no longer the project
 * the recorded jobs were pushed to: their count, so commands can say what becomes of them.
 */
export function projectChange(
  state: SyncState,
  configured: string | undefined,
): { from: string; to: string; jobs: number } | undefined {
  const from = state.phrase?.projectUid;
  if (!from || !configured || from === configured) return undefined;
  const jobs = Object.values(state.files).reduce((n, f) => n + Object.keys(f.jobs).length, 0);
  return jobs > 0 ? { from, to: configured, jobs } : undefined;
}

/** What pull and status throw when `phrase.projectUid` no longer names the project of the recorded jobs. */
export function projectChangedError(
  moved: { from: string; to: string; jobs: number },
  nothing: 'pulled' | 'read',
): SyncError {
  return new SyncError(
    'project-changed',
    `phrase.projectUid is now "${moved.to}", but the ${plural(moved.jobs, 'job')} on record were pushed to project "${moved.from}". ` +
      `Nothing was ${nothing}. To reach those jobs, set phrase.projectUid back to "${moved.from}"; to move to "${moved.to}", push: ` +
      `it creates new jobs there, and the jobs in "${moved.from}" are left in Phrase TMS untouched and no longer tracked here.`,
  );
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
