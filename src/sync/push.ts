/**
 * Push: each source-locale file becomes Phrase TMS jobs, one per target locale and workflow
 * step. The first push creates them in one call per file, with import settings made for i18next
 * JSON; a later push of a changed file updates the source of the first step's jobs (or, when
 * Phrase refuses, creates new ones, records the old ones as superseded and cancels those still
 * open, and says so); an unchanged file is not uploaded at all. A file Phrase refuses fails
 * alone. `dryRun` only plans: no API call.
 */
import path from 'node:path';
import type { PhraseClient } from '../phrase/client';
import { PhraseError } from '../phrase/errors';
import { ensureI18nextImportSettings } from '../phrase/importSettings';
import type { JobPart } from '../phrase/types';
import type { Logger } from '../util/logger';
import { silentLogger } from '../util/logger';
import { mapLimit } from '../util/pool';
import { SyncError } from './errors';
import { withWorkspaceLock } from './lock';
import type { PushFilePlan } from './pushPlan';
import { finalStatuses, planPush, unwritableKeys } from './pushPlan';
export type { PushAction, PushFilePlan } from './pushPlan';
export { planPush } from './pushPlan';
import type { FileState, JobState, StepJob, SupersededJob, SyncState } from './state';
import { loadState, projectChange, saveState, sha256 } from './state';
import { dict } from '../util/dict';
import type { SourceFile, Workspace } from './workspace';
import { readTargetValues, stringValues } from './workspace';
import { plural } from '../util/plural';

export interface PushFileResult extends PushFilePlan {
  /** Job uid per target locale after the push (the first workflow step's). */
  readonly jobs?: Readonly<Record<string, string>>;
  /** Why this file was not pushed (the others were). */
  readonly error?: string;
}

export interface PushResult {
  readonly dryRun: boolean;
  readonly projectUid?: string;
  readonly files: readonly PushFileResult[];
  /** Source files that could not be read or that Phrase TMS refused (not pushed). */
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

/** The jobs of one locale after a push: the first step's, and one per step. */
interface LocaleJobs {
  readonly first: JobPart;
  readonly steps: StepJob[];
}

export async function push(
  ws: Workspace,
  client: PhraseClient | undefined,
  options: PushOptions = {},
): Promise<PushResult> {
  if (options.dryRun || !client) return pushLocked(ws, client, options);
  return withWorkspaceLock(ws.root, { command: 'push', logger: options.logger, signal: options.signal }, () =>
    pushLocked(ws, client, options),
  );
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
          `the ${plural(moved.jobs, 'job')} in "${moved.from}" are left in Phrase TMS untouched and no longer tracked here (pull them first, with the old project uid, if you need their translations).`,
      ]
    : undefined;
  if (moved) state.files = dict();
  const plans = planPush(ws, state);
  const errors = ws.errors.map((e) => `${e.message} (not pushed)`);
  if (options.dryRun) {
    return {
      dryRun: true,
      projectUid,
      files: plans.map((p, i) => ({
        ...p,
        notes: [...p.notes, ...unwritableKeys(ws.sourceFiles[i]!, ws.config.keySeparator)],
      })),
      errors,
      notes: pushNotes,
    };
  }
  if (!client) throw new SyncError('not-signed-in', 'Sign in to Phrase TMS first: push needs a Phrase TMS session.');
  if (!projectUid) {
    throw new SyncError(
      'no-project',
      `Set "phrase.projectUid" in ${ws.config.file || 'locale-loop.json'} to the Phrase TMS project that receives the jobs`,
    );
  }
  for (const n of pushNotes ?? []) log.warn(n);
  const ctx: PushContext = { ws, client, projectUid, steps: 1, signal: options.signal };
  if (plans.some((p) => p.action !== 'unchanged')) {
    ctx.steps = (await client.workflowSteps(projectUid, options.signal)).length;
    ctx.importSettingsUid =
      ws.config.phrase.importSettingsUid ?? (await ensureI18nextImportSettings(client, ws.config.icu, options.signal));
  }

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
      let error: string | undefined;
      if (plan.action !== 'unchanged') {
        try {
          const prev = state.files[plan.namespace];
          const jobs = await pushFile(ctx, sf, plan, prev, notes);
          await recordPush(ws, state, sf, plan, jobs.jobs);
          if (jobs.superseded.length > 0) {
            state.files[plan.namespace]!.superseded = [...(prev?.superseded ?? []), ...jobs.superseded];
          }
          await save();
          log.info(`pushed ${plan.file}: ${plan.action} (${plan.locales.join(', ')})`);
        } catch (e) {
          // A refusal of this file (unsupported, ambiguous recovery) fails this file only.
          if (!PhraseError.is(e) || !fileLevelErrors.has(e.errorCode)) throw e;
          error = e.message;
          errors.push(`${plan.file}: ${e.message}`);
          log.error(`push ${plan.file}: ${e.message}`);
        }
      }
      options.onProgress?.(++done, plans.length, plan.file);
      const jobs = state.files[plan.namespace]
        ? Object.fromEntries(Object.entries(state.files[plan.namespace]!.jobs).map(([l, j]) => [l, j.uid]))
        : undefined;
      return { ...plan, jobs, notes, error }; // what happened replaces the plan's forecast
    },
    options.signal,
  );
  await save(true);
  return { dryRun: false, projectUid, files: results, errors, notes: pushNotes };
}

/** Errors that concern one file: the push goes on with the others. */
const fileLevelErrors = new Set(['UnsupportedFile', 'AmbiguousCreate', 'InvalidRequest', 'JobCreateError']);

interface PushContext {
  readonly ws: Workspace;
  readonly client: PhraseClient;
  readonly projectUid: string;
  /** Workflow steps of the project (1 without steps). */
  steps: number;
  importSettingsUid?: string;
  readonly signal?: AbortSignal;
}

/** Uploads one file; returns the jobs of each pushed locale, and the jobs they replaced. */
async function pushFile(
  ctx: PushContext,
  sf: SourceFile,
  plan: PushFilePlan,
  prev: FileState | undefined,
  notes: string[],
): Promise<{ jobs: Map<string, LocaleJobs>; superseded: SupersededJob[] }> {
  const { ws, client, projectUid, signal } = ctx;
  const filename = path.posix.basename(sf.file.relPath);
  const knownUids = new Set(
    Object.values(prev?.jobs ?? {}).flatMap((j) => [j.uid, ...(j.steps ?? []).map((s) => s.uid)]),
  );
  for (const s of prev?.superseded ?? []) knownUids.add(s.uid);
  const create = async (locales: readonly string[]): Promise<Map<string, LocaleJobs>> => {
    if (locales.length === 0) return new Map();
    const dueInDays = ws.config.phrase.dueInDays;
    const jobs = await client.createJobs({
      projectUid,
      bytes: sf.bytes,
      filename,
      targetLangs: locales.map((l) => ws.codes.toPhrase(l)),
      path: path.posix.dirname(sf.file.relPath),
      due: dueInDays ? new Date(Date.now() + dueInDays * 86_400_000).toISOString() : undefined,
      importSettingsUid: ctx.importSettingsUid,
      callbackUrl: ws.config.phrase.callbackUrl,
      knownJobUids: knownUids,
      workflowLevels: ctx.steps,
      signal,
    });
    return byLocale(ws, jobs, locales);
  };
  if (plan.action === 'create' || plan.action === 'add-locales') {
    return { jobs: await create(plan.locales), superseded: [] };
  }

  const existing = plan.locales.filter((l) => prev?.jobs[l]);
  const missing = plan.locales.filter((l) => !prev?.jobs[l]);
  const result = await create(missing);
  if (existing.length === 0) return { jobs: result, superseded: [] };
  try {
    // The first step's jobs take the new source; Phrase propagates it through the workflow.
    await client.updateSource({
      projectUid,
      jobUids: existing.map((l) => prev!.jobs[l]!.uid),
      bytes: sf.bytes,
      filename,
      callbackUrl: ws.config.phrase.callbackUrl,
      signal,
    });
    for (const l of existing) {
      const j = prev!.jobs[l]!;
      result.set(l, {
        first: {
          uid: j.uid,
          targetLang: j.phraseLang,
          filename: j.filename,
          status: (j.status ?? 'NEW') as JobPart['status'],
        },
        steps: j.steps ?? [{ level: 1, uid: j.uid }],
      });
    }
    return { jobs: result, superseded: [] };
  } catch (e) {
    // Completed, delivered, continuous or split jobs cannot take a new source: new jobs replace them.
    if (!PhraseError.is(e) || (e.status !== 400 && e.status !== 404 && e.status !== 409)) throw e;
    for (const [l, j] of await create(existing)) result.set(l, j);
    const superseded = await supersede(
      ctx,
      existing.map((l) => [l, prev!.jobs[l]!] as const),
    );
    const cancelled = superseded.filter((s) => s.cancelled).map((s) => s.uid);
    notes.push(
      `Phrase TMS refused to update the source of the existing jobs (${e.errorCode}: ${e.description}); created new jobs instead` +
        (cancelled.length
          ? `, and cancelled ${plural(cancelled.length, 'older job')} still open so nobody works on the outdated file (${cancelled.join(', ')})`
          : ''),
    );
    return { jobs: result, superseded };
  }
}

/** Records the old jobs of every step as superseded; those still open are set to CANCELLED. */
async function supersede(ctx: PushContext, old: ReadonlyArray<readonly [string, JobState]>): Promise<SupersededJob[]> {
  const at = new Date().toISOString();
  const out: SupersededJob[] = [];
  for (const [locale, job] of old) {
    for (const step of job.steps ?? [{ level: 1, uid: job.uid }]) {
      const now = await ctx.client.getJob(ctx.projectUid, step.uid, ctx.signal).catch((e: unknown) => {
        if (PhraseError.is(e) && e.status === 404) return undefined; // deleted in Phrase TMS meanwhile
        throw e;
      });
      const open = !!now && !finalStatuses.has(now.status);
      if (open) await ctx.client.setJobStatus(ctx.projectUid, step.uid, 'CANCELLED', ctx.signal);
      out.push({ locale, uid: step.uid, level: step.level, at, ...(open ? { cancelled: true } : {}) });
    }
  }
  return out;
}

/** Each locale's jobs by workflow level: never "the first job of a language" in answer order. */
function byLocale(ws: Workspace, jobs: readonly JobPart[], locales: readonly string[]): Map<string, LocaleJobs> {
  const out = new Map<string, LocaleJobs>();
  const sorted = [...jobs].sort((a, b) => levelOf(a) - levelOf(b));
  for (const job of sorted) {
    const locale = ws.codes.fromPhrase(job.targetLang, locales);
    if (!locale) continue;
    const entry = out.get(locale);
    const step: StepJob = {
      level: levelOf(job),
      uid: job.uid,
      name: job.workflowStep?.name ?? undefined,
      status: job.status,
    };
    if (!entry) out.set(locale, { first: job, steps: [step] });
    else if (!entry.steps.some((s) => s.level === step.level)) entry.steps.push(step);
  }
  return out;
}

function levelOf(job: JobPart): number {
  return job.workflowLevel ?? job.workflowStep?.order ?? 1;
}

/** Records the push: the source values sent, and each target's values now (the merge base). */
async function recordPush(
  ws: Workspace,
  state: SyncState,
  sf: SourceFile,
  plan: PushFilePlan,
  jobs: Map<string, LocaleJobs>,
): Promise<void> {
  const now = new Date().toISOString();
  const prev = state.files[plan.namespace];
  const entry: FileState = {
    sourceFile: sf.file.relPath,
    sourceHash: sha256(sf.bytes),
    pushedAt: now,
    source: dict(stringValues(sf.parsed)),
    jobs: dict(prev?.jobs),
    ...(prev?.superseded ? { superseded: prev.superseded } : {}),
  };
  const filename = path.posix.basename(sf.file.relPath);
  for (const [locale, { first, steps }] of jobs) {
    entry.jobs[locale] = {
      uid: first.uid,
      phraseLang: first.targetLang,
      filename,
      base: await readTargetValues(ws, plan.namespace, locale),
      status: first.status,
      pushedAt: now,
      steps,
    };
  }
  state.files[plan.namespace] = entry;
}
