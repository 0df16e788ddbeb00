/**
 * A full scan of one workspace folder: discover the locale files, parse them (a malformed file
 * is reported and skipped, the rest goes on), build the inventory and, on request, compare with
 * the keys used in source code. The report is plain data (the CLI prints it as JSON).
 */
import { promises as fs } from 'node:fs';
import type { LocaleLoopConfig } from './config';
import type { CodeUsageReport } from './codeUsage';
import { analyzeCodeUsage } from './codeUsage';
import type { LocaleFile } from './discovery';
import { detectLayouts, discoverLocaleFiles } from './discovery';
import { ConfigError, LocaleParseError } from './errors';
import type { LocaleReport, NamespaceInput } from './inventory';
import { buildInventory } from './inventory';
import { toBcp47 } from './localeCodes';
import type { ParsedLocaleFile } from './parse';
import { parseLocaleBytes } from './parse';
import { mapLimit } from '../util/pool';

export interface ScanOptions {
  /** Also scan JS/TS/JSX/TSX/Vue sources for `t('…')` calls (loads TypeScript's parser). */
  readonly codeUsage?: boolean;
  readonly signal?: AbortSignal;
}

export interface ScanError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The documented `scan --json` shape (version 1). */
export interface ScanReport {
  readonly version: 1;
  readonly root: string;
  readonly sourceLocale: string;
  readonly targetLocales: readonly string[];
  /** The layout patterns used (configured, or detected). */
  readonly layouts: readonly string[];
  readonly files: ReadonlyArray<{ readonly file: string; readonly locale: string; readonly namespace: string; readonly keys: number }>;
  /** Malformed files, skipped. */
  readonly errors: readonly ScanError[];
  readonly locales: readonly LocaleReport[];
  readonly codeUsage?: CodeUsageReport;
}

export interface ScanResult {
  readonly report: ScanReport;
  readonly files: readonly LocaleFile[];
  /** Parsed files by workspace-relative path (malformed ones absent). */
  readonly parsed: ReadonlyMap<string, ParsedLocaleFile>;
}

export async function scanWorkspace(config: LocaleLoopConfig, options: ScanOptions = {}): Promise<ScanResult> {
  const source = toBcp47(config.sourceLocale);
  const discoverOptions = { defaultNamespace: config.defaultNamespace, ignore: config.ignore };
  const layouts = config.files ?? (await detectLayouts(config.root, source, discoverOptions));
  if (layouts.length === 0) {
    throw new ConfigError(config.file, 'files', `no locale files of the source locale "${config.sourceLocale}" in any common layout; set "files" (e.g. "locales/{locale}/{namespace}.json")`);
  }
  const discovered = await discoverLocaleFiles(config.root, layouts, discoverOptions, config.file);
  const targets = config.targetLocales?.map(toBcp47) ?? [...new Set(discovered.map((f) => f.locale).filter((l) => l !== source))].sort();
  const wanted = new Set([source, ...targets]);
  const files = discovered.filter((f) => wanted.has(f.locale));
  if (!files.some((f) => f.locale === source)) {
    throw new ConfigError(config.file, 'sourceLocale', `has no files: none of ${layouts.map((l) => `"${l}"`).join(', ')} matched a "${config.sourceLocale}" file`);
  }

  const errors: ScanError[] = [];
  const parsed = new Map<string, ParsedLocaleFile>();
  await mapLimit(
    files,
    32,
    async (file) => {
      const bytes = await fs.readFile(file.path);
      try {
        parsed.set(file.relPath, parseLocaleBytes(bytes, file.relPath, { keySeparator: config.keySeparator }));
      } catch (e) {
        if (!LocaleParseError.is(e)) throw e;
        errors.push({ file: e.file, line: e.line, column: e.column, message: e.message });
      }
    },
    options.signal,
  );
  errors.sort((a, b) => (a.file < b.file ? -1 : 1));

  const byLocale = new Map<string, NamespaceInput[]>([...wanted].map((l) => [l, []]));
  for (const f of files) {
    byLocale.get(f.locale)!.push({ id: f.template, namespace: f.namespace, file: f.relPath, parsed: parsed.get(f.relPath) });
  }
  const locales = buildInventory(source, byLocale, { pluralSeparator: config.pluralSeparator, icu: config.icu });

  let codeUsage: CodeUsageReport | undefined;
  if (options.codeUsage && config.codeUsage.enabled) {
    const sourceKeys = new Map<string, string[]>();
    for (const n of byLocale.get(source)!) sourceKeys.set(n.namespace, [...(sourceKeys.get(n.namespace) ?? []), ...(n.parsed?.entries.keys() ?? [])]);
    codeUsage = await analyzeCodeUsage(config.root, sourceKeys, {
      roots: config.codeUsage.roots ?? [],
      functions: config.codeUsage.functions,
      ignore: config.ignore,
      keySeparator: config.keySeparator,
      pluralSeparator: config.pluralSeparator,
      contextSeparator: config.contextSeparator,
      signal: options.signal,
    });
  }

  return {
    report: {
      version: 1,
      root: config.root,
      sourceLocale: source,
      targetLocales: targets,
      layouts,
      files: files.map((f) => ({ file: f.relPath, locale: f.locale, namespace: f.namespace, keys: parsed.get(f.relPath)?.entries.size ?? 0 })),
      errors,
      locales,
      codeUsage,
    },
    files,
    parsed,
  };
}
