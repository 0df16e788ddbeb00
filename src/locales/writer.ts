/**
 * Applies key edits to a locale file on disk: never writes a file that does not parse, never
 * leaves a half-written file, and never clobbers a change made on disk since it was read (the
 * edits are re-applied to the new content instead).
 */
import { promises as fs } from 'node:fs';
import type { KeyEdit } from './edit';
import { applyKeyEdits } from './edit';
import { LocaleWriteError } from './errors';
import type { FileStyle } from './format';
import { escapeNonAscii } from './format';
import type { ParsedLocaleFile } from './parse';
import { decodeLocaleBytes, parseLocaleText } from './parse';
import { writeFileAtomic } from '../util/atomicWrite';

export interface WriteOptions {
  readonly keySeparator: string | false;
  /** Source key order, for placing new keys. */
  readonly order?: readonly string[];
  /** Style for a file that does not exist yet (usually the source file's). */
  readonly newFileStyle?: FileStyle;
  /** How the caller names the file in messages (workspace-relative). */
  readonly displayName?: string;
  /** Content the caller based its edits on; a difference is reported as `reapplied`. */
  readonly expectedText?: string;
}

export interface WriteResult {
  readonly changed: boolean;
  readonly created: boolean;
  /** The file had changed on disk since the caller read it; edits were applied to the new content. */
  readonly reapplied: boolean;
  readonly text: string;
}

const maxAttempts = 5;

export async function updateLocaleFile(file: string, edits: readonly KeyEdit[], options: WriteOptions): Promise<WriteResult> {
  const name = options.displayName ?? file;
  let reapplied = false;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const before = await fs.readFile(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    let text: string;
    let style: FileStyle;
    let entries: ParsedLocaleFile['entries'] | undefined;
    if (before === undefined) {
      if (!options.newFileStyle) throw new LocaleWriteError(name, 'file does not exist');
      style = options.newFileStyle;
      text = '{}' + (style.finalNewline ? style.eol : '');
    } else {
      // Throws LocaleParseError for a malformed file: such a file is never written.
      const decoded = decodeLocaleBytes(before, name);
      const parsed = parseLocaleText(decoded.text, name, { keySeparator: options.keySeparator }, decoded.bom);
      text = parsed.text;
      style = parsed.style;
      entries = parsed.entries;
    }
    if (options.expectedText !== undefined && before !== undefined && text !== options.expectedText) reapplied = true;

    let next: string;
    try {
      // A new file is rendered in one go, in source order (inserting key by key would re-read it each time).
      next = before === undefined && !edits.some((e) => hasIntegerLikeSegment(e.key, options.keySeparator)) ? renderNewFile(edits, options, style) : applyKeyEdits(text, edits, { keySeparator: options.keySeparator, order: options.order, style, entries });
      parseLocaleText(next, name, { keySeparator: options.keySeparator });
    } catch (e) {
      throw new LocaleWriteError(name, `edit would not produce valid locale JSON: ${(e as Error).message}`);
    }
    if (next === text && before !== undefined) return { changed: false, created: false, reapplied, text };

    const bytes = Buffer.from((style.bom ? '\ufeff' : '') + next, 'utf8');
    // Last look before replacing: if someone saved the file meanwhile, start over on their content.
    const now = await fs.readFile(file).catch(() => undefined);
    if (!sameBytes(now, before)) {
      reapplied = true;
      continue;
    }
    await writeFileAtomic(file, bytes);
    return { changed: true, created: before === undefined, reapplied, text: next };
  }
  throw new LocaleWriteError(name, `the file kept changing on disk while it was being updated (${maxAttempts} attempts); nothing was written`);
}

/** JavaScript objects list integer-like keys first: such files are built key by key instead. */
function hasIntegerLikeSegment(key: string, sep: string | false): boolean {
  return (sep === false ? [key] : key.split(sep)).some((p) => /^(0|[1-9]\d*)$/.test(p));
}

/** A whole new locale file from edits: nested by the key separator, keys in source order. */
function renderNewFile(edits: readonly KeyEdit[], options: WriteOptions, style: FileStyle): string {
  const rank = new Map((options.order ?? []).map((k, i) => [k, i]));
  const sorted = edits.filter((e) => e.value !== undefined).map((e, i) => ({ e, i })).sort((a, b) => (rank.get(a.e.key) ?? rank.size + a.i) - (rank.get(b.e.key) ?? rank.size + b.i));
  const root: Record<string, unknown> = {};
  for (const { e } of sorted) {
    const path = options.keySeparator === false ? [e.key] : e.key.split(options.keySeparator);
    let at = root;
    for (const p of path.slice(0, -1)) {
      const next = at[p];
      if (typeof next === 'string') throw new Error(`"${e.key}" needs "${p}" to be an object, but it is a string`);
      at = (next as Record<string, unknown> | undefined) ?? (at[p] = {});
    }
    at[path[path.length - 1]!] = e.value;
  }
  let text = JSON.stringify(root, null, style.insertSpaces ? style.tabSize : '\t');
  if (style.escapeNonAscii) text = escapeNonAscii(text);
  text = text.replace(/\n/g, style.eol);
  return style.finalNewline ? text + style.eol : text;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Buffer.compare(a, b) === 0;
}
