/**
 * The inventory of a workspace's locales: per locale and namespace, the keys that are missing,
 * extra, empty or untranslated, plural forms missing for that locale, placeholder mismatches,
 * non-string leaves and broken `$t()` references. Pure: works on parsed files only.
 */
import type { Leaves } from './fastParse';
import type { KeyPool, PoolProp } from './keyPool';
import type { LeafSink } from './nativeWalk';
import type { LeafKind, LocaleEntry, LocaleValues } from './parse';
import type { PlaceholderOptions } from './placeholders';
import {
  compareIds,
  matchesProfile,
  mayHavePlaceholders,
  PlaceholderCache,
  placeholderIds,
  rawPlaceholders,
  sameIds,
} from './placeholders';
import type { PluralCategory } from './plurals';
import { pluralKey, requiredForms } from './plurals';
import type { KeyInfo, LocaleLookup } from './sourceNamespace';
import { allowedFormsOf, SourceNamespace } from './sourceNamespace';

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
  /** Undefined for a malformed file (unless `leaves` are given). */
  readonly parsed?: LocaleValues;
  /** A target file scanned without entries (`fastLeaves`): the scan's fast path. */
  readonly leaves?: Leaves;
}

let generation = 0;
const hasLetter = /\p{L}/u;

/**
 * Builds the inventory one namespace file at a time, so a caller can parse a target file,
 * report on it and let it go (a large repository's target entries then never pile up).
 */
export class InventoryBuilder {
  private readonly sources: Map<string, SourceNamespace>;

  constructor(
    readonly sourceLocale: string,
    sourceInputs: readonly NamespaceInput[],
    private readonly options: InventoryOptions,
    /** The key pools the target files will be parsed with, by namespace id. */
    pools?: ReadonlyMap<string, KeyPool>,
    /**
     * The locales of the target files, when known: the pools then get only the plural forms those
     * locales may have (others are still found, by key, and reported as extra).
     */
    targetLocales?: readonly string[],
  ) {
    const placeholders = new PlaceholderCache(options);
    const forms = targetLocales ? allowedFormsOf(targetLocales) : undefined;
    this.sources = new Map(
      sourceInputs.map((n) => [n.id, new SourceNamespace(n, options, pools?.get(n.id), placeholders, forms)]),
    );
  }

  sourceReport(): LocaleReport {
    return sourceReport(this.sourceLocale, this.sources, this.options);
  }

  /** The report of one target file (`input`), or of a namespace the locale has no file for. */
  namespaceReport(locale: string, id: string, input?: NamespaceInput): NamespaceReport {
    const source = this.sources.get(id);
    if (!source) return orphanNamespace(input!);
    return targetNamespace(locale, source, input, this.options);
  }

  /** A check of a target file leaf by leaf (undefined: the source has no such namespace). */
  check(locale: string, id: string): TargetCheck | undefined {
    const source = this.sources.get(id);
    return source && new TargetCheck(source, locale, this.options);
  }

  /** A locale's report from its files' reports; namespaces it lacks are reported as missing. */
  localeReport(locale: string, reports: readonly NamespaceReport[]): LocaleReport {
    const have = new Set(reports.map((r) => r.id));
    const all = [...reports];
    for (const id of this.sources.keys()) if (!have.has(id)) all.push(this.namespaceReport(locale, id));
    return summarize(locale, false, all);
  }
}

/**
 * Builds the report of every locale at once. `byLocale` maps each locale (BCP 47) to its
 * namespaces; the source locale must be among them.
 */
export function buildInventory(
  sourceLocale: string,
  byLocale: ReadonlyMap<string, readonly NamespaceInput[]>,
  options: InventoryOptions,
): LocaleReport[] {
  const builder = new InventoryBuilder(sourceLocale, byLocale.get(sourceLocale) ?? [], options);
  const reports: LocaleReport[] = [builder.sourceReport()];
  for (const [locale, inputs] of byLocale) {
    if (locale !== sourceLocale) {
      reports.push(
        builder.localeReport(
          locale,
          inputs.map((n) => builder.namespaceReport(locale, n.id, n)),
        ),
      );
    }
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
      // The raw placeholders the target checks use anyway (as written, or normalised with ICU).
      for (const token of source.rawPlaceholders(key)) {
        if (!token.startsWith('$t(')) continue;
        const ref =
          /^\$t\(([^,)]*)/
            .exec(token)?.[1]
            ?.trim()
            .replace(/^['"]|['"]$/g, '') ?? '';
        const at = ref.indexOf(nsSep);
        const [refNs, refKey] = at > 0 ? [ref.slice(0, at), ref.slice(at + nsSep.length)] : [ns, ref];
        const target = byName.get(refNs);
        const found =
          target &&
          (target.entry(refKey) || target.groups.has(refKey) || target.keys.some((k) => k.startsWith(refKey + '.')));
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

function kindOf(value: LocaleEntry['value']): LeafKind {
  return value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean');
}

/**
 * Checks one target file against its source namespace, a leaf at a time (`take`), then reports
 * (`report`). Leaves come from a walk of the native parse, from `fastLeaves` or from a parsed
 * file's entries: one check for every path, so they cannot disagree.
 */
export class TargetCheck implements LeafSink {
  private readonly mark = ++generation;
  private readonly lookup: LocaleLookup;
  private keyCount = 0;
  /** Expected keys seen: when it reaches the expected count nothing is missing. */
  private expectedSeen = 0;
  private readonly empty: string[] = [];
  private readonly extra: string[] = [];
  private readonly untranslated: string[] = [];
  private readonly mismatches: PlaceholderMismatch[] = [];
  private readonly nonStringLeaves: Array<{ key: string; kind: LeafKind }> = [];

  constructor(
    private readonly source: SourceNamespace,
    private readonly locale: string,
    private readonly options: InventoryOptions,
  ) {
    this.lookup = source.lookupFor(locale);
  }

  /**
   * One leaf of the target file (from `walkParsed`, `fastLeaves` or a parsed file's entries);
   * `prop` is the key pool's record when it matched one, `kind` is given for arrays and objects
   * in flat files (their value is undefined). One method, not a wrapper around another: until V8
   * optimises it, each call on this path costs as much as a check.
   */
  take(key: string, value: LocaleEntry['value'], prop: PoolProp | undefined, kind?: LeafKind): void {
    this.keyCount++;
    const lookup = this.lookup;
    const info = (prop?.data as KeyInfo | undefined) ?? lookup.find(key);
    const bit = info ? info.bit : 0;
    // No record, or a plural form this locale does not use (`item_one` in Japanese): extra.
    if (!info || (bit !== 0 && (lookup.allowedForms & bit) === 0)) {
      this.extra.push(key);
      return;
    }
    info.mark = this.mark;
    if (bit === 0 ? info.translatable : (lookup.requiredForms & bit) !== 0) this.expectedSeen++;
    if (typeof value !== 'string') {
      this.nonStringLeaves.push({ key, kind: kind ?? kindOf(value) });
      return;
    }
    if (value === '') {
      this.empty.push(key);
      return;
    }
    const src = info.from;
    if (!src) return;
    if (value === src.value && hasLetter.test(value)) this.untranslated.push(key);
    if (info.profile === undefined) this.source.preparePlaceholders(info);
    const profile = info.profile;
    const options = this.options;
    if (
      profile
        ? matchesProfile(value, profile)
        : (info.raw!.length === 0 && !mayHavePlaceholders(value, options)) ||
          sameIds(info.raw!, rawPlaceholders(value, options))
    ) {
      return;
    }
    // Written differently: compare normalised forms (`{{ name }}` ≡ `{{name}}`).
    const cmp = compareIds(placeholderIds(src.value, options), placeholderIds(value, options));
    if (cmp.ok) return;
    // A plural form may leave out the count ("one item" for `{{count}} items`).
    const missingIds = info.plural
      ? cmp.missing.filter((id) => !/^\{\{-? ?count\b/.test(id) && !/^\{count\b/.test(id))
      : cmp.missing;
    if (missingIds.length > 0 || cmp.extra.length > 0) {
      this.mismatches.push({ key, missing: missingIds, extra: cmp.extra });
    }
  }

  /** The report once every leaf is in; `file` undefined: the locale has no file for it. */
  report(file: string | undefined): NamespaceReport {
    const mark = this.mark;
    const missing: string[] = [];
    const gaps: PluralGap[] = [];
    if (this.expectedSeen < this.lookup.expectedCount) {
      const { expected, groups } = this.source.forms(this.locale);
      for (const info of expected) if (info.mark !== mark) missing.push(info.key);
      for (const { group, required } of groups) {
        if (required.every((info) => info.mark === mark)) continue;
        gaps.push({
          base: group.base,
          ordinal: group.ordinal,
          missing: required.filter((info) => info.mark !== mark).map((info) => info.plural!.category),
        });
      }
    }
    return {
      id: this.source.input.id,
      namespace: this.source.input.namespace,
      file,
      keyCount: this.keyCount,
      missing,
      empty: this.empty,
      extra: this.extra,
      untranslated: this.untranslated,
      pluralFormsMissing: gaps,
      placeholderMismatches: this.mismatches,
      nonStringLeaves: this.nonStringLeaves,
      brokenReferences: [],
    };
  }
}

function targetNamespace(
  locale: string,
  source: SourceNamespace,
  input: NamespaceInput | undefined,
  options: InventoryOptions,
): NamespaceReport {
  if (input && !input.parsed && !input.leaves) {
    return { ...orphanNamespace(input), id: source.input.id, namespace: source.input.namespace };
  }
  const check = new TargetCheck(source, locale, options);
  const leaves = input?.leaves;
  if (leaves) {
    for (let i = 0; i < leaves.keys.length; i++) check.take(leaves.keys[i]!, leaves.values[i]!, leaves.props[i]);
  } else if (input?.parsed) {
    for (const e of input.parsed.entries.values()) check.take(e.key, e.value, undefined, e.kind);
  }
  return check.report(input?.file);
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

/** A locale's totals from its namespace reports. */
export function summarize(locale: string, isSource: boolean, namespaces: NamespaceReport[]): LocaleReport {
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
