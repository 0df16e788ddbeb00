/** The Phrase TMS emulator's options, fault rules and logged exchanges. */
import type { FaultMatch } from '../common';
import type { UserSeed } from './accounts';
import type { LimitOptions } from './limits';
import type { ProjectSeed } from './model';

export interface EmulatorOptions {
  /** How long a job import takes (jobs are `imported: false` meanwhile). */
  readonly importDelayMs?: number;
  /** How long an export (target file) takes. */
  readonly exportDelayMs?: number;
  /** How long the server works on each request, holding its concurrency slot (default 0). */
  readonly latencyMs?: number;
  /** Token lifetime (the real one: 24 h, SUP-AUTH). */
  readonly tokenTtlMs?: number;
  /** Requests of one user served at once before answering 429 (default 10). */
  readonly maxConcurrent?: number;
  /** Quotas: per minute, the organisation's ApiLimitReached, Retry-After or not (limits.ts). */
  readonly limits?: LimitOptions;
  /** Users; `twoFactorCodes`: the account uses two-factor authentication (accounts.ts). */
  readonly users?: readonly UserSeed[];
  readonly projects?: readonly ProjectSeed[];
  /**
   * Which action id header responses carry: the legacy `memsource-action-id` (default, CAPT), the
   * current `phrase-action-id`, or both (phrase-tms-behaviour.md "Authentication and identity").
   */
  readonly actionIdHeader?: 'memsource' | 'phrase' | 'both';
  /** Dates as the service writes them, `2023-11-10T18:13:51+0000` (CAPT), not RFC 3339. */
  readonly phraseDates?: boolean;
  /** Absent values as explicit `null`s, as the service sends them (CAPT), instead of left out. */
  readonly explicitNulls?: boolean;
}

/** A rule of fault injection; the first matching rule with budget left applies. */
export interface FaultRule extends FaultMatch {
  /**
   * `status`: answer with an error; `drop`: close the connection unanswered; `drop-after`: do the
   * work, then close the connection unanswered (the client cannot know it happened);
   * `malformed`: a truncated JSON body; `delay`: answer late; `expire-tokens`: every token
   * expires before this request is handled.
   */
  readonly kind: 'status' | 'drop' | 'drop-after' | 'malformed' | 'delay' | 'expire-tokens';
  readonly status?: number;
  readonly errorCode?: string;
  /** Seconds; left out: no Retry-After header. */
  readonly retryAfter?: number;
  readonly delayMs?: number;
}

export interface Exchange {
  /** When the request arrived (epoch ms). */
  readonly at: number;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or the raw text of other bodies. */
  readonly requestBody: unknown;
  readonly status: number;
  readonly responseHeaders: Record<string, string>;
  readonly responseBody: unknown;
  /** An injected fault (what a proxy or a failing node would send), not an answer of the API. */
  readonly injected?: boolean;
}
