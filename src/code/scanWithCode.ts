/**
 * A scan plus the keys used in code: the inventory from src/locales, then the usage index and
 * its report from the code engine (loaded only when there is code to read). `scan` and `check`
 * both start here.
 */
import type { LocaleLoopConfig } from '../locales/config';
import { findCodeFiles } from '../locales/codeUsage';
import type { ScanResult } from '../locales/scan';
import { scanWorkspace } from '../locales/scan';
import { toBcp47 } from '../locales/localeCodes';
import { loadCodeEngine } from './load';
import type { UsageIndex } from './usageIndex';

export interface ScanWithCodeOptions {
  /**
   * true: compare with code; false: do not; undefined: compare when `codeUsage.enabled` and the
   * config names code roots or code files are found.
   */
  readonly code?: boolean;
  readonly signal?: AbortSignal;
}

export interface ScanWithCode extends ScanResult {
  /** The usage index, when code was read. */
  readonly index?: UsageIndex;
}

export async function scanWithCode(config: LocaleLoopConfig, options: ScanWithCodeOptions = {}): Promise<ScanWithCode> {
  const result = await scanWorkspace(config, { signal: options.signal });
  const wanted = options.code ?? config.codeUsage.enabled;
  if (!wanted) return result;
  const files = await findCodeFiles(config.root, config.codeUsage.roots ?? [], config.ignore, options.signal);
  if (files.length === 0 && options.code === undefined && !config.codeUsage.roots) return result;
  const { report, index } = await loadCodeEngine().codeUsageOf(config, sourceKeysOf(result), options.signal, files);
  return { ...result, report: { ...result.report, codeUsage: report }, index };
}

/** Namespace → the source locale's flattened keys, in file order. */
export function sourceKeysOf(result: ScanResult): Map<string, string[]> {
  const source = toBcp47(result.report.sourceLocale);
  const out = new Map<string, string[]>();
  for (const f of result.files) {
    if (f.locale !== source) continue;
    const keys = result.parsed.get(f.relPath)?.entries.keys();
    out.set(f.namespace, [...(out.get(f.namespace) ?? []), ...(keys ?? [])]);
  }
  return out;
}
