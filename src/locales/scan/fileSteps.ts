/**
 * One locale file through the scan's two steps: the native walk (`JSON.parse` + walk), then, where
 * it declines, the strict parser with positions, which also gives a malformed file's error. The
 * full scan and the incremental update both take these functions, so they cannot differ.
 */
import { readFileSync } from 'node:fs';
import type { LocaleFile } from '../discovery';
import { LocaleParseError } from '../errors';
import type { InventoryBuilder } from './inventory';
import { KeyPool } from './keyPool';
import { recordParsed, walkParsed } from './nativeWalk';
import { parseLocaleBytes, valuesOf } from './parse';
import type { LocaleValues, NamespaceReport, ScanError } from './types';

/** Which step read a file: counted per scan (`ScanResult.stats`), so tests can see every path taken. */
export interface ScanStats {
  /** Source files read by the native walk, and by the strict parser (it declined). */
  sourceNative: number;
  sourceStrict: number;
  /** Target files checked straight from the native walk, and through the strict parser. */
  targetNative: number;
  targetStrict: number;
  /** Files the strict parser refused (reported as errors). */
  malformed: number;
}

export function emptyStats(): ScanStats {
  return { sourceNative: 0, sourceStrict: 0, targetNative: 0, targetStrict: 0, malformed: 0 };
}

/**
 * A locale file as text by Node's native decoder (no Buffer: a third less garbage), BOM removed.
 * The decoder turns a byte that is not UTF-8 into U+FFFD, so such a file gives undefined: the
 * strict parser then reads its bytes and reports the byte, or accepts a real U+FFFD.
 */
function readLocaleText(path: string): { text: string; bom: boolean } | undefined {
  const text = readFileSync(path, 'utf8');
  if (text.includes('\uFFFD')) return undefined;
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom };
}

/** The strict step: the file's entries, or its error (a `LocaleParseError`; anything else throws). */
function parseStrictly(file: LocaleFile, sep: string | false): LocaleValues | ScanError {
  try {
    return parseLocaleBytes(readFileSync(file.path), file.relPath, { keySeparator: sep });
  } catch (e) {
    if (!LocaleParseError.is(e)) throw e;
    return { file: e.file, line: e.line, column: e.column, message: e.message };
  }
}

function isError(r: LocaleValues | ScanError): r is ScanError {
  return 'message' in r;
}

export interface SourceRead {
  /** Undefined for a malformed file (`error` says why). */
  readonly values?: LocaleValues;
  readonly error?: ScanError;
  /** The file's keys for its target files; empty when the native walk declined. */
  readonly pool: KeyPool;
}

/** A source file: recorded into a fresh pool, kept only if the native walk succeeds. */
export function readSource(file: LocaleFile, sep: string | false, stats: ScanStats): SourceRead {
  const read = readLocaleText(file.path);
  if (read) {
    const pool = new KeyPool();
    const entries = recordParsed(read.text, sep, pool);
    if (entries) {
      stats.sourceNative++;
      return { values: valuesOf(read.text, read.bom, entries), pool };
    }
  }
  stats.sourceStrict++;
  const r = parseStrictly(file, sep);
  if (isError(r)) stats.malformed++;
  return isError(r) ? { error: r, pool: new KeyPool() } : { values: r, pool: new KeyPool() };
}

export interface TargetRead {
  readonly report: NamespaceReport;
  readonly keyCount: number;
  readonly error?: ScanError;
}

/** A target file's report against its source namespace. */
export function checkTarget(
  file: LocaleFile,
  sep: string | false,
  builder: InventoryBuilder,
  pool: KeyPool | undefined,
  stats: ScanStats,
): TargetRead {
  const check = pool && builder.check(file.locale, file.template);
  const text = check && readLocaleText(file.path)?.text;
  if (check && text !== undefined && walkParsed(text, sep, pool!, check)) {
    stats.targetNative++;
    const report = check.report(file.relPath);
    return { report, keyCount: report.keyCount };
  }
  // Declined (or no source namespace): the leaves the walk gave are void; a new check reads the entries.
  stats.targetStrict++;
  const r = parseStrictly(file, sep);
  const input = { id: file.template, namespace: file.namespace, file: file.relPath };
  if (isError(r)) {
    stats.malformed++;
    return { report: builder.namespaceReport(file.locale, file.template, input), keyCount: 0, error: r };
  }
  const report = builder.namespaceReport(file.locale, file.template, { ...input, parsed: r });
  return { report, keyCount: r.entries.size };
}
