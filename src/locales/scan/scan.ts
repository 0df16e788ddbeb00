/**
 * A full scan of one workspace folder: discover the locale files, parse them (a malformed file
 * is reported and skipped, the rest goes on), build the inventory. The report is plain data (the
 * CLI prints it as JSON); `codeUsage` is filled in by the code engine (src/code) when asked.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mapInSlices } from '../../util/pool';
import type { CodeUsageReport } from '../codeUsage';
import type { LocaleLoopConfig } from '../config';
import type { LocaleFile } from '../discovery';
import { detectLayouts, discoverLocaleFiles } from '../discovery';
import { ConfigError } from '../errors';
import { toBcp47 } from '../localeCodes';
import type { ScanStats } from './fileSteps';
import { checkTarget, emptyStats, readSource } from './fileSteps';
import { InventoryBuilder, summarize } from './inventory';
import type { KeyPool } from './keyPool';
import { parseLocaleBytes } from './parse';
import type { LocaleReport, LocaleValues, NamespaceInput, ParsedLocaleFile, ScanError } from './types';

export interface ScanOptions {
  readonly signal?: AbortSignal;
}

/** The documented `scan --json` shape (version 1). */
export interface ScanReport {
  readonly version: 1;
  readonly root: string;
  readonly sourceLocale: string;
  readonly targetLocales: readonly string[];
  /** The layout patterns used (configured, or detected). */
  readonly layouts: readonly string[];
  readonly files: ReadonlyArray<{
    readonly file: string;
    readonly locale: string;
    readonly namespace: string;
    readonly keys: number;
  }>;
  /** Malformed files, and paths refused (a link leading outside the folder, a directory): skipped. */
  readonly errors: readonly ScanError[];
  readonly locales: readonly LocaleReport[];
  readonly codeUsage?: CodeUsageReport;
}

export interface ScanResult {
  readonly report: ScanReport;
  readonly files: readonly LocaleFile[];
  /**
   * The source locale's parsed files by workspace-relative path (malformed ones absent). Target
   * files are reported on and let go during the scan; `parseLocaleFile` reads any file again.
   */
  readonly parsed: ReadonlyMap<string, LocaleValues>;
  /** Which step read each file (the native walk or the strict parser): for tests and the bench. */
  readonly stats: ScanStats;
  /** What an incremental update needs (see `updateScan`). */
  readonly incremental?: {
    readonly builder: InventoryBuilder;
    readonly pools: ReadonlyMap<string, KeyPool>;
    readonly config: LocaleLoopConfig;
  };
}

/** Reads and parses one locale file (throws `LocaleParseError`). */
export async function parseLocaleFile(file: LocaleFile, keySeparator: string | false): Promise<ParsedLocaleFile> {
  return parseLocaleBytes(await fs.readFile(file.path), file.relPath, { keySeparator });
}

export async function scanWorkspace(config: LocaleLoopConfig, options: ScanOptions = {}): Promise<ScanResult> {
  const source = toBcp47(config.sourceLocale);
  const discoverOptions = { defaultNamespace: config.defaultNamespace, ignore: config.ignore };
  const layouts = config.files ?? (await detectLayouts(config.root, source, discoverOptions));
  if (layouts.length === 0) {
    throw new ConfigError(
      config.file,
      'files',
      `no locale files of the source locale "${config.sourceLocale}" in any common layout; set "files" (e.g. "locales/{locale}/{namespace}.json")`,
    );
  }
  // Links leading outside the folder, and directories named like locale files, are reported
  // as errors of their path (never read, never written).
  const refused: ScanError[] = [];
  const discovered = await discoverLocaleFiles(
    config.root,
    layouts,
    { ...discoverOptions, onRefused: (r) => refused.push({ file: r.file, line: 1, column: 1, message: r.message }) },
    config.file,
  );
  const targets =
    config.targetLocales?.map(toBcp47) ??
    [...new Set(discovered.map((f) => f.locale).filter((l) => l !== source))].sort();
  const wanted = new Set([source, ...targets]);
  const files = discovered.filter((f) => wanted.has(f.locale));
  if (!files.some((f) => f.locale === source)) {
    const why = refused.length ? ` (${refused.map((r) => r.message).join('; ')})` : '';
    throw new ConfigError(
      config.file,
      'sourceLocale',
      `has no files: none of ${layouts.map((l) => `"${l}"`).join(', ')} matched a "${config.sourceLocale}" file${why}`,
    );
  }

  const errors: ScanError[] = [...refused];
  const keyCounts = new Map<string, number>();
  const stats = emptyStats();
  const sep = config.keySeparator;

  // 1. Source files, kept: every target file is compared with them. Each records its keys in a
  //    pool that its target files share (see KeyPool).
  const parsed = new Map<string, LocaleValues>();
  const pools = new Map<string, KeyPool>();
  const sourceFiles = files.filter((f) => f.locale === source);
  await mapInSlices(
    sourceFiles,
    (file) => {
      const read = readSource(file, sep, stats);
      pools.set(file.template, read.pool);
      if (read.error) errors.push(read.error);
      if (!read.values) return;
      keyCounts.set(file.relPath, read.values.entries.size);
      parsed.set(file.relPath, read.values);
    },
    options.signal,
  );
  const input = (f: LocaleFile, p: LocaleValues | undefined): NamespaceInput => ({
    id: f.template,
    namespace: f.namespace,
    file: f.relPath,
    parsed: p,
  });
  const builder = new InventoryBuilder(
    source,
    sourceFiles.map((f) => input(f, parsed.get(f.relPath))),
    { pluralSeparator: config.pluralSeparator, icu: config.icu },
    pools,
    targets,
  );

  // 2. Target files: reported on and let go one by one (see parseLocaleFile). One file at a time
  //    keeps the young generation small (GC is a large cost here).
  const targetFiles = files.filter((f) => f.locale !== source);
  const reports = await mapInSlices(
    targetFiles,
    (file) => {
      const r = checkTarget(file, sep, builder, pools.get(file.template), stats);
      keyCounts.set(file.relPath, r.keyCount);
      if (r.error) errors.push(r.error);
      return r.report;
    },
    options.signal,
  );
  const locales = [
    builder.sourceReport(),
    ...targets.map((t) =>
      builder.localeReport(
        t,
        reports.filter((_, i) => targetFiles[i]!.locale === t),
      ),
    ),
  ];
  errors.sort((a, b) => (a.file < b.file ? -1 : 1));

  return {
    report: {
      version: 1,
      root: config.root,
      sourceLocale: source,
      targetLocales: targets,
      layouts,
      files: files.map((f) => ({
        file: f.relPath,
        locale: f.locale,
        namespace: f.namespace,
        keys: keyCounts.get(f.relPath) ?? 0,
      })),
      errors,
      locales,
    },
    files,
    parsed,
    stats,
    incremental: { builder, pools, config },
  };
}

/**
 * The scan after some files changed: a changed target file is parsed and reported on again, alone;
 * a change to a source file, or a file added or removed, needs the full scan (every target file
 * is compared with the source).
 */
export async function updateScan(
  previous: ScanResult,
  changed: readonly string[],
  options: ScanOptions = {},
): Promise<ScanResult> {
  const inc = previous.incremental;
  if (!inc) throw new Error('this scan cannot be updated incrementally');
  const byPath = new Map(previous.files.map((f) => [path.resolve(f.path), f]));
  const files = changed.map((p) => byPath.get(path.resolve(p)));
  const exists = await Promise.all(
    changed.map((p) =>
      fs.stat(p).then(
        () => true,
        () => false,
      ),
    ),
  );
  const source = previous.report.sourceLocale;
  if (files.some((f, i) => !f || f.locale === source || !exists[i])) return scanWorkspace(inc.config, options);

  const report = previous.report;
  const errors = report.errors.filter((e) => !files.some((f) => f!.relPath === e.file));
  const keyCounts = new Map(report.files.map((f) => [f.file, f.keys]));
  const locales = [...report.locales];
  const stats = emptyStats();
  for (const file of files as LocaleFile[]) {
    const r = checkTarget(file, inc.config.keySeparator, inc.builder, inc.pools.get(file.template), stats);
    keyCounts.set(file.relPath, r.keyCount);
    if (r.error) errors.push(r.error);
    const at = locales.findIndex((l) => l.locale === file.locale);
    const old = locales[at]!;
    locales[at] = summarize(
      file.locale,
      false,
      old.namespaces.map((n) => (n.id === r.report.id ? r.report : n)),
    );
  }
  errors.sort((a, b) => (a.file < b.file ? -1 : 1));
  return {
    ...previous,
    stats,
    report: {
      ...report,
      errors,
      locales,
      files: report.files.map((f) => ({ ...f, keys: keyCounts.get(f.file) ?? f.keys })),
    },
  };
}
