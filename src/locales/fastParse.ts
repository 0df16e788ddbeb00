/**
 * A fast, strict scanner for the common case: a well-formed locale file of nested objects with
 * string, number, boolean and null leaves. It gives up (`undefined`) on anything else (an error,
 * an array, a comment, a duplicate key) and the caller then parses with jsonc-parser's visitor,
 * which reports the exact problem. Both produce the same entries (property tests check it).
 * Why: the visitor's per-token callbacks cost ~5× JSON.parse on a 200,000-key repository.
 */
import type { KeyPool, PoolObject, PoolProp } from './keyPool';
import { poolProp } from './keyPool';
import { maxNesting } from './nesting';
import type { LeafKind, LocaleEntry } from './parse';

/** Where the scanner puts what it finds; `false` from a method means "give up" (a duplicate). */
interface Sink {
  leaf(
    key: string,
    kind: LeafKind,
    value: LocaleEntry['value'],
    keyOffset: number,
    valueOffset: number,
    valueLength: number,
    prop: PoolProp | undefined,
  ): boolean;
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
        prop = poolProp(key, name, obj!, text.slice(keyOffset, i));
        obj!.props.push(prop);
        obj!.byName.set(name, prop);
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
      if (prefixes.length + 2 > maxNesting) return false; // too deep: refused by the caller
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
