/** `locale-loop translate-missing [--to LOCALE…] [--dry-run] [--json]`: fill missing keys by MT. */
import { loadConfig } from '../locales/config';
import type { TranslateMissingResult } from '../sync/translateMissing';
import { translateMissing } from '../sync/translateMissing';
import type { Logger } from '../util/logger';
import type { Env } from './env';
import { modernMtClient } from './env';
import type { Out } from './output';
import { exitCode, plural, table } from './output';

export async function runTranslateMissing(
  args: { cwd: string; to?: string[]; dryRun: boolean; json: boolean },
  env: Env,
  out: Out,
  logger: Logger,
): Promise<number> {
  const config = await loadConfig(args.cwd);
  const client = args.dryRun ? undefined : modernMtClient(config, env, logger);
  const result = await translateMissing(config, client, { locales: args.to, dryRun: args.dryRun, logger });
  out.write(args.json ? JSON.stringify(result, null, 2) + '\n' : format(result));
  // A skipped file or a locale stopped by an error fails the run (after every other file was processed); a refused key does not.
  return result.locales.some((l) => l.refused.length > 0 || l.skipped.length > 0 || l.error)
    ? exitCode.failure
    : exitCode.ok;
}

function format(r: TranslateMissingResult): string {
  const lines = [
    r.dryRun
      ? 'Translate missing (dry run: nothing was sent or written)'
      : 'Translated missing keys with ModernMT (provisional until a pull brings the human translation)',
    '',
  ];
  const rows = r.locales.flatMap((l) =>
    l.files.length
      ? l.files.map((f) => [
          l.locale,
          f.file,
          String(f.keys),
          f.written ? 'written' : r.dryRun ? 'would write' : 'unchanged',
        ])
      : [[l.locale, '-', '0', 'nothing missing']],
  );
  lines.push(table([['locale', 'file', 'keys', 'result'], ...rows]));
  for (const l of r.locales) {
    for (const x of l.refused) {
      lines.push(`refused: ${x.file} "${x.key}": ${x.reason}\n  source: ${x.source}\n  result: ${x.result}`);
    }
  }
  for (const l of r.locales) for (const x of l.refusedKeys) lines.push(`refused: ${x.file} ${x.message}`);
  for (const l of r.locales) for (const x of l.skipped) lines.push(`skipped: ${x.reason}`);
  for (const l of r.locales) {
    if (l.error) lines.push(`error: ${l.locale}: ${l.error} (what was translated before is written)`);
  }
  const skipped = r.locales.reduce((n, l) => n + l.skipped.length, 0);
  if (skipped > 0) lines.push('', `${plural(skipped, 'file')} skipped; the others were processed.`);
  const sum = (f: (l: (typeof r.locales)[number]) => number | undefined) =>
    r.locales.reduce((n, l) => n + (f(l) ?? 0), 0);
  lines.push(
    '',
    r.dryRun
      ? `${sum((l) => l.characters)} characters to translate`
      : `${sum((l) => l.characters)} characters of source text; ${sum((l) => l.sentCharacters)} sent to ModernMT in ${sum((l) => l.requests)} request(s), ${sum((l) => l.billedCharacters)} billed`,
  );
  return lines.join('\n') + '\n';
}
