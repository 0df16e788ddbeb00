/**
 * The workspace usage index: every call site of every code file, built from the files on disk
 * (no editor document is opened), updated one file at a time. Hover, completion, definition,
 * references, rename and the `check` gate read it.
 *
 *   const index = await UsageIndex.build(root, { resolver, roots, ignore });
 *   index.usagesOf('common', 'item_one')   // sites of `item_one`, of `item` with count, of `item`'s parents
 *   index.setText(file, text)              // an unsaved editor buffer
 *   await index.updateFile(file)           // re-read from disk (removed when the file is gone)
 *   index.removeFile(file)
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { findCodeFiles } from '../locales/codeUsage';
import { mapInSlices } from '../util/pool';
import type { Separators } from './keyForms';
import { referringKeys } from './keyForms';
import { resolveText } from './resolver';
import type { CallSite, ResolverOptions } from './types';

export interface IndexOptions {
  readonly resolver: ResolverOptions;
  readonly separators: Separators;
  /** Directories to index, relative to the root (default: the whole root). */
  readonly roots?: readonly string[];
  /** More directory names to skip (node_modules, .git and build output always are). */
  readonly ignore?: readonly string[];
  readonly signal?: AbortSignal;
  /** The code files, when the caller already listed them (absolute paths). */
  readonly files?: readonly string[];
}

export interface Usage {
  /** Absolute path. */
  readonly file: string;
  readonly site: CallSite;
}

/** Larger files are bundles or generated code. */
export const maxCodeFileBytes = 1024 * 1024;

export class UsageIndex {
  private readonly byFile = new Map<string, readonly CallSite[]>();
  /** Static sites by key (any namespace); dynamic sites apart. */
  private readonly byKey = new Map<string, Usage[]>();
  private readonly dynamic = new Map<string, readonly CallSite[]>();
  private parseFailures = new Set<string>();
  /** Files on disk not indexed, with why (the `check` gate names them). */
  private readonly unread = new Map<string, string>();

  private constructor(
    readonly root: string,
    readonly options: IndexOptions,
  ) {}

  /** Indexes every code file under the roots (yielding to the event loop every 10 ms). */
  static async build(root: string, options: IndexOptions): Promise<UsageIndex> {
    const index = new UsageIndex(root, options);
    const files =
      options.files ?? (await findCodeFiles(root, options.roots ?? [], options.ignore ?? [], options.signal));
    await mapInSlices(files, (f) => index.readAndSet(f), options.signal);
    return index;
  }

  /** An empty index (files are added with `setText` / `updateFile`). */
  static empty(root: string, options: IndexOptions): UsageIndex {
    return new UsageIndex(root, options);
  }

  /** Resolves `text` as the content of `file` (an editor buffer, or the file just read). */
  setText(file: string, text: string): readonly CallSite[] {
    this.removeFile(file);
    const r = resolveText(text, file, this.options.resolver);
    if (r.parseFailed) this.parseFailures.add(file);
    this.byFile.set(file, r.sites);
    const dyn: CallSite[] = [];
    for (const site of r.sites) {
      if (site.dynamic) dyn.push(site);
      else push(this.byKey, site.key, { file, site });
    }
    if (dyn.length) this.dynamic.set(file, dyn);
    return r.sites;
  }

  /** Re-reads `file` from disk; a file gone, too large or unreadable leaves the index. */
  async updateFile(file: string): Promise<void> {
    this.readAndSet(file);
  }

  removeFile(file: string): void {
    this.unread.delete(file);
    const old = this.byFile.get(file);
    if (!old) return;
    this.byFile.delete(file);
    this.dynamic.delete(file);
    this.parseFailures.delete(file);
    this.unread.delete(file);
    for (const key of new Set(old.filter((s) => !s.dynamic).map((s) => s.key))) {
      const list = this.byKey.get(key)!.filter((u) => u.file !== file);
      if (list.length) this.byKey.set(key, list);
      else this.byKey.delete(key);
    }
  }

  files(): string[] {
    return [...this.byFile.keys()].sort();
  }

  sitesOf(file: string): readonly CallSite[] {
    return this.byFile.get(file) ?? [];
  }

  /** Every site, files in path order, sites in text order. */
  *all(): Iterable<Usage> {
    for (const file of this.files()) for (const site of this.byFile.get(file)!) yield { file, site };
  }

  /**
   * The static sites that may refer to `namespace:key`: the key itself, its plural or context
   * base, a parent object; in that namespace or of unknown namespace. Options passed through a
   * variable may carry `count` or `context`, so a base counts whatever its call passes.
   * `exact` keeps only sites naming the key itself (what a rename changes).
   */
  usagesOf(namespace: string, key: string, exact = false): Usage[] {
    const keys = exact ? [key] : referringKeys(key, this.options.separators);
    const out: Usage[] = [];
    for (const k of keys) {
      for (const u of this.byKey.get(k) ?? []) {
        const s = u.site;
        if (s.namespaces.length > 0 && !s.namespaces.includes(namespace)) continue;
        out.push(u);
      }
    }
    return out;
  }

  /** Dynamic sites that may reach `namespace:key` (their static head is a prefix of it). */
  dynamicUsagesOf(namespace: string, key: string): Usage[] {
    const out: Usage[] = [];
    for (const [file, sites] of this.dynamic) {
      for (const site of sites) {
        if ((site.namespaces.length === 0 || site.namespaces.includes(namespace)) && key.startsWith(site.key)) {
          out.push({ file, site });
        }
      }
    }
    return out;
  }

  /** Files the parser gave up on (they contribute no sites). */
  failedFiles(): string[] {
    return [...this.parseFailures].sort();
  }

  /** Code files that are not in the index, and why: too large, not UTF-8, unreadable, too deep. */
  unreadFiles(): Array<{ readonly file: string; readonly reason: string }> {
    const out = new Map(this.unread);
    for (const file of this.parseFailures) out.set(file, 'is nested too deeply to parse');
    return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, reason]) => ({ file, reason }));
  }

  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }

  private readAndSet(file: string): void {
    let bytes: Buffer;
    const skip = (reason: string): void => {
      this.removeFile(file);
      this.unread.set(file, reason);
    };
    try {
      if (statSync(file).size > maxCodeFileBytes) {
        return skip(`is larger than ${maxCodeFileBytes / 1024 / 1024} MB (bundled or generated code is not read)`);
      }
      bytes = readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A file deleted since it was listed is simply gone; any other failure is named.
      return code === 'ENOENT' ? this.removeFile(file) : skip(`cannot be read (${code ?? (e as Error).message})`);
    }
    // UTF-16 read as UTF-8 is a string of NULs: no call would be found, and none reported.
    if (bytes.includes(0)) return skip('is not UTF-8 text (UTF-16 or binary)');
    this.setText(file, bytes.toString('utf8'));
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
