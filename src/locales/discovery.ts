/**
 * Finds the locale files of a workspace folder from layout patterns such as
 * `locales/{locale}/{namespace}.json`. The walk is guided by the pattern, segment by segment, so
 * only directories the pattern can reach are read; `node_modules`, `.git` and build output are
 * never entered through a wildcard.
 */
import type { Dirent, Stats } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { followLink, OutsideWorkspaceError } from '../util/insideWorkspace';
import { ConfigError } from './errors';
import { looksLikeLocale, toBcp47 } from './localeCodes';

export interface LocaleFile {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the workspace folder, with `/` separators. */
  readonly relPath: string;
  /** BCP 47 code (`pt-BR`). */
  readonly locale: string;
  /** The code as written in the path (`pt_BR`). */
  readonly localeCode: string;
  readonly namespace: string;
  /** `relPath` with the locale replaced by `{locale}`: the same file for another locale. */
  readonly template: string;
}

/** Directory names never entered through a wildcard or placeholder. */
export const alwaysIgnored: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.turbo',
  '.cache',
  '.parcel-cache',
  '.vercel',
  '.locale-loop',
  'target',
  'bower_components',
]);

/** Layouts tried, in order, when `locale-loop.json` has no `files`. */
export const commonLayouts: readonly string[] = [
  'locales/{locale}/{namespace}.json',
  'public/locales/{locale}/{namespace}.json',
  'src/locales/{locale}/{namespace}.json',
  'static/locales/{locale}/{namespace}.json',
  'locales/{locale}.json',
  'src/locales/{locale}.json',
  'src/i18n/{locale}.json',
  'src/i18n/locales/{locale}.json',
  'i18n/{locale}.json',
  'src/assets/i18n/{locale}.json',
  'public/locales/{locale}.json',
];

type Segment =
  | { readonly type: 'literal'; readonly name: string }
  | { readonly type: 'globstar' }
  | { readonly type: 'match'; readonly regex: RegExp };

interface CompiledPattern {
  readonly source: string;
  readonly segments: readonly Segment[];
}

const localeGroup = '(?<locale>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)';
const namespaceGroup = '(?<namespace>[^/]+?)';

export function compilePattern(pattern: string, configFile = ''): CompiledPattern {
  const clean = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  if (path.isAbsolute(clean) || clean.split('/').includes('..')) {
    throw new ConfigError(configFile, 'files', `must stay inside the workspace folder: "${pattern}"`);
  }
  const count = (p: string) => clean.split(p).length - 1;
  if (count('{locale}') !== 1) throw new ConfigError(configFile, 'files', `needs exactly one {locale}: "${pattern}"`);
  if (count('{namespace}') > 1) {
    throw new ConfigError(configFile, 'files', `has more than one {namespace}: "${pattern}"`);
  }
  const segments = clean
    .split('/')
    .filter((s) => s.length > 0)
    .map((seg): Segment => {
      if (seg === '**') return { type: 'globstar' };
      if (!/[*{]/.test(seg)) return { type: 'literal', name: seg };
      const body = seg
        .split(/(\{locale\}|\{namespace\}|\*)/)
        .map((part) => {
          if (part === '{locale}') return localeGroup;
          if (part === '{namespace}') return namespaceGroup;
          if (part === '*') return '[^/]*';
          return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      return { type: 'match', regex: new RegExp(`^${body}$`, 'd') };
    });
  return { source: clean, segments };
}

/** A path that matched the layout but is not used: a link leading outside, or a directory. */
export interface RefusedPath {
  /** Workspace-relative path of the link or directory. */
  readonly file: string;
  /** A sentence naming it (and a link's target). */
  readonly message: string;
}

export interface DiscoverOptions {
  readonly defaultNamespace: string;
  readonly ignore?: readonly string[];
  /**
   * Told of each matching path that is refused: a symbolic link whose real path leaves the
   * workspace folder (see `followLink`), or a directory where a locale file is expected.
   */
  readonly onRefused?: (refused: RefusedPath) => void;
}

/** Every file matching `patterns` below `root`, sorted by path. */
export async function discoverLocaleFiles(
  root: string,
  patterns: readonly string[],
  options: DiscoverOptions,
  configFile = '',
): Promise<LocaleFile[]> {
  const ignored = new Set([...alwaysIgnored, ...(options.ignore ?? [])]);
  const found = new Map<string, LocaleFile>();
  const refused = new Map<string, RefusedPath>();
  const ctx: WalkContext = {
    root,
    ignored,
    defaultNamespace: options.defaultNamespace,
    out: found,
    refuse: (r) => refused.set(r.file, r),
  };
  for (const pattern of patterns) {
    const compiled = compilePattern(pattern, configFile);
    await walk(ctx, root, compiled.segments, 0, []);
  }
  for (const r of [...refused.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) options.onRefused?.(r);
  return [...found.values()].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

/** A path segment already matched: its text and where the locale sits in it, if it does. */
interface Matched {
  readonly text: string;
  readonly locale?: { readonly start: number; readonly end: number; readonly code: string };
  readonly namespace?: string;
}

interface WalkContext {
  readonly root: string;
  readonly ignored: ReadonlySet<string>;
  readonly defaultNamespace: string;
  readonly out: Map<string, LocaleFile>;
  readonly refuse: (r: RefusedPath) => void;
}

/**
 * What a path is, links followed by the workspace rule: 'file', 'dir', or undefined when it does
 * not exist, is something else, or is a link refused (reported through `ctx.refuse`).
 */
async function kindOf(ctx: WalkContext, full: string, rel: string): Promise<'file' | 'dir' | undefined> {
  const lstat = await fs.lstat(full).catch(() => undefined);
  if (!lstat) return undefined;
  let stat: Stats = lstat;
  if (lstat.isSymbolicLink()) {
    try {
      stat = await fs.stat(await followLink(ctx.root, full));
    } catch (e) {
      if (OutsideWorkspaceError.is(e)) ctx.refuse({ file: rel, message: e.message });
      return undefined;
    }
  }
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : undefined;
}

async function walk(
  ctx: WalkContext,
  dir: string,
  segments: readonly Segment[],
  index: number,
  matched: readonly Matched[],
): Promise<void> {
  const seg = segments[index];
  if (!seg) return;
  const last = index === segments.length - 1;
  const relOf = (name: string) => [...matched.map((m) => m.text), name].join('/');
  if (seg.type === 'literal') {
    const full = path.join(dir, seg.name);
    const kind = await kindOf(ctx, full, relOf(seg.name));
    if (last && kind === 'file') add(ctx.root, [...matched, { text: seg.name }], ctx.defaultNamespace, ctx.out);
    else if (!last && kind === 'dir') await walk(ctx, full, segments, index + 1, [...matched, { text: seg.name }]);
    else if (last && kind === 'dir' && matched.some((m) => m.locale)) {
      ctx.refuse({
        file: relOf(seg.name),
        message: `${relOf(seg.name)} is a directory where a locale file is expected: skipped`,
      });
    }
    return;
  }
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (seg.type === 'globstar') {
    // `**` matches zero directories here, or one more level below. It does not enter symbolic
    // links (a link to an ancestor would never end); a literal or placeholder segment does.
    await walk(ctx, dir, segments, index + 1, matched);
    await Promise.all(
      entries
        .filter((e) => e.isDirectory() && !ctx.ignored.has(e.name))
        .map((e) => walk(ctx, path.join(dir, e.name), segments, index, [...matched, { text: e.name }])),
    );
    return;
  }
  const work: Promise<void>[] = [];
  for (const e of entries) {
    if (ctx.ignored.has(e.name) && !last) continue;
    const m = seg.regex.exec(e.name);
    if (!m) continue;
    const code = m.groups?.locale;
    if (code !== undefined && !looksLikeLocale(code)) continue;
    const span = (m as RegExpExecArray & { indices?: { groups?: Record<string, [number, number] | undefined> } })
      .indices?.groups?.locale;
    const entry: Matched = {
      text: e.name,
      locale: code !== undefined && span ? { start: span[0], end: span[1], code } : undefined,
      namespace: m.groups?.namespace,
    };
    work.push(
      (async () => {
        const kind = e.isSymbolicLink()
          ? await kindOf(ctx, path.join(dir, e.name), relOf(e.name))
          : e.isFile()
            ? 'file'
            : e.isDirectory()
              ? 'dir'
              : undefined;
        if (last && kind === 'file') add(ctx.root, [...matched, entry], ctx.defaultNamespace, ctx.out);
        else if (!last && kind === 'dir') {
          await walk(ctx, path.join(dir, e.name), segments, index + 1, [...matched, entry]);
        } else if (last && kind === 'dir' && [...matched, entry].some((x) => x.locale)) {
          ctx.refuse({
            file: relOf(e.name),
            message: `${relOf(e.name)} is a directory where a locale file is expected: skipped`,
          });
        }
      })(),
    );
  }
  await Promise.all(work);
}

function add(root: string, matched: readonly Matched[], defaultNamespace: string, out: Map<string, LocaleFile>): void {
  const withLocale = matched.find((m) => m.locale);
  if (!withLocale?.locale) return;
  let locale: string;
  try {
    locale = toBcp47(withLocale.locale.code);
  } catch {
    return; // `xx-yyyyyyyyy` shaped like a code but not one: not a locale file
  }
  const relPath = matched.map((m) => m.text).join('/');
  const template = matched
    .map((m) => (m.locale ? m.text.slice(0, m.locale.start) + '{locale}' + m.text.slice(m.locale.end) : m.text))
    .join('/');
  const namespace = matched.find((m) => m.namespace !== undefined)?.namespace ?? defaultNamespace;
  out.set(relPath, {
    path: path.join(root, ...relPath.split('/')),
    relPath,
    locale,
    localeCode: withLocale.locale.code,
    namespace,
    template,
  });
}

/**
 * When `locale-loop.json` names no `files`: the common layouts that hold a file of the source
 * locale. Returns the patterns that matched (possibly several, e.g. a monorepo's two apps).
 */
export async function detectLayouts(root: string, sourceLocale: string, options: DiscoverOptions): Promise<string[]> {
  const source = toBcp47(sourceLocale);
  const hits: string[] = [];
  for (const pattern of commonLayouts) {
    const files = await discoverLocaleFiles(root, [pattern], options);
    if (files.some((f) => f.locale === source)) {
      // A namespaced layout also matches as a flat one one level up; keep the first (more specific).
      if (!hits.some((h) => overlaps(h, pattern))) hits.push(pattern);
    }
  }
  return hits;
}

function overlaps(a: string, b: string): boolean {
  const dir = (p: string) => p.slice(0, p.indexOf('{locale}'));
  return dir(a) === dir(b);
}

/** The path of `template`'s file for `localeCode` (for creating a missing target file). */
export function fileForLocale(root: string, template: string, localeCode: string): string {
  const rel = template.replace('{locale}', localeCode);
  return path.join(root, ...rel.split('/'));
}
