/**
 * The shape of the scan's `codeUsage` report, and where code files are. The resolver that fills
 * the report is the code engine (src/code): it sits above this layer.
 */
import type { Dirent } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { alwaysIgnored } from './discovery';

export interface CodeUsageReport {
  readonly filesScanned: number;
  /** Distinct (namespace, key) pairs named by a literal in code. */
  readonly keysUsed: number;
  /** Literal keys in code that the source locale lacks (1-based line and column of the key). */
  readonly usedButMissing: ReadonlyArray<{
    readonly key: string;
    readonly namespace?: string;
    readonly file: string;
    readonly line: number;
    readonly column?: number;
  }>;
  /** Source keys no code refers to (keys a dynamic call may reach are never listed). */
  readonly neverUsed: ReadonlyArray<{ readonly key: string; readonly namespace: string }>;
  /** Calls whose key is computed (`t(key)`, `` t(`a.${b}`) ``). */
  readonly dynamicCalls: number;
}

const codeFile = /\.(?:[cm]?[jt]sx?|vue)$/i;

/** JS/TS/JSX/TSX/Vue files under `roots` (default: the whole folder), sorted, without declarations and minified files. */
export async function findCodeFiles(
  root: string,
  roots: readonly string[],
  ignore: readonly string[],
  signal?: AbortSignal,
): Promise<string[]> {
  const skip = new Set([...alwaysIgnored, ...ignore]);
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const subdirs: string[] = [];
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!skip.has(e.name) && !e.name.startsWith('.')) subdirs.push(path.join(dir, e.name));
      } else if (e.isFile() && codeFile.test(e.name) && !e.name.endsWith('.d.ts') && !/\.min\.js$/.test(e.name)) {
        out.push(path.join(dir, e.name));
      }
    }
    await Promise.all(subdirs.map(walk));
  };
  await Promise.all((roots.length > 0 ? roots : ['.']).map((r) => walk(path.resolve(root, r))));
  return out.sort();
}
