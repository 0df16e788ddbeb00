/**
 * Pull: for the pushed jobs now in a configured status (default COMPLETED, DELIVERED), download
 * the target file and merge it per key into the local target file (see merge.ts), writing only
 * the keys that change. A job whose file name no longer matches what was pushed, or whose target
 * would land outside the workspace, writes nothing.
 */
import type { PhraseClient } from '../phrase/client';
import type { JobPart, JobStatus } from '../phrase/types';
import type { KeyEdit } from '../locales/edit';
import type { LocaleEntry } from '../locales/parse';
import { parseLocaleBytes } from '../locales/parse';
import { updateLocaleFile } from '../locales/writer';
import { allowedForm, findPluralGroups, pluralKey } from '../locales/plurals';
import type { Logger } from '../util/logger';
import { silentLogger } from '../util/logger';
import { mapLimit } from '../util/pool';
import type { Conflict } from './merge';
import { mergeTranslations } from './merge';
import type { JobState } from './state';
import { loadState, saveState } from './state';
import type { Workspace } from './workspace';
import { stringValues, targetPath } from './workspace';
import { promises as fs } from 'node:fs';

export interface PullFileResult {
  /** Workspace-relative target file. */
  readonly file: string;
  readonly namespace: string;
  readonly locale: string;
  readonly jobUid: string;
  readonly status: string;
  /** Keys written (changed or added). */
  readonly applied: number;
  /** Of those, keys that had a value in the local file (the rest are new to it). */
  readonly replaced?: ReadonlyArray<{ readonly key: string; readonly local: string; readonly remote: string }>;
  readonly conflicts: readonly Conflict[];
  /** Remote keys the source no longer has (not written back). */
  readonly skippedRemoved: number;
  readonly written: boolean;
  readonly error?: string;
  /** Time spent parsing, merging and writing this file (not downloading it). */
  readonly mergeMs?: number;
}

export interface PullResult {
  readonly dryRun: boolean;
  readonly files: readonly PullFileResult[];
  /** Pushed jobs not in a pull status yet. */
  readonly waiting: ReadonlyArray<{ readonly namespace: string; readonly locale: string; readonly jobUid: string }>;
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
  readonly onTranslations?: (translations: ReadonlyArray<{ namespace: string; key: string; locale: string; text: string }>) => void;
}

export async function pull(ws: Workspace, client: PhraseClient, options: PullOptions = {}): Promise<PullResult> {
  const log = options.logger ?? silentLogger;
  const state = await loadState(ws.root);
  const projectUid = state.phrase?.projectUid ?? ws.config.phrase.projectUid;
  if (!projectUid || Object.keys(state.files).length === 0) throw new Error('nothing has been pushed from this workspace yet: run push first');
  const statuses = ws.config.phrase.pullStatuses as JobStatus[];
  const ready = new Map((await client.listJobs(projectUid, { status: statuses }, options.signal)).map((j) => [j.uid, j]));

  const tasks: Array<{ namespace: string; locale: string; job: JobState; remote: JobPart }> = [];
  const waiting: Array<{ namespace: string; locale: string; jobUid: string }> = [];
  for (const [namespace, file] of Object.entries(state.files)) {
    for (const [locale, job] of Object.entries(file.jobs)) {
      if (options.jobUids && !options.jobUids.includes(job.uid)) continue;
      const remote = ready.get(job.uid);
      if (remote) tasks.push({ namespace, locale, job, remote });
      else waiting.push({ namespace, locale, jobUid: job.uid });
    }
  }

  let done = 0;
  const files = await mapLimit(
    tasks,
    ws.config.phrase.concurrency,
    async (t): Promise<PullFileResult> => {
      const provisional = state.provisional?.[t.namespace]?.[t.locale];
      const r = await pullOne(ws, client, projectUid, t.namespace, t.locale, t.job, t.remote, { ...options, provisional }).catch(
        (e: unknown): PullFileResult => ({ file: t.namespace.replace('{locale}', t.locale), namespace: t.namespace, locale: t.locale, jobUid: t.job.uid, status: t.remote.status, applied: 0, conflicts: [], skippedRemoved: 0, written: false, error: (e as Error).message }),
      );
      if (r.error) log.error(`pull ${r.file}: ${r.error}`);
      options.onProgress?.(++done, tasks.length, r.file);
      return r;
    },
    options.signal,
  );
  if (!options.dryRun) await saveState(ws.root, state);
  files.sort((a, b) => (a.file === b.file ? 0 : a.file < b.file ? -1 : 1));
  return { dryRun: !!options.dryRun, files, waiting, conflicts: files.reduce((n, f) => n + f.conflicts.length, 0), errors: files.filter((f) => f.error).length };
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
  const result = (extra: Partial<PullFileResult>): PullFileResult => ({ file: target.relPath, namespace, locale, jobUid: job.uid, status: remote.status, applied: 0, conflicts: [], skippedRemoved: 0, written: false, ...extra });
  // The server's file name is not trusted as a path: it must still be the one pushed.
  if (remote.filename !== job.filename) return result({ error: `job ${job.uid} now carries the file name "${remote.filename}", not "${job.filename}" as pushed: not written` });
  const source = ws.sourceFiles.find((s) => s.file.template === namespace);
  if (!source) return result({ error: `the source file of ${namespace} is gone or malformed: not written` });

  const download = await client.downloadTargetFile(projectUid, job.uid, options.signal);
  if (download.filename !== undefined && download.filename !== job.filename) return result({ error: `job ${job.uid} downloaded as "${download.filename}", not "${job.filename}": not written` });
  options.onDownload?.(namespace, locale, download.bytes);
  const merged = await applyTranslation(ws, namespace, locale, job, download.bytes, options);
  if (!options.dryRun) job.status = remote.status;
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
): Promise<Pick<PullFileResult, 'applied' | 'replaced' | 'conflicts' | 'skippedRemoved' | 'written' | 'mergeMs'>> {
  const started = performance.now();
  const target = targetPath(ws, namespace, locale);
  const source = ws.sourceFiles.find((s) => s.file.template === namespace)!;
  const remoteValues = stringValues(parseLocaleBytes(bytes, `${target.relPath} (translation of job ${job.uid})`, { keySeparator: ws.config.keySeparator }));

  let localBytes: Buffer | undefined;
  try {
    localBytes = await fs.readFile(target.path);
  } catch {
    localBytes = undefined;
  }
  // A malformed local file throws here, before anything is written.
  const local = localBytes ? parseLocaleBytes(localBytes, target.relPath, { keySeparator: ws.config.keySeparator }) : undefined;
  // Phrase TMS translates the source's keys: plural forms this locale does not use
  // (`item_one` for Japanese) are dropped, and forms it needs but the source lacks stay missing.
  const forms = unusedPluralForms(remoteValues.keys(), locale, ws.config.pluralSeparator);
  for (const key of forms) remoteValues.delete(key);
  // A translation the user already declined ("keep mine") is not a conflict again.
  for (const [key, value] of Object.entries(job.kept ?? {})) if (remoteValues.get(key) === value) remoteValues.delete(key);
  const merge = mergeTranslations({
    base: job.base,
    local: local ? stringValues(local) : new Map(),
    remote: remoteValues,
    sourceKeys: new Set([...source.parsed.entries.values()].filter((e: LocaleEntry) => e.kind === 'string').map((e) => e.key)),
    provisional: options.provisional ? new Map(Object.entries(options.provisional)) : undefined,
    prefer: options.prefer,
  });
  const edits: KeyEdit[] = [...merge.apply].map(([key, value]) => ({ key, value }));
  let written = false;
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
    }
    // The new base: what this pull agreed on. Conflicted keys keep theirs, and come back next time.
    for (const [key, value] of remoteValues) if (merge.apply.has(key) || local?.entries.get(key)?.value === value) job.base[key] = value;
    job.pulledAt = new Date().toISOString();
    // Machine translations the human ones replaced are provisional no more.
    for (const key of merge.apply.keys()) delete options.provisional?.[key];
    options.onTranslations?.([...merge.apply].map(([key, text]) => ({ namespace, key, locale, text })));
  }
  return { applied: edits.length, replaced: merge.replaced, conflicts: merge.conflicts, skippedRemoved: merge.skippedRemoved.length, written, mergeMs: performance.now() - started };
}

/** Plural-form keys (of a group with an `_other` form) whose category `locale` does not use. */
function unusedPluralForms(keys: Iterable<string>, locale: string, separator: string): string[] {
  const groups = findPluralGroups(keys, separator);
  const out: string[] = [];
  for (const g of groups.values()) {
    for (const c of g.present) if (!allowedForm(locale, c, g.ordinal)) out.push(pluralKey(g.base, c, g.ordinal, separator));
  }
  return out;
}
