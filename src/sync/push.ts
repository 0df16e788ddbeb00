/**
 * Push: each source-locale file becomes Phrase TMS jobs. The first push creates the jobs for all
 * target locales in one call per file; a later push of a changed file updates the source of its
 * jobs (or, when Phrase refuses, creates new ones and says so); an unchanged file is not
 * uploaded at all. `dryRun` only plans: no API call.
 */
import path from 'node:path';
import type { PhraseClient } from '../phrase/client';
import { PhraseError } from '../phrase/errors';
import type { JobPart } from '../phrase/types';
import type { Logger } from '../util/logger';
import { silentLogger } from '../util/logger';
import { mapLimit } from '../util/pool';
import { withWorkspaceLock } from './lock';
import type { FileState, SyncState } from './state';
import { loadState, projectChange, saveState, sha256 } from './state';
import { dict } from '../util/dict';
import { describeRefusal, keyPathProblem } from '../locales/edit';
import type { SourceFile, Workspace } from './workspace';
import { readTargetValues, stringValues } from './workspace';

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
}

export interface PushFileResult extends PushFilePlan {
  /** Job uid per target locale after the push. */
  readonly jobs?: Readonly<Record<string, string>>;
  readonly notes: readonly string[];
}

export interface PushResult {
  readonly dryRun: boolean;
  readonly projectUid?: string;
  readonly files: readonly PushFileResult[];
  /** Source files that could not be read (not pushed). */
  readonly errors: readonly string[];
  /** What the user must know about the whole push (a change of Phrase TMS project). */
  readonly notes?: readonly string[];
}

export interface PushOptions {
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  readonly onProgress?: (done: number, total: number, file: string) => void;
}

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

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
    return { file: sf.file.relPath, namespace: sf.file.template, action, locales, newKeys, changedKeys, removedKeys, words: wordCount };
  });
}

export async function push(ws: Workspace, client: PhraseClient | undefined, options: PushOptions = {}): Promise<PushResult> {
  if (options.dryRun || !client) return pushLocked(ws, client, options);
  return withWorkspaceLock(ws.root, { command: 'push', logger: options.logger, signal: options.signal }, () => pushLocked(ws, client, options));
}

async function pushLocked(ws: Workspace, client: PhraseClient | undefined, options: PushOptions): Promise<PushResult> {
  const log = options.logger ?? silentLogger;
  const state = await loadState(ws.root, log);
  const projectUid = ws.config.phrase.projectUid;
  // A new project: the jobs on record belong to the old one; they are left there, untracked.
  const moved = projectChange(state, projectUid);
  const pushNotes = moved
    ? [
        `phrase.projectUid changed from "${moved.from}" to "${moved.to}": every file is pushed to "${moved.to}" as new jobs; ` +
          `the ${moved.jobs} job(s) in "${moved.from}" are left in Phrase TMS untouched and no longer tracked here (pull them first, with the old project uid, if you need their translations).`,
      ]
    : undefined;
  if (moved) state.files = dict();
  const plans = planPush(ws, state);
  const errors = ws.errors.map((e) => `${e.message} (not pushed)`);
  if (options.dryRun) return { dryRun: true, projectUid, files: plans.map((p, i) => ({ ...p, notes: unwritableKeys(ws.sourceFiles[i]!, ws.config.keySeparator) })), errors, notes: pushNotes };
  if (!client) throw new Error('push needs a Phrase TMS client (sign in first)');
  if (!projectUid) throw new Error(`set "phrase.projectUid" in ${ws.config.file || 'locale-loop.json'} to the Phrase TMS project that receives the jobs`);
  for (const n of pushNotes ?? []) log.warn(n);

  state.phrase = { baseUrl: ws.config.phrase.baseUrl, projectUid };
  // Saves are serialised so that a slower, older snapshot never lands after a newer one, and
  // spaced out (the state of a large repository is megabytes): progress survives a crash
  // mid-push, minus at most the last two seconds.
  let saving = Promise.resolve();
  let lastSave = 0;
  const save = (force = false) => {
    if (!force && Date.now() - lastSave < 2000) return saving;
    lastSave = Date.now();
    return (saving = saving.then(() => saveState(ws.root, state)));
  };
  let done = 0;
  const results = await mapLimit(
    plans,
    ws.config.phrase.concurrency,
    async (plan, i): Promise<PushFileResult> => {
      const sf = ws.sourceFiles[i]!;
      const notes: string[] = unwritableKeys(sf, ws.config.keySeparator);
      if (plan.action !== 'unchanged') {
        const jobs = await pushFile(ws, client, projectUid, sf, plan, state.files[plan.namespace], notes, options.signal);
        await recordPush(ws, state, sf, plan, jobs);
        await save();
        log.info(`pushed ${plan.file}: ${plan.action} (${plan.locales.join(', ')})`);
      }
      options.onProgress?.(++done, plans.length, plan.file);
      const jobs = state.files[plan.namespace] ? Object.fromEntries(Object.entries(state.files[plan.namespace]!.jobs).map(([l, j]) => [l, j.uid])) : undefined;
      return { ...plan, jobs, notes };
    },
    options.signal,
  );
  await save(true);
  return { dryRun: false, projectUid, files: results, errors, notes: pushNotes };
}

/**
 * Keys whose translations pull cannot write (see `keyPathProblem`): pushed with the file, and
 * reported, but they do not fail the push.
 */
function unwritableKeys(sf: SourceFile, sep: string | false): string[] {
  const out: string[] = [];
  for (const key of sf.parsed.entries.keys()) {
    const problem = keyPathProblem(key, sep);
    if (problem) out.push(`${describeRefusal({ key, reason: problem })} (its translations will be skipped on pull)`);
  }
  return out;
}

/** Uploads one file; returns the job of each pushed locale. */
async function pushFile(ws: Workspace, client: PhraseClient, projectUid: string, sf: SourceFile, plan: PushFilePlan, prev: FileState | undefined, notes: string[], signal?: AbortSignal): Promise<Map<string, JobPart>> {
  const filename = path.posix.basename(sf.file.relPath);
  const knownUids = new Set(Object.values(prev?.jobs ?? {}).map((j) => j.uid));
  const create = async (locales: readonly string[]): Promise<Map<string, JobPart>> => {
    if (locales.length === 0) return new Map();
    const dueInDays = ws.config.phrase.dueInDays;
    const jobs = await client.createJobs({
      projectUid,
      bytes: sf.bytes,
      filename,
      targetLangs: locales.map((l) => ws.codes.toPhrase(l)),
      path: path.posix.dirname(sf.file.relPath),
      due: dueInDays ? new Date(Date.now() + dueInDays * 86_400_000).toISOString() : undefined,
      importSettingsUid: ws.config.phrase.importSettingsUid,
      callbackUrl: ws.config.phrase.callbackUrl,
      knownJobUids: knownUids,
      signal,
    });
    return byLocale(ws, jobs, locales);
  };
  if (plan.action === 'create' || plan.action === 'add-locales') return create(plan.locales);

  const existing = plan.locales.filter((l) => prev?.jobs[l]);
  const missing = plan.locales.filter((l) => !prev?.jobs[l]);
  const result = await create(missing);
  if (existing.length === 0) return result;
  try {
    const res = await client.updateSource({ projectUid, jobUids: existing.map((l) => prev!.jobs[l]!.uid), bytes: sf.bytes, filename, callbackUrl: ws.config.phrase.callbackUrl, signal });
    for (const [l, j] of byLocale(ws, res.jobs, existing)) result.set(l, j);
  } catch (e) {
    // Completed, continuous or split jobs cannot take a new source: new jobs replace them.
    if (!PhraseError.is(e) || (e.status !== 400 && e.status !== 404 && e.status !== 409)) throw e;
    notes.push(`Phrase TMS refused to update the source of the existing jobs (${e.errorCode}: ${e.description}); created new jobs instead`);
    for (const [l, j] of await create(existing)) result.set(l, j);
  }
  return result;
}

function byLocale(ws: Workspace, jobs: readonly JobPart[], locales: readonly string[]): Map<string, JobPart> {
  const out = new Map<string, JobPart>();
  for (const job of jobs) {
    const locale = ws.codes.fromPhrase(job.targetLang, locales);
    if (locale && !out.has(locale)) out.set(locale, job);
  }
  return out;
}

/** Records the push: the source values sent, and each target's values now (the merge base). */
async function recordPush(ws: Workspace, state: SyncState, sf: SourceFile, plan: PushFilePlan, jobs: Map<string, JobPart>): Promise<void> {
  const now = new Date().toISOString();
  const prev = state.files[plan.namespace];
  const entry: FileState = {
    sourceFile: sf.file.relPath,
    sourceHash: sha256(sf.bytes),
    pushedAt: now,
    source: dict(stringValues(sf.parsed)),
    jobs: dict(prev?.jobs),
  };
  const filename = path.posix.basename(sf.file.relPath);
  for (const [locale, job] of jobs) {
    entry.jobs[locale] = { uid: job.uid, phraseLang: job.targetLang, filename, base: await readTargetValues(ws, plan.namespace, locale), status: job.status, pushedAt: now };
  }
  state.files[plan.namespace] = entry;
}
