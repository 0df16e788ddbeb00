/**
 * The code engine: the key resolver and the usage index, with TypeScript's parser. Bundled on its
 * own (dist/codeEngine.js, see esbuild.mjs) and loaded on first use through `loadCodeEngine()`
 * (load.ts), never at activation.
 *
 * API for editor features (all vscode-free, positions 0-based like vscode.Position):
 *  - `resolveText(text, fileName, options)` → `{ sites, scopes }`: every call site of a document
 *    (namespace(s), full key with keyPrefix, key and call ranges, dynamic flag, kind).
 *  - `DocumentCache#resolveRange(uri, version, text, { start, end })`: only the sites whose call
 *    intersects the offsets (inline values of the visible range; the walk skips the rest).
 *  - `DocumentCache#resolve(uri, version, text)` / `#scopeAt(uri, version, text, offset)`: the
 *    same cached per document version; the scope (namespaces, keyPrefix, typed text, replace
 *    range) of a key literal, `i18nKey="…"` or selector `$ => $.` being typed.
 *  - `UsageIndex.build(root, options)`: every site of the workspace from disk;
 *    `usagesOf(ns, key)`, `dynamicUsagesOf(ns, key)`, `setText(file, text)`,
 *    `updateFile(file)`, `removeFile(file)`.
 *  - `codeUsageOf(config, sourceKeys)`: the scan's `codeUsage` report (used by `scan` and `check`).
 */
import type { LocaleLoopConfig } from '../locales/config';
import type { CodeUsageReport } from '../locales/codeUsage';
import { DocumentCache, scopeIn } from './documentCache';
import { extractTarget, proposeKey } from './extract';
import type { Separators } from './keyForms';
import { referringKeys } from './keyForms';
import { resolveText } from './resolver';
import type { ResolverOptions } from './types';
import { UsageIndex } from './usageIndex';
import { usageReport } from './usageReport';

export { DocumentCache, extractTarget, proposeKey, referringKeys, resolveText, scopeIn, UsageIndex, usageReport };
export type { ExtractTarget } from './extract';
export type { Resolution } from './resolver';
export type { IndexOptions, Usage } from './usageIndex';

/** Resolver options from `locale-loop.json`. */
export function resolverOptions(config: LocaleLoopConfig): ResolverOptions {
  return {
    functions: config.codeUsage.functions,
    nsSeparator: config.nsSeparator,
    keySeparator: config.keySeparator,
    defaultNamespace: config.defaultNamespace,
  };
}

export function separators(config: LocaleLoopConfig): Separators {
  return {
    keySeparator: config.keySeparator,
    pluralSeparator: config.pluralSeparator,
    contextSeparator: config.contextSeparator,
  };
}

/** Builds the workspace's usage index as `locale-loop.json` describes it. */
export function buildIndex(
  config: LocaleLoopConfig,
  signal?: AbortSignal,
  files?: readonly string[],
): Promise<UsageIndex> {
  return UsageIndex.build(config.root, {
    resolver: resolverOptions(config),
    separators: separators(config),
    roots: config.codeUsage.roots,
    ignore: config.ignore,
    signal,
    files,
  });
}

/** The scan's `codeUsage`: code keys against `sourceKeys` (namespace → flattened source keys). */
export async function codeUsageOf(
  config: LocaleLoopConfig,
  sourceKeys: ReadonlyMap<string, readonly string[]>,
  signal?: AbortSignal,
  files?: readonly string[],
): Promise<{ report: CodeUsageReport; index: UsageIndex }> {
  const index = await buildIndex(config, signal, files);
  return {
    report: usageReport(index, sourceKeys, { separators: separators(config), fallbackNS: config.fallbackNS }),
    index,
  };
}
