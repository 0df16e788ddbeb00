/**
 * The most used peer checker, @lingual/i18n-check, on the bench's repository: its API doing what
 * its CLI does for `i18n-check -s en -l locales -f i18next --only missingKeys invalidKeys` (find
 * the files, read, JSON.parse and flatten each, pair each target file with its source file, check
 * missing and invalid keys of every target locale), without printing the tables. Timed from the
 * first file read, like the scan and the floor (module loading excluded for all three).
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';

interface TranslationFile {
  reference: string | null;
  name: string;
  content: Record<string, unknown>;
}
interface Peer {
  checkTranslations(
    source: TranslationFile[],
    targets: TranslationFile[],
    options: { format: 'i18next'; checks: string[] },
  ): { missingKeys?: Record<string, string[]>; invalidKeys?: Record<string, unknown[]> };
}

/** Runs in a child process: prints `{ ms, maxRssMb, keys, missing, invalid }` as JSON. */
export async function peerChild(dir: string, sourceLocale = 'en'): Promise<void> {
  // Loaded before the clock starts (the scan's modules are loaded before its clock too).
  const peer = require('@lingual/i18n-check') as Peer;
  const { flattenTranslations } = require('@lingual/i18n-check/dist/utils/flattenTranslations') as {
    flattenTranslations(t: Record<string, unknown>): Record<string, unknown>;
  };
  const localesDir = path.join(dir, 'locales');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const sources: TranslationFile[] = [];
  const targets: TranslationFile[] = [];
  let keys = 0;
  for (const e of await fs.readdir(localesDir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.json')) continue;
    const file = path.join(e.parentPath, e.name);
    const content = flattenTranslations(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
    keys += Object.keys(content).length;
    const locale = path.basename(path.dirname(file));
    // The peer pairs a target file with the source file of the same name in the sibling folder.
    const reference = path.join(localesDir, sourceLocale, e.name);
    if (locale === sourceLocale) sources.push({ reference: null, name: file, content });
    else targets.push({ reference, name: file, content });
  }
  const result = peer.checkTranslations(sources, targets, {
    format: 'i18next',
    checks: ['missingKeys', 'invalidKeys'],
  });
  const ms = performance.now() - t0;
  // CPU time (user + system, all threads): steadier than wall time on a machine others load.
  const cpu = process.cpuUsage(cpu0);
  const count = (r: Record<string, unknown[]> | undefined) => Object.values(r ?? {}).reduce((n, v) => n + v.length, 0);
  process.stdout.write(
    JSON.stringify({
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      keys,
      missing: count(result.missingKeys),
      invalid: count(result.invalidKeys),
    }),
  );
}
