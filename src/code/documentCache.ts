/**
 * Resolutions of open documents, cached per document version: hover, inline values and
 * completion ask many times per keystroke, the parse runs once per version. The most recent
 * documents keep their syntax tree, so the next version is re-parsed incrementally (TypeScript
 * reuses every node outside the edit) rather than from scratch.
 */
import type ts from 'typescript';
import { parseSource, reparse, scriptOf } from './parse';
import { mayHoldSites } from './prefilter';
import type { Resolution } from './resolver';
import { limitTo, resolveSourceFile } from './resolver';
import type { KeyScope, OffsetRange, ResolverOptions } from './types';

interface Entry {
  readonly version: number;
  /** Every site of this version; computed on the first full request (inline values need less). */
  resolution?: Resolution;
  /** The tree of this version, kept for the `trees` most recent documents only. */
  tree?: ts.SourceFile;
  /** Set when the text holds no site (pre-filter) or does not parse: nothing to walk. */
  readonly empty?: Resolution;
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();
  /** Re-parses from scratch and incrementally (for the figures and the tests). */
  readonly stats = { full: 0, incremental: 0 };

  constructor(
    private readonly options: ResolverOptions,
    /** Documents kept (least recently used go first). */
    private readonly capacity = 32,
    /** Documents whose syntax tree is kept for the next edit (a 2,000-line file's is a few MB). */
    private readonly trees = 4,
  ) {}

  /** The document's call sites; `fileName` picks the syntax (.tsx, .vue…). */
  resolve(uri: string, version: number, text: string | (() => string), fileName = uri): Resolution {
    const entry = this.entryOf(uri, version, text, fileName);
    if (entry.empty) return entry.empty;
    entry.resolution ??= resolveSourceFile(entry.tree!, this.options);
    return entry.resolution;
  }

  /**
   * The sites whose call intersects `range` (offsets): what inline values show for the visible
   * range. Walks only the nodes on the way to the range when the version is not resolved yet.
   */
  resolveRange(
    uri: string,
    version: number,
    text: string | (() => string),
    range: OffsetRange,
    fileName = uri,
  ): Resolution {
    const entry = this.entryOf(uri, version, text, fileName);
    if (entry.empty) return entry.empty;
    return entry.resolution ? limitTo(entry.resolution, range) : resolveSourceFile(entry.tree!, this.options, range);
  }

  /** The entry of this version: cached, or parsed (incrementally from the last version's tree). */
  private entryOf(uri: string, version: number, text: string | (() => string), fileName: string): Entry {
    const hit = this.entries.get(uri);
    if (hit && hit.version === version && (hit.empty || hit.resolution || hit.tree)) {
      this.entries.delete(uri); // re-insert: most recently used last
      this.entries.set(uri, hit);
      return hit;
    }
    // The old tree is handed over: the entry lets go of it, so a fresh parse does not run with
    // two trees of a large file alive.
    const old = hit?.tree;
    if (hit) hit.tree = undefined;
    const entry: Entry = { version, ...this.parse(typeof text === 'function' ? text() : text, fileName, old) };
    this.entries.delete(uri);
    this.entries.set(uri, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    let keep = this.trees;
    for (const [key, e] of [...this.entries].reverse()) {
      if (!e.tree || keep-- > 0) continue;
      // An entry never fully resolved has only its tree: without it, the next request re-parses.
      if (e.resolution) e.tree = undefined;
      else this.entries.delete(key);
    }
    return entry;
  }

  private parse(text: string, fileName: string, old: ts.SourceFile | undefined): Omit<Entry, 'version'> {
    if (!mayHoldSites(text, this.options)) return { empty: { sites: [], scopes: [], parseFailed: false } };
    const { source, kind } = scriptOf(text, fileName);
    let tree = old && reparse(old, source);
    if (tree) this.stats.incremental++;
    else {
      tree = parseSource(source, fileName, kind);
      this.stats.full++;
    }
    if (!tree) return { empty: { sites: [], scopes: [], parseFailed: true } };
    return { tree };
  }

  /** What a key typed at `offset` is looked up in, when `offset` is inside a key literal. */
  scopeAt(
    uri: string,
    version: number,
    text: string | (() => string),
    offset: number,
    fileName = uri,
  ): KeyScope | undefined {
    return scopeIn(this.resolve(uri, version, text, fileName), offset);
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}

export function scopeIn(r: Resolution, offset: number): KeyScope | undefined {
  for (const s of r.scopes) {
    if (offset >= s.replace.start && offset <= s.replace.end) {
      return { ...s, typed: s.typed.slice(0, offset - s.replace.start) };
    }
  }
  return undefined;
}
