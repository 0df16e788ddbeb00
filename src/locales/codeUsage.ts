/**
 * Compares the keys used in source code (`t('…')` calls) with the source locale: keys used but
 * missing from the source locale, and source keys never used. The lexers load on first use.
 */
import type { Dirent } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type * as CodeLexers from './codeLexers';
import type { ExtractResult } from './codeLexers';
import { alwaysIgnored } from './discovery';
import { splitPluralSuffix } from './plurals';
import { mapLimit } from '../util/pool';

export interface CodeUsageReport {
  readonly filesScanned: number;
  readonly keysUsed: number;
  /** Literal keys in code that the source locale lacks. */
  readonly usedButMissing: ReadonlyArray<{ readonly key: string; readonly namespace?: string; readonly file: string; readonly line: number }>;
  /** Source keys no code refers to (a guess when `dynamicCalls` > 0). */
  readonly neverUsed: ReadonlyArray<{ readonly key: string; readonly namespace: string }>;
  readonly dynamicCalls: number;
}

export interface CodeUsageOptions {
  readonly roots: readonly string[];
  readonly functions: readonly string[];
  readonly ignore: readonly string[];
  readonly keySeparator: string | false;
  readonly pluralSeparator: string;
  readonly contextSeparator: string;
  readonly nsSeparator?: string;
  readonly signal?: AbortSignal;
}

const codeFile = /\.(?:[cm]?[jt]sx?|vue)$/i;
const maxCodeFileBytes = 1024 * 1024; // larger files are bundles or generated code

type Extractor = (text: string, fileName: string, functions: readonly string[]) => ExtractResult;
let extractor: Extractor | undefined;
function loadExtractor(): Extractor {
  // A separate bundle in production (see esbuild.mjs): TypeScript's parser is loaded only now.
  extractor ??= (require('./codeLexers') as typeof CodeLexers).extractUsedKeys;
  return extractor;
}

export async function findCodeFiles(root: string, roots: readonly string[], ignore: readonly string[], signal?: AbortSignal): Promise<string[]> {
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

/** `sourceKeys` maps each namespace name to its flattened keys. */
export async function analyzeCodeUsage(root: string, sourceKeys: ReadonlyMap<string, readonly string[]>, options: CodeUsageOptions): Promise<CodeUsageReport> {
  const files = await findCodeFiles(root, options.roots, options.ignore, options.signal);
  const extract = loadExtractor();
  const nsSep = options.nsSeparator ?? ':';
  type Use = { key: string; namespace?: string; file: string; line: number };
  let dynamicCalls = 0;
  // Results are kept per file, in file order, so reports do not depend on I/O timing.
  const perFile = await mapLimit(
    files,
    16,
    async (file): Promise<Use[]> => {
      const stat = await fs.stat(file);
      if (stat.size > maxCodeFileBytes) return [];
      const text = await fs.readFile(file, 'utf8');
      let result: ExtractResult;
      try {
        result = extract(text, file, options.functions);
      } catch {
        return []; // a file TypeScript cannot parse says nothing about key usage
      }
      dynamicCalls += result.dynamicCalls;
      const rel = path.relative(root, file).split(path.sep).join('/');
      return result.keys.map((k) => {
        const at = k.key.indexOf(nsSep);
        const [namespace, key] = at > 0 ? [k.key.slice(0, at), k.key.slice(at + nsSep.length)] : [k.namespace, k.key];
        return { key, namespace, file: rel, line: k.line };
      });
    },
    options.signal,
  );
  const used = perFile.flat();

  const sep = options.keySeparator;
  const sets = new Map([...sourceKeys].map(([ns, keys]) => [ns, new Set(keys)]));
  const existsIn = (keys: Set<string>, key: string) =>
    keys.has(key) ||
    keys.has(`${key}${options.pluralSeparator}other`) ||
    keys.has(`${key}${options.pluralSeparator}ordinal${options.pluralSeparator}other`) ||
    // returnObjects: t('nav') for a subtree, and context variants t('friend', { context })
    [...keys].some((k) => (sep !== false && k.startsWith(key + sep)) || k.startsWith(key + options.contextSeparator));
  const usedButMissing = used.filter((u) => {
    const candidates = u.namespace !== undefined && sets.has(u.namespace) ? [sets.get(u.namespace)!] : [...sets.values()];
    return !candidates.some((keys) => existsIn(keys, u.key));
  });

  // A source key is used when it, its plural base, one of its parent objects or its
  // context-less base is used.
  const usedAnywhere = new Set(used.filter((u) => u.namespace === undefined).map((u) => u.key));
  const usedIn = new Map<string, Set<string>>();
  for (const u of used) if (u.namespace !== undefined) (usedIn.get(u.namespace) ?? usedIn.set(u.namespace, new Set()).get(u.namespace)!).add(u.key);
  const neverUsed: Array<{ key: string; namespace: string }> = [];
  for (const [ns, keys] of sourceKeys) {
    const mine = usedIn.get(ns);
    const isUsed = (k: string) => usedAnywhere.has(k) || !!mine?.has(k);
    for (const key of keys) {
      const base = splitPluralSuffix(key, options.pluralSeparator)?.base ?? key;
      const candidates = [key, base, ...prefixes(base, sep), ...prefixes(base, options.contextSeparator)];
      if (!candidates.some(isUsed)) neverUsed.push({ key, namespace: ns });
    }
  }
  return { filesScanned: files.length, keysUsed: new Set(used.map((u) => `${u.namespace ?? ''}\0${u.key}`)).size, usedButMissing, neverUsed, dynamicCalls };
}

function prefixes(key: string, sep: string | false): string[] {
  if (sep === false) return [];
  const out: string[] = [];
  for (let at = key.indexOf(sep); at !== -1; at = key.indexOf(sep, at + sep.length)) out.push(key.slice(0, at));
  return out;
}
