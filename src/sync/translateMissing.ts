/**
 * Translate-missing: every key a target locale lacks or has empty (plural forms it needs
 * included, translated from the source's `_other`), machine-translated in batches through
 * ModernMT with placeholders protected, written with minimal edits, and recorded as provisional
 * in the state so that a later pull replaces it with the human translation. Billed once: texts
 * with the same protected form are one segment, texts without words are not sent, the
 * `project_id` is stable; each batch's keys are written as soon as it is back (a later failure
 * keeps what was paid for); a segment ModernMT refuses is reported and the rest goes on.
 */
import type { LocaleLoopConfig } from '../locales/config';
import type { KeyEdit } from '../locales/edit';
import { describeRefusal, keyPathProblem } from '../locales/edit';
import type { LocaleValues } from '../locales/scan';
import { findPluralGroups, pluralCategoriesOf, pluralKey, splitPluralSuffix } from '../locales/plurals';
import { scanWorkspace } from '../locales/scan';
import { updateLocaleFile } from '../locales/writer';
import type { ModernMtClient } from '../modernmt/client';
import type { Protected } from '../modernmt/protect';
import { protect } from '../modernmt/protect';
import { restore } from '../modernmt/restore';
import type { Chunk } from '../modernmt/split';
import { splitLong } from '../modernmt/split';
import type { Logger } from '../util/logger';
import { silentLogger } from '../util/logger';
import { dict } from '../util/dict';
import { withWorkspaceLock } from './lock';
import type { SyncState } from './state';
import { loadState, saveState } from './state';
import { mtProjectId } from './translateText';
import type { Workspace } from './workspace';
import { openWorkspace, removeWorkspaceTemps, resolveTarget } from './workspace';
import { promises as fs } from 'node:fs';

export interface Refusal {
  readonly file: string;
  readonly key: string;
  readonly source: string;
  readonly result: string;
  readonly reason: string;
}

/** A target file not read or written (a link leading outside, a directory, a malformed or read-only file). */
export interface SkippedFile {
  readonly file: string;
  /** A sentence naming the file and the reason. */
  readonly reason: string;
}

/** A key whose translation cannot be written (see `keyPathProblem`): reported, not sent. */
export interface RefusedKey {
  readonly file: string;
  readonly key: string;
  /** `"a..b": refused, not written: …` */
  readonly message: string;
}

export interface LocaleTranslation {
  readonly locale: string;
  /** `keys`: values written (refused keys are not counted). */
  readonly files: ReadonlyArray<{ readonly file: string; readonly keys: number; readonly written: boolean }>;
  readonly translated: number;
  readonly refused: readonly Refusal[];
  /** Characters of the source texts to translate. */
  readonly characters: number;
  /** Characters sent to ModernMT (each protected form once), and what it billed for them. */
  readonly sentCharacters?: number;
  readonly billedCharacters?: number;
  /** Requests sent. */
  readonly requests?: number;
  /** Why the rest of this locale was not translated (what was written before stays). */
  readonly error?: string;
  /** Target files skipped: the command fails after processing the others. */
  readonly skipped: readonly SkippedFile[];
  readonly refusedKeys: readonly RefusedKey[];
}

export interface TranslateMissingResult {
  readonly dryRun: boolean;
  readonly locales: readonly LocaleTranslation[];
}

export interface TranslateMissingOptions {
  /** Only these target locales (BCP 47 or as written). */
  readonly locales?: readonly string[];
  readonly dryRun?: boolean;
  /** Memory ids passed as hints. */
  readonly hints?: ReadonlyArray<number | string>;
  /** Only these keys of one namespace (and their plural forms); untranslated values count too. */
  readonly only?: { readonly namespace: string; readonly keys: readonly string[] };
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  readonly onProgress?: (done: number, total: number, locale: string) => void;
}

interface Job {
  readonly namespace: string;
  readonly file: string;
  readonly key: string;
  readonly source: string;
}

export async function translateMissing(
  config: LocaleLoopConfig,
  client: ModernMtClient | undefined,
  options: TranslateMissingOptions = {},
): Promise<TranslateMissingResult> {
  if (options.dryRun || !client) return translateLocked(config, client, options);
  return withWorkspaceLock(
    config.root,
    { command: 'translate-missing', logger: options.logger, signal: options.signal },
    () => translateLocked(config, client, options),
  );
}

async function translateLocked(
  config: LocaleLoopConfig,
  client: ModernMtClient | undefined,
  options: TranslateMissingOptions,
): Promise<TranslateMissingResult> {
  const log = options.logger ?? silentLogger;
  const { report, parsed } = await scanWorkspace(config, { signal: options.signal });
  const ws = await openWorkspace(config);
  const writing = !options.dryRun && !!client;
  if (writing) await removeWorkspaceTemps(ws, log);
  const wanted = options.locales?.map((l) => ws.codes.toModernMt(l).toLowerCase());
  const state = await loadState(config.root, log);
  const scanErrors = new Map(report.errors.map((e) => [e.file, e.message]));
  const results: LocaleTranslation[] = [];
  const targets = report.locales.filter(
    (l) => !l.isSource && (!wanted || wanted.includes(ws.codes.toModernMt(l.locale).toLowerCase())),
  );
  let done = 0;
  for (const loc of targets) {
    // What to translate: each missing or empty key with a source text, in files that can be written.
    const jobs: Job[] = [];
    const skipped: SkippedFile[] = [];
    const refusedKeys: RefusedKey[] = [];
    for (const ns of loc.namespaces) {
      if (options.only && options.only.namespace !== ns.id) continue;
      const source = sourceOf(
        ws.sourceFiles.find((s) => s.file.template === ns.id)?.parsed ??
          parsed.get(ns.id.replace('{locale}', config.sourceLocale)),
      );
      if (!source) continue;
      const candidates = options.only
        ? [...ns.missing, ...ns.empty, ...ns.untranslated].filter((k) =>
            options.only!.keys.some(
              (o) =>
                k === o ||
                splitPluralSuffix(k, config.pluralSeparator)?.base ===
                  (splitPluralSuffix(o, config.pluralSeparator)?.base ?? o),
            ),
          )
        : [...ns.missing, ...ns.empty];
      if (candidates.length === 0 && !ns.malformed) continue;
      const target = await writableTarget(
        ws,
        ns.id,
        loc.locale,
        ns.malformed && ns.file ? (scanErrors.get(ns.file) ?? `${ns.file} could not be parsed`) : undefined,
      );
      if ('reason' in target) {
        skipped.push(target);
        log.error(`translate-missing: ${target.reason}`);
        continue;
      }
      for (const key of candidates) {
        const text = sourceText(source, key, config.pluralSeparator);
        if (text === undefined || text.trim() === '') continue;
        const problem = keyPathProblem(key, config.keySeparator);
        if (problem) refusedKeys.push({ file: target.file, key, message: describeRefusal({ key, reason: problem }) });
        else jobs.push({ namespace: ns.id, file: target.file, key, source: text });
      }
    }
    const characters = jobs.reduce((n, j) => n + j.source.length, 0);
    if (options.dryRun || jobs.length === 0 || !client) {
      const byFile = countBy(jobs.map((j) => j.file));
      results.push({
        locale: loc.locale,
        files: [...byFile].map(([file, keys]) => ({ file, keys, written: false })),
        translated: 0,
        refused: [],
        characters,
        skipped,
        refusedKeys,
      });
      options.onProgress?.(++done, targets.length, loc.locale);
      continue;
    }

    const r = await translateLocale(config, client, ws, state, loc.locale, jobs, options, { skipped, refusedKeys });
    pruneMarks(state);
    await saveState(config.root, state);
    for (const x of r.refused) log.warn(`${x.file} "${x.key}": machine translation refused: ${x.reason}`);
    for (const x of refusedKeys) log.warn(`${x.file} ${x.message}`);
    if (r.error) log.error(`translate-missing ${loc.locale}: ${r.error}`);
    results.push({ locale: loc.locale, characters, ...r, skipped, refusedKeys });
    options.onProgress?.(++done, targets.length, loc.locale);
  }
  return { dryRun: !!options.dryRun, locales: results };
}

/** One segment to send: a text's protected form (or the sentences of a long one). */
interface Group {
  readonly p: Protected;
  readonly jobs: Job[];
  readonly chunks: readonly Chunk[];
}

type Written = { readonly job: Job; readonly value: string };

/**
 * Translates one locale's jobs, writing each batch's keys as soon as it is back. Texts are
 * grouped by protected form; one too long for a request is split into sentences, or reported.
 */
async function translateLocale(
  config: LocaleLoopConfig,
  client: ModernMtClient,
  ws: Awaited<ReturnType<typeof openWorkspace>>,
  state: SyncState,
  locale: string,
  jobs: readonly Job[],
  options: TranslateMissingOptions,
  /** Where files that cannot be written and keys refused by the writer are reported. */
  sink: { readonly skipped: SkippedFile[]; readonly refusedKeys: RefusedKey[] },
): Promise<Omit<LocaleTranslation, 'locale' | 'characters' | 'skipped' | 'refusedKeys'>> {
  const icu = { icu: config.icu };
  const refused: Refusal[] = [];
  const refuse = (j: Job, result: string, reason: string) =>
    refused.push({ file: j.file, key: j.key, source: j.source, result, reason });
  const groups = new Map<string, Group>();
  const copies: Written[] = [];
  const maxChars = config.modernmt.maxCharsPerRequest;
  for (const j of jobs) {
    const p = protect(j.source, icu);
    // Nothing to translate (a placeholder, a number): the source is the translation, unsent.
    if (!p.hasText) copies.push({ job: j, value: j.source });
    else if (groups.has(p.xml)) groups.get(p.xml)!.jobs.push(j);
    else {
      const chunks = splitLong(p.xml, maxChars);
      if (chunks) groups.set(p.xml, { p, jobs: [j], chunks });
      else {
        refuse(
          j,
          '',
          `it is longer than one ModernMT request may be (${maxChars} characters) and has no sentence break to split it at`,
        );
      }
    }
  }
  const segments = [...new Set([...groups.values()].flatMap((g) => g.chunks.map((c) => c.xml)))];
  const index = new Map(segments.map((x, i) => [x, i]));
  const done = new Map<number, { ok: true; text: string } | { ok: false; reason: string }>();
  const pending = new Set(groups.values());
  const files = new Map<string, { file: string; keys: number; written: boolean }>();
  let translated = 0;
  let billed = 0;
  let requests = 0;
  // One batch's keys at a time: two batches may touch the same file.
  let writing = Promise.resolve();
  const write = (list: readonly Written[]) => {
    if (list.length > 0) writing = writing.then(() => writeBatch(list));
    return writing;
  };
  const failedFiles = new Set<string>();
  const writeBatch = async (list: readonly Written[]) => {
    const byFile = new Map<string, { namespace: string; edits: KeyEdit[] }>();
    for (const { job, value } of list) {
      (byFile.get(job.file) ?? byFile.set(job.file, { namespace: job.namespace, edits: [] }).get(job.file)!).edits.push(
        { key: job.key, value },
      );
    }
    // The marks first: a crash after this point leaves at most marks of values not yet written
    // (harmless: a mark counts only while the file holds that very value), never a machine
    // translation without its mark.
    for (const [file, { namespace, edits }] of byFile) {
      if (failedFiles.has(file)) continue;
      const prov = marksOf(state, namespace, locale);
      for (const e of edits) prov[e.key] = e.value!;
    }
    await saveState(config.root, state);
    for (const [file, { namespace, edits }] of byFile) {
      // A file that could not be written earlier in this run stays skipped (reported once).
      if (failedFiles.has(file)) continue;
      const source = ws.sourceFiles.find((s) => s.file.template === namespace)!;
      const prov = marksOf(state, namespace, locale);
      try {
        const res = await updateLocaleFile(file, edits, {
          root: config.root,
          keySeparator: config.keySeparator,
          order: expectedOrder([...source.parsed.entries.keys()], locale, config.pluralSeparator),
          newFileStyle: source.parsed.style,
          displayName: file,
        });
        for (const r of res.refused) {
          delete prov[r.key];
          sink.refusedKeys.push({ file, key: r.key, message: describeRefusal(r) });
        }
        const written = edits.length - res.refused.length;
        const f = files.get(file) ?? files.set(file, { file, keys: 0, written: false }).get(file)!;
        f.keys += written;
        f.written ||= res.changed;
        translated += written;
      } catch (e) {
        for (const x of edits) delete prov[x.key];
        const reason = (e as Error).message.startsWith(file)
          ? (e as Error).message
          : `${file}: ${(e as Error).message}`;
        failedFiles.add(file);
        sink.skipped.push({ file, reason });
        (options.logger ?? silentLogger).error(`translate-missing: ${reason}`);
      }
    }
    await saveState(config.root, state);
  };
  /** Keys whose every segment is back: restored (each with its own placeholders) or refused. */
  const finished = (): Written[] => {
    const ready: Written[] = [];
    for (const g of pending) {
      const parts = g.chunks.map((c) => done.get(index.get(c.xml)!));
      if (parts.some((x) => x === undefined)) continue;
      pending.delete(g);
      const failed = parts.find((x) => !x!.ok);
      if (failed && !failed.ok) {
        for (const j of g.jobs) refuse(j, '', failed.reason);
        continue;
      }
      const xml = parts.map((x, k) => (x as { text: string }).text + g.chunks[k]!.gap).join('');
      for (const j of g.jobs) {
        // `Hello {{name}}` and `Hello {{user}}` shared a segment: each gets its own placeholders back.
        const r = restore(j.source === g.p.source ? g.p : protect(j.source, icu), xml, icu);
        if (r.ok) ready.push({ job: j, value: r.text });
        else refuse(j, r.text, r.reason);
      }
    }
    return ready;
  };
  await write(copies);
  let error: string | undefined;
  try {
    await client.translateEach(ws.codes.toModernMt(ws.sourceLocale), ws.codes.toModernMt(locale), segments, {
      format: 'text/xml',
      hints: options.hints,
      priority: 'background',
      projectId: mtProjectId(config),
      signal: options.signal,
      onBatch: (indexes, results) => {
        requests++;
        indexes.forEach((i, k) => {
          const r = results[k]!;
          if (r.ok) billed += r.translation.billedCharacters ?? r.translation.characters ?? 0;
          done.set(i, r.ok ? { ok: true, text: r.translation.translation } : { ok: false, reason: r.reason });
        });
        return write(finished());
      },
    });
  } catch (e) {
    if (options.signal?.aborted) throw e;
    error = (e as Error).message;
  }
  await writing.catch((e: unknown) => (error ??= (e as Error).message));
  return {
    files: [...files.values()],
    translated,
    refused,
    sentCharacters: segments.reduce((n, x) => n + x.length, 0),
    billedCharacters: billed,
    requests,
    ...(error ? { error } : {}),
  };
}

/** The machine-translation marks of one target file (created on first use). */
function marksOf(state: SyncState, namespace: string, locale: string): Record<string, string> {
  const byNamespace = (state.provisional ??= dict());
  const byLocale = (byNamespace[namespace] ??= dict());
  return (byLocale[locale] ??= dict());
}

/** Drops the mark records left empty (a file whose write failed). */
function pruneMarks(state: SyncState): void {
  for (const [namespace, byLocale] of Object.entries(state.provisional ?? {})) {
    for (const [locale, marks] of Object.entries(byLocale)) {
      if (Object.keys(marks).length === 0) delete byLocale[locale];
    }
    if (Object.keys(byLocale).length === 0) delete state.provisional![namespace];
  }
}

/**
 * The workspace-relative target file when it can be written: inside the folder by the symlink
 * rule, a file (or not there yet), and parsed by the scan (`malformed`: its error); else why not.
 */
async function writableTarget(
  ws: Workspace,
  namespace: string,
  locale: string,
  malformed: string | undefined,
): Promise<{ file: string } | SkippedFile> {
  let target: { path: string; relPath: string };
  try {
    target = await resolveTarget(ws, namespace, locale);
  } catch (e) {
    return { file: namespace.replace('{locale}', locale), reason: (e as Error).message };
  }
  if (malformed) {
    return {
      file: target.relPath,
      reason: `${malformed} (skipped: the file is never written while it does not parse)`,
    };
  }
  const stat = await fs.stat(target.path).catch(() => undefined);
  if (stat && !stat.isFile()) {
    return {
      file: target.relPath,
      reason: `${target.relPath} is ${stat.isDirectory() ? 'a directory' : 'not a regular file'}, not a locale file: skipped`,
    };
  }
  return { file: target.relPath };
}

function sourceOf(parsed: LocaleValues | undefined): Map<string, string> | undefined {
  if (!parsed) return undefined;
  const out = new Map<string, string>();
  for (const e of parsed.entries.values()) if (e.kind === 'string') out.set(e.key, e.value as string);
  return out;
}

/** The text a target key is translated from: its source value, or for a plural form the source lacks, `_other`. */
function sourceText(source: Map<string, string>, key: string, separator: string): string | undefined {
  const direct = source.get(key);
  if (direct !== undefined) return direct;
  const s = splitPluralSuffix(key, separator);
  return s ? source.get(pluralKey(s.base, 'other', s.ordinal, separator)) : undefined;
}

/** Source key order with each plural group expanded to the forms `locale` uses (for placing new keys). */
export function expectedOrder(sourceKeys: readonly string[], locale: string, separator: string): string[] {
  const groups = findPluralGroups(sourceKeys, separator);
  const out: string[] = [];
  const emitted = new Set<string>();
  for (const key of sourceKeys) {
    const s = splitPluralSuffix(key, separator);
    const id = s && (s.ordinal ? `${s.base}#ordinal` : s.base);
    if (!s || !groups.has(id!)) {
      out.push(key);
      continue;
    }
    if (emitted.has(id!)) continue;
    emitted.add(id!);
    const forms = pluralCategoriesOf(locale, s.ordinal);
    const present = groups.get(id!)!.present;
    // The zero form, where the source has one, keeps its place before the others.
    for (const c of present.includes('zero') && !s.ordinal
      ? ['zero' as const, ...forms.filter((f) => f !== 'zero')]
      : forms) {
      out.push(pluralKey(s.base, c, s.ordinal, separator));
    }
  }
  return out;
}

function countBy(items: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of items) out.set(i, (out.get(i) ?? 0) + 1);
  return out;
}
