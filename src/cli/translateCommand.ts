/**
 * `locale-loop translate --to LOCALE [--from LOCALE] [--json] [TEXT…]`: one text through ModernMT
 * (stdin when no text). Only the translation goes to stdout, its outer whitespace as the
 * source's; the characters ModernMT billed go to stderr (or into `--json`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LocaleLoopConfig } from '../locales/config';
import { configFileName, loadConfig } from '../locales/config';
import { translateTexts } from '../sync/translateText';
import type { Logger } from '../util/logger';
import type { Env } from './env';
import { modernMtClient } from './env';
import type { Out } from './output';
import { exitCode } from './output';

export async function runTranslate(
  args: { cwd: string; to: string; from?: string; text: string; json?: boolean },
  env: Env,
  out: Out,
  err: Out,
  logger: Logger,
): Promise<number> {
  // The workspace config is optional here: it brings ICU, the locale map and the memory hint.
  // Absent, it is not looked for; present but broken, it is an error like anywhere else.
  const config: LocaleLoopConfig | undefined = existsSync(path.join(args.cwd, configFileName))
    ? await loadConfig(args.cwd)
    : undefined;
  const client = modernMtClient(config, env, logger);
  const { results, billedCharacters } = await translateTexts(client, [{ text: args.text }], {
    to: args.to,
    from: args.from,
    config,
  });
  const r = results[0]!;
  if (args.json) {
    out.write(
      JSON.stringify(
        {
          ok: r.ok,
          translation: r.ok ? r.text : undefined,
          refused: r.ok ? undefined : { reason: r.reason, result: r.text },
          billedCharacters,
        },
        null,
        2,
      ) + '\n',
    );
    return r.ok ? exitCode.ok : exitCode.failure;
  }
  if (!r.ok) {
    err.write(`locale-loop: machine translation refused: ${r.reason}\n  source: ${args.text}\n  result: ${r.text}\n`);
    return exitCode.failure;
  }
  out.write(r.text + '\n');
  err.write(`ModernMT billed ${billedCharacters} characters\n`);
  return exitCode.ok;
}
