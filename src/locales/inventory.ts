/**
 * The inventory of a workspace's locales: per locale and namespace, the keys that are missing,
 * extra, empty or untranslated, plural forms missing for that locale, placeholder mismatches,
 * non-string leaves and broken `$t()` references. Pure: works on parsed files only.
 */
import type { LeafKind, LocaleEntry, ParsedLocaleFile } from './parse';
import type { PlaceholderOptions } from './placeholders';
import { compareIds, extractPlaceholders, mayHavePlaceholders, placeholderIds, rawPlaceholders, sameIds } from './placeholders';
import type { PluralCategory, PluralGroup } from './plurals';
import { allowedForm, findPluralGroups, groupId, pluralKey, requiredForms, splitPluralSuffix } from './plurals';

export interface PluralGap {
  readonly base: string;
  readonly ordinal: boolean;
  readonly missing: readonly PluralCategory[];
}

export interface PlaceholderMismatch {
  readonly key: string;
  readonly missing: readonly string[];
  readonly extra: readonly string[];
}

export interface NamespaceReport {
  /** Identity across locales: the file's path with its locale replaced by `{locale}`. */
  readonly id: string;
  readonly namespace: string;
  /** Workspace-relative path; undefined when the locale has no file for this namespace. */
  readonly file?: string;
  /** The file exists but could not be parsed (see the scan's errors); nothing else is reported. */
  readonly malformed?: boolean;
  readonly keyCount: number;
  /** Expected keys absent from the file, plural forms this locale needs included, in source order. */
  readonly missing: readonly string[];
  /** Keys present with an empty string value. */
  readonly empty: readonly string[];
  /** Keys the source does not have (and plural forms this locale does not use). */
  readonly extra: readonly string[];
  /** String values equal to the source's (and containing a letter). */
  readonly untranslated: readonly string[];
  readonly pluralFormsMissing: readonly PluralGap[];
  readonly placeholderMismatches: readonly PlaceholderMismatch[];
  readonly nonStringLeaves: ReadonlyArray<{ readonly key: string; readonly kind: LeafKind }>;
  /** `$t(key)` references (source locale only) to keys that exist in no namespace. */
  readonly brokenReferences: ReadonlyArray<{ readonly key: string; readonly reference: string }>;
}

export interface LocaleReport {
  readonly locale: string;
  readonly isSource: boolean;
  readonly keyCount: number;
  readonly missing: number;
  readonly empty: number;
  readonly extra: number;
  readonly untranslated: number;
  readonly pluralFormsMissing: number;
  readonly placeholderMismatches: number;
  readonly nonStringLeaves: number;
  readonly brokenReferences: number;
  readonly namespaces: readonly NamespaceReport[];
}

export interface InventoryOptions extends PlaceholderOptions {
  readonly pluralSeparator: string;
  /** i18next nsSeparator for `$t(ns:key)`. */
  readonly nsSeparator?: string;
}

/** One namespace of one locale as parsed. */
export interface NamespaceInput {
  /** Same for a namespace's file in every locale (the path template). */
  readonly id: string;
  readonly namespace: string;
  readonly file: string;
  /** Undefined for a malformed file. */
  readonly parsed?: ParsedLocaleFile;
}

/** Everything about a source namespace that every target locale is compared against. */
class SourceNamespace {
  readonly keys: string[];
  readonly groups: Map<string, PluralGroup>;
  /** Keys that belong to a plural group. */
  private readonly pluralMember = new Map<string, PluralGroup>();
  private readonly rawTokens = new Map<string, readonly string[]>();
  private readonly expectedCache = new Map<string, string[]>();

  readonly entries: ReadonlyMap<string, LocaleEntry>;

  constructor(
    readonly input: NamespaceInput,
    private readonly options: InventoryOptions,
  ) {
    this.entries = input.parsed?.entries ?? new Map();
    this.keys = [...this.entries.keys()];
    this.groups = findPluralGroups(this.keys, options.pluralSeparator);
    for (const key of this.keys) {
      const s = splitPluralSuffix(key, options.pluralSeparator);
      const g = s && this.groups.get(groupId(s.base, s.ordinal));
      if (g) this.pluralMember.set(key, g);
    }
  }

  entry(key: string): LocaleEntry | undefined {
    return this.entries.get(key);
  }

  /** Expected keys of `locale`, in source order (plural groups expanded to its forms). */
  expectedFor(locale: string): string[] {
    const signature = `${requiredForms(locale, false).join()}|${requiredForms(locale, true).join()}`;
    let out = this.expectedCache.get(signature);
    if (out) return out;
    out = [];
    const emitted = new Set<PluralGroup>();
    for (const key of this.keys) {
      const g = this.pluralMember.get(key);
      if (!g) {
        // Numbers, booleans and null are settings, not text: i18next falls back to the source.
        const kind = this.entries.get(key)!.kind;
        if (kind === 'string' || kind === 'array') out.push(key);
      } else if (!emitted.has(g)) {
        emitted.add(g);
        for (const c of requiredForms(locale, g.ordinal)) out.push(pluralKey(g.base, c, g.ordinal, this.options.pluralSeparator));
      }
    }
    this.expectedCache.set(signature, out);
    return out;
  }

  /** Whether `key` may appear in `locale`'s file. */
  allows(key: string, locale: string): boolean {
    if (this.entries.has(key) && !this.pluralMember.has(key)) return true;
    const s = splitPluralSuffix(key, this.options.pluralSeparator);
    return !!s && this.groups.has(groupId(s.base, s.ordinal)) && allowedForm(locale, s.category, s.ordinal);
  }

  /** The source value a target key is translated from (a plural form falls back to `_other`). */
  sourceValueFor(key: string): { key: string; value: string } | undefined {
    const direct = this.entry(key);
    if (direct?.kind === 'string') return { key, value: direct.value as string };
    const s = splitPluralSuffix(key, this.options.pluralSeparator);
    if (!s || !this.groups.has(groupId(s.base, s.ordinal))) return undefined;
    const otherKey = pluralKey(s.base, 'other', s.ordinal, this.options.pluralSeparator);
    const other = this.entry(otherKey);
    return other?.kind === 'string' ? { key: otherKey, value: other.value as string } : undefined;
  }

  /** Placeholders of a source value as written, cached across target locales. */
  rawPlaceholdersOf(key: string, value: string): readonly string[] {
    let raw = this.rawTokens.get(key);
    if (!raw) {
      raw = rawPlaceholders(value, this.options);
      this.rawTokens.set(key, raw);
    }
    return raw;
  }

  isPluralForm(key: string): boolean {
    return this.pluralMember.has(key) || this.allowsAsForm(key);
  }

  private allowsAsForm(key: string): boolean {
    const s = splitPluralSuffix(key, this.options.pluralSeparator);
    return !!s && this.groups.has(groupId(s.base, s.ordinal));
  }
}

const hasLetter = /\p{L}/u;

/**
 * Builds the report of every locale. `byLocale` maps each locale (BCP 47) to its namespaces;
 * the source locale must be among them.
 */
export function buildInventory(sourceLocale: string, byLocale: ReadonlyMap<string, readonly NamespaceInput[]>, options: InventoryOptions): LocaleReport[] {
  const sourceInputs = byLocale.get(sourceLocale) ?? [];
  const sources = new Map(sourceInputs.map((n) => [n.id, new SourceNamespace(n, options)]));
  const reports: LocaleReport[] = [sourceReport(sourceLocale, sources, options)];
  for (const [locale, inputs] of byLocale) {
    if (locale === sourceLocale) continue;
    const present = new Map(inputs.map((n) => [n.id, n]));
    const namespaces: NamespaceReport[] = [];
    for (const [ns, source] of sources) namespaces.push(targetNamespace(locale, source, present.get(ns), options));
    for (const [ns, input] of present) {
      if (!sources.has(ns)) namespaces.push(orphanNamespace(input));
    }
    reports.push(summarize(locale, false, namespaces));
  }
  return reports;
}

function sourceReport(locale: string, sources: Map<string, SourceNamespace>, options: InventoryOptions): LocaleReport {
  const nsSep = options.nsSeparator ?? ':';
  const namespaces: NamespaceReport[] = [];
  // `$t(ns:key)` names a namespace, not a file: look references up by namespace name.
  const byName = new Map([...sources.values()].map((s) => [s.input.namespace, s]));
  for (const source of sources.values()) {
    const ns = source.input.namespace;
    const gaps: PluralGap[] = [];
    const missing: string[] = [];
    for (const g of source.groups.values()) {
      const need = requiredForms(locale, g.ordinal).filter((c) => !g.present.includes(c));
      if (need.length > 0) {
        gaps.push({ base: g.base, ordinal: g.ordinal, missing: need });
        for (const c of need) missing.push(pluralKey(g.base, c, g.ordinal, options.pluralSeparator));
      }
    }
    const brokenReferences: Array<{ key: string; reference: string }> = [];
    const empty: string[] = [];
    const nonStringLeaves: Array<{ key: string; kind: LeafKind }> = [];
    for (const [key, entry] of source.entries) {
      if (entry.kind !== 'string') {
        nonStringLeaves.push({ key, kind: entry.kind });
        continue;
      }
      const value = entry.value as string;
      if (value === '') empty.push(key);
      if (!value.includes('$t(')) continue;
      for (const p of extractPlaceholders(value, options)) {
        if (p.kind !== 'nesting') continue;
        const ref = /^\$t\(([^,)]*)/.exec(p.id)?.[1]?.trim().replace(/^['"]|['"]$/g, '') ?? '';
        const at = ref.indexOf(nsSep);
        const [refNs, refKey] = at > 0 ? [ref.slice(0, at), ref.slice(at + nsSep.length)] : [ns, ref];
        const target = byName.get(refNs);
        const found = target && (target.entry(refKey) || target.groups.has(refKey) || target.keys.some((k) => k.startsWith(refKey + '.')));
        if (!found) brokenReferences.push({ key, reference: ref });
      }
    }
    namespaces.push({
      id: source.input.id,
      namespace: ns,
      file: source.input.file,
      keyCount: source.keys.length,
      missing,
      empty,
      extra: [],
      untranslated: [],
      pluralFormsMissing: gaps,
      placeholderMismatches: [],
      nonStringLeaves,
      brokenReferences,
    });
  }
  return summarize(locale, true, namespaces);
}

function targetNamespace(locale: string, source: SourceNamespace, input: NamespaceInput | undefined, options: InventoryOptions): NamespaceReport {
  if (input && !input.parsed) return { ...orphanNamespace(input), id: source.input.id, namespace: source.input.namespace };
  const expected = source.expectedFor(locale);
  const entries = input?.parsed?.entries ?? new Map<string, LocaleEntry>();
  const missing = expected.filter((k) => !entries.has(k));
  const empty: string[] = [];
  const extra: string[] = [];
  const untranslated: string[] = [];
  const mismatches: PlaceholderMismatch[] = [];
  const nonStringLeaves: Array<{ key: string; kind: LeafKind }> = [];
  for (const [key, entry] of entries) {
    if (!source.allows(key, locale)) {
      extra.push(key);
      continue;
    }
    if (entry.kind !== 'string') {
      nonStringLeaves.push({ key, kind: entry.kind });
      continue;
    }
    const value = entry.value as string;
    if (value === '') {
      empty.push(key);
      continue;
    }
    const src = source.sourceValueFor(key);
    if (!src) continue;
    if (value === src.value && hasLetter.test(value)) untranslated.push(key);
    const srcRaw = source.rawPlaceholdersOf(src.key, src.value);
    if (srcRaw.length === 0 && !mayHavePlaceholders(value, options)) continue;
    if (sameIds(srcRaw, rawPlaceholders(value, options))) continue;
    // Written differently: compare normalised forms (`{{ name }}` ≡ `{{name}}`).
    const cmp = compareIds(placeholderIds(src.value, options), placeholderIds(value, options));
    if (cmp.ok) continue;
    // A plural form may leave out the count ("one item" for `{{count}} items`).
    const missingIds = source.isPluralForm(key) ? cmp.missing.filter((id) => !/^\{\{-? ?count\b/.test(id) && !/^\{count\b/.test(id)) : cmp.missing;
    if (missingIds.length > 0 || cmp.extra.length > 0) mismatches.push({ key, missing: missingIds, extra: cmp.extra });
  }
  const gaps: PluralGap[] = [];
  for (const g of source.groups.values()) {
    const need = requiredForms(locale, g.ordinal).filter((c) => !entries.has(pluralKey(g.base, c, g.ordinal, options.pluralSeparator)));
    if (need.length > 0) gaps.push({ base: g.base, ordinal: g.ordinal, missing: need });
  }
  return {
    id: source.input.id,
    namespace: source.input.namespace,
    file: input?.file,
    keyCount: entries.size,
    missing,
    empty,
    extra,
    untranslated,
    pluralFormsMissing: gaps,
    placeholderMismatches: mismatches,
    nonStringLeaves,
    brokenReferences: [],
  };
}

function orphanNamespace(input: NamespaceInput): NamespaceReport {
  const keys = [...(input.parsed?.entries.keys() ?? [])];
  return {
    id: input.id,
    namespace: input.namespace,
    file: input.file,
    malformed: input.parsed ? undefined : true,
    keyCount: keys.length,
    missing: [],
    empty: [],
    extra: keys,
    untranslated: [],
    pluralFormsMissing: [],
    placeholderMismatches: [],
    nonStringLeaves: [],
    brokenReferences: [],
  };
}

function summarize(locale: string, isSource: boolean, namespaces: NamespaceReport[]): LocaleReport {
  const sum = (f: (n: NamespaceReport) => number) => namespaces.reduce((acc, n) => acc + f(n), 0);
  return {
    locale,
    isSource,
    keyCount: sum((n) => n.keyCount),
    missing: sum((n) => n.missing.length),
    empty: sum((n) => n.empty.length),
    extra: sum((n) => n.extra.length),
    untranslated: sum((n) => n.untranslated.length),
    pluralFormsMissing: sum((n) => n.pluralFormsMissing.length),
    placeholderMismatches: sum((n) => n.placeholderMismatches.length),
    nonStringLeaves: sum((n) => n.nonStringLeaves.length),
    brokenReferences: sum((n) => n.brokenReferences.length),
    namespaces: namespaces.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}
