/**
 * A source namespace prepared for comparison: one record per key a target file may have, shared by
 * every target locale with the same plural forms, so checking a target key costs one lookup.
 */
import { PlaceholderCache } from '../placeholders';
import type { PluralCategory, PluralGroup } from '../plurals';
import {
  findPluralGroups,
  groupId,
  pluralCategoriesOf,
  pluralKey,
  pluralOrder,
  requiredForms,
  splitPluralSuffix,
} from '../plurals';
import type { KeyPool } from './keyPool';
import type { InventoryOptions, KeyInfo, LocaleValue, NamespaceInput } from './types';

/** A locale's expected keys of a namespace. */
interface Forms {
  readonly expected: KeyInfo[];
  /** Each plural group with the records of the forms this locale needs. */
  readonly groups: ReadonlyArray<{ readonly group: PluralGroup; readonly required: readonly KeyInfo[] }>;
}

/** A locale's lookup into a source namespace (see `SourceNamespace.lookupFor`). */
export interface LocaleLookup {
  readonly expectedCount: number;
  /** `formBit`s of the plural forms the locale's files may have, and of those they need. */
  readonly allowedForms: number;
  readonly requiredForms: number;
  /** The record of a key the key pool did not match (undefined: the source has no such key). */
  find(key: string): KeyInfo | undefined;
}

/** Everything about a source namespace that every target locale is compared against. */
export class SourceNamespace {
  readonly keys: string[];
  readonly groups: Map<string, PluralGroup>;
  readonly entries: ReadonlyMap<string, LocaleValue>;
  private readonly infos = new Map<string, KeyInfo>();
  /** Per plural signature: the expected keys in order and each group's required forms (`forms`). */
  private readonly byForms = new Map<string, Forms>();
  /** Per group, the record of each form by category (in `pluralOrder`). */
  private readonly formInfos = new Map<PluralGroup, Array<KeyInfo | undefined>>();
  /** Per plural signature: how many keys a complete file has (`lookupFor`). */
  private readonly expectedCounts = new Map<string, number>();
  /** How many records exist (each `KeyInfo.index` is below it; plural forms add some lazily). */
  infoCount = 0;

  constructor(
    readonly input: NamespaceInput,
    private readonly options: InventoryOptions,
    pool?: KeyPool,
    /** Shared by a scan's namespaces (see `PlaceholderCache`). */
    private readonly placeholders = new PlaceholderCache(options),
    /** `formBit`s of the plural forms target files may have (see `allowedFormsOf`); all if unknown. */
    siblingForms = ~0,
  ) {
    this.entries = input.parsed?.entries ?? new Map();
    this.keys = [...this.entries.keys()];
    this.groups = findPluralGroups(this.entries, options.pluralSeparator);
    for (const [key, entry] of this.entries) {
      const s = splitPluralSuffix(key, options.pluralSeparator);
      const group = s && this.groups.get(groupId(s.base, s.ordinal));
      const info: KeyInfo = {
        key,
        index: this.infoCount++,
        translatable: entry.kind === 'string' || entry.kind === 'array',
        plural: group ? { category: s!.category, ordinal: s!.ordinal, group } : undefined,
        bit: group ? formBit(s!.category, s!.ordinal) : 0,
        // The entry itself (its key and string value): no object of its own per key.
        from: entry.kind === 'string' ? (entry as { readonly key: string; readonly value: string }) : undefined,
        // Every field set from the start: records keep one shape (V8 hidden class) on hot paths.
        raw: undefined,
        profile: undefined,
      };
      this.infos.set(key, info);
      // Target files walked with this pool hand each shared key's record straight back.
      const prop = pool?.leaves.get(key);
      if (prop) prop.info = info;
    }
    if (!pool) return;
    // And the plural forms the source lacks (`item_few` beside `item_other`), so that target
    // files find them the same way: no key built, no hashing.
    for (const g of this.groups.values()) {
      const other = pool.leaves.get(pluralKey(g.base, 'other', g.ordinal, options.pluralSeparator));
      if (!other?.name.endsWith('other')) continue;
      const stem = other.name.slice(0, -'other'.length);
      for (const c of pluralOrder) {
        if (g.present.includes(c) || (siblingForms & formBit(c, g.ordinal)) === 0) continue;
        const info = this.formInfo(g, c);
        pool.addSibling(other, stem + c, info.key, info);
      }
    }
  }

  entry(key: string): LocaleValue | undefined {
    return this.entries.get(key);
  }

  /** The record of a plural form, whether or not the source has that form. */
  formInfo(g: PluralGroup, c: PluralCategory): KeyInfo {
    let forms = this.formInfos.get(g);
    if (!forms) this.formInfos.set(g, (forms = []));
    const at = pluralOrder.indexOf(c);
    let info = forms[at];
    if (!info) {
      const sep = this.options.pluralSeparator;
      const key = pluralKey(g.base, c, g.ordinal, sep);
      info = this.infos.get(key);
      if (!info) {
        const other = this.infos.get(pluralKey(g.base, 'other', g.ordinal, sep));
        info = {
          key,
          index: this.infoCount++,
          translatable: true,
          plural: { category: c, ordinal: g.ordinal, group: g },
          bit: formBit(c, g.ordinal),
          from: other?.from,
          raw: undefined,
          profile: undefined,
        };
      }
      forms[at] = info;
    }
    return info;
  }

  private skeletonCache?: Array<KeyInfo | PluralGroup>;
  /** Source order with each plural group once, in its first form's place; settings left out. */
  private skeleton(): Array<KeyInfo | PluralGroup> {
    if (this.skeletonCache) return this.skeletonCache;
    const out: Array<KeyInfo | PluralGroup> = [];
    const emitted = new Set<PluralGroup>();
    for (const info of this.infos.values()) {
      if (!info.plural) {
        // Numbers, booleans and null are settings, not text: i18next falls back to the source.
        if (info.translatable) out.push(info);
      } else if (!emitted.has(info.plural.group)) {
        emitted.add(info.plural.group);
        out.push(info.plural.group);
      }
    }
    return (this.skeletonCache = out);
  }

  /** The expected keys of `locale` in source order, and its plural groups' required forms. */
  forms(locale: string): Forms {
    const signature = signatureOf(locale);
    let f = this.byForms.get(signature);
    if (f) return f;
    const expected: KeyInfo[] = [];
    const groups: Array<{ group: PluralGroup; required: KeyInfo[] }> = [];
    for (const item of this.skeleton()) {
      if (!('base' in item)) {
        expected.push(item);
        continue;
      }
      const required = requiredForms(locale, item.ordinal).map((c) => this.formInfo(item, c));
      for (const r of required) expected.push(r);
      groups.push({ group: item, required });
    }
    f = { expected, groups };
    this.byForms.set(signature, f);
    return f;
  }

  /** The record of a plural form the source lacks, for a key the key pool did not match. */
  private anyForm(key: string): KeyInfo | undefined {
    const sep = this.options.pluralSeparator;
    const s = splitPluralSuffix(key, sep);
    const g = s && this.groups.get(groupId(s.base, s.ordinal));
    if (!g) return undefined;
    return this.formInfo(g, s.category);
  }

  /**
   * What checking a file of `locale` needs up front: a lookup for any key the file may have, and
   * how many expected keys there are. The expected list itself (`forms`) is built only for a file
   * that lacks some: a complete file is known complete by counting.
   */
  lookupFor(locale: string): LocaleLookup {
    const { allowedForms, requiredForms, requiredCardinal, requiredOrdinal } = formsOf(locale);
    const signature = signatureOf(locale);
    let expectedCount = this.expectedCounts.get(signature);
    if (expectedCount === undefined) {
      expectedCount = 0;
      for (const item of this.skeleton()) {
        expectedCount += 'base' in item ? (item.ordinal ? requiredOrdinal : requiredCardinal) : 1;
      }
      this.expectedCounts.set(signature, expectedCount);
    }
    return { expectedCount, allowedForms, requiredForms, find: (key) => this.infos.get(key) ?? this.anyForm(key) };
  }

  /** The placeholders of a source string value, as `rawPlaceholders` gives them (once per key). */
  rawPlaceholders(key: string): readonly string[] {
    const info = this.infos.get(key)!;
    if (info.profile === undefined) this.preparePlaceholders(info);
    return info.raw!;
  }

  /** Fills `raw` and `profile` of a key's record (once; shared by every locale). */
  preparePlaceholders(info: KeyInfo): void {
    const source = info.from!.key === info.key ? info : this.infos.get(info.from!.key)!;
    if (source.profile === undefined) {
      const p = this.placeholders.of(info.from!.value);
      source.raw = p.raw;
      source.profile = p.profile;
    }
    info.raw = source.raw;
    info.profile = source.profile;
  }
}

const signatures = new Map<string, string>();
/** Locales with the same plural forms share their expected-key lists. */
function signatureOf(locale: string): string {
  let sig = signatures.get(locale);
  if (sig === undefined) {
    signatures.set(locale, (sig = `${requiredForms(locale, false).join()}|${requiredForms(locale, true).join()}`));
  }
  return sig;
}

/** One bit per plural form: six cardinal categories, then six ordinal ones. */
export function formBit(category: PluralCategory, ordinal: boolean): number {
  return 1 << (pluralOrder.indexOf(category) + (ordinal ? pluralOrder.length : 0));
}

interface LocaleForms {
  /** Forms a file of the locale may have (`_zero` always may) and those it needs, as `formBit`s. */
  readonly allowedForms: number;
  readonly requiredForms: number;
  /** How many forms a cardinal and an ordinal group need. */
  readonly requiredCardinal: number;
  readonly requiredOrdinal: number;
}
/** The plural forms files of any of `locales` may have, as `formBit`s. */
export function allowedFormsOf(locales: readonly string[]): number {
  return locales.reduce((m, l) => m | formsOf(l).allowedForms, 0);
}

const formsCache = new Map<string, LocaleForms>();
function formsOf(locale: string): LocaleForms {
  let f = formsCache.get(locale);
  if (!f) {
    const bits = (cats: readonly PluralCategory[], ordinal: boolean) =>
      cats.reduce((m, c) => m | formBit(c, ordinal), 0);
    const cardinal = requiredForms(locale, false);
    const ordinal = requiredForms(locale, true);
    f = {
      allowedForms: bits([...pluralCategoriesOf(locale), 'zero'], false) | bits(pluralCategoriesOf(locale, true), true),
      requiredForms: bits(cardinal, false) | bits(ordinal, true),
      requiredCardinal: cardinal.length,
      requiredOrdinal: ordinal.length,
    };
    formsCache.set(locale, f);
  }
  return f;
}
