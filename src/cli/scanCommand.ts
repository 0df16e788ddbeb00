/** `locale-loop scan [--json] [--code | --no-code]`: the inventory as a table, or as JSON. */
import { scanWithCode } from '../code/scanWithCode';
import { loadConfig } from '../locales/config';
import type { ScanReport } from '../locales/scan';
import type { Out } from './output';
import { exitCode, shortList, table } from './output';

export interface ScanArgs {
  readonly cwd: string;
  readonly json: boolean;
  /** undefined: keys used in code are compared when the folder has code (see scanWithCode). */
  readonly code?: boolean;
}

export async function runScan(args: ScanArgs, out: Out): Promise<number> {
  const config = await loadConfig(args.cwd);
  const { report } = await scanWithCode(config, { code: args.code });
  out.write(args.json ? JSON.stringify(report, null, 2) + '\n' : formatScan(report));
  return report.errors.length > 0 ? exitCode.failure : exitCode.ok;
}

export function formatScan(r: ScanReport): string {
  const lines: string[] = [];
  lines.push(`Locale Loop scan of ${r.root}`);
  lines.push(
    `source ${r.sourceLocale}, targets ${r.targetLocales.join(', ') || '(none)'}; ${r.files.length} files; layout ${r.layouts.join(', ')}`,
  );
  lines.push('');
  const dash = (n: number, isSource: boolean) => (isSource ? '-' : String(n));
  lines.push(
    table([
      ['locale', 'keys', 'missing', 'empty', 'untranslated', 'extra', 'plural gaps', 'placeholders', 'non-string'],
      ...r.locales.map((l) => [
        l.isSource ? `${l.locale} (source)` : l.locale,
        String(l.keyCount),
        l.isSource ? String(l.missing) : dash(l.missing, false),
        String(l.empty),
        dash(l.untranslated, l.isSource),
        dash(l.extra, l.isSource),
        String(l.pluralFormsMissing),
        dash(l.placeholderMismatches, l.isSource),
        String(l.nonStringLeaves),
      ]),
    ]),
  );

  const details: string[] = [];
  for (const l of r.locales) {
    for (const n of l.namespaces) {
      const where = `${l.locale} ${n.namespace}${n.malformed ? ' (malformed, skipped)' : n.file ? '' : ' (no file)'}`;
      if (n.malformed) continue;
      if (n.missing.length) details.push(`  ${where}: missing ${shortList(n.missing)}`);
      if (n.empty.length) details.push(`  ${where}: empty ${shortList(n.empty)}`);
      if (n.extra.length) details.push(`  ${where}: extra ${shortList(n.extra)}`);
      if (n.untranslated.length) details.push(`  ${where}: untranslated ${shortList(n.untranslated)}`);
      for (const g of n.pluralFormsMissing.slice(0, 5)) {
        details.push(`  ${where}: plural ${g.base}${g.ordinal ? ' (ordinal)' : ''} lacks ${g.missing.join(', ')}`);
      }
      for (const m of n.placeholderMismatches.slice(0, 5)) {
        const parts = [
          m.missing.length ? `lost ${m.missing.join(' ')}` : '',
          m.extra.length ? `added ${m.extra.join(' ')}` : '',
        ].filter(Boolean);
        details.push(`  ${where}: placeholders of ${m.key}: ${parts.join('; ')}`);
      }
      for (const b of n.brokenReferences.slice(0, 5)) {
        details.push(`  ${where}: ${b.key} refers to missing $t(${b.reference})`);
      }
      if (n.nonStringLeaves.length) {
        details.push(
          `  ${where}: non-string values kept as they are: ${shortList(n.nonStringLeaves.map((x) => `${x.key} (${x.kind})`))}`,
        );
      }
    }
  }
  if (details.length) {
    lines.push('', 'Needs attention:');
    for (const d of details.slice(0, 200)) lines.push(d);
    if (details.length > 200) lines.push(`  … ${details.length - 200} more lines (use --json for everything)`);
  }
  if (r.codeUsage) {
    const c = r.codeUsage;
    lines.push(
      '',
      `Code usage: ${c.filesScanned} files, ${c.keysUsed} keys used${c.dynamicCalls ? `, ${c.dynamicCalls} computed keys (the keys they may reach are not listed as never used)` : ''}`,
    );
    for (const u of c.usedButMissing.slice(0, 20)) {
      lines.push(
        `  ${u.file}:${u.line}${u.column ? ':' + u.column : ''}: "${u.namespace ? u.namespace + ':' : ''}${u.key}" is used but missing from ${r.sourceLocale}`,
      );
    }
    if (c.usedButMissing.length > 20) {
      lines.push(`  … ${c.usedButMissing.length - 20} more keys used but missing (use --json for everything)`);
    }
    if (c.neverUsed.length) {
      lines.push(
        `  never used: ${shortList(
          c.neverUsed.map((n) => `${n.namespace}:${n.key}`),
          10,
        )}`,
      );
    }
  }
  if (r.errors.length) {
    lines.push('', 'Malformed files (skipped, not written):');
    for (const e of r.errors) lines.push(`  ${e.message}`);
  }
  return lines.join('\n') + '\n';
}
