/**
 * The strict parser with positions: one locale file into an ordered map of flattened keys with
 * their text ranges, by jsonc-parser's visitor (no tree is built). Strict JSON: comments, trailing
 * commas, duplicate keys and bytes that are not UTF-8 are errors with line and column. The scan
 * takes it where the native walk declines; editing and revealing always take it. Well-formed files
 * go through a fast scanner first (strictScanner.ts), with the same result.
 */
import { printParseErrorCode, visit } from 'jsonc-parser';
import { isUtf8 } from 'node:buffer';
import { LocaleParseError } from '../errors';
import type { FileStyle } from '../format';
import { detectStyle } from '../format';
import { checkNesting } from '../nesting';
import { LineIndex, lineColumnAt } from '../textPosition';
import { fastParse } from './strictScanner';
import type { LeafKind, LocaleEntry, LocaleValue, LocaleValues, ParsedLocaleFile, ParseOptions } from './types';

const utf8 = new TextDecoder('utf-8');

/** Decodes bytes strictly, returning the text without BOM. Throws `LocaleParseError`. */
export function decodeLocaleBytes(bytes: Uint8Array, file: string): { text: string; bom: boolean } {
  // UTF-16 (or UTF-32) is valid UTF-8 byte by byte when the text is ASCII: say what it is.
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) ||
      (bytes[0] === 0xfe && bytes[1] === 0xff) ||
      (bytes[0] !== 0 && bytes[1] === 0) ||
      (bytes[0] === 0 && bytes[1] !== 0))
  ) {
    throw new LocaleParseError(file, 1, 1, 'the file is UTF-16 encoded (locale files must be UTF-8)');
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) {
    const bad = Math.min(firstInvalidUtf8(body), body.length - 1);
    // Position the error with the valid prefix, decoded.
    const at = lineColumnAt(utf8.decode(body.subarray(0, bad)), bad);
    throw new LocaleParseError(
      file,
      at.line,
      at.column,
      `invalid UTF-8 byte 0x${body[bad]!.toString(16).padStart(2, '0')} (file must be UTF-8)`,
    );
  }
  return { text: utf8.decode(body), bom };
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + n >= b.length && n > 0) return i;
    if (n > 0 && (b[i + 1]! < lo || b[i + 1]! > hi)) return i;
    for (let k = 2; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

/** Parses bytes read from disk. */
export function parseLocaleBytes(bytes: Uint8Array, file: string, options: ParseOptions): ParsedLocaleFile {
  const { text, bom } = decodeLocaleBytes(bytes, file);
  return parseLocaleText(text, file, options, bom);
}

interface Frame {
  readonly prefix: string;
  readonly keys: Set<string>;
}

/**
 * Parses text (without BOM). Throws `LocaleParseError` with the first problem's position. A
 * well-formed file takes the fast scanner; whatever it declines, the visitor parses and words.
 */
export function parseLocaleText(text: string, file: string, options: ParseOptions, bom = false): ParsedLocaleFile {
  const entries =
    fastParse(text, options.keySeparator) ?? (checkNesting(text, file), parseWithVisitor(text, file, options));
  // The line index is needed only to reveal: computed on first use.
  let index: LineIndex | undefined;
  // (Object.assign keeps the style getter lazy; a spread would call it.)
  return Object.assign(valuesOf(text, bom, entries), {
    positionAt: (offset: number) => (index ??= new LineIndex(text)).positionAt(offset),
  });
}

/** Text and leaves, with the style (needed only to edit) detected on first use. */
export function valuesOf<E extends LocaleValue>(
  text: string,
  bom: boolean,
  entries: ReadonlyMap<string, E>,
): LocaleValues & { readonly entries: ReadonlyMap<string, E> } {
  let style: FileStyle | undefined;
  return {
    text,
    get style() {
      return (style ??= detectStyle(text, bom));
    },
    entries,
  };
}

/** jsonc-parser's visitor, strict options, first error thrown. */
export function parseWithVisitor(text: string, file: string, options: ParseOptions): Map<string, LocaleEntry> {
  if (text.trim() === '') throw new LocaleParseError(file, 1, 1, 'the file is empty (a locale file holds at least {})');
  const sep = options.keySeparator;
  const entries = new Map<string, LocaleEntry>();
  const frames: Frame[] = [];
  let error: LocaleParseError | undefined;
  let rootSeen = false;
  // Depth inside a value we do not walk (an array, or an object in a flat file).
  let opaqueDepth = 0;
  let opaqueStart = 0;
  let pending: { key: string; offset: number; line: number; character: number } | undefined;
  // Objects already opened, by flattened prefix: `a.b` as a key and as a path is a collision.
  const objects = new Set<string>();

  const fail = (line: number, character: number, reason: string): void => {
    error ??= new LocaleParseError(file, line + 1, character + 1, reason);
  };
  const leaf = (kind: LeafKind, value: LocaleEntry['value'], valueOffset: number, valueLength: number): void => {
    if (!pending) return;
    const frame = frames[frames.length - 1]!;
    const key = frame.prefix + pending.key;
    if (entries.has(key) || objects.has(key)) {
      fail(pending.line, pending.character, `key "${key}" is defined twice (as a dotted key and as a nested path)`);
    }
    entries.set(key, { key, kind, value, keyOffset: pending.offset, valueOffset, valueLength });
    pending = undefined;
  };
  const beginContainer = (isArray: boolean, offset: number, line: number, character: number): void => {
    if (opaqueDepth > 0) {
      opaqueDepth++;
      return;
    }
    if (!rootSeen) {
      rootSeen = true;
      if (isArray) fail(line, character, 'the top level must be an object of keys, not an array');
      frames.push({ prefix: '', keys: new Set() });
      if (isArray) opaqueDepth = 1;
      return;
    }
    if (isArray || sep === false) {
      opaqueDepth = 1;
      opaqueStart = offset;
      return;
    }
    const parent = frames[frames.length - 1]!;
    const path = parent.prefix + (pending?.key ?? '');
    if (pending && (entries.has(path) || objects.has(path))) {
      fail(pending.line, pending.character, `key "${path}" is defined twice (as a dotted key and as a nested path)`);
    }
    objects.add(path);
    frames.push({ prefix: path + sep, keys: new Set() });
    pending = undefined;
  };
  const endContainer = (isArray: boolean, offset: number, length: number): void => {
    if (opaqueDepth > 0) {
      opaqueDepth--;
      if (opaqueDepth === 0 && frames.length > 0) {
        leaf(isArray ? 'array' : 'object', undefined, opaqueStart, offset + length - opaqueStart);
      }
      return;
    }
    frames.pop();
  };

  visit(
    text,
    {
      onObjectBegin: (offset, _length, line, character) => beginContainer(false, offset, line, character),
      onObjectEnd: (offset, length) => endContainer(false, offset, length),
      onArrayBegin: (offset, _length, line, character) => beginContainer(true, offset, line, character),
      onArrayEnd: (offset, length) => endContainer(true, offset, length),
      onObjectProperty: (property, offset, _length, line, character) => {
        if (opaqueDepth > 0) return;
        const frame = frames[frames.length - 1]!;
        if (frame.keys.has(property)) fail(line, character, `duplicate key "${property}"`);
        frame.keys.add(property);
        pending = { key: property, offset, line, character };
      },
      onLiteralValue: (value: unknown, offset, length, line, character) => {
        if (opaqueDepth > 0) return;
        if (!rootSeen) {
          rootSeen = true;
          fail(line, character, 'the top level must be an object of keys');
          return;
        }
        const kind: LeafKind = value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean');
        leaf(kind, value as LocaleEntry['value'], offset, length);
      },
      onComment: (_offset, _length, line, character) => fail(line, character, 'comments are not allowed in JSON'),
      onError: (code, offset, _length, line, character) =>
        fail(line, character, describe(printParseErrorCode(code), text, offset)),
    },
    { disallowComments: false, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (error) throw error;
  return entries;
}

/** The parser's error in words, naming the character found where it stopped (a person fixes that). */
function describe(code: string, text: string, offset: number): string {
  const at = text.slice(offset).match(/^(?:\s*)(.)/su)?.[1];
  const found = at === undefined ? 'the end of the file' : `\`${at}\``;
  switch (code) {
    case 'PropertyNameExpected':
      return at === '}'
        ? 'unexpected `}` — a trailing comma?'
        : at === ','
          ? 'unexpected `,` — two commas in a row?'
          : /\w/.test(at ?? '')
            ? `unexpected ${found} — keys need double quotes`
            : `property name expected, found ${found} (a trailing comma?)`;
    case 'ValueExpected':
      return at === '}' || at === ']'
        ? `unexpected ${found} — a trailing comma or a missing value?`
        : `value expected, found ${found} (a trailing comma or a missing value?)`;
    case 'CommaExpected':
      return `comma expected before ${found} — a missing comma at the end of the line above?`;
    case 'ColonExpected':
      return `colon expected before ${found} — write "key": "value"`;
    case 'InvalidSymbol':
      if (at === "'") return "unexpected `'` — strings and keys need double quotes";
      if (at === ';') return 'unexpected `;` — entries are separated by commas';
      if (/\w/.test(at ?? '')) return `unexpected ${found} — keys and strings need double quotes`;
      return `unexpected ${found} — not valid JSON here`;
    case 'CloseBraceExpected':
      return 'closing brace expected (the file may be truncated)';
    case 'CloseBracketExpected':
      return 'closing bracket expected (the file may be truncated)';
    case 'EndOfFileExpected':
      return `unexpected ${found} after the top-level object — an extra closing brace?`;
    case 'UnexpectedEndOfString':
      return 'unterminated string (the file may be truncated)';
    default:
      return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  }
}
