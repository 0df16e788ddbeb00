/**
 * How the ModernMT client is configured and called, in a module of its own so the transport,
 * the translate and memory modules and the client share these shapes without importing each other.
 */
import type { Dispatcher } from 'undici';
import type { HostGate } from '../util/http/hostPolicy';
import type { RetryTiming } from '../util/http/retry';
import type { Logger } from '../util/logger';
import type { Translation } from './types';

export interface ModernMtClientOptions {
  readonly apiKey: string;
  /** Default `https://api.modernmt.com`. */
  readonly baseUrl?: string;
  readonly dispatcher?: Dispatcher;
  readonly logger?: Logger;
  /** Requests at once (default 4). */
  readonly concurrency?: number;
  /** Segments and characters per translate request (defaults 128 and 10,000). */
  readonly maxSegments?: number;
  readonly maxChars?: number;
  /** The account's rate: translate requests are throttled to it (default: unthrottled). */
  readonly charsPerSecond?: number;
  /** Retries of a retryable failure per call (default 4); `retryTiming.retries` wins. */
  readonly retries?: number;
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  readonly retryTiming?: Partial<RetryTiming>;
  /** Idle timeouts: waiting for response headers / for each body chunk (defaults 30 s / 60 s). */
  readonly headersTimeoutMs?: number;
  readonly bodyTimeoutMs?: number;
  /** The whole of one request (default 120 s). */
  readonly requestTimeoutMs?: number;
  /** Bytes read at most from one answer (default 32 MB). */
  readonly maxResponseBytes?: number;
  /** Who may receive the key when the base URL is not a known ModernMT host. */
  readonly hostGate?: HostGate;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /**
   * Not idempotent (create a memory, add content): after an unknown outcome (no answer, 5xx) it
   * is not sent again, since it may have taken effect; the caller checks first. 429 is retried.
   */
  readonly unsafe?: boolean;
}

/** One segment of a bulk translation: its translation, or why the engine refused it. */
export type SegmentResult =
  { readonly ok: true; readonly translation: Translation } | { readonly ok: false; readonly reason: string };
