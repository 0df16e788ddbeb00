/**
 * The shapes the Phrase TMS transport is configured and called with, in a module of their own
 * so the client's operation modules and the transport share them without importing each other.
 */
import type { Dispatcher } from 'undici';
import type { HostGate } from '../util/http/hostPolicy';
import type { RetryBudget, RetryTiming } from '../util/http/retry';
import type { Logger } from '../util/logger';
import type { PhraseError } from './errors';

export type PhraseCredentials =
  | { readonly token: string; readonly expires?: string }
  | { readonly userName: string; readonly password: string; readonly code?: string; readonly userUid?: string };

export interface PhraseTransportOptions {
  /** `https://cloud.memsource.com/web`, `https://us.cloud.memsource.com/web`, or an emulator. */
  readonly baseUrl: string;
  readonly credentials: PhraseCredentials;
  /** A token from an earlier sign-in with these credentials: used until it expires, then a login. */
  readonly initialToken?: { readonly token: string; readonly expires?: string };
  readonly dispatcher?: Dispatcher;
  readonly logger?: Logger;
  /** Concurrent requests toward Phrase TMS (default 4). */
  readonly concurrency?: number;
  /** Retries of a retryable failure per operation (default 5); `retryTiming.retries` wins. */
  readonly retries?: number;
  /** Backoff of server errors (defaults 1 s … 30 s); `retryTiming` wins. */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  readonly retryTiming?: Partial<RetryTiming>;
  /** Idle timeouts: waiting for response headers / for each body chunk (defaults 30 s / 60 s). */
  readonly headersTimeoutMs?: number;
  readonly bodyTimeoutMs?: number;
  /** The whole of one request, from connect to the last byte (default 120 s). */
  readonly requestTimeoutMs?: number;
  /** Bytes read at most from a file download (default 256 MB) and from a JSON answer (default 32 MB). */
  readonly maxResponseBytes?: number;
  readonly maxJsonBytes?: number;
  /** Who may receive the credentials when the base URL is not a known Phrase TMS host. */
  readonly hostGate?: HostGate;
  /** Called when a login produced a new token (the extension stores it in SecretStorage). */
  readonly onToken?: (token: string, expires: string) => void;
  /** A two-factor code works once: a later login asks here for a fresh one (the editor prompts). */
  readonly twoFactorCode?: () => Promise<string | undefined>;
  /** Called once when Phrase refuses the credentials (the editor forgets a stored password). */
  readonly onCredentialsRefused?: (error: PhraseError) => void;
}

/** When a failed call may be sent again. */
export type RetryPolicy =
  /** Reads and idempotent writes: retry on 429, 5xx, a quota with Retry-After, and lost connections. */
  | 'safe'
  /** Never resend (a job-create that may have reached the server): the caller checks first. */
  | 'never';

export interface CallOptions {
  readonly query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  readonly json?: unknown;
  readonly bytes?: Uint8Array;
  readonly headers?: Record<string, string>;
  readonly retry?: RetryPolicy;
  readonly signal?: AbortSignal;
  /** Send no Authorization header (login). */
  readonly anonymous?: boolean;
  /** The operation's retry budget, when the call is one step of a larger operation. */
  readonly budget?: RetryBudget;
}

export interface RawResponse {
  /** The token the request was sent with (internal: decides whether a 401 invalidates it). */
  readonly token?: string;
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  readonly actionId?: string;
}
