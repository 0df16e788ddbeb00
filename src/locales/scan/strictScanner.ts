/**
 * The strict parser's fast path: a scanner for the common well-formed locale file (nested objects
 * of string, number, boolean and null leaves) that gives each leaf's positions. It declines
 * (`undefined`) anything else — an error, an array, a comment, a duplicate key — and the visitor
 * (parse.ts) then parses it and words the error. Kept because the visitor's per-token callbacks
 * cost 3-5× as much (docs/scan-engine.md), and editing, revealing and `check` parse with positions.
 */
import { maxNesting } from '../nesting';
import type { LeafKind, LocaleEntry } from './types';

/** Where the scanner puts what it finds; `false` from a method means "give up" (a duplicate). */
interface Sink {
  leaf(
    key: string,
    kind: LeafKind,
    value: LocaleEntry['value'],
    keyOffset: number,
    valueOffset: number,
    valueLength: number,
  ): boolean;
  object(key: string): boolean;
}

const numberRe = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex
const controlRe = /[\u0000-\u001f]/;

/** Entries by flattened key, in file order; `undefined` when the visitor must decide. */
export function fastParse(text: string, sep: string | false): Map<string, LocaleEntry> | undefined {
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
  return scan(text, sep, sink) ? entries : undefined;
}

function scan(text: string, sep: string | false, sink: Sink): boolean {
  const n = text.length;
  const prefixes: string[] = [];
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
      afterValue = true;
      sawComma = false;
      continue;
    }
    if (c !== 0x22) return false;
    const keyOffset = i;
    const name = str();
    if (name === undefined) return false;
    const key = prefix + name;
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
      if (!sink.object(key)) return false;
      i++;
      prefixes.push(prefix);
      prefix = key + sep;
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
    if (!sink.leaf(key, kind, value, keyOffset, valueOffset, i - valueOffset)) return false;
    afterValue = true;
    sawComma = false;
  }
}
