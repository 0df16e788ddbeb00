/**
 * The inventory of a workspace's locales: per locale and namespace, the keys that are missing,
 * extra, empty or untranslated, plural forms missing for that locale, placeholder mismatches,
 * non-string leaves and broken `$t()` references. Pure: works on parsed files only.
 */
import { PlaceholderCache } from '../placeholders';
import { pluralKey, requiredForms } from '../plurals';
import type { KeyPool } from './keyPool';
import { allowedFormsOf, SourceNamespace } from './sourceNamespace';
import { TargetCheck } from './targetCheck';
import type { InventoryOptions, LeafKind, LocaleReport, NamespaceInput, NamespaceReport, PluralGap } from './types';

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
    if (input && !input.parsed) {
      return { ...orphanNamespace(input), id: source.input.id, namespace: source.input.namespace };
    }
    // A malformed source gives nothing to compare with: its target's keys are not "extra".
    if (input && !source.input.parsed) return { ...orphanNamespace(input), extra: [] };
    const check = new TargetCheck(source, locale, this.options);
    for (const e of input?.parsed?.entries.values() ?? []) check.take(e.key, e.value, undefined, e.kind);
    return check.report(input?.file);
  }

  /** A check of a target file leaf by leaf (undefined: the source has no such namespace, or is malformed). */
  check(locale: string, id: string): TargetCheck | undefined {
    const source = this.sources.get(id);
    return source?.input.parsed && new TargetCheck(source, locale, this.options);
  }

  /** A locale's report from its files' reports; namespaces it lacks are reported as missing. */
  localeReport(locale: string, reports: readonly NamespaceReport[]): LocaleReport {
    const have = new Set(reports.map((r) => r.id));
    const all = [...reports];
    for (const id of this.sources.keys()) if (!have.has(id)) all.push(this.namespaceReport(locale, id));
    return summarize(locale, false, all);
  }
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
      ...(source.input.parsed ? {} : { malformed: true }),
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
