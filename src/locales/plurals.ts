/**
 * i18next (v21+, JSON v4) plural keys: `key_one`, `key_other`, `key_ordinal_few`… grouped under
 * their base key and checked against each locale's CLDR categories from `Intl.PluralRules`.
 */

export const pluralOrder = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof pluralOrder)[number];
const categorySet: ReadonlySet<string> = new Set(pluralOrder);

const cardinalCache = new Map<string, readonly PluralCategory[]>();
const ordinalCache = new Map<string, readonly PluralCategory[]>();

/** CLDR plural categories of a locale, in canonical order (`pl` → one, few, many, other). */
export function pluralCategoriesOf(locale: string, ordinal = false): readonly PluralCategory[] {
  const cache = ordinal ? ordinalCache : cardinalCache;
  let cats = cache.get(locale);
  if (!cats) {
    const have = new Set(
      new Intl.PluralRules(locale, { type: ordinal ? 'ordinal' : 'cardinal' }).resolvedOptions().pluralCategories,
    );
    cats = pluralOrder.filter((c) => have.has(c));
    cache.set(locale, cats);
  }
  return cats;
}

export interface PluralSuffix {
  readonly base: string;
  readonly category: PluralCategory;
  readonly ordinal: boolean;
}

/** Splits `item_one` → { base: 'item', category: 'one' }; `place_ordinal_two` → ordinal. */
export function splitPluralSuffix(key: string, separator = '_'): PluralSuffix | undefined {
  const at = key.lastIndexOf(separator);
  if (at <= 0) return undefined;
  const category = key.slice(at + separator.length);
  if (!categorySet.has(category)) return undefined;
  const rest = key.slice(0, at);
  const ordinalMarker = `${separator}ordinal`;
  if (rest.endsWith(ordinalMarker) && rest.length > ordinalMarker.length) {
    return { base: rest.slice(0, -ordinalMarker.length), category: category as PluralCategory, ordinal: true };
  }
  return { base: rest, category: category as PluralCategory, ordinal: false };
}

export interface PluralGroup {
  readonly base: string;
  readonly ordinal: boolean;
  /** Categories present, in canonical order. */
  readonly present: PluralCategory[];
}

/** Key of a plural form. */
export function pluralKey(base: string, category: PluralCategory, ordinal: boolean, separator = '_'): string {
  return ordinal ? `${base}${separator}ordinal${separator}${category}` : `${base}${separator}${category}`;
}

/**
 * Plural groups among `keys`. A base counts as plural only when its `_other` form exists (every
 * locale has `other`), so `status_one` alone, or `gender_male`, is an ordinary key.
 */
export function findPluralGroups(
  keys: Iterable<string> | ReadonlyMap<string, unknown>,
  separator = '_',
): Map<string, PluralGroup> {
  // A map's own keys serve as the set (the scan passes a source file's entries: no copy).
  const all: { has(key: string): boolean; keys(): Iterable<string> } =
    keys instanceof Map ? keys : new Set(keys as Iterable<string>);
  const groups = new Map<string, PluralGroup>();
  for (const key of all.keys()) {
    const s = splitPluralSuffix(key, separator);
    if (!s || !all.has(pluralKey(s.base, 'other', s.ordinal, separator))) continue;
    const id = groupId(s.base, s.ordinal);
    let g = groups.get(id);
    if (!g) {
      g = { base: s.base, ordinal: s.ordinal, present: [] };
      groups.set(id, g);
    }
    g.present.push(s.category);
  }
  for (const g of groups.values()) g.present.sort((a, b) => pluralOrder.indexOf(a) - pluralOrder.indexOf(b));
  return groups;
}

export function groupId(base: string, ordinal: boolean): string {
  return ordinal ? `${base}#ordinal` : base;
}

/**
 * The forms `locale` needs for a group. `_zero` is optional in every locale (i18next uses it for a
 * count of 0 when it exists), required only where CLDR has a zero category (ar, lv…).
 */
export function requiredForms(locale: string, ordinal: boolean): readonly PluralCategory[] {
  return pluralCategoriesOf(locale, ordinal);
}

/** Whether `category` may appear in `locale`'s file without being an extra key. */
export function allowedForm(locale: string, category: PluralCategory, ordinal: boolean): boolean {
  return category === 'zero' && !ordinal ? true : pluralCategoriesOf(locale, ordinal).includes(category);
}
