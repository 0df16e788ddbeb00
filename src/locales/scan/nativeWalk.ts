/**
 * The scan's first step for every locale file: the engine's native `JSON.parse` and a walk of the
 * object it returns (several times cheaper than any parser written in JavaScript; the scan needs no
 * positions). `JSON.parse` is laxer than a locale file may be, so each walk declines where its
 * answer could differ, and the strict parser (`parse.ts`) decides. Why each case declines:
 * docs/scan-engine.md.
 */
import { maxNesting } from '../nesting';
import type { KeyPool, PoolObject, PoolProp } from './keyPool';
import { poolObject, poolProp } from './keyPool';
import type { LeafSink, LocaleValue } from './types';

/** Occurrences of `:` in a string (a locale value rarely has any). */
function colonsIn(s: string): number {
  let n = 0;
  for (let at = s.indexOf(':'); at !== -1; at = s.indexOf(':', at + 1)) n++;
  return n;
}

/** The top-level object by `JSON.parse`; undefined for anything else, or a `\u003a` (a hidden colon). */
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

/** What both walks count to find a duplicate key `JSON.parse` dropped (colons vs. properties). */
interface NameCounts {
  readonly sep: string | false;
  properties: number;
  colonsInStrings: number;
  /** Nesting of the object being walked (the walks recurse: deeper than `maxNesting` declines). */
  depth: number;
}

/**
 * Counts a property name; false where the native parse cannot be trusted: a name starting with a
 * digit (integer-like names are enumerated first) or holding the separator (`a.b` vs. `a` → `b`).
 */
function takeName(name: string, counts: NameCounts): boolean {
  const c = name.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return false;
  if (counts.sep !== false && name.includes(counts.sep)) return false;
  counts.properties++;
  counts.colonsInStrings += colonsIn(name);
  return true;
}

/** In valid JSON each property has one `:` outside strings: fewer properties means a dropped duplicate. */
function noneDropped(text: string, counts: NameCounts): boolean {
  return colonsIn(text) - counts.colonsInStrings === counts.properties;
}

/**
 * A source file's leaves in file order, its keys recorded into `pool` (fresh, empty). Undefined:
 * declined (the caller drops the pool and parses strictly).
 */
export function recordParsed(text: string, sep: string | false, pool: KeyPool): Map<string, LocaleValue> | undefined {
  const root = nativeParse(text);
  if (!root) return undefined;
  const state: RecordState = { sep, pool, entries: new Map(), properties: 0, colonsInStrings: 0, depth: 1 };
  return recordObject(root, pool.root, '', state) && noneDropped(text, state) ? state.entries : undefined;
}

interface RecordState extends NameCounts {
  readonly pool: KeyPool;
  readonly entries: Map<string, LocaleValue>;
}

/** `prefix`: the object's key and the separator ('' at the top). */
function recordObject(o: Record<string, unknown>, obj: PoolObject, prefix: string, state: RecordState): boolean {
  const sep = state.sep;
  for (const name in o) {
    if (!takeName(name, state)) return false;
    const key = prefix + name;
    const prop = poolProp(key, name, obj);
    obj.props.push(prop);
    obj.byName.set(name, prop);
    const v = o[name];
    if (typeof v === 'object' && v !== null) {
      if (sep === false || Array.isArray(v) || ++state.depth > maxNesting) return false;
      prop.child = poolObject();
      if (!recordObject(v as Record<string, unknown>, prop.child, key + sep, state)) return false;
      state.depth--;
      continue;
    }
    if (typeof v === 'string') state.colonsInStrings += colonsIn(v);
    const kind = v === null ? 'null' : (typeof v as 'string' | 'number' | 'boolean');
    state.entries.set(key, { key, kind, value: v as LocaleValue['value'] });
    state.pool.leaves.set(key, prop);
  }
  return true;
}

/**
 * A target file's leaves handed to `sink` one by one, matched against the source's pool object by
 * object (a target usually lists properties in the source's order: one string comparison, no
 * hashing). False: declined; leaves already given are void (the caller starts a new check).
 */
export function walkParsed(text: string, sep: string | false, pool: KeyPool, sink: LeafSink): boolean {
  const root = nativeParse(text);
  if (!root) return false;
  const state: WalkState = { sep, sink, properties: 0, colonsInStrings: 0, depth: 1 };
  return walkObject(root, pool.root, undefined, state) && noneDropped(text, state);
}

interface WalkState extends NameCounts {
  readonly sink: LeafSink;
}

/** One object of the parse; `parentKey` is undefined at the top. */
function walkObject(
  o: Record<string, unknown>,
  poolObj: PoolObject | undefined,
  parentKey: string | undefined,
  state: WalkState,
): boolean {
  const sep = state.sep;
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
    state.sink.take(key, v as LocaleValue['value'], prop?.info);
  }
  return true;
}
