/**
 * What the CLI takes from the environment: Phrase TMS credentials (`PHRASE_TMS_TOKEN`, or
 * `PHRASE_TMS_USERNAME` + `PHRASE_TMS_PASSWORD` [+ `PHRASE_TMS_2FA_CODE`]), URL overrides, and
 * retry timing for tests. Secrets never come from flags (they would land in shell history).
 */
import type { LocaleLoopConfig } from '../locales/config';
import { ModernMtClient } from '../modernmt/client';
import { PhraseClient } from '../phrase/client';
import type { PhraseCredentials } from '../phrase/transport';
import type { HostGate } from '../util/http/hostPolicy';
import type { RetryTiming } from '../util/http/retry';
import type { Logger } from '../util/logger';

export type Env = Readonly<Record<string, string | undefined>>;

export function phraseCredentials(env: Env): PhraseCredentials | undefined {
  if (env.PHRASE_TMS_TOKEN) return { token: env.PHRASE_TMS_TOKEN };
  if (env.PHRASE_TMS_USERNAME && env.PHRASE_TMS_PASSWORD) {
    return {
      userName: env.PHRASE_TMS_USERNAME,
      password: env.PHRASE_TMS_PASSWORD,
      code: env.PHRASE_TMS_2FA_CODE || undefined,
    };
  }
  return undefined;
}

export function phraseClient(config: LocaleLoopConfig, env: Env, logger: Logger): PhraseClient {
  const credentials = phraseCredentials(env);
  if (!credentials) {
    throw new Error('no Phrase TMS credentials: set PHRASE_TMS_TOKEN, or PHRASE_TMS_USERNAME and PHRASE_TMS_PASSWORD');
  }
  return new PhraseClient(
    {
      baseUrl: env.LOCALE_LOOP_PHRASE_URL || config.phrase.baseUrl,
      credentials,
      logger,
      concurrency: config.phrase.concurrency,
      retryTiming: retryTiming(env),
      ...limits(env),
      hostGate: hostGate(env, 'LOCALE_LOOP_PHRASE_URL'),
    },
    { baseMs: Number(env.LOCALE_LOOP_POLL_MS ?? 500) },
  );
}

/** A logger on stderr: warnings and errors always, the rest with --verbose. */
export function stderrLogger(write: (s: string) => void, verbose: boolean): Logger {
  const line = (level: string) => (m: string) => write(`${level}: ${m}\n`);
  const quiet = () => {};
  return {
    trace: verbose ? line('trace') : quiet,
    debug: verbose ? line('debug') : quiet,
    info: verbose ? line('info') : quiet,
    warn: line('warning'),
    error: line('error'),
  };
}

/** A ModernMT client from `MODERNMT_API_KEY` (and `LOCALE_LOOP_MODERNMT_URL`, else the config's URL). */
export function modernMtClient(config: LocaleLoopConfig | undefined, env: Env, logger: Logger): ModernMtClient {
  const apiKey = env.MODERNMT_API_KEY;
  if (!apiKey) throw new Error('no ModernMT API key: set MODERNMT_API_KEY');
  return new ModernMtClient({
    apiKey,
    baseUrl: env.LOCALE_LOOP_MODERNMT_URL || config?.modernmt.baseUrl,
    logger,
    concurrency: config?.modernmt.concurrency,
    maxSegments: config?.modernmt.maxSegmentsPerRequest,
    maxChars: config?.modernmt.maxCharsPerRequest,
    charsPerSecond: config?.modernmt.charsPerSecond,
    retryTiming: { ...retryTiming(env), retries: 4 },
    ...limits(env),
    hostGate: hostGate(env, 'LOCALE_LOOP_MODERNMT_URL'),
  });
}

/** Retry timing; `LOCALE_LOOP_RETRY_BASE_MS` scales every wait (tests make them short). */
function retryTiming(env: Env): Partial<RetryTiming> {
  const baseMs = Number(env.LOCALE_LOOP_RETRY_BASE_MS ?? 1000);
  return {
    baseMs,
    maxMs: Math.max(baseMs, 30_000),
    rateLimitBaseMs: 2 * baseMs,
    retryAfterFloorMs: Math.min(1000, baseMs),
  };
}

/** `LOCALE_LOOP_TIMEOUT_S`: the most one request may take; `LOCALE_LOOP_MAX_RESPONSE_MB`: the largest answer read. */
function limits(env: Env): { requestTimeoutMs?: number; maxResponseBytes?: number } {
  const timeout = Number(env.LOCALE_LOOP_TIMEOUT_S);
  const mb = Number(env.LOCALE_LOOP_MAX_RESPONSE_MB);
  return {
    ...(timeout > 0 ? { requestTimeoutMs: timeout * 1000 } : {}),
    ...(mb > 0 ? { maxResponseBytes: Math.round(mb * 1024 * 1024) } : {}),
  };
}

/**
 * Hosts that may receive credentials besides the known ones: `--allow-host` (passed here as
 * `LOCALE_LOOP_ALLOW_HOSTS`, comma-separated) and the host of a URL given in the variable.
 */
function hostGate(env: Env, urlVariable: string): HostGate {
  const allow = (env.LOCALE_LOOP_ALLOW_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const fromVariable = env[urlVariable];
  if (fromVariable) {
    try {
      allow.push(new URL(fromVariable).hostname);
    } catch {
      // Not a URL: the client refuses it with its own message.
    }
  }
  return {
    allow,
    advice: `If you trust it, run again with --allow-host HOST (or LOCALE_LOOP_ALLOW_HOSTS=HOST), or give the URL in ${urlVariable}.`,
  };
}
