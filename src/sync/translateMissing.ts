/**
 * Translate-missing: every key a target locale lacks or has empty (plural forms it needs
 * included, translated from the source's `_other`), machine-translated in batches through
 * ModernMT with placeholders protected, written with minimal edits, and recorded as provisional
 * in the state so that a later pull replaces it with the human translation.
 */
import type { LocaleLoopConfig } from '../locales/config';
import type { KeyEdit } from '../locales/edit';
import type { LocaleValues } from '../locales/parse';
import { findPluralGroups, pluralCategoriesOf, pluralKey, splitPluralSuffix } from '../locales/plurals';
import { scanWorkspace } from '../locales/scan';
import { updateLocaleFile } from '../locales/writer';
import type { ModernMtClient } from '../modernmt/client';
import { protect } from '../modernmt/protect';
import { restore } from '../modernmt/restore';
import type { Logger } from '../util/logger';
import { silentLogger } from '../util/logger';
import { loadState, saveState } from './state';
import { openWorkspace, targetPath } from './workspace';

export interface Refusal {
  readonly file: string;
  readonly key: string;
  readonly source: string;
  readonly result: string;
  readonly reason: string;
}

export interface LocaleTranslation {
  readonly locale: string;
  readonly files: ReadonlyArray<{ readonly file: string; readonly keys: number; readonly written: boolean }>;
  readonly translated: number;
  readonly refused: readonly Refusal[];
  readonly characters: number;
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

export async function translateMissing(config: LocaleLoopConfig, client: ModernMtClient | undefined, options: TranslateMissingOptions = {}): Promise<TranslateMissingResult> {
  const log = options.logger ?? silentLogger;
  const { report, parsed } = await scanWorkspace(config, { signal: options.signal });
  const ws = await openWorkspace(config);
  const wanted = options.locales?.map((l) => ws.codes.toModernMt(l).toLowerCase());
  const state = await loadState(config.root);
  const results: LocaleTranslation[] = [];
  const targets = report.locales.filter((l) => !l.isSource && (!wanted || wanted.includes(ws.codes.toModernMt(l.locale).toLowerCase())));
  let done = 0;
  for (const loc of targets) {
    // What to translate: each missing or empty key with a source text.
    const jobs: Job[] = [];
    for (const ns of loc.namespaces) {
      if (ns.malformed) continue;
      const source = sourceOf(ws.sourceFiles.find((s) => s.file.template === ns.id)?.parsed ?? parsed.get(ns.id.replace('{locale}', config.sourceLocale)));
      if (!source) continue;
      if (options.only && options.only.namespace !== ns.id) continue;
      const candidates = options.only ? [...ns.missing, ...ns.empty, ...ns.untranslated].filter((k) => options.only!.keys.some((o) => k === o || splitPluralSuffix(k, config.pluralSeparator)?.base === (splitPluralSuffix(o, config.pluralSeparator)?.base ?? o))) : [...ns.missing, ...ns.empty];
      for (const key of candidates) {
        const text = sourceText(source, key, config.pluralSeparator);
        if (text !== undefined && text.trim() !== '') jobs.push({ namespace: ns.id, file: targetPath(ws, ns.id, loc.locale).relPath, key, source: text });
      }
    }
    const characters = jobs.reduce((n, j) => n + j.source.length, 0);
    if (options.dryRun || jobs.length === 0 || !client) {
      const byFile = countBy(jobs.map((j) => j.file));
      results.push({ locale: loc.locale, files: [...byFile].map(([file, keys]) => ({ file, keys, written: false })), translated: 0, refused: [], characters });
      options.onProgress?.(++done, targets.length, loc.locale);
      continue;
    }

    // Identical source texts are translated once.
    const unique = [...new Set(jobs.map((j) => j.source))];
    const protectedTexts = unique.map((t) => protect(t, { icu: config.icu }));
    const translations = await client.translate(ws.codes.toModernMt(ws.sourceLocale), ws.codes.toModernMt(loc.locale), protectedTexts.map((p) => p.xml), {
      format: 'text/xml',
      hints: options.hints,
      priority: 'background',
      signal: options.signal,
    });
    const restored = new Map(unique.map((t, i) => [t, restore(protectedTexts[i]!, translations[i]!.translation, { icu: config.icu })]));

    const refused: Refusal[] = [];
    const edits = new Map<string, { namespace: string; edits: KeyEdit[] }>();
    for (const j of jobs) {
      const r = restored.get(j.source)!;
      if (!r.ok) {
        refused.push({ file: j.file, key: j.key, source: j.source, result: r.text, reason: r.reason });
        continue;
      }
      const entry = edits.get(j.file) ?? edits.set(j.file, { namespace: j.namespace, edits: [] }).get(j.file)!;
      entry.edits.push({ key: j.key, value: r.text });
    }
    const files: Array<{ file: string; keys: number; written: boolean }> = [];
    for (const [file, { namespace, edits: list }] of edits) {
      const source = ws.sourceFiles.find((s) => s.file.template === namespace)!;
      const target = targetPath(ws, namespace, loc.locale);
      const res = await updateLocaleFile(target.path, list, {
        keySeparator: config.keySeparator,
        order: expectedOrder([...source.parsed.entries.keys()], loc.locale, config.pluralSeparator),
        newFileStyle: source.parsed.style,
        displayName: file,
      });
      const prov = (((state.provisional ??= {})[namespace] ??= {})[loc.locale] ??= {});
      for (const e of list) prov[e.key] = e.value!;
      files.push({ file, keys: list.length, written: res.changed });
    }
    await saveState(config.root, state);
    for (const r of refused) log.warn(`${r.file} "${r.key}": machine translation refused: ${r.reason}`);
    results.push({ locale: loc.locale, files, translated: jobs.length - refused.length, refused, characters });
    options.onProgress?.(++done, targets.length, loc.locale);
  }
  return { dryRun: !!options.dryRun, locales: results };
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
    for (const c of present.includes('zero') && !s.ordinal ? ['zero' as const, ...forms.filter((f) => f !== 'zero')] : forms) out.push(pluralKey(s.base, c, s.ordinal, separator));
  }
  return out;
}

function countBy(items: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of items) out.set(i, (out.get(i) ?? 0) + 1);
  return out;
}
