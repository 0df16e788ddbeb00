/**
 * A source namespace prepared for comparison: one record per key a target file may have, shared by
 * every target locale with the same plural forms, so checking a target key costs one lookup.
 */
import type { KeyPool } from './fastParse';
import type { InventoryOptions, NamespaceInput } from './inventory';
import type { LocaleEntry } from './parse';
import type { PlaceholderProfile } from './placeholders';
import { placeholderProfile, rawPlaceholders } from './placeholders';
import type { PluralCategory, PluralGroup } from './plurals';
import { findPluralGroups, groupId, pluralCategoriesOf, pluralKey, requiredForms, splitPluralSuffix } from './plurals';

/**
 * What a target key is checked against: one record per source key, and one per plural form a
 * locale may have that the source lacks (`item_few` for Polish). A target key costs one lookup;
 * `mark` records which expected keys a target file has, so missing keys need no lookups at all.
 */
export interface KeyInfo {
  readonly key: string;
  /** Whether a target file must have this key (text, not a number/boolean/null setting). */
  readonly translatable: boolean;
  readonly plural?: { readonly category: PluralCategory; readonly ordinal: boolean; readonly group: PluralGroup };
  /** The source value it is translated from (a plural form without a source twin: `_other`). */
  readonly from?: { readonly key: string; readonly value: string };
  raw?: readonly string[];
  /** For the fast exact test "same placeholders as the source" (null: use the full compare). */
  profile?: PlaceholderProfile | null;
  mark: number;
}

/** A locale's view of a namespace: what it must have, and plural forms the source lacks. */
interface Forms {
  readonly extras: Map<string, KeyInfo>;
  readonly expected: KeyInfo[];
  /** Each plural group with the records of the forms this locale needs. */
  readonly groups: ReadonlyArray<{ readonly group: PluralGroup; readonly required: readonly KeyInfo[] }>;
}

/** Everything about a source namespace that every target locale is compared against. */
export class SourceNamespace {
  readonly keys: string[];
  readonly groups: Map<string, PluralGroup>;
  readonly entries: ReadonlyMap<string, LocaleEntry>;
  private readonly infos = new Map<string, KeyInfo>();
  /** Per plural signature: the forms absent from the source, and the expected order. */
  private readonly byForms = new Map<string, Forms>();
  private readonly formInfos = new Map<PluralGroup, Map<PluralCategory, KeyInfo>>();

  constructor(
    readonly input: NamespaceInput,
    private readonly options: InventoryOptions,
    pool?: KeyPool,
  ) {
    this.entries = input.parsed?.entries ?? new Map();
    this.keys = [...this.entries.keys()];
    this.groups = findPluralGroups(this.keys, options.pluralSeparator);
    for (const [key, entry] of this.entries) {
      const s = splitPluralSuffix(key, options.pluralSeparator);
      const group = s && this.groups.get(groupId(s.base, s.ordinal));
      this.infos.set(key, {
        key,
        translatable: entry.kind === 'string' || entry.kind === 'array',
        plural: group ? { category: s!.category, ordinal: s!.ordinal, group } : undefined,
        from: entry.kind === 'string' ? { key, value: entry.value as string } : undefined,
        // Every field set from the start: records keep one shape (V8 hidden class) on hot paths.
        raw: undefined,
        profile: undefined,
        mark: 0,
      });
    }
    // Target files parsed with this pool hand each shared key's record straight back.
    if (pool) {for (const info of this.infos.values()) {
      const prop = pool.byKey.get(info.key);
      if (prop) prop.data = info;
    }}
  }

  entry(key: string): LocaleEntry | undefined {
    return this.entries.get(key);
  }

  /** The record of a plural form, whether or not the source has that form. */
  formInfo(g: PluralGroup, c: PluralCategory): KeyInfo {
    let forms = this.formInfos.get(g);
    if (!forms) this.formInfos.set(g, (forms = new Map()));
    let info = forms.get(c);
    if (!info) {
      const sep = this.options.pluralSeparator;
      const key = pluralKey(g.base, c, g.ordinal, sep);
      info = this.infos.get(key);
      if (!info) {
        const other = this.infos.get(pluralKey(g.base, 'other', g.ordinal, sep));
        info = { key, translatable: true, plural: { category: c, ordinal: g.ordinal, group: g }, from: other?.from, raw: undefined, profile: undefined, mark: 0 };
      }
      forms.set(c, info);
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

  private forms(locale: string): Forms {
    const signature = signatureOf(locale);
    let f = this.byForms.get(signature);
    if (f) return f;
    const extras = new Map<string, KeyInfo>();
    const expected: KeyInfo[] = [];
    const groups: Array<{ group: PluralGroup; required: KeyInfo[] }> = [];
    const form = (g: PluralGroup, c: PluralCategory): KeyInfo => {
      const info = this.formInfo(g, c);
      if (!this.infos.has(info.key)) extras.set(info.key, info);
      return info;
    };
    for (const item of this.skeleton()) {
      if (!('base' in item)) {
        expected.push(item);
        continue;
      }
      const g = item;
      const required = requiredForms(locale, g.ordinal).map((c) => form(g, c));
      expected.push(...required);
      groups.push({ group: g, required });
      if (!g.ordinal) form(g, 'zero'); // allowed everywhere, never expected
    }
    f = { extras, expected, groups };
    this.byForms.set(signature, f);
    return f;
  }

  /** Expected keys of `locale` in source order, and a lookup for any key its file may have. */
  lookupFor(locale: string): { expected: readonly KeyInfo[]; groups: Forms['groups']; find: (key: string, known?: KeyInfo) => KeyInfo | undefined } {
    const { extras, expected, groups } = this.forms(locale);
    const { cardinal, ordinal } = allowedCategories(locale);
    return {
      expected,
      groups,
      find: (key, known) => {
        const info = known ?? this.infos.get(key) ?? extras.get(key);
        if (!info?.plural || (info.plural.ordinal ? ordinal : cardinal).has(info.plural.category)) return info;
        return undefined; // a plural form this locale does not use (`item_one` in Japanese)
      },
    };
  }

  /** Fills `raw` and `profile` of a key's record (once; shared by every locale). */
  preparePlaceholders(info: KeyInfo): void {
    const source = info.from!.key === info.key ? info : this.infos.get(info.from!.key)!;
    source.raw ??= rawPlaceholders(info.from!.value, this.options);
    if (source.profile === undefined) source.profile = placeholderProfile(info.from!.value, source.raw, this.options) ?? null;
    info.raw = source.raw;
    info.profile = source.profile;
  }
}

const signatures = new Map<string, string>();
/** Locales with the same plural forms share their expected-key lists. */
function signatureOf(locale: string): string {
  let sig = signatures.get(locale);
  if (sig === undefined) signatures.set(locale, (sig = `${requiredForms(locale, false).join()}|${requiredForms(locale, true).join()}`));
  return sig;
}

const allowedCache = new Map<string, { cardinal: ReadonlySet<string>; ordinal: ReadonlySet<string> }>();
/** Plural categories whose forms may appear in a locale's files (`_zero` always may). */
function allowedCategories(locale: string): { cardinal: ReadonlySet<string>; ordinal: ReadonlySet<string> } {
  let a = allowedCache.get(locale);
  if (!a) allowedCache.set(locale, (a = { cardinal: new Set([...pluralCategoriesOf(locale), 'zero']), ordinal: new Set(pluralCategoriesOf(locale, true)) }));
  return a;
}
