/**
 * A full scan of one workspace folder: discover the locale files, parse them (a malformed file
 * is reported and skipped, the rest goes on), build the inventory. The report is plain data (the
 * CLI prints it as JSON); `codeUsage` is filled in by the code engine (src/code) when asked.
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LocaleLoopConfig } from './config';
import type { CodeUsageReport } from './codeUsage';
import type { LocaleFile } from './discovery';
import { detectLayouts, discoverLocaleFiles } from './discovery';
import { ConfigError, LocaleParseError } from './errors';
import type { LocaleReport, NamespaceInput, NamespaceReport } from './inventory';
import { InventoryBuilder, summarize } from './inventory';
import { toBcp47 } from './localeCodes';
import { fastLeaves } from './fastParse';
import { KeyPool } from './keyPool';
import { walkParsed } from './nativeWalk';
import type { LocaleValues, ParsedLocaleFile } from './parse';
import { parseLocaleBytes, parseLocaleValues } from './parse';
import { mapInSlices } from '../util/pool';

export interface ScanOptions {
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
  /** What an incremental update needs (see `updateScan`). */
  readonly incremental?: {
    readonly builder: InventoryBuilder;
    readonly pools: ReadonlyMap<string, KeyPool>;
    readonly config: LocaleLoopConfig;
  };
}

/**
 * A locale file as text, by Node's native decoder (no Buffer: a third less garbage than decoding
 * bytes), BOM removed. The decoder turns a byte that is not UTF-8 into U+FFFD, so a file holding
 * one gives undefined: the strict parser then reads its bytes and reports the byte, or accepts a
 * real U+FFFD.
 */
function readLocaleText(file: string): { text: string; bom: boolean } | undefined {
  const text = readFileSync(file, 'utf8');
  if (text.includes('\uFFFD')) return undefined;
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom };
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
  const parse = (file: LocaleFile, pool?: KeyPool): ParsedLocaleFile | undefined => {
    try {
      const p = parseLocaleBytes(readFileSync(file.path), file.relPath, { keySeparator: config.keySeparator, pool });
      keyCounts.set(file.relPath, p.entries.size);
      return p;
    } catch (e) {
      if (!LocaleParseError.is(e)) throw e;
      errors.push({ file: e.file, line: e.line, column: e.column, message: e.message });
      return undefined;
    }
  };

  // 1. Source files, kept: every target file is compared with them. Their key strings are
  //    shared with the target files of the same namespace (KeyPool). The native parser reads
  //    them (the scan needs no positions); what it would read differently takes the strict one.
  const parsed = new Map<string, LocaleValues>();
  const pools = new Map<string, KeyPool>();
  const sourceFiles = files.filter((f) => f.locale === source);
  await mapInSlices(
    sourceFiles,
    (file) => {
      let pool = new KeyPool(true);
      const read = readLocaleText(file.path);
      let p: LocaleValues | undefined =
        read && parseLocaleValues(read.text, { keySeparator: config.keySeparator, pool }, read.bom);
      if (p) keyCounts.set(file.relPath, p.entries.size);
      else p = parse(file, (pool = new KeyPool(true)));
      if (p) {
        parsed.set(file.relPath, p);
        pools.set(file.template, pool.reader());
      }
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

  // 2. Target files: walked straight into the checks (no entries; shared keys carry their
  //    source record), reported on, and let go one by one (see parseLocaleFile).
  const targetFiles = files.filter((f) => f.locale !== source);
  const targetReport = (file: LocaleFile): NamespaceReport => {
    const pool = pools.get(file.template);
    const text = pool && readLocaleText(file.path)?.text;
    if (pool && text !== undefined) {
      // The common case: leaves straight from the native parse into the check.
      const check = builder.check(file.locale, file.template)!;
      if (walkParsed(text, config.keySeparator, pool, check)) {
        const report = check.report(file.relPath);
        keyCounts.set(file.relPath, report.keyCount);
        return report;
      }
      const leaves = fastLeaves(text, config.keySeparator, pool);
      if (leaves) {
        keyCounts.set(file.relPath, leaves.keys.length);
        return builder.namespaceReport(file.locale, file.template, { ...input(file, undefined), leaves });
      }
    }
    return builder.namespaceReport(file.locale, file.template, input(file, parse(file, pool)));
  };
  // One file at a time keeps the young generation small (GC is a large cost here).
  const reports = await mapInSlices(targetFiles, targetReport, options.signal);
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
  for (const file of files as LocaleFile[]) {
    let parsed: ParsedLocaleFile | undefined;
    try {
      parsed = parseLocaleBytes(await fs.readFile(file.path), file.relPath, {
        keySeparator: inc.config.keySeparator,
        pool: inc.pools.get(file.template),
      });
      keyCounts.set(file.relPath, parsed.entries.size);
    } catch (e) {
      if (!LocaleParseError.is(e)) throw e;
      errors.push({ file: e.file, line: e.line, column: e.column, message: e.message });
      keyCounts.set(file.relPath, 0);
    }
    const ns = inc.builder.namespaceReport(file.locale, file.template, {
      id: file.template,
      namespace: file.namespace,
      file: file.relPath,
      parsed,
    });
    const at = locales.findIndex((l) => l.locale === file.locale);
    const old = locales[at]!;
    locales[at] = summarize(
      file.locale,
      false,
      old.namespaces.map((n) => (n.id === ns.id ? ns : n)),
    );
  }
  errors.sort((a, b) => (a.file < b.file ? -1 : 1));
  return {
    ...previous,
    report: {
      ...report,
      errors,
      locales,
      files: report.files.map((f) => ({ ...f, keys: keyCounts.get(f.file) ?? f.keys })),
    },
  };
}
