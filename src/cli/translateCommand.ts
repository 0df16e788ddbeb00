/** `locale-loop translate --to LOCALE [--from LOCALE] [TEXT…]`: one text through ModernMT (stdin when no text). */
import type { LocaleLoopConfig } from '../locales/config';
import { loadConfig } from '../locales/config';
import { ConfigError } from '../locales/errors';
import { LocaleCodes } from '../locales/localeCodes';
import { protect } from '../modernmt/protect';
import { restore } from '../modernmt/restore';
import { resolveMemory } from '../sync/memory';
import { loadState } from '../sync/state';
import type { Logger } from '../util/logger';
import type { Env } from './env';
import { modernMtClient } from './env';
import type { Out } from './output';
import { exitCode } from './output';

export async function runTranslate(args: { cwd: string; to: string; from?: string; text: string }, env: Env, out: Out, err: Out, logger: Logger): Promise<number> {
  // The workspace config is optional here: it brings ICU, the locale map and the memory hint.
  let config: LocaleLoopConfig | undefined;
  try {
    config = await loadConfig(args.cwd);
  } catch (e) {
    if (!ConfigError.is(e) || !/not found/.test(e.message)) throw e;
  }
  const client = modernMtClient(config, env, logger);
  const codes = new LocaleCodes(config?.localeMap ?? {});
  const memory = config ? await resolveMemory(config, client, await loadState(config.root), false) : undefined;
  const p = protect(args.text, { icu: config?.icu });
  const [t] = await client.translate(args.from ? codes.toModernMt(args.from) : config ? codes.toModernMt(config.sourceLocale) : undefined, codes.toModernMt(args.to), [p.xml], {
    format: 'text/xml',
    hints: memory !== undefined ? [memory] : undefined,
  });
  const r = restore(p, t!.translation, { icu: config?.icu });
  if (!r.ok) {
    err.write(`locale-loop: machine translation refused: ${r.reason}\n  source: ${args.text}\n  result: ${r.text}\n`);
    return exitCode.failure;
  }
  out.write(r.text + '\n');
  return exitCode.ok;
}
