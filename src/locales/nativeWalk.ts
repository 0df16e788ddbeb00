/**
 * Locale files read by the engine's native `JSON.parse` and walked, for the scan, which needs no
 * positions: several times cheaper than any parser written in JavaScript. `JSON.parse` is laxer
 * than a locale file may be, so each walk declines where its answer could differ, and the strict
 * parsers (`fastParse`, the visitor) decide; property tests check that both give the same leaves.
 */
import type { KeyPool, LeafProp, PoolObject, PoolProp } from './keyPool';
import { poolProp } from './keyPool';
import { maxNesting } from './nesting';
import type { LocaleEntry, LocaleValue } from './parse';

/** Occurrences of `:` in a string (a locale value rarely has any). */
function colonsIn(s: string): number {
  let n = 0;
  for (let at = s.indexOf(':'); at !== -1; at = s.indexOf(':', at + 1)) n++;
  return n;
}

/**
 * A target file's leaves, from the engine's native `JSON.parse` and a walk of the object it
 * returns, matched against the source's pool object by object: the scan's path for target files
 * (the native parser costs a fraction of any parser written in JavaScript, and nothing is
 * collected: each leaf goes straight to `sink`, with the source's pool record when it has one).
 * Returns false where `JSON.parse`'s answer could differ from a locale file's (the caller then
 * starts over with `fastLeaves` or the visitor, which decide; leaves already given are void):
 * - a duplicate key, which `JSON.parse` drops silently. Found by counting: in valid JSON each
 *   property has exactly one `:` outside strings, so the text's colons minus those inside the
 *   strings kept equal the properties kept unless something was dropped. (`\\u003a` decodes to a
 *   colon the text does not show; such a file is declined up front.)
 * - a key with the separator in it (`"a.b"` may collide with a nested `a` → `b`);
 * - a key that starts with a digit: integer-like keys are enumerated before the others, so the
 *   file's order would be lost;
 * - an array, or an object in a flat file (the visitor reports those);
 * - anything `JSON.parse` rejects, or a top level that is not an object.
 */
export function walkParsed(text: string, sep: string | false, pool: KeyPool, sink: LeafSink): boolean {
  const root = nativeParse(text);
  if (!root) return false;
  const state: WalkState = { sep, sink, properties: 0, colonsInStrings: 0, depth: 1 };
  return walkObject(root, pool.root, undefined, state) && colonsIn(text) - state.colonsInStrings === state.properties;
}

/** The top-level object by `JSON.parse`; undefined for anything else, or a `\\u003a` (see above). */
function nativeParse(text: string): Record<string, unknown> | undefined {
  if (text.includes('\\u003a') || text.includes('\\u003A')) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof root === 'object' && root !== null && !Array.isArray(root)
    ? (root as Record<string, unknown>)
    : undefined;
}

/**
 * A source file's leaves in file order, without positions, from the native `JSON.parse`, and
 * its keys recorded in `pool` (a recording pool, empty) for the target files. Declines like
 * `walkParsed` (`undefined`: parse with `fastParse` or the visitor, into a fresh pool). Names
 * are not recorded as written (see `PoolProp.raw`).
 */
export function recordParsed(text: string, sep: string | false, pool: KeyPool): Map<string, LocaleValue> | undefined {
  const root = nativeParse(text);
  if (!root) return undefined;
  const state: RecordState = { sep, entries: new Map(), properties: 0, colonsInStrings: 0, depth: 1 };
  if (!recordObject(root, pool.root, '', state)) return undefined;
  return colonsIn(text) - state.colonsInStrings === state.properties ? state.entries : undefined;
}

/** What both walks count to find a duplicate `JSON.parse` dropped. */
interface NameCounts {
  readonly sep: string | false;
  properties: number;
  colonsInStrings: number;
  /** Nesting of the object being walked (the walks recurse: deeper than `maxNesting` declines). */
  depth: number;
}

/**
 * Counts a property name; false where the native parse cannot be trusted: a name starting with a
 * digit (integer-like names are enumerated first) or holding the separator.
 */
function takeName(name: string, counts: NameCounts): boolean {
  const c = name.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return false;
  if (counts.sep !== false && name.includes(counts.sep)) return false;
  counts.properties++;
  counts.colonsInStrings += colonsIn(name);
  return true;
}

interface RecordState extends NameCounts {
  readonly entries: Map<string, LocaleValue>;
}

/** `prefix`: the object's key and the separator ('' at the top). */
function recordObject(o: Record<string, unknown>, obj: PoolObject, prefix: string, state: RecordState): boolean {
  const sep = state.sep;
  for (const name in o) {
    if (!takeName(name, state)) return false;
    const key = prefix + name;
    const prop = poolProp(key, name, obj, undefined);
    obj.props.push(prop);
    obj.byName.set(name, prop);
    const v = o[name];
    if (typeof v === 'object' && v !== null) {
      if (sep === false || Array.isArray(v)) return false;
      prop.child = { props: [], byName: new Map() };
      if (++state.depth > maxNesting || !recordObject(v as Record<string, unknown>, prop.child, key + sep, state)) {
        return false;
      }
      state.depth--;
      continue;
    }
    if (typeof v === 'string') state.colonsInStrings += colonsIn(v);
    // The record is the leaf: no entry object of its own.
    prop.kind = v === null ? 'null' : (typeof v as 'string' | 'number' | 'boolean');
    prop.value = v as LocaleValue['value'];
    state.entries.set(key, prop as LeafProp);
  }
  return true;
}

/** What `walkParsed` hands each leaf to (an object, not a closure: one call site, one shape). */
export interface LeafSink {
  take(key: string, value: LocaleEntry['value'], prop: PoolProp | undefined): void;
}

interface WalkState extends NameCounts {
  readonly sink: LeafSink;
}

/** One object of the parse; `parentKey` is undefined at the top. False: decline (see above). */
function walkObject(
  o: Record<string, unknown>,
  poolObj: PoolObject | undefined,
  parentKey: string | undefined,
  state: WalkState,
): boolean {
  const sep = state.sep;
  // Where the source's next property is: a target usually lists them in the same order, and
  // names from the parser are interned strings, so that match is one comparison, no hashing.
  const props = poolObj?.props;
  let cursor = 0;
  for (const name in o) {
    if (!takeName(name, state)) return false;
    const next = props?.[cursor];
    let prop: PoolProp | undefined;
    if (next !== undefined && next.name === name) {
      prop = next;
      cursor++;
    } else prop = poolObj?.byName.get(name);
    // A key the pool has is its own string; only others are built.
    const key = prop ? prop.key : parentKey === undefined ? name : parentKey + (sep as string) + name;
    const v = o[name];
    if (typeof v === 'object' && v !== null) {
      if (
        sep === false ||
        Array.isArray(v) ||
        ++state.depth > maxNesting ||
        !walkObject(v as Record<string, unknown>, prop?.child, key, state)
      ) {
        return false;
      }
      state.depth--;
      continue;
    }
    if (typeof v === 'string') state.colonsInStrings += colonsIn(v);
    state.sink.take(key, v as LocaleEntry['value'], prop);
  }
  return true;
}
