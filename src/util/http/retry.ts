/**
 * One retry budget per operation, shared by everything the operation does (a nested login
 * included), so a failing server sees a bounded number of requests, never retries of retries.
 * Time and sleep are injected so tests check the policy without waiting real minutes.
 */
import { sleep as realSleep } from '../backoff';

export interface RetryTiming {
  /** Failed attempts an operation may repeat (default 5): at most 6 failures in all, however its calls nest. */
  readonly retries: number;
  /** Server errors and lost connections: exponential backoff with full jitter (1 s … 30 s). */
  readonly baseMs: number;
  readonly maxMs: number;
  /** 429 without Retry-After: a few seconds, doubling, at most a minute (Phrase's guide). */
  readonly rateLimitBaseMs: number;
  readonly rateLimitMaxMs: number;
  /** A Retry-After is kept within these: `0` or a past date must not turn into a busy loop… */
  readonly retryAfterFloorMs: number;
  /** …and `86400` or a far date must not hold the command for a day (nor overflow a timer). */
  readonly retryAfterCapMs: number;
  /** No new attempt starts, and no wait reaches, past this much time from the first attempt. */
  readonly operationDeadlineMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
}

export const defaultRetryTiming: RetryTiming = {
  retries: 5,
  baseMs: 1000,
  maxMs: 30_000,
  rateLimitBaseMs: 2000,
  rateLimitMaxMs: 60_000,
  retryAfterFloorMs: 1000,
  retryAfterCapMs: 60_000,
  operationDeadlineMs: 5 * 60_000,
  now: () => Date.now(),
  sleep: realSleep,
  random: Math.random,
};

/** Why a failed attempt may be repeated. */
export type RetryReason =
  /** 429 or a quota answer: wait as told, else back off slowly. */
  | 'rate-limit'
  /** 5xx, a dropped connection, a timeout. */
  | 'server';

export interface RetryDelay {
  readonly ms: number;
  /** What the log says about the wait (the Retry-After asked, and whether it was capped). */
  readonly note: string;
}

/**
 * `Retry-After` in milliseconds from now, in both forms (delta-seconds or an HTTP date);
 * undefined when absent, negative or unparsable (the backoff applies instead).
 */
export function parseRetryAfter(header: string | readonly string[] | undefined, now: number): number | undefined {
  const value = (typeof header === 'string' ? header : header?.[0])?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  if (/^[+-]?\d/.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before retry number `retry` (0-based), from the reason and a Retry-After header. */
export function retryDelay(
  retry: number,
  reason: RetryReason,
  retryAfter: string | readonly string[] | undefined,
  t: RetryTiming,
): RetryDelay {
  const asked = parseRetryAfter(retryAfter, t.now());
  if (asked !== undefined) {
    const ms = Math.round(Math.min(t.retryAfterCapMs, Math.max(t.retryAfterFloorMs, asked)));
    const secs = (n: number) => `${Math.round(n / 100) / 10} s`;
    if (asked > t.retryAfterCapMs) {
      return { ms, note: `the server asked to wait ${secs(asked)} (Retry-After); waiting at most ${secs(ms)}` };
    }
    if (asked < t.retryAfterFloorMs) {
      return { ms, note: `the server asked to wait ${secs(asked)} (Retry-After); waiting at least ${secs(ms)}` };
    }
    return { ms, note: `waiting ${secs(ms)} as the server asked (Retry-After)` };
  }
  if (reason === 'rate-limit') {
    const ms = Math.min(t.rateLimitMaxMs, t.rateLimitBaseMs * 2 ** retry);
    return { ms, note: `rate limited without Retry-After; backing off ${Math.round(ms / 100) / 10} s` };
  }
  const ms = Math.round(t.random() * Math.min(t.maxMs, t.baseMs * 2 ** retry));
  return { ms, note: `backing off ${ms} ms` };
}

/** The attempts and time one operation may still spend. */
export class RetryBudget {
  readonly timing: RetryTiming;
  readonly deadline: number;
  private retried = 0;

  constructor(timing: Partial<RetryTiming> = {}) {
    this.timing = { ...defaultRetryTiming, ...timing };
    this.deadline = this.timing.now() + this.timing.operationDeadlineMs;
  }

  /** Retries granted so far. */
  get retriesUsed(): number {
    return this.retried;
  }

  /** Time left before the operation's deadline (never negative). */
  remainingMs(): number {
    return Math.max(0, this.deadline - this.timing.now());
  }

  /**
   * After a retryable failure: the wait before the next attempt, or undefined when the budget
   * (attempts or time) is spent. Does not sleep (see `wait`).
   */
  next(reason: RetryReason, retryAfter?: string | readonly string[]): RetryDelay | undefined {
    if (this.retried >= this.timing.retries) return undefined;
    const delay = retryDelay(this.retried, reason, retryAfter, this.timing);
    // A wait that ends past the deadline leaves no time for the attempt it waits for.
    if (delay.ms >= this.remainingMs()) return undefined;
    this.retried++;
    return delay;
  }

  wait(delay: RetryDelay, signal?: AbortSignal): Promise<void> {
    return this.timing.sleep(delay.ms, signal);
  }
}
