/**
 * Phrase TMS's request limits (DEV-LIM in phrase-tms-api.md §3): a per-minute quota per user
 * (6,000 requests), a cap on concurrent requests per user that answers 429 below the quota, with
 * or without `Retry-After`, and an organisation quota answered `403 ApiLimitReached` (SUP-ERR).
 * The quota is off unless asked for; the concurrency cap is always on (default 10).
 */

export interface LimitOptions {
  /** Requests per user per window before 429 (Phrase: 6,000 per minute). */
  readonly perMinute?: number;
  /** The quota's window (default 60 s; tests shorten it). */
  readonly windowMs?: number;
  /** Whether the quota's 429 says when to come back (default true). */
  readonly quotaRetryAfter?: boolean;
  /** `Retry-After` seconds on a concurrency 429 (default 1); `null`: no header at all. */
  readonly concurrentRetryAfter?: number | null;
  /** Requests in all after which every call answers 403 ApiLimitReached (the edition's quota). */
  readonly apiLimit?: number;
}

export type Refusal = { status: number; errorCode: string; errorDescription: string; headers: Record<string, string> };

export class Limits {
  private readonly active = new Map<string, number>();
  private readonly windows = new Map<string, { start: number; count: number }>();
  private total = 0;
  /** Most requests in progress at once for one user (tests and the benchmark read it). */
  peakConcurrent = 0;
  /** 429s and 403 ApiLimitReached answered. */
  refused = 0;

  constructor(
    private options: LimitOptions,
    private readonly maxConcurrent: number,
  ) {}

  set(options: LimitOptions): void {
    this.options = options;
  }

  /** Admits one request of `user`, or says why not; `release` must follow an admission. */
  admit(user: string): Refusal | undefined {
    this.total++;
    if (this.options.apiLimit !== undefined && this.total > this.options.apiLimit) {
      this.refused++;
      return {
        status: 403,
        errorCode: 'ApiLimitReached',
        errorDescription: 'API limit reached for your organization',
        headers: {},
      };
    }
    if (this.options.perMinute !== undefined) {
      const now = Date.now();
      const windowMs = this.options.windowMs ?? 60_000;
      let w = this.windows.get(user);
      if (!w || now - w.start >= windowMs) this.windows.set(user, (w = { start: now, count: 0 }));
      if (w.count >= this.options.perMinute) {
        this.refused++;
        const retryAfter = Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
        return {
          status: 429,
          errorCode: 'TooManyRequests',
          errorDescription: 'Request quota per minute exceeded',
          headers: this.options.quotaRetryAfter === false ? {} : { 'retry-after': String(retryAfter) },
        };
      }
      w.count++;
    }
    const active = this.active.get(user) ?? 0;
    if (active >= this.maxConcurrent) {
      this.refused++;
      const after = this.options.concurrentRetryAfter === undefined ? 1 : this.options.concurrentRetryAfter;
      return {
        status: 429,
        errorCode: 'TooManyRequests',
        errorDescription: 'Too many concurrent requests',
        headers: after === null ? {} : { 'retry-after': String(after) },
      };
    }
    this.active.set(user, active + 1);
    this.peakConcurrent = Math.max(this.peakConcurrent, active + 1);
    return undefined;
  }

  release(user: string): void {
    this.active.set(user, (this.active.get(user) ?? 1) - 1);
  }

  /** `ratelimit-*` headers as the service sends them (CAPT), when a quota is set. */
  headers(user: string): Record<string, string> {
    if (this.options.perMinute === undefined) return {};
    const w = this.windows.get(user);
    return {
      'ratelimit-limit': String(this.options.perMinute),
      'ratelimit-remaining': String(Math.max(0, this.options.perMinute - (w?.count ?? 0))),
    };
  }
}
