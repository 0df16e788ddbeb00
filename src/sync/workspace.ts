/**
 * What push and pull need to know about a workspace folder: its config, source files (read and
 * parsed), target locales with the spelling their paths use, and where each target file lives.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LocaleLoopConfig } from '../locales/config';
import type { LocaleFile } from '../locales/discovery';
import { detectLayouts, discoverLocaleFiles, fileForLocale } from '../locales/discovery';
import { ConfigError, LocaleParseError } from '../locales/errors';
import { LocaleCodes, toBcp47 } from '../locales/localeCodes';
import type { ParsedLocaleFile } from '../locales/parse';
import { parseLocaleBytes } from '../locales/parse';

export interface SourceFile {
  readonly file: LocaleFile;
  readonly bytes: Buffer;
  readonly parsed: ParsedLocaleFile;
}

export interface Workspace {
  readonly config: LocaleLoopConfig;
  readonly root: string;
  readonly sourceLocale: string;
  readonly targetLocales: readonly string[];
  readonly codes: LocaleCodes;
  readonly sourceFiles: readonly SourceFile[];
  /** Source files that could not be parsed (never pushed). */
  readonly errors: readonly LocaleParseError[];
  /** Every discovered locale file. */
  readonly files: readonly LocaleFile[];
}

export async function openWorkspace(config: LocaleLoopConfig): Promise<Workspace> {
  const sourceLocale = toBcp47(config.sourceLocale);
  const options = { defaultNamespace: config.defaultNamespace, ignore: config.ignore };
  const layouts = config.files ?? (await detectLayouts(config.root, sourceLocale, options));
  if (layouts.length === 0) throw new ConfigError(config.file, 'files', `no locale files of the source locale "${config.sourceLocale}" found; set "files"`);
  const files = await discoverLocaleFiles(config.root, layouts, options, config.file);
  const targetLocales = config.targetLocales?.map(toBcp47) ?? [...new Set(files.map((f) => f.locale).filter((l) => l !== sourceLocale))].sort();
  const sourceFiles: SourceFile[] = [];
  const errors: LocaleParseError[] = [];
  for (const file of files.filter((f) => f.locale === sourceLocale)) {
    const bytes = await fs.readFile(file.path);
    try {
      sourceFiles.push({ file, bytes, parsed: parseLocaleBytes(bytes, file.relPath, { keySeparator: config.keySeparator }) });
    } catch (e) {
      if (!LocaleParseError.is(e)) throw e;
      errors.push(e);
    }
  }
  return { config, root: config.root, sourceLocale, targetLocales, codes: new LocaleCodes(config.localeMap), sourceFiles, errors, files };
}

/** How a locale is spelled in this workspace's paths: as found on disk, else as configured. */
export function pathSpelling(ws: Workspace, locale: string): string {
  return ws.files.find((f) => f.locale === locale)?.localeCode ?? ws.config.targetLocales?.find((t) => toBcp47(t) === locale) ?? locale;
}

/**
 * The target file of a namespace for a locale, refused when it would lie outside the workspace
 * (a template or a locale code with `..` or an absolute path).
 */
export function targetPath(ws: Workspace, template: string, locale: string): { path: string; relPath: string } {
  const spelled = pathSpelling(ws, locale);
  const full = path.resolve(fileForLocale(ws.root, template, spelled));
  const rel = path.relative(ws.root, full);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel) || spelled.includes('/') || spelled.includes('\\')) {
    throw new Error(`refusing to write outside the workspace: ${template} for "${locale}" resolves to ${full}`);
  }
  return { path: full, relPath: rel.split(path.sep).join('/') };
}

/** String values of a parsed file (the part that is translated). */
export function stringValues(parsed: ParsedLocaleFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of parsed.entries.values()) if (e.kind === 'string') out.set(e.key, e.value as string);
  return out;
}

/** The string values of a target file now ({} when it does not exist or cannot be read). */
export async function readTargetValues(ws: Workspace, template: string, locale: string): Promise<Record<string, string>> {
  const { path: file, relPath } = targetPath(ws, template, locale);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return {};
  }
  try {
    return Object.fromEntries(stringValues(parseLocaleBytes(bytes, relPath, { keySeparator: ws.config.keySeparator })));
  } catch {
    return {};
  }
}
