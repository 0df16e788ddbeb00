/**
 * The CI gate's findings: the scan's problems and the code's, each at a place a person (or a
 * code-scanning tool) can open — the key in the locale file, or the call in the code. The CLI's
 * `check` prints them; the categories named in `failOn` decide the exit code.
 */
import { scanWithCode } from '../code/scanWithCode';
import type { LocaleLoopConfig } from '../locales/config';
import type { ParsedLocaleFile } from '../locales/scan';
import { pluralKey, pluralOrder } from '../locales/plurals';
import { parseLocaleFile } from '../locales/scan';

export const checkCategories = ['missing', 'empty', 'placeholders', 'plurals', 'code-missing', 'code-unused'] as const;
export type CheckCategory = (typeof checkCategories)[number] | 'code-unread' | 'malformed';
/** Every category a finding can have, in report order. */
export const allCategories: readonly CheckCategory[] = [...checkCategories, 'code-unread', 'malformed'];

export interface Finding {
  readonly category: CheckCategory;
  /** One sentence a person understands. */
  readonly message: string;
  /** Workspace-relative, `/` separators. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly namespace?: string;
  readonly key?: string;
  readonly locale?: string;
}

export interface CheckResult {
  readonly findings: readonly Finding[];
  /** Categories that fail the gate ('malformed' always does: a broken file cannot be checked). */
  readonly failOn: readonly CheckCategory[];
  readonly failed: boolean;
  readonly counts: Readonly<Record<CheckCategory, number>>;
}

export async function checkWorkspace(
  config: LocaleLoopConfig,
  failOn: readonly CheckCategory[] = checkCategories,
  signal?: AbortSignal,
): Promise<CheckResult> {
  const wantsCode = failOn.some((c) => c.startsWith('code-'));
  const scan = await scanWithCode(config, { code: wantsCode ? undefined : false, signal });
  const { report } = scan;
  const findings: Finding[] = [];
  const byRel = new Map(scan.files.map((f) => [f.relPath, f]));
  const parsed = new Map<string, Promise<ParsedLocaleFile | undefined>>();
  // Positions are read only for files that have findings.
  const positionOf = async (
    rel: string | undefined,
    key: string | readonly string[] | undefined,
  ): Promise<{ line: number; column: number }> => {
    const file = rel ? byRel.get(rel) : undefined;
    if (!file || key === undefined) return { line: 1, column: 1 };
    if (!parsed.has(rel!)) {
      parsed.set(
        rel!,
        parseLocaleFile(file, config.keySeparator).catch(() => undefined),
      );
    }
    const p = await parsed.get(rel!)!;
    const entry = (typeof key === 'string' ? [key] : key).map((k) => p?.entries.get(k)).find((e) => e !== undefined);
    if (!p || !entry) return { line: 1, column: 1 };
    const pos = p.positionAt(entry.keyOffset);
    return { line: pos.line + 1, column: pos.character + 1 };
  };
  const add = async (
    category: CheckCategory,
    message: string,
    rel: string,
    at: string | readonly string[] | undefined,
    extra: Partial<Finding>,
  ) => {
    findings.push({
      category,
      message,
      file: rel,
      ...(await positionOf(rel, at)),
      key: typeof at === 'string' ? at : undefined,
      ...extra,
    });
  };

  for (const e of report.errors) {
    findings.push({
      category: 'malformed',
      message: `This locale file cannot be parsed: ${e.message}`,
      file: e.file,
      line: e.line,
      column: e.column,
    });
  }

  const source = report.locales.find((l) => l.isSource);
  const sourceFileOf = new Map((source?.namespaces ?? []).map((n) => [n.namespace, n.file]));
  for (const l of report.locales) {
    for (const n of l.namespaces) {
      if (n.malformed) continue;
      const where = { locale: l.locale, namespace: n.namespace };
      const gapKeys = new Set(
        n.pluralFormsMissing.flatMap((g) =>
          g.missing.map((c) => pluralKey(g.base, c, g.ordinal, config.pluralSeparator)),
        ),
      );
      for (const key of n.missing) {
        if (gapKeys.has(key)) continue;
        // A missing key has no place in the target file: its first line, or the source key when the file is absent.
        if (n.file) {
          await add('missing', `${l.locale}: ${n.namespace}:${key} has no translation.`, n.file, undefined, {
            ...where,
            key,
          });
        } else {
          await add(
            'missing',
            `${l.locale}: ${n.namespace}:${key} has no translation (there is no ${l.locale} file for ${n.namespace}).`,
            sourceFileOf.get(n.namespace) ?? '',
            key,
            where,
          );
        }
      }
      for (const key of n.empty) {
        await add('empty', `${l.locale}: ${n.namespace}:${key} is empty.`, n.file!, key, where);
      }
      for (const m of n.placeholderMismatches) {
        const parts = [
          m.missing.length ? `lost ${m.missing.join(' ')}` : '',
          m.extra.length ? `added ${m.extra.join(' ')}` : '',
        ]
          .filter(Boolean)
          .join('; ');
        await add(
          'placeholders',
          `${l.locale}: the placeholders of ${n.namespace}:${m.key} differ from the source (${parts}).`,
          n.file!,
          m.key,
          where,
        );
      }
      for (const g of n.pluralFormsMissing) {
        // At the group's first form the file has.
        const present = pluralOrder.map((c) => pluralKey(g.base, c, g.ordinal, config.pluralSeparator));
        await add(
          'plurals',
          `${l.locale}: ${n.namespace}:${g.base}${g.ordinal ? ' (ordinal)' : ''} lacks the plural form${g.missing.length > 1 ? 's' : ''} ${g.missing.join(', ')}.`,
          n.file!,
          present,
          { ...where, key: g.base },
        );
      }
    }
  }

  const code = report.codeUsage;
  if (code) {
    for (const u of code.usedButMissing) {
      const name = `${u.namespace ?? '(any namespace)'}:${u.key}`;
      findings.push({
        category: 'code-missing',
        message: `${name} is used here but missing from the source locale ${report.sourceLocale}.`,
        file: u.file,
        line: u.line,
        column: u.column ?? 1,
        namespace: u.namespace,
        key: u.key,
      });
    }
    for (const u of code.neverUsed) {
      const file = sourceFileOf.get(u.namespace);
      if (file) {
        await add('code-unused', `${u.namespace}:${u.key} is not used in code.`, file, u.key, {
          namespace: u.namespace,
          locale: report.sourceLocale,
        });
      }
    }
  }

  // A code file the index could not read: its keys are neither checked nor counted as used.
  for (const u of scan.index?.unreadFiles() ?? []) {
    findings.push({
      category: 'code-unread',
      message: `This code file was not read, so the keys it uses are not checked: it ${u.reason}.`,
      file: scan.index!.relative(u.file),
      line: 1,
      column: 1,
    });
  }

  const counts = Object.fromEntries(
    allCategories.map((c) => [c, findings.filter((f) => f.category === c).length]),
  ) as Record<CheckCategory, number>;
  // Like a malformed locale file, a code file that cannot be read fails a gate that checks code.
  const gate: CheckCategory[] = [
    ...new Set<CheckCategory>([...failOn, ...(wantsCode ? (['code-unread'] as const) : []), 'malformed']),
  ];
  return { findings, failOn: gate, failed: gate.some((c) => counts[c] > 0), counts };
}
