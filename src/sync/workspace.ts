/**
 * What push and pull need to know about a workspace folder: its config, source files (read and
 * parsed), target locales with the spelling their paths use, and where each target file lives.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LocaleLoopConfig } from '../locales/config';
import type { LocaleFile, RefusedPath } from '../locales/discovery';
import { detectLayouts, discoverLocaleFiles, fileForLocale } from '../locales/discovery';
import { ConfigError, LocaleParseError } from '../locales/errors';
import { LocaleCodes, toBcp47 } from '../locales/localeCodes';
import type { ParsedLocaleFile } from '../locales/scan';
import { parseLocaleBytes } from '../locales/scan';
import { removeOrphanTemps } from '../util/atomicWrite';
import { dict } from '../util/dict';
import type { Logger } from '../util/logger';
import { SyncError } from './errors';
import { stateDir } from './state';
import { resolveInside } from '../util/insideWorkspace';
import { plural } from '../util/plural';

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
  /** Paths that matched the layout but are refused (a link leading outside, a directory). */
  readonly refused: readonly RefusedPath[];
}

export async function openWorkspace(config: LocaleLoopConfig): Promise<Workspace> {
  const sourceLocale = toBcp47(config.sourceLocale);
  const options = { defaultNamespace: config.defaultNamespace, ignore: config.ignore };
  const layouts = config.files ?? (await detectLayouts(config.root, sourceLocale, options));
  if (layouts.length === 0) {
    throw new ConfigError(
      config.file,
      'files',
      `no locale files of the source locale "${config.sourceLocale}" found; set "files"`,
    );
  }
  const refused: RefusedPath[] = [];
  const files = await discoverLocaleFiles(
    config.root,
    layouts,
    { ...options, onRefused: (r) => refused.push(r) },
    config.file,
  );
  const targetLocales =
    config.targetLocales?.map(toBcp47) ??
    [...new Set(files.map((f) => f.locale).filter((l) => l !== sourceLocale))].sort();
  const sourceFiles: SourceFile[] = [];
  const errors: LocaleParseError[] = [];
  for (const file of files.filter((f) => f.locale === sourceLocale)) {
    const bytes = await fs.readFile(file.path);
    try {
      sourceFiles.push({
        file,
        bytes,
        parsed: parseLocaleBytes(bytes, file.relPath, { keySeparator: config.keySeparator }),
      });
    } catch (e) {
      if (!LocaleParseError.is(e)) throw e;
      errors.push(e);
    }
  }
  return {
    config,
    root: config.root,
    sourceLocale,
    targetLocales,
    codes: new LocaleCodes(config.localeMap),
    sourceFiles,
    errors,
    files,
    refused,
  };
}

/** How a locale is spelled in this workspace's paths: as found on disk, else as configured. */
export function pathSpelling(ws: Workspace, locale: string): string {
  return (
    ws.files.find((f) => f.locale === locale)?.localeCode ??
    ws.config.targetLocales?.find((t) => toBcp47(t) === locale) ??
    locale
  );
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
    throw new SyncError(
      'outside-workspace',
      `Refusing to write outside the workspace: ${template} for "${locale}" resolves to ${full}`,
    );
  }
  return { path: full, relPath: rel.split(path.sep).join('/') };
}

/** String values of a parsed file (the part that is translated). */
export function stringValues(parsed: ParsedLocaleFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of parsed.entries.values()) if (e.kind === 'string') out.set(e.key, e.value as string);
  return out;
}

/**
 * The target file to read or write: `targetPath`, then the workspace's symlink rule
 * (`resolveInside`): `path` is the real file (a link inside the folder is written through, never
 * replaced); a link leading outside throws `OutsideWorkspaceError` naming the link and its target.
 */
export async function resolveTarget(
  ws: Workspace,
  template: string,
  locale: string,
): Promise<{ path: string; relPath: string }> {
  const target = targetPath(ws, template, locale);
  return { path: await resolveInside(ws.root, target.path), relPath: target.relPath };
}

/**
 * The string values of a target file now ({} when it does not exist, cannot be read or parsed,
 * or is a link leading outside the workspace folder: nothing outside is ever read).
 */
export async function readTargetValues(
  ws: Workspace,
  template: string,
  locale: string,
): Promise<Record<string, string>> {
  let bytes: Buffer;
  let relPath: string;
  try {
    const target = await resolveTarget(ws, template, locale);
    relPath = target.relPath;
    bytes = await fs.readFile(target.path);
  } catch {
    return dict();
  }
  try {
    return dict(stringValues(parseLocaleBytes(bytes, relPath, { keySeparator: ws.config.keySeparator })));
  } catch {
    return dict();
  }
}

/**
 * Removes the temp files a killed run left beside the locale files and the state (see
 * `removeOrphanTemps`); called by the writing commands once they hold the folder's lock.
 */
export async function removeWorkspaceTemps(ws: Workspace, log: Logger): Promise<void> {
  const dirs = new Set([path.join(ws.root, stateDir), ...ws.files.map((f) => path.dirname(f.path))]);
  for (const s of ws.sourceFiles) {
    for (const locale of ws.targetLocales) {
      try {
        dirs.add(path.dirname(targetPath(ws, s.file.template, locale).path));
      } catch {
        // a target outside the workspace is refused where it is written
      }
    }
  }
  // Only directories the symlink rule lets us into: nothing outside is ever deleted.
  const inside = await Promise.all([...dirs].map((d) => resolveInside(ws.root, d).catch(() => undefined)));
  const removed = await removeOrphanTemps(inside.filter((d): d is string => d !== undefined));
  if (removed.length > 0) {
    log.info(
      `removed ${plural(removed.length, 'temp file')} left by an interrupted run: ${removed.map((f) => path.relative(ws.root, f)).join(', ')}`,
    );
  }
}
