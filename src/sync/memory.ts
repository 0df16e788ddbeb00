/**
 * The adaptive loop: human translations (pulled from Phrase TMS, or all current ones with
 * `memory sync`) go into the ModernMT memory named in `locale-loop.json`, one pair per key and
 * locale with the tuid `namespace#key`, in the same protected form the translate requests use
 * (so an exact match can happen). What was fed is remembered in the state: an unchanged pair is
 * not sent again, a changed one REPLACES its pair (PUT by tuid) instead of adding a duplicate.
 * Inline translation passes that memory as a hint.
 */
import { createHash } from 'node:crypto';
import type { LocaleLoopConfig } from '../locales/config';
import type { ModernMtClient } from '../modernmt/client';
import { ModernMtError } from '../modernmt/errors';
import { protect, protectLike } from '../modernmt/protect';
import type { Logger } from '../util/logger';
import { silentLogger } from '../util/logger';
import { mapLimit } from '../util/pool';
import { withWorkspaceLock } from './lock';
import type { SyncState } from './state';
import { loadState, saveState } from './state';
import type { Workspace } from './workspace';
import { readTargetValues, stringValues } from './workspace';
import { plural } from '../util/plural';

/** One human translation of one key. */
export interface HumanTranslation {
  readonly namespace: string;
  readonly key: string;
  readonly locale: string;
  readonly text: string;
}

/** What the memory's description says: no local path, nothing about the machine. */
export const memoryDescription = 'Human translations fed by Locale Loop';

/** A lost answer (no response, 5xx): the call may or may not have taken effect. */
function unknownOutcome(e: unknown): boolean {
  return ModernMtError.is(e) && (e.status === 0 || e.status >= 500);
}

/** A 5xx answer after the retries: the server is failing, which the user must hear about. */
function serverFault(e: unknown): boolean {
  return ModernMtError.is(e) && e.status >= 500;
}

/**
 * The memory to use: `modernmt.memoryId`, else the one recorded for this `memoryName` (a
 * renamed memoryName is looked up again), else one with that name (found, or created when
 * `create`). Undefined when the config names none.
 */
export async function resolveMemory(
  config: LocaleLoopConfig,
  client: ModernMtClient,
  state: SyncState,
  create: boolean,
  signal?: AbortSignal,
): Promise<number | string | undefined> {
  if (config.modernmt.memoryId !== undefined) return config.modernmt.memoryId;
  const name = config.modernmt.memoryName;
  if (!name) return undefined;
  const known = state.modernmt;
  if (known?.memoryId !== undefined && (known.memoryName === undefined || known.memoryName === name)) {
    return known.memoryId;
  }
  const find = async () => (await client.listMemories({ signal })).find((m) => m.name === name);
  let memory = await find();
  if (!memory && create) {
    try {
      memory = await client.createMemory(name, memoryDescription, { signal });
    } catch (e) {
      // Creating is not idempotent: when the answer was lost, look before creating again.
      if (!unknownOutcome(e)) throw e;
      memory = (await find()) ?? (await client.createMemory(name, memoryDescription, { signal }));
    }
  }
  if (memory) state.modernmt = { ...state.modernmt, memoryId: memory.id, memoryName: name };
  return memory?.id;
}

export interface FeedResult {
  readonly memoryId?: number | string;
  /** Pairs added (POST with tuid). */
  readonly added: number;
  /** Pairs replaced (PUT by tuid): the translation changed since it was fed. */
  readonly replaced: number;
  /** Pairs already in the memory as they are. */
  readonly unchanged: number;
  /** Pairs whose answer was lost: not sent again now; the next feed replaces them by tuid. */
  readonly uncertain: number;
  /** Translations whose placeholders differ from the source's, or with no words: not fed. */
  readonly notFed: number;
  readonly skipped?: string;
}

const none = { added: 0, replaced: 0, unchanged: 0, uncertain: 0, notFed: 0 };

function fingerprint(sentence: string, translation: string): string {
  return createHash('sha256').update(`${sentence}\u0000${translation}`).digest('hex').slice(0, 16);
}

/** Feeds translations into the memory: new pairs added, changed ones replaced, the rest left alone. */
export async function feedMemory(
  ws: Workspace,
  client: ModernMtClient,
  translations: readonly HumanTranslation[],
  options: { signal?: AbortSignal; logger?: Logger } = {},
): Promise<FeedResult> {
  const log = options.logger ?? silentLogger;
  if (!ws.config.modernmt.feedback) return { ...none, skipped: 'modernmt.feedback is off' };
  // What was fed is recorded in the state: read, fed and written under the folder's lock.
  return withWorkspaceLock(ws.root, { command: 'memory sync', logger: log, signal: options.signal }, () =>
    feedLocked(ws, client, translations, log, options.signal),
  );
}

async function feedLocked(
  ws: Workspace,
  client: ModernMtClient,
  translations: readonly HumanTranslation[],
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<FeedResult> {
  const options = { signal };
  const state = await loadState(ws.root, log);
  const memoryId = await resolveMemory(ws.config, client, state, true, options.signal);
  if (memoryId === undefined) return { ...none, skipped: 'no modernmt.memoryId or memoryName in locale-loop.json' };
  const fed = (((state.modernmt ??= {}).fed ??= {})[String(memoryId)] ??= {});
  const icu = { icu: ws.config.icu };
  const sourceLang = ws.codes.toModernMt(ws.sourceLocale);
  const sources = new Map(ws.sourceFiles.map((s) => [s.file.template, stringValues(s.parsed)]));
  const work: Array<{
    tuid: string;
    locale: string;
    pair: { source: string; target: string; sentence: string; translation: string };
    print: string;
    replace: boolean;
  }> = [];
  let unchanged = 0;
  let notFed = 0;
  for (const t of translations) {
    const source = sources.get(t.namespace)?.get(t.key);
    if (source === undefined || t.text.trim() === '') continue;
    const p = protect(source, icu);
    // A human translation identical to the source (`OK` → `OK`) is a translation too.
    const translation = p.hasText ? protectLike(p, t.text, icu) : undefined;
    if (translation === undefined) {
      notFed++;
      continue;
    }
    const tuid = `${t.namespace}#${t.key}`;
    const print = fingerprint(p.xml, translation);
    const before = fed[tuid]?.[t.locale];
    if (before === print) {
      unchanged++;
      continue;
    }
    work.push({
      tuid,
      locale: t.locale,
      pair: { source: sourceLang, target: ws.codes.toModernMt(t.locale), sentence: p.xml, translation },
      print,
      replace: before !== undefined,
    });
  }
  let added = 0;
  let replaced = 0;
  let uncertain = 0;
  let lastJob: string | undefined;
  try {
    await mapLimit(
      work,
      ws.config.modernmt.concurrency,
      async (w) => {
        try {
          const job = w.replace
            ? await client.replaceInMemory(memoryId, { tuid: w.tuid, ...w.pair }, options)
            : await client.addToMemory(memoryId, { ...w.pair, tuid: w.tuid }, options);
          lastJob = job.id;
          (fed[w.tuid] ??= {})[w.locale] = w.print;
          if (w.replace) replaced++;
          else added++;
        } catch (e) {
          if (!unknownOutcome(e)) throw e;
          // It may have been added: never POSTed again; the next feed replaces it by tuid.
          (fed[w.tuid] ??= {})[w.locale] = '?';
          // A lost answer is no failure; a server still answering 5xx fails the feed (the state is saved).
          if (serverFault(e)) throw e;
          uncertain++;
        }
      },
      options.signal,
    );
  } finally {
    await saveState(ws.root, state);
  }
  // Content of one memory is applied in the order it arrived (inferred): the last job done means all are.
  if (lastJob) await client.waitForImport(lastJob, { signal: options.signal });
  log.info(
    `ModernMT memory ${memoryId}: ${plural(added, 'pair')} added, ${replaced} replaced, ${unchanged} unchanged${uncertain ? `, ${uncertain} not confirmed (answer lost; replaced by tuid next time)` : ''}${notFed ? `, ${notFed} not fed (placeholders differ from the source's)` : ''}`,
  );
  return { memoryId, added, replaced, unchanged, uncertain, notFed };
}

/**
 * The rule for feeding the memory after a pull, for the CLI and the extension alike: the human
 * translations that arrived are fed when feedback is on, a memory is configured and a ModernMT
 * client is at hand. A failure here does not fail the pull: it comes back as `error`.
 */
export async function feedAfterPull(
  ws: Workspace,
  client: ModernMtClient | undefined,
  arrived: readonly HumanTranslation[],
  options: { signal?: AbortSignal; logger?: Logger } = {},
): Promise<(FeedResult & { readonly error?: string }) | undefined> {
  const mmt = ws.config.modernmt;
  if (arrived.length === 0 || !mmt.feedback || !client || (mmt.memoryId === undefined && !mmt.memoryName)) {
    return undefined;
  }
  try {
    return await feedMemory(ws, client, arrived, options);
  } catch (e) {
    const error = `the pull succeeded, but feeding the ModernMT memory failed: ${(e as Error).message}`;
    (options.logger ?? silentLogger).warn(error);
    return { ...none, error };
  }
}

/** `memory sync` and the editor's Sync ModernMT Memory: every current human translation fed (changed ones only). */
export async function syncMemory(
  ws: Workspace,
  client: ModernMtClient,
  options: { signal?: AbortSignal; logger?: Logger } = {},
): Promise<FeedResult> {
  return feedMemory(ws, client, await currentHumanTranslations(ws), options);
}

/** Every current human translation: target values that are not provisional machine translations. */
async function currentHumanTranslations(ws: Workspace): Promise<HumanTranslation[]> {
  const state = await loadState(ws.root);
  const out: HumanTranslation[] = [];
  for (const s of ws.sourceFiles) {
    for (const locale of ws.targetLocales) {
      const provisional = state.provisional?.[s.file.template]?.[locale] ?? {};
      for (const [key, text] of Object.entries(await readTargetValues(ws, s.file.template, locale))) {
        if (provisional[key] === text) continue;
        out.push({ namespace: s.file.template, key, locale, text });
      }
    }
  }
  return out;
}
