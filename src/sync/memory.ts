/**
 * The adaptive loop: human translations (pulled from Phrase TMS, or all current ones with
 * `memory sync`) go into the ModernMT memory named in `locale-loop.json` as one TMX import,
 * never one call per key; inline translation passes that memory as a hint.
 */
import { gzipSync } from 'node:zlib';
import type { LocaleLoopConfig } from '../locales/config';
import type { ModernMtClient } from '../modernmt/client';
import type { TmxUnit } from '../modernmt/tmx';
import { buildTmx } from '../modernmt/tmx';
import type { Logger } from '../util/logger';
import { silentLogger } from '../util/logger';
import { withWorkspaceLock } from './lock';
import type { SyncState } from './state';
import { loadState, saveState } from './state';
import type { Workspace } from './workspace';
import { readTargetValues, stringValues } from './workspace';

/** One human translation of one key. */
export interface HumanTranslation {
  readonly namespace: string;
  readonly key: string;
  readonly locale: string;
  readonly text: string;
}

/**
 * The memory to use: `modernmt.memoryId`, else the one recorded for `memoryName`, else one with
 * that name (found, or created when `create`). Undefined when the config names none.
 */
export async function resolveMemory(config: LocaleLoopConfig, client: ModernMtClient, state: SyncState, create: boolean, signal?: AbortSignal): Promise<number | string | undefined> {
  if (config.modernmt.memoryId !== undefined) return config.modernmt.memoryId;
  const name = config.modernmt.memoryName;
  if (!name) return undefined;
  if (state.modernmt?.memoryId !== undefined) return state.modernmt.memoryId;
  const found = (await client.listMemories({ signal })).find((m) => m.name === name);
  const memory = found ?? (create ? await client.createMemory(name, `Human translations from ${config.root} (Locale Loop)`, { signal }) : undefined);
  if (memory) state.modernmt = { ...state.modernmt, memoryId: memory.id };
  return memory?.id;
}

export interface FeedResult {
  readonly memoryId?: number | string;
  readonly units: number;
  readonly pairs: number;
  /** The import job, finished. */
  readonly importJob?: string;
  readonly skipped?: string;
}

/** Feeds translations into the memory as one TMX import and waits for it to finish. */
export async function feedMemory(ws: Workspace, client: ModernMtClient, translations: readonly HumanTranslation[], options: { signal?: AbortSignal; logger?: Logger } = {}): Promise<FeedResult> {
  const log = options.logger ?? silentLogger;
  if (!ws.config.modernmt.feedback) return { units: 0, pairs: 0, skipped: 'modernmt.feedback is off' };
  // The state is read and written under the folder's lock (the memory's id is recorded in it).
  const memoryId = await withWorkspaceLock(ws.root, { command: 'memory sync', logger: log, signal: options.signal }, async () => {
    const state = await loadState(ws.root, log);
    const id = await resolveMemory(ws.config, client, state, true, options.signal);
    if (id !== undefined) await saveState(ws.root, state);
    return id;
  });
  if (memoryId === undefined) return { units: 0, pairs: 0, skipped: 'no modernmt.memoryId or memoryName in locale-loop.json' };
  const units = toUnits(ws, translations);
  if (units.length === 0) return { memoryId, units: 0, pairs: 0 };
  const tmx = buildTmx(units, ws.codes.toModernMt(ws.sourceLocale), { icu: ws.config.icu });
  const job = await client.importTmx(memoryId, gzipSync(Buffer.from(tmx, 'utf8')), { gzip: true, signal: options.signal });
  await client.waitForImport(job.id, { signal: options.signal });
  const pairs = units.reduce((n, u) => n + u.targets.length, 0);
  log.info(`fed ${pairs} human translations into ModernMT memory ${memoryId}`);
  return { memoryId, units: units.length, pairs, importJob: job.id };
}

/** One unit per key (stable tuid `namespace#key`), its source text, and each locale's text. */
function toUnits(ws: Workspace, translations: readonly HumanTranslation[]): TmxUnit[] {
  const sources = new Map(ws.sourceFiles.map((s) => [s.file.template, stringValues(s.parsed)]));
  const units = new Map<string, { tuid: string; source: { lang: string; text: string }; targets: Array<{ lang: string; text: string }> }>();
  for (const t of translations) {
    const source = sources.get(t.namespace)?.get(t.key);
    if (source === undefined || t.text === source || t.text.trim() === '') continue;
    const tuid = `${t.namespace}#${t.key}`;
    const unit = units.get(tuid) ?? units.set(tuid, { tuid, source: { lang: ws.codes.toModernMt(ws.sourceLocale), text: source }, targets: [] }).get(tuid)!;
    unit.targets.push({ lang: ws.codes.toModernMt(t.locale), text: t.text });
  }
  return [...units.values()].filter((u) => u.targets.length > 0);
}

/** Every current human translation: target values that are neither provisional nor the source. */
export async function currentHumanTranslations(ws: Workspace): Promise<HumanTranslation[]> {
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
