/**
 * Pull: for the pushed locales whose job of the **last** workflow step (or of
 * `phrase.pullAfterStep`) is in a configured status (default COMPLETED, DELIVERED), download that
 * job's target file and merge it per key into the local target file (see merge.ts), writing only
 * the keys that change; a completed earlier step is not done. What comes back is checked first
 * (trust.ts). A job whose file name no longer matches what was pushed, or whose target would land
 * outside the workspace, writes nothing.
 */
import type { PhraseClient } from '../phrase/client';
import type { JobPart, JobStatus, StepInfo } from '../phrase/types';
import type { KeyEdit, KeyRefusal } from '../locales/edit';
import type { LocaleEntry } from '../locales/scan';
import { parseLocaleBytes } from '../locales/scan';
import { updateLocaleFile } from '../locales/writer';
import { allowedForm, findPluralGroups, pluralKey } from '../locales/plurals';
import type { Logger } from '../util/logger';
import { silentLogger } from '../util/logger';
import { mapLimit } from '../util/pool';
import type { Conflict } from './merge';
import { mergeTranslations } from './merge';
import { withWorkspaceLock } from './lock';
import { isHumanTranslation, trustRemote } from './trust';
import type { JobState } from './state';
import { loadState, projectChange, projectChangedError, saveState } from './state';
import type { Workspace } from './workspace';
import { removeWorkspaceTemps, resolveTarget, stringValues, targetPath } from './workspace';
import { promises as fs } from 'node:fs';
import { LocaleWriteError } from '../locales/errors';
import { SyncError } from './errors';

export interface PullFileResult {
  /** Workspace-relative target file. */
  readonly file: string;
  readonly namespace: string;
  readonly locale: string;
  readonly jobUid: string;
  /** The status of the job pulled (the pull step's). */
  readonly status: string;
  /** The workflow step pulled (its name, when the project has steps). */
  readonly step?: string;
  /** Keys written (changed or added). */
  readonly applied: number;
  /** Of those, keys that had a value in the local file (the rest are new to it). */
  readonly replaced?: ReadonlyArray<{ readonly key: string; readonly local: string; readonly remote: string }>;
  readonly conflicts: readonly Conflict[];
  /** Remote keys the source no longer has (not written back). */
  readonly skippedRemoved: number;
  /** Keys exported as the source text (nobody confirmed them) that did not replace a translation. */
  readonly untranslated?: number;
  readonly written: boolean;
  /** Translations not written because their key cannot be (see `describeRefusal`); not in `applied`. */
  readonly refused?: readonly KeyRefusal[];
  readonly error?: string;
  /** Time spent parsing, merging and writing this file (not downloading it). */
  readonly mergeMs?: number;
}

export interface PullResult {
  readonly dryRun: boolean;
  readonly files: readonly PullFileResult[];
  /** Pushed jobs not in a pull status yet. */
  readonly waiting: ReadonlyArray<{
    readonly namespace: string;
    readonly locale: string;
    readonly jobUid: string;
    readonly step?: string;
  }>;
  readonly conflicts: number;
  readonly errors: number;
}

export interface PullOptions {
  readonly dryRun?: boolean;
  readonly prefer?: 'local' | 'remote';
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  readonly onProgress?: (done: number, total: number, file: string) => void;
  /** Only these jobs (the extension's "pull one job"). */
  readonly jobUids?: readonly string[];
  /** Sees each downloaded file (the benchmark keeps them). */
  readonly onDownload?: (namespace: string, locale: string, bytes: Buffer) => void;
  /** Receives the human translations written by this pull (for the ModernMT memory). */
  readonly onTranslations?: (
    translations: ReadonlyArray<{ namespace: string; key: string; locale: string; text: string }>,
  ) => void;
}

export async function pull(ws: Workspace, client: PhraseClient, options: PullOptions = {}): Promise<PullResult> {
  if (options.dryRun) return pullLocked(ws, client, options);
  return withWorkspaceLock(ws.root, { command: 'pull', logger: options.logger, signal: options.signal }, () =>
    pullLocked(ws, client, options),
  );
}

async function pullLocked(ws: Workspace, client: PhraseClient, options: PullOptions): Promise<PullResult> {
  const log = options.logger ?? silentLogger;
  if (!options.dryRun) await removeWorkspaceTemps(ws, log);
  const state = await loadState(ws.root, log);
  const moved = projectChange(state, ws.config.phrase.projectUid);
  if (moved) throw projectChangedError(moved, 'pulled');
  const projectUid = state.phrase?.projectUid ?? ws.config.phrase.projectUid;
  if (!projectUid || Object.keys(state.files).length === 0) {
    throw new SyncError('not-pushed', 'Nothing has been pushed from this workspace yet: run push first.');
  }
  const statuses = ws.config.phrase.pullStatuses as JobStatus[];
  const step = pullStep(await client.workflowSteps(projectUid, options.signal), ws.config.phrase.pullAfterStep);
  // The list answers for the first step unless told which: ask for the pull step's jobs.
  const ready = new Map(
    (await client.listJobs(projectUid, { status: statuses, workflowLevel: step.level }, options.signal)).map((j) => [
      j.uid,
      j,
    ]),
  );
  const resolve = stepResolver(client, projectUid, step.level, options.signal);

  const tasks: Array<{ namespace: string; locale: string; job: JobState; remote: JobPart }> = [];
  const waiting: Array<{ namespace: string; locale: string; jobUid: string; step?: string }> = [];
  for (const [namespace, file] of Object.entries(state.files)) {
    for (const [locale, job] of Object.entries(file.jobs)) {
      if (options.jobUids && !options.jobUids.includes(job.uid)) continue;
      const remote = ready.get(await resolve(job));
      if (remote) tasks.push({ namespace, locale, job, remote });
      else waiting.push({ namespace, locale, jobUid: job.uid, step: step.name });
    }
  }

  let done = 0;
  const files = await mapLimit(
    tasks,
    ws.config.phrase.concurrency,
    async (t): Promise<PullFileResult> => {
      const provisional = state.provisional?.[t.namespace]?.[t.locale];
      const r = await pullOne(ws, client, projectUid, t.namespace, t.locale, t.job, t.remote, {
        ...options,
        provisional,
      }).catch((e: unknown): PullFileResult => ({
        file: t.namespace.replace('{locale}', t.locale),
        namespace: t.namespace,
        locale: t.locale,
        jobUid: t.job.uid,
        status: t.remote.status,
        applied: 0,
        conflicts: [],
        skippedRemoved: 0,
        written: false,
        error: (e as Error).message,
      }));
      if (r.error) log.error(`pull ${r.file}: ${r.error}`);
      options.onProgress?.(++done, tasks.length, r.file);
      return r;
    },
    options.signal,
  );
  if (!options.dryRun) await saveState(ws.root, state);
  files.sort((a, b) => (a.file === b.file ? 0 : a.file < b.file ? -1 : 1));
  return {
    dryRun: !!options.dryRun,
    files,
    waiting,
    conflicts: files.reduce((n, f) => n + f.conflicts.length, 0),
    errors: files.filter((f) => f.error).length,
  };
}

async function pullOne(
  ws: Workspace,
  client: PhraseClient,
  projectUid: string,
  namespace: string,
  locale: string,
  job: JobState,
  remote: JobPart,
  options: PullOptions & { provisional?: Record<string, string> },
): Promise<PullFileResult> {
  const target = targetPath(ws, namespace, locale);
  const result = (extra: Partial<PullFileResult>): PullFileResult => ({
    file: target.relPath,
    namespace,
    locale,
    jobUid: job.uid,
    status: remote.status,
    step: remote.workflowStep?.name ?? undefined,
    applied: 0,
    conflicts: [],
    skippedRemoved: 0,
    written: false,
    ...extra,
  });
  // The server's file name is not trusted as a path: it must still be the one pushed.
  if (remote.filename !== job.filename) {
    return result({
      error: `job ${job.uid} now carries the file name "${remote.filename}", not "${job.filename}" as pushed: not written`,
    });
  }
  const source = ws.sourceFiles.find((s) => s.file.template === namespace);
  if (!source) return result({ error: `the source file of ${namespace} is gone or malformed: not written` });

  const download = await client.downloadTargetFile(projectUid, remote.uid, options.signal);
  if (download.filename !== undefined && download.filename !== job.filename) {
    return result({
      error: `job ${remote.uid} downloaded as "${download.filename}", not "${job.filename}": not written`,
    });
  }
  options.onDownload?.(namespace, locale, download.bytes);
  const merged = await applyTranslation(ws, namespace, locale, job, download.bytes, options);
  if (!options.dryRun) {
    const s = job.steps?.find((x) => x.uid === remote.uid);
    if (s) s.status = remote.status;
    if (remote.uid === job.uid || !job.steps) job.status = remote.status;
  }
  return result(merged);
}

/**
 * Merges one downloaded target file into the local file (exported for the benchmark, which
 * replays downloads to time merging apart from the network).
 */
export async function applyTranslation(
  ws: Workspace,
  namespace: string,
  locale: string,
  job: JobState,
  bytes: Uint8Array,
  options: Pick<PullOptions, 'dryRun' | 'prefer' | 'onTranslations'> & { provisional?: Record<string, string> } = {},
): Promise<
  Pick<
    PullFileResult,
    'applied' | 'replaced' | 'conflicts' | 'skippedRemoved' | 'untranslated' | 'written' | 'refused' | 'mergeMs'
  >
> {
  const started = performance.now();
  // The workspace's symlink rule: a link leading outside is refused here, naming it.
  const target = await resolveTarget(ws, namespace, locale);
  const source = ws.sourceFiles.find((s) => s.file.template === namespace)!;
  const remoteValues: Map<string, string> = stringValues(
    parseLocaleBytes(bytes, `${target.relPath} (translation of job ${job.uid})`, {
      keySeparator: ws.config.keySeparator,
    }),
  );

  let localBytes: Buffer | undefined;
  try {
    localBytes = await fs.readFile(target.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new LocaleWriteError(target.relPath, 'is a directory, not a locale file: skipped');
    if (code !== 'ENOENT') {
      throw new LocaleWriteError(target.relPath, `cannot be read (${code ?? (e as Error).message}): skipped`);
    }
    localBytes = undefined;
  }
  // A malformed local file throws here, before anything is written.
  const local = localBytes
    ? parseLocaleBytes(localBytes, target.relPath, { keySeparator: ws.config.keySeparator })
    : undefined;
  // Phrase TMS translates the source's keys: plural forms this locale does not use
  // (`item_one` for Japanese) are dropped, and forms it needs but the source lacks stay missing.
  const forms = unusedPluralForms(remoteValues.keys(), locale, ws.config.pluralSeparator);
  for (const key of forms) remoteValues.delete(key);
  // A translation the user already declined ("keep mine") is not a conflict again.
  for (const [key, value] of Object.entries(job.kept ?? {})) {
    if (remoteValues.get(key) === value) remoteValues.delete(key);
  }
  const sourceValues = stringValues(source.parsed);
  const localValues = local ? stringValues(local) : new Map<string, string>();
  const pluralKeys = new Set(
    [...findPluralGroups(sourceValues.keys(), ws.config.pluralSeparator).values()].flatMap((g) =>
      g.present.map((c) => pluralKey(g.base, c, g.ordinal, ws.config.pluralSeparator)),
    ),
  );
  const trusted = trustRemote({
    remote: remoteValues,
    source: sourceValues,
    local: localValues,
    base: job.base,
    icu: ws.config.icu,
    pluralKeys,
  });
  const merge = mergeTranslations({
    base: job.base,
    local: localValues,
    remote: trusted.remote,
    sourceKeys: new Set(
      [...source.parsed.entries.values()].filter((e: LocaleEntry) => e.kind === 'string').map((e) => e.key),
    ),
    provisional: options.provisional ? new Map(Object.entries(options.provisional)) : undefined,
    prefer: options.prefer,
  });
  const edits: KeyEdit[] = [...merge.apply].map(([key, value]) => ({ key, value }));
  let written = false;
  let refused: readonly KeyRefusal[] = [];
  if (!options.dryRun) {
    if (edits.length > 0) {
      const res = await updateLocaleFile(target.path, edits, {
        keySeparator: ws.config.keySeparator,
        order: [...source.parsed.entries.keys()],
        newFileStyle: source.parsed.style,
        displayName: target.relPath,
        expectedText: local?.text,
      });
      written = res.changed;
      refused = res.refused;
    }
    // Only what was written counts: a refused key is neither applied nor agreed on.
    const notWritten = new Set(refused.map((r) => r.key));
    const applied = new Map([...merge.apply].filter(([key]) => !notWritten.has(key)));
    // The new base: what this pull agreed on. Conflicted keys keep theirs, and come back next time.
    for (const [key, value] of trusted.remote) {
      if (applied.has(key) || local?.entries.get(key)?.value === value) job.base[key] = value;
    }
    job.pulledAt = new Date().toISOString();
    // Machine translations the human ones replaced are provisional no more.
    for (const key of applied.keys()) delete options.provisional?.[key];
    // The source text sent back is not a linguist's work: it does not feed the memory.
    options.onTranslations?.(
      [...applied]
        .filter(([key, text]) => isHumanTranslation(text, sourceValues.get(key)))
        .map(([key, text]) => ({ namespace, key, locale, text })),
    );
  }
  const refusedKeys = new Set(refused.map((r) => r.key));
  return {
    applied: edits.length - refused.length,
    replaced: refusedKeys.size ? merge.replaced.filter((x) => !refusedKeys.has(x.key)) : merge.replaced,
    conflicts: [...merge.conflicts, ...trusted.broken],
    skippedRemoved: merge.skippedRemoved.length,
    untranslated: trusted.sameAsSource.length,
    written,
    refused: refused.length ? refused : undefined,
    mergeMs: performance.now() - started,
  };
}

/** Plural-form keys (of a group with an `_other` form) whose category `locale` does not use. */
function unusedPluralForms(keys: Iterable<string>, locale: string, separator: string): string[] {
  const groups = findPluralGroups(keys, separator);
  const out: string[] = [];
  for (const g of groups.values()) {
    for (const c of g.present) {
      if (!allowedForm(locale, c, g.ordinal)) out.push(pluralKey(g.base, c, g.ordinal, separator));
    }
  }
  return out;
}

/** The step whose completion makes a translation final: the named one, or the last. */
export function pullStep(steps: readonly StepInfo[], named: string | undefined): StepInfo {
  if (named === undefined) return steps[steps.length - 1]!;
  const found = steps.find((s) => s.name?.toLowerCase() === named.toLowerCase());
  if (!found) {
    throw new SyncError(
      'unknown-step',
      `"phrase.pullAfterStep" is "${named}", but the project's workflow steps are ${steps.map((s) => (s.name ? `"${s.name}"` : `level ${s.level}`)).join(', ')}: use one of them`,
    );
  }
  return found;
}

/**
 * The uid of a locale's job at `level`. States written before steps were recorded only know the
 * first step's job: its job at `level` is found by file and language (one list per level).
 */
function stepResolver(
  client: PhraseClient,
  projectUid: string,
  level: number,
  signal?: AbortSignal,
): (job: JobState) => Promise<string> {
  let legacy: Promise<Map<string, string>> | undefined;
  return async (job) => {
    if (level === 1) return job.uid;
    const known = job.steps?.find((s) => s.level === level)?.uid;
    if (known || job.steps) return known ?? '';
    legacy ??= (async () => {
      const key = (j: JobPart) => `${j.sourceFileUid ?? j.innerId}|${j.targetLang}`;
      // A job that says it belongs to another step is not taken for this one, whatever the list's
      // filter returned (a server that ignores `workflowLevel` must not make unreviewed text final).
      const at = (l: number) => (j: JobPart) => j.workflowLevel === undefined || j.workflowLevel === l;
      const later = new Map(
        (await client.listJobs(projectUid, { workflowLevel: level }, signal))
          .filter(at(level))
          .map((j) => [key(j), j.uid]),
      );
      return new Map(
        (await client.listJobs(projectUid, {}, signal)).filter(at(1)).map((j) => [j.uid, later.get(key(j)) ?? '']),
      );
    })();
    return (await legacy).get(job.uid) ?? '';
  };
}
