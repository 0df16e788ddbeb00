/**
 * `locale-loop.json`: loaded per workspace folder, validated against `locale-loop.schema.json`
 * (the same schema the extension contributes for editing), defaults filled in.
 */
import type { ErrorObject } from 'ajv';
import { findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import validateSchema from './configValidator.generated';
import { ConfigError } from './errors';
import type { LocaleMap } from './localeCodes';
import { toBcp47 } from './localeCodes';
import { lineColumnAt } from './textPosition';

export const configFileName = 'locale-loop.json';
export const defaultPhraseUrl = 'https://cloud.memsource.com/web';
export const defaultModernMtUrl = 'https://api.modernmt.com';

export interface LocaleLoopConfig {
  /** Workspace folder the file sits in; every pattern is relative to it. */
  readonly root: string;
  /** Absolute path of `locale-loop.json` (or '' for a config built in memory). */
  readonly file: string;
  readonly sourceLocale: string;
  /** Undefined means "every locale found on disk except the source". */
  readonly targetLocales?: readonly string[];
  /** Undefined means "discover the layout". */
  readonly files?: readonly string[];
  readonly defaultNamespace: string;
  readonly keySeparator: string | false;
  readonly pluralSeparator: string;
  readonly contextSeparator: string;
  readonly icu: boolean;
  readonly ignore: readonly string[];
  readonly codeUsage: {
    readonly enabled: boolean;
    readonly roots?: readonly string[];
    readonly functions: readonly string[];
  };
  /** i18next `nsSeparator` (`ns:key` in code); false when keys never name a namespace. */
  readonly nsSeparator: string | false;
  /** i18next `fallbackNS`: namespaces a key missing from its own is looked up in. */
  readonly fallbackNS: readonly string[];
  readonly localeMap: LocaleMap;
  readonly phrase: PhraseSettings;
  readonly modernmt: ModernMtSettings;
}

export interface PhraseSettings {
  readonly baseUrl: string;
  readonly projectUid?: string;
  readonly pullStatuses: readonly string[];
  readonly importSettingsUid?: string;
  readonly callbackUrl?: string;
  readonly dueInDays?: number;
  readonly concurrency: number;
  /** The workflow step whose completion makes a translation final (default: the project's last). */
  readonly pullAfterStep?: string;
}

export interface ModernMtSettings {
  readonly baseUrl: string;
  readonly memoryId?: number | string;
  readonly memoryName?: string;
  /** The account's rate limit: bulk translation is throttled to it (ModernMT's default 10,000). */
  readonly charsPerSecond: number;
  readonly feedback: boolean;
  readonly maxSegmentsPerRequest: number;
  readonly maxCharsPerRequest: number;
  readonly concurrency: number;
}

/** The file as written (after schema validation). */
type RawConfig = {
  sourceLocale: string;
  targetLocales?: string[];
  files?: string | string[];
  defaultNamespace?: string;
  keySeparator?: string | false;
  pluralSeparator?: string;
  contextSeparator?: string;
  icu?: boolean;
  ignore?: string[];
  codeUsage?: { enabled?: boolean; roots?: string[]; functions?: string[] };
  nsSeparator?: string | false;
  fallbackNS?: string | string[] | false;
  localeMap?: LocaleMap;
  phrase?: Partial<PhraseSettings>;
  modernmt?: Partial<ModernMtSettings>;
};

/** The schema, compiled at build time (scripts/compile-schema.mjs): no compiler at run time. */
function validate(value: unknown): ErrorObject[] {
  return validateSchema(value) ? [] : [...(validateSchema.errors ?? [])];
}

/** Loads and validates `<root>/locale-loop.json`. Throws `ConfigError` naming the field. */
export async function loadConfig(root: string): Promise<LocaleLoopConfig> {
  const file = path.join(root, configFileName);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ConfigError(file, '', `not found: create ${configFileName} in ${root}`);
    }
    throw new ConfigError(file, '', `cannot be read: ${(e as Error).message}`);
  }
  return parseConfig(text, root, file);
}

/** Parses and validates config text (exported for the editor, which validates unsaved buffers). */
export function parseConfig(text: string, root: string, file = path.join(root, configFileName)): LocaleLoopConfig {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const errors: ParseError[] = [];
  const tree = parseTree(body, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const err = errors[0];
    const at = lineColumnAt(body, err?.offset ?? 0);
    throw new ConfigError(
      file,
      '',
      err ? `invalid JSON: ${printParseErrorCode(err.error)}` : 'empty file',
      at.line,
      at.column,
    );
  }
  const raw = JSON.parse(body) as unknown;
  const problems = validate(raw);
  if (problems.length > 0) throw toConfigError(problems, body, tree, file);
  return resolve(raw as RawConfig, root, file, body, tree);
}

function toConfigError(
  problems: ErrorObject[],
  body: string,
  tree: NonNullable<ReturnType<typeof parseTree>>,
  file: string,
): ConfigError {
  // Prefer the most specific problem: oneOf/anyOf wrappers repeat what their branches said.
  const p = problems.find((x) => !['oneOf', 'anyOf', 'if'].includes(x.keyword)) ?? problems[0]!;
  const segments = p.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let field = segments.join('.');
  let reason: string;
  switch (p.keyword) {
    case 'additionalProperties': {
      const extra = (p.params as { additionalProperty: string }).additionalProperty;
      segments.push(extra);
      field = segments.join('.');
      reason = 'is not a known setting';
      break;
    }
    case 'required': {
      const missing = (p.params as { missingProperty: string }).missingProperty;
      field = [...segments, missing].join('.');
      reason = 'is required';
      break;
    }
    case 'type':
      reason = `must be ${(p.params as { type: string }).type}`;
      break;
    case 'enum':
      reason = `must be one of ${(p.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    default:
      reason = p.message ?? 'is invalid';
  }
  const node = findNodeAtLocation(
    tree,
    segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
  );
  // For an unknown key point at the key itself, not its value.
  const anchor = p.keyword === 'additionalProperties' ? (node?.parent?.children?.[0] ?? node) : node;
  const at = anchor ? lineColumnAt(body, anchor.offset) : undefined;
  return new ConfigError(file, field, reason, at?.line, at?.column);
}

function resolve(
  raw: RawConfig,
  root: string,
  file: string,
  body: string,
  tree: NonNullable<ReturnType<typeof parseTree>>,
): LocaleLoopConfig {
  const fail = (segments: (string | number)[], reason: string): never => {
    const node = findNodeAtLocation(tree, segments);
    const at = node ? lineColumnAt(body, node.offset) : undefined;
    throw new ConfigError(file, segments.join('.'), reason, at?.line, at?.column);
  };
  const checkLocale = (code: string, segments: (string | number)[]): void => {
    try {
      toBcp47(code);
    } catch {
      fail(segments, `is not a valid locale code: "${code}"`);
    }
  };
  const checkUrl = (url: string | undefined, segments: string[]): void => {
    if (url === undefined) return;
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      // reported below
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol)) fail(segments, `must be an http(s) URL: "${url}"`);
  };

  checkLocale(raw.sourceLocale, ['sourceLocale']);
  raw.targetLocales?.forEach((l, i) => checkLocale(l, ['targetLocales', i]));
  if (raw.targetLocales?.some((l) => toBcp47(l) === toBcp47(raw.sourceLocale))) {
    fail(['targetLocales'], `must not contain the source locale "${raw.sourceLocale}"`);
  }
  for (const code of Object.keys(raw.localeMap ?? {})) checkLocale(code, ['localeMap', code]);
  checkUrl(raw.phrase?.baseUrl, ['phrase', 'baseUrl']);
  checkUrl(raw.phrase?.callbackUrl, ['phrase', 'callbackUrl']);
  checkUrl(raw.modernmt?.baseUrl, ['modernmt', 'baseUrl']);

  return Object.freeze({
    root,
    file,
    sourceLocale: raw.sourceLocale,
    targetLocales: raw.targetLocales,
    files: raw.files === undefined ? undefined : Array.isArray(raw.files) ? raw.files : [raw.files],
    defaultNamespace: raw.defaultNamespace ?? 'translation',
    keySeparator: raw.keySeparator ?? '.',
    pluralSeparator: raw.pluralSeparator ?? '_',
    contextSeparator: raw.contextSeparator ?? '_',
    icu: raw.icu ?? false,
    ignore: raw.ignore ?? [],
    codeUsage: {
      enabled: raw.codeUsage?.enabled ?? true,
      roots: raw.codeUsage?.roots,
      functions: raw.codeUsage?.functions ?? ['t', 'i18next.t', 'i18n.t'],
    },
    nsSeparator: raw.nsSeparator ?? ':',
    fallbackNS:
      raw.fallbackNS === undefined || raw.fallbackNS === false
        ? []
        : Array.isArray(raw.fallbackNS)
          ? raw.fallbackNS
          : [raw.fallbackNS],
    localeMap: raw.localeMap ?? {},
    phrase: {
      baseUrl: stripSlash(raw.phrase?.baseUrl ?? defaultPhraseUrl),
      projectUid: raw.phrase?.projectUid,
      pullStatuses: raw.phrase?.pullStatuses ?? ['COMPLETED', 'DELIVERED'],
      importSettingsUid: raw.phrase?.importSettingsUid,
      callbackUrl: raw.phrase?.callbackUrl,
      dueInDays: raw.phrase?.dueInDays,
      concurrency: raw.phrase?.concurrency ?? 4,
      pullAfterStep: raw.phrase?.pullAfterStep,
    },
    modernmt: {
      baseUrl: stripSlash(raw.modernmt?.baseUrl ?? defaultModernMtUrl),
      memoryId: raw.modernmt?.memoryId,
      memoryName: raw.modernmt?.memoryName,
      feedback: raw.modernmt?.feedback ?? true,
      maxSegmentsPerRequest: raw.modernmt?.maxSegmentsPerRequest ?? 128,
      maxCharsPerRequest: raw.modernmt?.maxCharsPerRequest ?? 10000,
      charsPerSecond: raw.modernmt?.charsPerSecond ?? 10000,
      concurrency: raw.modernmt?.concurrency ?? 4,
    },
  });
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** A config built in memory (for a folder without `locale-loop.json`, and for tests). */
export function configFromObject(raw: unknown, root: string): LocaleLoopConfig {
  const body = JSON.stringify(raw, null, 2);
  return parseConfig(body, root, '');
}
