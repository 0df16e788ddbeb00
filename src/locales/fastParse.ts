/**
 * A fast, strict scanner for the common case: a well-formed locale file of nested objects with
 * string, number, boolean and null leaves. It gives up (`undefined`) on anything else (an error,
 * an array, a comment, a duplicate key) and the caller then parses with jsonc-parser's visitor,
 * which reports the exact problem. Both produce the same entries (property tests check it).
 * Why: the visitor's per-token callbacks cost ~5× JSON.parse on a 200,000-key repository.
 */
import type { LeafKind, LocaleEntry, LocaleValue } from './parse';

/** One object of a source file: its properties in order, and by name. */
interface PoolObject {
  readonly props: PoolProp[];
  readonly byName: Map<string, PoolProp>;
}

/** One property of a source file (or one a target file may have beside it: see `sibling`). */
export interface PoolProp {
  /**
   * The property name as written, quotes included (`"title"`), for matching in place; recorded by
   * the strict scanner, or written by `JSON.stringify` when first needed (then a name written with
   * escapes is matched by name instead).
   */
  raw: string | undefined;
  /** The flattened key string. */
  readonly key: string;
  readonly name: string;
  /** The object it is a property of. */
  readonly parent: PoolObject;
  child?: PoolObject;
  /** What a consumer attaches to the key (the inventory: what the key is checked against). */
  data?: unknown;
  /** Parse generation that last saw the key (duplicate detection without hashing). */
  gen: number;
}

/**
 * The keys of a namespace's source file, by object. The source file fills it; parsing a target
 * file of the same namespace then takes the very same key strings (and whatever a consumer
 * attached to them), matched in place by raw text where the target lists properties in the
 * source's order, the usual case: no string is sliced, concatenated or hashed for such keys.
 */
export class KeyPool {
  readonly root: PoolObject = { props: [], byName: new Map() };
  readonly byKey = new Map<string, PoolProp>();

  constructor(readonly recording: boolean) {}

  /**
   * A property target files may have beside `of` that the source lacks (the inventory adds the
   * plural forms other locales need, `item_few` beside `item_other`), so that such keys are found
   * and shared like the source's own. Not in the in-order list: `props` stays the source's order.
   */
  sibling(of: PoolProp, name: string, key: string): PoolProp {
    let prop = of.parent.byName.get(name);
    if (!prop) {
      prop = { raw: undefined, key, name, parent: of.parent, child: undefined, data: undefined, gen: 0 };
      of.parent.byName.set(name, prop);
      if (!this.byKey.has(key)) this.byKey.set(key, prop);
    }
    return prop;
  }

  /** A pool that reads this one's keys without adding to it. */
  reader(): KeyPool {
    const r = new KeyPool(false);
    (r as { root: PoolObject }).root = this.root;
    (r as { byKey: Map<string, PoolProp> }).byKey = this.byKey;
    return r;
  }
}

/** Where the scanner puts what it finds; `false` from a method means "give up" (a duplicate). */
interface Sink {
  leaf(key: string, kind: LeafKind, value: LocaleEntry['value'], keyOffset: number, valueOffset: number, valueLength: number, prop: PoolProp | undefined): boolean;
  object(key: string, prop: PoolProp | undefined): boolean;
}

const numberRe = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex
const controlRe = /[\u0000-\u001f]/;

/** Entries by flattened key, in file order; `undefined` when the visitor must decide. */
export function fastParse(text: string, sep: string | false, pool?: KeyPool): Map<string, LocaleEntry> | undefined {
  const entries = new Map<string, LocaleEntry>();
  const objects = new Set<string>();
  const sink: Sink = {
    leaf(key, kind, value, keyOffset, valueOffset, valueLength) {
      if (entries.has(key) || objects.has(key)) return false; // duplicate, or `a.b` both ways
      entries.set(key, { key, kind, value, keyOffset, valueOffset, valueLength });
      return true;
    },
    object(key) {
      if (entries.has(key) || objects.has(key)) return false;
      objects.add(key);
      return true;
    },
  };
  return scan(text, sep, pool, sink) ? entries : undefined;
}

/** A target file's leaves in file order, with the source's pool record of each shared key. */
export interface Leaves {
  readonly keys: string[];
  readonly values: Array<LocaleEntry['value']>;
  readonly props: Array<PoolProp | undefined>;
}

let generation = 0;

/**
 * Leaves without a Map or an entry object per key: the scan's path for target files, which are
 * reported on once and let go. Duplicates are found by marking pool records with this parse's
 * generation; only keys the source lacks go through a Set.
 */
export function fastLeaves(text: string, sep: string | false, pool: KeyPool): Leaves | undefined {
  const gen = ++generation;
  const out: Leaves = { keys: [], values: [], props: [] };
  let unpooled: Set<string> | undefined;
  const claim = (key: string, prop: PoolProp | undefined): boolean => {
    if (prop) {
      if (prop.gen === gen || unpooled?.has(key)) return false;
      prop.gen = gen;
      return true;
    }
    const twin = pool.byKey.get(key); // `a.b` written dotted here but nested in the source
    if (twin?.gen === gen || unpooled?.has(key)) return false;
    if (twin) twin.gen = gen;
    (unpooled ??= new Set()).add(key);
    return true;
  };
  const sink: Sink = {
    leaf(key, _kind, value, _keyOffset, _valueOffset, _valueLength, prop) {
      if (!claim(key, prop)) return false;
      out.keys.push(key);
      out.values.push(value);
      out.props.push(prop);
      return true;
    },
    object: claim,
  };
  return scan(text, sep, pool, sink) ? out : undefined;
}

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
  const state: WalkState = { sep, sink, properties: 0, colonsInStrings: 0 };
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
  return typeof root === 'object' && root !== null && !Array.isArray(root) ? (root as Record<string, unknown>) : undefined;
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
  const state: RecordState = { sep, pool, entries: new Map(), properties: 0, colonsInStrings: 0 };
  if (!recordObject(root, pool.root, undefined, state)) return undefined;
  return colonsIn(text) - state.colonsInStrings === state.properties ? state.entries : undefined;
}

/** What both walks count to find a duplicate `JSON.parse` dropped. */
interface NameCounts {
  readonly sep: string | false;
  properties: number;
  colonsInStrings: number;
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
  readonly pool: KeyPool;
  readonly entries: Map<string, LocaleValue>;
}

function recordObject(o: Record<string, unknown>, obj: PoolObject, parentKey: string | undefined, state: RecordState): boolean {
  const sep = state.sep;
  for (const name in o) {
    if (!takeName(name, state)) return false;
    const key = parentKey === undefined ? name : parentKey + (sep as string) + name;
    // All fields from the start: one shape for every record (fast property access).
    const prop: PoolProp = { raw: undefined, key, name, parent: obj, child: undefined, data: undefined, gen: 0 };
    obj.props.push(prop);
    obj.byName.set(name, prop);
    state.pool.byKey.set(key, prop);
    const v = o[name];
    if (typeof v === 'object' && v !== null) {
      if (sep === false || Array.isArray(v)) return false;
      prop.child = { props: [], byName: new Map() };
      if (!recordObject(v as Record<string, unknown>, prop.child, key, state)) return false;
      continue;
    }
    if (typeof v === 'string') state.colonsInStrings += colonsIn(v);
    state.entries.set(key, { key, kind: v === null ? 'null' : (typeof v as 'string' | 'number' | 'boolean'), value: v as LocaleValue['value'] });
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
function walkObject(o: Record<string, unknown>, poolObj: PoolObject | undefined, parentKey: string | undefined, state: WalkState): boolean {
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
      if (sep === false || Array.isArray(v) || !walkObject(v as Record<string, unknown>, prop?.child, key, state)) return false;
      continue;
    }
    if (typeof v === 'string') state.colonsInStrings += colonsIn(v);
    state.sink.take(key, v as LocaleEntry['value'], prop);
  }
  return true;
}

function scan(text: string, sep: string | false, pool: KeyPool | undefined, sink: Sink): boolean {
  const n = text.length;
  const prefixes: string[] = [];
  const recording = pool?.recording ?? false;
  // The pool object matching the current object, and where we are in its property list.
  const objs: Array<PoolObject | undefined> = [];
  const cursors: number[] = [];
  let obj = pool?.root;
  let cursor = 0;
  let i = 0;
  // Position of the next backslash at or after the current string: looked up again only once
  // passed, so files without escapes are not rescanned to the end for every string.
  let slashAt = -2;

  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  /** Reads the string starting at the quote at `i`; undefined when not valid JSON. */
  const str = (): string | undefined => {
    const start = i + 1;
    let end = text.indexOf('"', start);
    if (end === -1) return undefined;
    if (slashAt !== -1 && slashAt < start) slashAt = text.indexOf('\\', start);
    if (slashAt === -1 || slashAt > end) {
      const value = text.slice(start, end);
      if (controlRe.test(value)) return undefined;
      i = end + 1;
      return value;
    }
    // Escapes: find the closing quote (one not preceded by an odd run of backslashes).
    for (;;) {
      let k = end - 1;
      while (text.charCodeAt(k) === 0x5c) k--;
      if ((end - 1 - k) % 2 === 0) break;
      end = text.indexOf('"', end + 1);
      if (end === -1) return undefined;
    }
    try {
      const value = JSON.parse(text.slice(start - 1, end + 1)) as string;
      i = end + 1;
      return value;
    } catch {
      return undefined;
    }
  };

  ws();
  if (text.charCodeAt(i) !== 0x7b) return false; // {
  i++;
  let prefix = '';
  let afterValue = false; // false: expecting a property (or `}` of an empty object)
  let sawComma = false;
  for (;;) {
    ws();
    const c = text.charCodeAt(i);
    if (afterValue) {
      if (c === 0x2c) {
        i++;
        afterValue = false;
        sawComma = true;
        continue;
      }
      if (c !== 0x7d) return false;
    } else if (c === 0x7d && sawComma) {
      return false; // trailing comma
    }
    if (c === 0x7d) {
      // `}` closes the current object
      i++;
      if (prefixes.length === 0) {
        ws();
        return i === n;
      }
      prefix = prefixes.pop()!;
      obj = objs.pop();
      cursor = cursors.pop()!;
      afterValue = true;
      sawComma = false;
      continue;
    }
    if (c !== 0x22) return false;
    const keyOffset = i;
    let prop: PoolProp | undefined;
    let key: string;
    const expected = obj?.props[cursor];
    if (!recording && expected && text.startsWith((expected.raw ??= JSON.stringify(expected.name)), i)) {
      // The property the source has next, written the same way: no slicing, no hashing.
      prop = expected;
      key = expected.key;
      i += expected.raw.length;
      cursor++;
    } else {
      const name = str();
      if (name === undefined) return false;
      if (recording) {
        key = prefix + name;
        // All fields from the start: one shape for every record (fast property access).
        prop = { raw: text.slice(keyOffset, i), key, name, parent: obj!, child: undefined, data: undefined, gen: 0 };
        obj!.props.push(prop);
        obj!.byName.set(name, prop);
        pool!.byKey.set(key, prop);
      } else {
        prop = obj?.byName.get(name);
        key = prop?.key ?? prefix + name;
        if (prop) {
          const at = obj!.props.indexOf(prop); // -1 for a sibling: the in-order cursor stays
          if (at !== -1) cursor = at + 1;
        }
      }
    }
    ws();
    if (text.charCodeAt(i) !== 0x3a) return false; // :
    i++;
    ws();
    const v = text.charCodeAt(i);
    const valueOffset = i;
    let kind: LeafKind;
    let value: LocaleEntry['value'];
    if (v === 0x22) {
      value = str();
      if (value === undefined) return false;
      kind = 'string';
    } else if (v === 0x7b) {
      if (sep === false) return false; // objects in flat files: let the visitor report them
      if (!sink.object(key, prop)) return false;
      i++;
      prefixes.push(prefix);
      objs.push(obj);
      cursors.push(cursor);
      prefix = key + sep;
      if (recording) prop!.child ??= { props: [], byName: new Map() };
      obj = prop?.child;
      cursor = 0;
      afterValue = false;
      sawComma = false;
      continue;
    } else if (v === 0x74 && text.startsWith('true', i)) {
      i += 4;
      kind = 'boolean';
      value = true;
    } else if (v === 0x66 && text.startsWith('false', i)) {
      i += 5;
      kind = 'boolean';
      value = false;
    } else if (v === 0x6e && text.startsWith('null', i)) {
      i += 4;
      kind = 'null';
      value = null;
    } else {
      numberRe.lastIndex = i;
      const m = numberRe.exec(text);
      if (!m) return false; // arrays and anything invalid
      i += m[0].length;
      kind = 'number';
      value = Number(m[0]);
    }
    if (!sink.leaf(key, kind, value, keyOffset, valueOffset, i - valueOffset, prop)) return false;
    afterValue = true;
    sawComma = false;
  }
}
