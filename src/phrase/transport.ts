/**
 * HTTP to Phrase TMS on undici: a dispatcher per request (never the global one), explicit
 * timeouts, the token sent as `Authorization: ApiToken …` (never in the query string), one
 * re-login and retry on 401, bounded retries with backoff only where retrying is safe, and a cap
 * on concurrent requests. Every call is logged at debug level with its action id, secrets redacted.
 */
import type { Dispatcher } from 'undici';
import { request } from 'undici';
import { backoffDelay, retryAfterMs, sleep } from '../util/backoff';
import type { Logger } from '../util/logger';
import { redactingLogger, silentLogger } from '../util/logger';
import { Semaphore } from '../util/semaphore';
import { productName, version } from '../version';
import { PhraseError } from './errors';
import type { LoginResponse } from './types';

export type PhraseCredentials =
  | { readonly token: string; readonly expires?: string }
  | { readonly userName: string; readonly password: string; readonly code?: string; readonly userUid?: string };

export interface PhraseTransportOptions {
  /** `https://cloud.memsource.com/web`, `https://us.cloud.memsource.com/web`, or an emulator. */
  readonly baseUrl: string;
  readonly credentials: PhraseCredentials;
  readonly dispatcher?: Dispatcher;
  readonly logger?: Logger;
  /** Concurrent requests toward Phrase TMS (default 4). */
  readonly concurrency?: number;
  /** Retries of a retryable failure (default 5). */
  readonly retries?: number;
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  /** Waiting for response headers / the whole body (defaults 30 s / 120 s; undici's are 300 s). */
  readonly headersTimeoutMs?: number;
  readonly bodyTimeoutMs?: number;
  /** Called when a login produced a new token (the extension stores it in SecretStorage). */
  readonly onToken?: (token: string, expires: string) => void;
}

/** When a failed call may be sent again. */
export type RetryPolicy =
  /** Reads and idempotent writes: retry on 429, 5xx, ApiLimitReached and dropped connections. */
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
}

export interface RawResponse {
  /** The token the request was sent with (internal: decides whether a 401 invalidates it). */
  readonly token?: string;
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  readonly actionId?: string;
}

const userAgent = `${productName}/${version} (VS Code extension and CLI; https://github.com/locale-loop)`;

export class PhraseTransport {
  readonly baseUrl: string;
  private token?: { value: string; expiresAt: number };
  private login?: Promise<string>;
  private readonly limiter: Semaphore;
  private readonly log: Logger;

  constructor(private readonly options: PhraseTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    if (!/^https?:\/\//.test(this.baseUrl)) throw new TypeError(`Phrase TMS base URL must be http(s): ${options.baseUrl}`);
    this.limiter = new Semaphore(options.concurrency ?? 4);
    this.log = redactingLogger(options.logger ?? silentLogger, () => this.secrets());
    if ('token' in options.credentials) {
      const expires = options.credentials.expires ? Date.parse(options.credentials.expires) : Number.POSITIVE_INFINITY;
      this.token = { value: options.credentials.token, expiresAt: Number.isNaN(expires) ? Number.POSITIVE_INFINITY : expires };
    }
  }

  /** Every secret this transport knows, for redaction. */
  secrets(): string[] {
    const c = this.options.credentials;
    return [this.token?.value, 'token' in c ? c.token : c.password, 'code' in c ? c.code : undefined].filter((s): s is string => !!s);
  }

  /** A valid token: the cached one, or a fresh login (one at a time, shared by concurrent calls). */
  async ensureToken(signal?: AbortSignal): Promise<string> {
    // Renew a minute early: a token that expires mid-request fails that request.
    if (this.token && this.token.expiresAt - 60_000 > Date.now()) return this.token.value;
    return (this.login ??= this.doLogin(signal).finally(() => (this.login = undefined)));
  }

  private async doLogin(signal?: AbortSignal): Promise<string> {
    const c = this.options.credentials;
    if ('token' in c) {
      throw new PhraseError(401, 'AuthUnauthorized', 'the API token has expired: sign in again or set a new PHRASE_TMS_TOKEN', undefined, 'POST', '/api2/v3/auth/login');
    }
    const res = await this.call<LoginResponse>('POST', '/api2/v3/auth/login', {
      json: { userName: c.userName, password: c.password, code: c.code, userUid: c.userUid },
      anonymous: true,
      signal,
    });
    const expiresAt = Date.parse(res.expires);
    this.token = { value: res.token, expiresAt: Number.isNaN(expiresAt) ? Date.now() + 23 * 3600_000 : expiresAt };
    this.log.info(`signed in to Phrase TMS as ${res.user.userName}; token valid until ${res.expires}`);
    this.options.onToken?.(res.token, res.expires);
    return res.token;
  }

  /** A JSON call: parses the body (empty for 204). */
  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const res = await this.send(method, path, options);
    if (res.body.length === 0) return undefined as T;
    try {
      return JSON.parse(res.body.toString('utf8')) as T;
    } catch {
      throw new PhraseError(res.status, 'MalformedResponse', `the response is not JSON: ${snippet(res.body)}`, res.actionId, method, path);
    }
  }

  /** Any call: retries per policy, renews the token once on 401, throws `PhraseError`. */
  async send(method: string, path: string, options: CallOptions = {}): Promise<RawResponse> {
    const retries = options.retry === 'never' ? 0 : (this.options.retries ?? 5);
    let reauthenticated = false;
    for (let attempt = 0; ; attempt++) {
      let res: RawResponse;
      try {
        res = await this.limiter.run(() => this.once(method, path, options));
      } catch (e) {
        if (options.signal?.aborted) throw options.signal.reason;
        // undici refusing the request itself (a header value it will not send) is our fault, not the network's: never retried.
        if ((e as { code?: unknown }).code === 'UND_ERR_INVALID_ARG') throw new PhraseError(0, 'InvalidRequest', `the request was not sent: ${(e as Error).message}`, undefined, method, path);
        const err = PhraseError.is(e) ? e : new PhraseError(0, 'NetworkError', (e as Error).message, undefined, method, path);
        if (attempt < retries) {
          await this.pause(attempt, undefined, err, options.signal);
          continue;
        }
        throw err;
      }
      if (res.status < 400) return res;
      const err = toError(res, method, path);
      if (res.status === 401 && !options.anonymous && !reauthenticated && !('token' in this.options.credentials)) {
        // Tokens die on UI logout and after 24 h: log in once more and repeat the call once.
        reauthenticated = true;
        // Concurrent calls may see the same 401: only the first discards the token they all used.
        if (this.token?.value === res.token) this.token = undefined;
        this.log.info(`Phrase TMS answered 401 to ${method} ${path}; signing in again`);
        await this.ensureToken(options.signal);
        attempt--;
        continue;
      }
      if (err.retryable && attempt < retries) {
        await this.pause(attempt, res.headers['retry-after'], err, options.signal);
        continue;
      }
      throw err;
    }
  }

  private async pause(attempt: number, retryAfter: string | string[] | undefined, err: PhraseError, signal?: AbortSignal): Promise<void> {
    const backoff = this.options.backoff ?? { baseMs: 1000, maxMs: 60_000 };
    // Honour Retry-After; else exponential backoff with full jitter.
    const ms = retryAfterMs(retryAfter) ?? backoffDelay(attempt, backoff);
    this.log.warn(`${err.message}; retry ${attempt + 1} in ${ms} ms`);
    await sleep(ms, signal);
  }

  private async once(method: string, path: string, options: CallOptions): Promise<RawResponse> {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, item);
      else url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = { 'user-agent': userAgent, accept: 'application/json', ...options.headers };
    const token = options.anonymous ? undefined : await this.ensureToken(options.signal);
    if (token) headers.authorization = `ApiToken ${token}`;
    let body: string | Uint8Array | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.bytes) {
      headers['content-type'] = 'application/octet-stream';
      body = options.bytes;
    }
    const started = performance.now();
    const res = await request(url, {
      method: method as Dispatcher.HttpMethod,
      headers,
      body,
      dispatcher: this.options.dispatcher,
      headersTimeout: this.options.headersTimeoutMs ?? 30_000,
      bodyTimeout: this.options.bodyTimeoutMs ?? 120_000,
      signal: options.signal,
    });
    // Always consume the body, or undici keeps the connection busy.
    const buf = Buffer.from(await res.body.arrayBuffer());
    // The legacy header and the current one (phrase-tms-behaviour.md): either may be present.
    const actionId = header(res.headers['memsource-action-id']) ?? header(res.headers['phrase-action-id']);
    this.log.debug(`${method} ${url.pathname}${url.search} → ${res.statusCode} in ${Math.round(performance.now() - started)} ms${actionId ? ` (action id ${actionId})` : ''}`);
    return { token, status: res.statusCode, headers: res.headers, body: buf, actionId };
  }
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function snippet(body: Buffer): string {
  const text = body.toString('utf8').replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** `{errorCode, errorDescription}` bodies become PhraseErrors; anything else keeps its status. */
function toError(res: RawResponse, method: string, path: string): PhraseError {
  let code = `HTTP${res.status}`;
  let description = '';
  try {
    const body = JSON.parse(res.body.toString('utf8')) as { errorCode?: string; errorDescription?: string };
    if (body && typeof body.errorCode === 'string') code = body.errorCode;
    if (body && typeof body.errorDescription === 'string') description = body.errorDescription;
  } catch {
    description = snippet(res.body);
  }
  if (res.status === 429 && code === `HTTP429`) code = 'TooManyRequests';
  return new PhraseError(res.status, code, description, res.actionId, method, path);
}
