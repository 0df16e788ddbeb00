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
import { resolveSourceFile } from './resolver';
import type { KeyScope, ResolverOptions } from './types';

interface Entry {
  readonly version: number;
  readonly resolution: Resolution;
  /** The tree of this version, kept for the `trees` most recent documents only. */
  tree?: ts.SourceFile;
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
    const hit = this.entries.get(uri);
    if (hit && hit.version === version) {
      this.entries.delete(uri); // re-insert: most recently used last
      this.entries.set(uri, hit);
      return hit.resolution;
    }
    // The old tree is handed over: the entry lets go of it, so a fresh parse does not run with
    // two trees of a large file alive.
    const old = hit?.tree;
    if (hit) hit.tree = undefined;
    const entry = this.parse(typeof text === 'function' ? text() : text, fileName, old);
    this.entries.delete(uri);
    this.entries.set(uri, { version, ...entry });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    let keep = this.trees;
    for (const e of [...this.entries.values()].reverse()) if (e.tree && keep-- <= 0) e.tree = undefined;
    return entry.resolution;
  }

  private parse(text: string, fileName: string, old: ts.SourceFile | undefined): Omit<Entry, 'version'> {
    if (!mayHoldSites(text, this.options)) return { resolution: { sites: [], scopes: [], parseFailed: false } };
    const { source, kind } = scriptOf(text, fileName);
    let tree = old && reparse(old, source);
    if (tree) this.stats.incremental++;
    else {
      tree = parseSource(source, fileName, kind);
      this.stats.full++;
    }
    if (!tree) return { resolution: { sites: [], scopes: [], parseFailed: true } };
    return { resolution: resolveSourceFile(tree, this.options), tree };
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
