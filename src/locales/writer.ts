/**
 * Applies key edits to a locale file on disk: never writes a file that does not parse, never
 * leaves a half-written file, and never clobbers a change made on disk since it was read (the
 * edits are re-applied to the new content instead).
 */
import { constants, promises as fs } from 'node:fs';
import type { KeyEdit, KeyRefusal } from './edit';
import { applyKeyEdits, keyPathProblem } from './edit';
import { LocaleWriteError } from './errors';
import type { FileStyle } from './format';
import { escapeNonAscii } from './format';
import type { ParsedLocaleFile } from './scan';
import { decodeLocaleBytes, parseLocaleText } from './scan';
import { writeFileAtomic } from '../util/atomicWrite';
import { resolveInside } from '../util/insideWorkspace';

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
  /**
   * The workspace folder: the file is then reached by the workspace's symlink rule
   * (`resolveInside`), so a link leading outside is refused and one inside is written through.
   */
  readonly root?: string;
}

export interface WriteResult {
  readonly changed: boolean;
  readonly created: boolean;
  /** The file had changed on disk since the caller read it; edits were applied to the new content. */
  readonly reapplied: boolean;
  readonly text: string;
  /** Keys not written (each reported with `describeRefusal`); the other edits were applied. */
  readonly refused: readonly KeyRefusal[];
}

const maxAttempts = 5;

/** The file's bytes, undefined when it does not exist; other failures as a `LocaleWriteError` naming it. */
async function readIfExists(file: string, name: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') throw new LocaleWriteError(name, 'is a directory, not a locale file: skipped');
    throw new LocaleWriteError(name, `cannot be read (${code ?? (e as Error).message}): skipped`);
  }
}

/**
 * A read-only file is not replaced (a rename would succeed in a writable directory, and even for
 * root): its permission bits are checked, then the process's access.
 */
async function assertWritable(file: string, name: string): Promise<void> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) return;
  const readOnly =
    (stat.mode & 0o222) === 0 ||
    (await fs.access(file, constants.W_OK).then(
      () => false,
      () => true,
    ));
  if (readOnly) throw new LocaleWriteError(name, 'is read-only: not replaced (make it writable to update it)');
}

export async function updateLocaleFile(
  path: string,
  edits: readonly KeyEdit[],
  options: WriteOptions,
): Promise<WriteResult> {
  const name = options.displayName ?? path;
  const file = options.root ? await resolveInside(options.root, path) : path;
  let reapplied = false;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const before = await readIfExists(file, name);
    const refused: KeyRefusal[] = [];
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
      const onRefused = (r: KeyRefusal) => refused.push(r);
      next =
        before === undefined && !edits.some((e) => hasIntegerLikeSegment(e.key, options.keySeparator))
          ? renderNewFile(edits, options, style, onRefused)
          : applyKeyEdits(text, edits, {
              keySeparator: options.keySeparator,
              order: options.order,
              style,
              entries,
              onRefused,
            });
      parseLocaleText(next, name, { keySeparator: options.keySeparator });
    } catch (e) {
      throw new LocaleWriteError(name, `edit would not produce valid locale JSON: ${(e as Error).message}`);
    }
    if ((next === text && before !== undefined) || (before === undefined && refused.length === edits.length)) {
      return { changed: false, created: false, reapplied, text, refused };
    }

    const bytes = Buffer.from((style.bom ? '\ufeff' : '') + next, 'utf8');
    // Last look before replacing: if someone saved the file meanwhile, start over on their content.
    const now = await fs.readFile(file).catch(() => undefined);
    if (!sameBytes(now, before)) {
      reapplied = true;
      continue;
    }
    if (before !== undefined) await assertWritable(file, name);
    await writeFileAtomic(file, bytes);
    return { changed: true, created: before === undefined, reapplied, text: next, refused };
  }
  throw new LocaleWriteError(
    name,
    `the file kept changing on disk while it was being updated (${maxAttempts} attempts); nothing was written`,
  );
}

/** JavaScript objects list integer-like keys first: such files are built key by key instead. */
function hasIntegerLikeSegment(key: string, sep: string | false): boolean {
  return (sep === false ? [key] : key.split(sep)).some((p) => /^(0|[1-9]\d*)$/.test(p));
}

/**
 * A whole new locale file from edits: nested by the key separator, keys in source order. Built
 * from prototype-less objects, so `__proto__` or `constructor` is a key like any other.
 */
function renderNewFile(
  edits: readonly KeyEdit[],
  options: WriteOptions,
  style: FileStyle,
  onRefused: (r: KeyRefusal) => void,
): string {
  const rank = new Map((options.order ?? []).map((k, i) => [k, i]));
  const sorted = edits
    .filter((e) => e.value !== undefined)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (rank.get(a.e.key) ?? rank.size + a.i) - (rank.get(b.e.key) ?? rank.size + b.i));
  type Node = { [name: string]: Node | string };
  const root = Object.create(null) as Node;
  const sep = options.keySeparator;
  keys: for (const { e } of sorted) {
    const problem = keyPathProblem(e.key, sep);
    if (problem) {
      onRefused({ key: e.key, reason: problem });
      continue;
    }
    const path = sep === false ? [e.key] : e.key.split(sep);
    let at = root;
    for (let i = 0; i < path.length - 1; i++) {
      const p = path[i]!;
      const next = Object.prototype.hasOwnProperty.call(at, p) ? at[p] : undefined;
      if (typeof next === 'string') {
        onRefused({
          key: e.key,
          reason: `${JSON.stringify(path.slice(0, i + 1).join(sep as string))} holds a string in this file, not an object`,
        });
        continue keys;
      }
      at = next ?? (at[p] = Object.create(null) as Node);
    }
    const leaf = path[path.length - 1]!;
    if (Object.prototype.hasOwnProperty.call(at, leaf) && typeof at[leaf] !== 'string') {
      onRefused({
        key: e.key,
        reason: `${JSON.stringify(e.key)} holds an object in this file (its contents would be lost)`,
      });
      continue;
    }
    at[leaf] = e.value!;
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
