/**
 * What the CLI takes from the environment: Phrase TMS credentials (`PHRASE_TMS_TOKEN`, or
 * `PHRASE_TMS_USERNAME` + `PHRASE_TMS_PASSWORD` [+ `PHRASE_TMS_2FA_CODE`]), URL overrides, and
 * retry timing for tests. Secrets never come from flags (they would land in shell history).
 */
import type { LocaleLoopConfig } from '../locales/config';
import { ModernMtClient } from '../modernmt/client';
import { PhraseClient } from '../phrase/client';
import type { PhraseCredentials } from '../phrase/transport';
import type { Logger } from '../util/logger';

export type Env = Readonly<Record<string, string | undefined>>;

export function phraseCredentials(env: Env): PhraseCredentials | undefined {
  if (env.PHRASE_TMS_TOKEN) return { token: env.PHRASE_TMS_TOKEN };
  if (env.PHRASE_TMS_USERNAME && env.PHRASE_TMS_PASSWORD) {
    return { userName: env.PHRASE_TMS_USERNAME, password: env.PHRASE_TMS_PASSWORD, code: env.PHRASE_TMS_2FA_CODE || undefined };
  }
  return undefined;
}

export function phraseClient(config: LocaleLoopConfig, env: Env, logger: Logger): PhraseClient {
  const credentials = phraseCredentials(env);
  if (!credentials) throw new Error('no Phrase TMS credentials: set PHRASE_TMS_TOKEN, or PHRASE_TMS_USERNAME and PHRASE_TMS_PASSWORD');
  const baseMs = Number(env.LOCALE_LOOP_RETRY_BASE_MS ?? 1000);
  return new PhraseClient(
    {
      baseUrl: env.LOCALE_LOOP_PHRASE_URL || config.phrase.baseUrl,
      credentials,
      logger,
      concurrency: config.phrase.concurrency,
      backoff: { baseMs, maxMs: Math.max(baseMs, 60_000) },
    },
    { baseMs: Number(env.LOCALE_LOOP_POLL_MS ?? 500) },
  );
}

/** A logger on stderr: warnings and errors always, the rest with --verbose. */
export function stderrLogger(write: (s: string) => void, verbose: boolean): Logger {
  const line = (level: string) => (m: string) => write(`${level}: ${m}\n`);
  const quiet = () => {};
  return { trace: verbose ? line('trace') : quiet, debug: verbose ? line('debug') : quiet, info: verbose ? line('info') : quiet, warn: line('warning'), error: line('error') };
}

/** A ModernMT client from `MODERNMT_API_KEY` (and `LOCALE_LOOP_MODERNMT_URL`, else the config's URL). */
export function modernMtClient(config: LocaleLoopConfig | undefined, env: Env, logger: Logger): ModernMtClient {
  const apiKey = env.MODERNMT_API_KEY;
  if (!apiKey) throw new Error('no ModernMT API key: set MODERNMT_API_KEY');
  const baseMs = Number(env.LOCALE_LOOP_RETRY_BASE_MS ?? 1000);
  return new ModernMtClient({
    apiKey,
    baseUrl: env.LOCALE_LOOP_MODERNMT_URL || config?.modernmt.baseUrl,
    logger,
    concurrency: config?.modernmt.concurrency,
    maxSegments: config?.modernmt.maxSegmentsPerRequest,
    maxChars: config?.modernmt.maxCharsPerRequest,
    charsPerSecond: config?.modernmt.charsPerSecond,
    backoff: { baseMs, maxMs: Math.max(baseMs, 30_000) },
  });
}
