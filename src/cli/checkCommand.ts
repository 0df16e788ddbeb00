/**
 * `locale-loop check [--fail-on CATEGORIES] [--format text|json|github|sarif]`: the CI gate.
 * Exit 1 when a category in --fail-on (default: all) has findings, or a locale file is malformed.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { loadConfig } from '../locales/config';
import type { CheckCategory, CheckResult, Finding } from '../sync/check';
import { allCategories, checkCategories, checkWorkspace } from '../sync/check';
import { version } from '../version';
import type { Out } from './output';
import { exitCode, UsageError } from './output';

export const checkFormats = ['text', 'json', 'github', 'sarif'] as const;
export type CheckFormat = (typeof checkFormats)[number];

export interface CheckArgs {
  readonly cwd: string;
  readonly format: CheckFormat;
  readonly failOn?: readonly CheckCategory[];
}

/** `--fail-on missing,code-missing` (repeatable, comma-separated). */
export function parseFailOn(values: readonly string[] | undefined): CheckCategory[] | undefined {
  if (!values?.length) return undefined;
  const out = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = out.filter((c) => !(checkCategories as readonly string[]).includes(c));
  if (unknown.length) {
    throw new UsageError(
      `--fail-on does not know ${unknown.join(', ')}; the categories are ${checkCategories.join(', ')}`,
    );
  }
  return out as CheckCategory[];
}

export function parseFormat(value: string | undefined): CheckFormat {
  if (value === undefined) return 'text';
  if (!(checkFormats as readonly string[]).includes(value)) {
    throw new UsageError(`--format takes ${checkFormats.join(', ')}, not "${value}"`);
  }
  return value as CheckFormat;
}

export async function runCheck(args: CheckArgs, out: Out): Promise<number> {
  const config = await loadConfig(args.cwd);
  const result = await checkWorkspace(config, args.failOn);
  const print = { text: formatText, json: formatJson, github: formatGithub, sarif: formatSarif }[args.format];
  out.write(print(result));
  return result.failed ? exitCode.failure : exitCode.ok;
}

const descriptions: Record<CheckCategory, string> = {
  missing: 'A key of the source locale has no translation.',
  empty: 'A translation is an empty string.',
  placeholders: 'A translation lost, duplicated or invented a placeholder of the source.',
  plurals: 'A translation lacks a plural form its locale needs.',
  'code-missing': 'A key used in code is missing from the source locale.',
  'code-unused': 'A key of the source locale is not used in code.',
  'code-unread':
    'A code file could not be read (too large, not UTF-8, nested too deeply), so its keys are not checked.',
  malformed: 'A locale file cannot be parsed.',
};

const fails = (r: CheckResult, f: Finding) => r.failOn.includes(f.category);

function formatText(r: CheckResult): string {
  const lines = r.findings.map(
    (f) => `${f.file}:${f.line}:${f.column}: ${fails(r, f) ? 'error' : 'warning'} [${f.category}] ${f.message}`,
  );
  const counts = Object.entries(r.counts)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} ${c}`);
  lines.push(
    `${r.failed ? 'Check failed' : 'Check passed'}: ${counts.length ? counts.join(', ') : 'no findings'} (failing on ${r.failOn.join(', ')}).`,
  );
  return lines.join('\n') + '\n';
}

function formatJson(r: CheckResult): string {
  return (
    JSON.stringify(
      { version: 1, failed: r.failed, failOn: r.failOn, counts: r.counts, findings: r.findings },
      null,
      2,
    ) + '\n'
  );
}

/** GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions */
function formatGithub(r: CheckResult): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const lines = r.findings.map(
    (f) =>
      `::${fails(r, f) ? 'error' : 'warning'} file=${prop(f.file)},line=${f.line},col=${f.column},title=${prop(`Locale Loop: ${f.category}`)}::${data(f.message)}`,
  );
  lines.push(formatText({ ...r, findings: [] }).trimEnd());
  return lines.join('\n') + '\n';
}

/** SARIF 2.1.0 (the `sarif` types are the OASIS schema's), for GitHub code scanning and others. */
function formatSarif(r: CheckResult): string {
  const ids = [...allCategories];
  const rules: ReportingDescriptor[] = ids.map((id) => ({
    id,
    name: id,
    shortDescription: { text: descriptions[id] },
    defaultConfiguration: { level: r.failOn.includes(id) ? 'error' : 'warning' },
  }));
  const results: Result[] = r.findings.map((f) => ({
    ruleId: f.category,
    ruleIndex: ids.indexOf(f.category),
    level: fails(r, f) ? 'error' : 'warning',
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column },
        },
      },
    ],
    ...(f.key !== undefined
      ? { partialFingerprints: { 'localeLoopKey/v1': `${f.category}|${f.locale ?? ''}|${f.namespace ?? ''}|${f.key}` } }
      : {}),
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'Locale Loop', version, rules } }, results }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
