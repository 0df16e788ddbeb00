/**
 * What a pull believes of a downloaded translation (issue 13 point 3): entities the JSON filter
 * added (`&amp;`, `&lt;`) are decoded where the source had the raw characters; a value equal to
 * the source (what Phrase exports for a segment nobody confirmed) never replaces a different
 * existing translation and is not human work; a value whose placeholders differ from the
 * source's is a conflict to review, never a write.
 */
import { comparePlaceholders } from '../locales/placeholders';
import type { Conflict } from './merge';

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&#39;': "'",
};
const entityRe = /&(?:amp|lt|gt|quot|apos|#39);/g;
const letter = /\p{L}/u;

/** A `&` that starts no entity, or a `<`: what an HTML subfilter would have escaped. */
const rawSpecial = /&(?!(?:amp|lt|gt|quot|apos|#39);)|</;
/** An entity escaped once more (`&amp;lt;`): the export went through the HTML subfilter. */
const doubled = /&amp;(?:amp|lt|gt|quot|apos|#39);/;

/**
 * `value` as the linguist wrote it. When the export was escaped (an entity escaped twice, or the
 * source's raw `&` / `<` only as entities), every entity is decoded once; otherwise only entities
 * the source does not itself contain (a source may hold `&amp;` on purpose).
 */
export function decodeEntities(value: string, source: string): string {
  if (!value.includes('&')) return value;
  if (doubled.test(value) || (rawSpecial.test(source) && !rawSpecial.test(value))) {
    return value.replace(entityRe, (e) => entities[e]!);
  }
  return value.replace(entityRe, (e) => (source.includes(e) ? e : entities[e]!));
}

export interface TrustInput {
  readonly remote: ReadonlyMap<string, string>;
  readonly source: ReadonlyMap<string, string>;
  readonly local: ReadonlyMap<string, string>;
  readonly base: Readonly<Record<string, string>>;
  readonly icu?: boolean;
  /** Keys that are plural forms: they may leave out the count ("one item"). */
  readonly pluralKeys: ReadonlySet<string>;
}

export interface TrustResult {
  /** The values the merge may use. */
  readonly remote: Map<string, string>;
  /** Values whose placeholders differ from the source's: reported, not written. */
  readonly broken: Conflict[];
  /** Keys exported as the source text (not confirmed), left out. */
  readonly sameAsSource: string[];
}

export function trustRemote(input: TrustInput): TrustResult {
  const remote = new Map<string, string>();
  const broken: Conflict[] = [];
  const sameAsSource: string[] = [];
  for (const [key, raw] of input.remote) {
    const source = input.source.get(key);
    if (source === undefined) {
      remote.set(key, raw); // the merge skips keys the source no longer has
      continue;
    }
    const value = decodeEntities(raw, source);
    const local = input.local.get(key);
    if (value === source && letter.test(source) && local !== undefined && local !== '' && local !== source) {
      sameAsSource.push(key);
      continue;
    }
    const cmp = comparePlaceholders(source, value, { icu: input.icu });
    const missing = input.pluralKeys.has(key)
      ? cmp.missing.filter((id) => !/^\{\{-? ?count\b/.test(id) && !/^\{count\b/.test(id))
      : cmp.missing;
    if (missing.length > 0 || cmp.extra.length > 0) {
      const what = [
        missing.length ? `lost ${missing.join(', ')}` : '',
        cmp.extra.length ? `added ${cmp.extra.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      broken.push({
        key,
        base: Object.hasOwn(input.base, key) ? input.base[key] : undefined,
        local,
        remote: value,
        reason: `the translation ${what}: its placeholders differ from the source's, so it was not written`,
      });
      continue;
    }
    remote.set(key, value);
  }
  return { remote, broken, sameAsSource };
}

/** Whether a pulled value is a human translation (not the source text sent back). */
export function isHumanTranslation(value: string, source: string | undefined): boolean {
  return source === undefined || value !== source || !letter.test(source);
}
