/**
 * Placeholders in i18next values: interpolation `{{name}}`, `{{count, number}}`, unescaped
 * `{{- html}}`, nesting `$t(key)`, Trans component tags `<0>…</0>`, `<strong>`, `<br/>`, and ICU
 * arguments `{name}` where the project uses ICU. Compared as multisets, so a translation may
 * reorder placeholders but must not lose, duplicate or invent one.
 */

export type PlaceholderKind = 'interpolation' | 'unescaped' | 'nesting' | 'tag' | 'icu';

export interface Placeholder {
  readonly kind: PlaceholderKind;
  /** The placeholder as written. */
  readonly text: string;
  /** Normalised form used for comparison (`{{ count,number }}` ≡ `{{count, number}}`). */
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

export interface PlaceholderOptions {
  readonly icu?: boolean;
}

/**
 * One left-to-right pass over the i18next kinds: nesting `$t(key, {…})` (its options may hold
 * `{{…}}`, which then belongs to it), interpolation `{{…}}` / `{{- …}}`, and Trans tags
 * (`<0>`, `</0>`, `<1/>`, `<strong>`, `<br />`). `a < b` is text: a tag needs a name right after `<`.
 */
const i18nextRe = /\$t\(([^()]*)\)|\{\{(-?)\s*([^{}]*?)\s*\}\}|<(\/?)([A-Za-z][\w-]*|\d+)\s*(\/?)>/g;

/** Every placeholder of `value`, in order of appearance. */
export function extractPlaceholders(value: string, options: PlaceholderOptions = {}): Placeholder[] {
  const out: Placeholder[] = [];
  if (value.includes('{{') || value.includes('$t(') || value.includes('<')) {
    for (const m of value.matchAll(i18nextRe)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (m[1] !== undefined) {
        out.push({ kind: 'nesting', text: m[0], id: nestingId(m[1]), start, end });
      } else if (m[3] !== undefined) {
        const unescaped = m[2] === '-';
        out.push({
          kind: unescaped ? 'unescaped' : 'interpolation',
          text: m[0],
          id: interpolationId(unescaped, m[3]),
          start,
          end,
        });
      } else {
        const id = m[4] === '/' ? `</${m[5]}>` : m[6] === '/' ? `<${m[5]}/>` : `<${m[5]}>`;
        out.push({ kind: 'tag', text: m[0], id, start, end });
      }
    }
  }
  if (options.icu && value.includes('{')) {
    const taken = out.map((p) => [p.start, p.end] as const);
    for (const p of icuArguments(value)) if (!taken.some(([a, b]) => p.start < b && p.end > a)) out.push(p);
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}

function nestingId(inner: string): string {
  const comma = inner.indexOf(',');
  const key = (comma === -1 ? inner : inner.slice(0, comma)).trim();
  const opts = comma === -1 ? '' : inner.slice(comma + 1).replace(/\s+/g, '');
  return `$t(${key}${opts ? ',' + opts : ''})`;
}

function interpolationId(unescaped: boolean, body: string): string {
  const [name = '', ...format] = body.split(',').map((x) => x.trim());
  return `{{${unescaped ? '- ' : ''}${name}${format.length ? ', ' + format.join(', ') : ''}}}`;
}

/** The comparison ids only (the inventory's hot path). */
export function placeholderIds(value: string, options: PlaceholderOptions = {}): string[] {
  if (!mayHavePlaceholders(value, options)) return [];
  return extractPlaceholders(value, options).map((p) => p.id);
}

/**
 * The placeholders as written (no normalisation, no objects): the inventory compares these first
 * and normalises only when they differ, since translators mostly copy placeholders verbatim.
 */
export function rawPlaceholders(value: string, options: PlaceholderOptions = {}): readonly string[] {
  if (options.icu) return placeholderIds(value, options);
  if (!mayHavePlaceholders(value, options)) return noPlaceholders;
  return value.match(i18nextRe) ?? noPlaceholders;
}
const noPlaceholders: readonly string[] = Object.freeze([]);

function countOf(value: string, needle: string): number {
  let n = 0;
  for (let at = value.indexOf(needle); at !== -1; at = value.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** How many places in `value` could start an i18next placeholder. */
export function triggerCount(value: string): number {
  return countOf(value, '{{') + countOf(value, '$t(') + countOf(value, '<');
}

/**
 * What "has exactly these (source) placeholders" comes down to when every source placeholder
 * holds exactly one trigger (`{{`, `$t(`, `<`) and the source has no other trigger: a value has
 * the same multiset exactly when it has as many triggers and each source placeholder occurs as
 * often (every trigger then starts one of those occurrences). See `matchesProfile`.
 */
export interface PlaceholderProfile {
  readonly triggers: number;
  /** Each distinct source placeholder, and how often the source has it. */
  readonly tokens: readonly string[];
  readonly counts: readonly number[];
  /** Every count is 1 (the usual case): presence is enough, see `matchesProfile`. */
  readonly once: boolean;
}

const noTriggers: PlaceholderProfile = Object.freeze({ triggers: 0, tokens: [], counts: [], once: true });

/** The source value's profile; undefined when the shortcut does not apply (ICU, a bare `<`). */
export function placeholderProfile(
  sourceValue: string,
  sourceRaw: readonly string[],
  options: PlaceholderOptions = {},
): PlaceholderProfile | undefined {
  if (sourceRaw.length === 0 && !options.icu && !mayHavePlaceholders(sourceValue)) return noTriggers; // most values: nothing to count
  if (options.icu || !sourceRaw.every((t) => triggerCount(t) === 1) || triggerCount(sourceValue) !== sourceRaw.length) {
    return undefined;
  }
  const tokens = [...new Set(sourceRaw)];
  const counts = tokens.map((t) => sourceRaw.filter((x) => x === t).length);
  return { triggers: sourceRaw.length, tokens, counts, once: counts.every((c) => c === 1) };
}

/** A source value's placeholders as written, and its profile (null: the shortcut does not apply). */
export interface SourcePlaceholders {
  readonly raw: readonly string[];
  readonly profile: PlaceholderProfile | null;
}

const noSourcePlaceholders: SourcePlaceholders = Object.freeze({ raw: noPlaceholders, profile: noTriggers });

/**
 * Source values' placeholders, one list and one profile per distinct set: most keys of a project
 * share a handful (none, `{{count}}`, `{{name}}`), so the scan keeps a few records instead of one
 * list and one profile per key (less to build and to collect).
 */
export class PlaceholderCache {
  private readonly byTokens = new Map<string, SourcePlaceholders>();

  constructor(private readonly options: PlaceholderOptions) {}

  of(value: string): SourcePlaceholders {
    const options = this.options;
    // (With ICU a value without triggers may still differ: `{name}` is not one; no shortcut.)
    if (!options.icu && !mayHavePlaceholders(value)) return noSourcePlaceholders;
    const raw = rawPlaceholders(value, options);
    // The profile also depends on whether the value has triggers outside placeholders (a bare `<`).
    const id = raw.join('\u0000') + (triggerCount(value) === raw.length ? '' : '\u0001');
    let shared = this.byTokens.get(id);
    if (!shared) this.byTokens.set(id, (shared = { raw, profile: placeholderProfile(value, raw, options) ?? null }));
    return shared;
  }
}

/**
 * Whether `value` has exactly the profile's placeholders: native `indexOf` counting, no
 * allocation (the inventory's hottest path: once per target value).
 */
export function matchesProfile(value: string, p: PlaceholderProfile): boolean {
  if (triggerCount(value) !== p.triggers) return false;
  // Occurrences of the tokens start at distinct triggers (none is a prefix of another), so with
  // as many triggers as tokens, each token present means each token exactly once.
  // (Plain loops: a callback per token costs more than the test itself here.)
  const tokens = p.tokens;
  if (p.once) {
    for (let k = 0; k < tokens.length; k++) if (!value.includes(tokens[k]!)) return false;
    return true;
  }
  for (let k = 0; k < tokens.length; k++) if (countOf(value, tokens[k]!) !== p.counts[k]) return false;
  return true;
}

/** Cheap check for the common case: the same placeholders, in any order. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 0) return true;
  // Usually in the same order: no sorting needed.
  let inOrder = true;
  for (let i = 0; i < a.length && inOrder; i++) inOrder = a[i] === b[i];
  if (inOrder) return true;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((x, i) => x === sb[i]);
}

/**
 * ICU MessageFormat arguments: `{name}`, `{n, number}`, `{n, date, short}`, and the heads of
 * `{n, plural, …}` / `{g, select, …}`. Branch bodies are messages themselves (translatable text
 * plus nested arguments), so `{He}` inside `select` is text, not an argument. `'{'` quoting is
 * honoured. A malformed message yields the arguments found before the error.
 */
function icuArguments(value: string): Placeholder[] {
  const out: Placeholder[] = [];
  let i = 0;
  const ws = () => {
    while (i < value.length && /\s/.test(value[i]!)) i++;
  };
  const ident = (): string => {
    const m = /^[^\s,{}#'"]+/.exec(value.slice(i));
    if (!m) return '';
    i += m[0].length;
    return m[0];
  };
  // Reads a message up to (not including) the `}` that closes it (depth > 0) or to the end.
  const message = (depth: number): boolean => {
    while (i < value.length) {
      const c = value[i]!;
      if (c === "'") {
        // '{' and '}' quote syntax; '' is a literal apostrophe.
        const close = value.indexOf("'", i + 1);
        if (close === i + 1) i += 2;
        else if (close > i && /[{}#|]/.test(value[i + 1]!)) i = close + 1;
        else i++;
      } else if (c === '{') {
        if (!argument(depth)) return false;
      } else if (c === '}') {
        return depth > 0;
      } else i++;
    }
    return depth === 0;
  };
  const argument = (depth: number): boolean => {
    const start = i;
    i++; // {
    ws();
    const name = ident();
    if (!name) return false;
    ws();
    if (value[i] === '}') {
      i++;
      out.push({ kind: 'icu', text: value.slice(start, i), id: `{${name}}`, start, end: i });
      return true;
    }
    if (value[i] !== ',') return false;
    i++;
    ws();
    const type = ident();
    ws();
    if (/^(plural|select|selectordinal)$/.test(type)) {
      if (value[i] !== ',') return false;
      i++;
      out.push({ kind: 'icu', text: value.slice(start, i), id: `{${name}, ${type}}`, start, end: i });
      // selector {message} pairs until the closing brace
      for (;;) {
        ws();
        if (value[i] === '}') {
          i++;
          return true;
        }
        if (i >= value.length) return false;
        const selector = ident() || (value.startsWith('=', i) ? ((i += 1), '=' + ident()) : '');
        if (!selector) return false;
        ws();
        if (value[i] !== '{') return false;
        i++;
        if (!message(depth + 1)) return false;
        i++; // }
      }
    }
    let style = '';
    if (value[i] === ',') {
      i++;
      const close = value.indexOf('}', i);
      if (close === -1) return false;
      style = value.slice(i, close).trim();
      i = close;
    }
    if (value[i] !== '}') return false;
    i++;
    out.push({
      kind: 'icu',
      text: value.slice(start, i),
      id: `{${name}, ${type}${style ? ', ' + style : ''}}`,
      start,
      end: i,
    });
    return true;
  };
  message(0);
  return out;
}

export interface PlaceholderComparison {
  readonly ok: boolean;
  /** In the source, absent (or fewer times) in the target. */
  readonly missing: readonly string[];
  /** In the target, absent (or more times) in the source. */
  readonly extra: readonly string[];
}

/** Compares the placeholder multisets of a source and a target value. */
export function comparePlaceholders(
  source: string,
  target: string,
  options: PlaceholderOptions = {},
): PlaceholderComparison {
  return compareIds(
    extractPlaceholders(source, options).map((p) => p.id),
    extractPlaceholders(target, options).map((p) => p.id),
  );
}

export function compareIds(sourceIds: readonly string[], targetIds: readonly string[]): PlaceholderComparison {
  const counts = new Map<string, number>();
  for (const id of sourceIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const id of targetIds) counts.set(id, (counts.get(id) ?? 0) - 1);
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [id, n] of counts) {
    for (let i = 0; i < n; i++) missing.push(id);
    for (let i = 0; i > n; i--) extra.push(id);
  }
  return { ok: missing.length === 0 && extra.length === 0, missing, extra };
}

/** Cheap test used on hot paths: can `value` contain a placeholder at all? */
export function mayHavePlaceholders(value: string, options: PlaceholderOptions = {}): boolean {
  return value.includes('{{') || value.includes('$t(') || value.includes('<') || (!!options.icu && value.includes('{'));
}
