/**
 * HTTP to Phrase TMS over the shared bounded exchange (src/util/http): a dispatcher per request
 * (never the global one), the token only in `Authorization: ApiToken …`, a cap on concurrent
 * requests, and one retry budget per operation that a nested login shares. The login policy:
 * one login per process while the token is valid, again only after a 401 or expiry, obtained
 * outside the request slots (so `concurrency: 1` cannot deadlock), and refused credentials are
 * never sent twice (an account locks after a few wrong passwords).
 */
import type { Dispatcher } from 'undici';
import type { HostGate } from '../util/http/hostPolicy';
import { admitServiceUrl, HostRefusedError } from '../util/http/hostPolicy';
import { Outage } from '../util/http/outage';
import { header, HttpFailure, httpRequest } from '../util/http/request';
import type { RetryTiming } from '../util/http/retry';
import { RetryBudget } from '../util/http/retry';
import { shapeError } from '../util/http/shape';
import type { Logger } from '../util/logger';
import { redactingLogger, silentLogger } from '../util/logger';
import { holdSecrets, redact } from '../util/redact';
import { Semaphore } from '../util/semaphore';
import { productName, version } from '../version';
import { PhraseError } from './errors';
import { phraseShapeFor } from './shapes';
import type { LoginResponse } from './types';

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

const userAgent = `${productName}/${version} (VS Code extension and CLI; https://github.com/locale-loop)`;
const loginPath = '/api2/v3/auth/login';
const MB = 1024 * 1024;

export class PhraseTransport {
  readonly baseUrl: string;
  private token?: { value: string; expiresAt: number };
  private login?: Promise<string>;
  /** The refusal of these credentials: every later login fails with it, unsent. */
  private refusal?: PhraseError;
  private logins = 0;
  private admitted?: Promise<void>;
  private readonly limiter: Semaphore;
  private readonly log: Logger;
  private readonly timing: Partial<RetryTiming>;
  private readonly outage = new Outage();

  constructor(private readonly options: PhraseTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    if (!/^https?:\/\//.test(this.baseUrl)) {
      throw new TypeError(`Phrase TMS base URL must be http(s): ${options.baseUrl}`);
    }
    this.limiter = new Semaphore(options.concurrency ?? 4);
    this.log = redactingLogger(options.logger ?? silentLogger, () => this.secrets());
    const c = options.credentials;
    holdSecrets('token' in c ? c.token : c.password, 'code' in c ? c.code : undefined, options.initialToken?.token);
    const initial = 'token' in c ? c : options.initialToken;
    if (initial) this.token = { value: initial.token, expiresAt: expiry(initial.expires, Number.POSITIVE_INFINITY) };
    this.timing = {
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
      ...(options.backoff ? { baseMs: options.backoff.baseMs, maxMs: options.backoff.maxMs } : {}),
      ...options.retryTiming,
    };
  }

  /** Every secret this transport knows, for redaction. */
  secrets(): string[] {
    const c = this.options.credentials;
    return [this.token?.value, 'token' in c ? c.token : c.password, 'code' in c ? c.code : undefined].filter(
      (s): s is string => !!s,
    );
  }

  /** A fresh retry budget for one operation (a client operation of several calls shares it). */
  budget(): RetryBudget {
    return new RetryBudget(this.timing);
  }

  /**
   * A valid token: the cached one, or a fresh login (one at a time, shared by concurrent calls).
   * Called outside the request slots: a login waiting for a slot that its own caller holds
   * would never get one.
   */
  async ensureToken(signal?: AbortSignal, budget?: RetryBudget): Promise<string> {
    if (this.refusal) throw this.refusal;
    // Renew a minute early: a token that expires mid-request fails that request.
    if (this.token && this.token.expiresAt - 60_000 > Date.now()) return this.token.value;
    return (this.login ??= this.doLogin(signal, budget)
      .then((r) => r.token)
      .finally(() => (this.login = undefined)));
  }

  /** Logs in now with the credentials (the editor's "Sign in" checks them this way), under the same policy. */
  signIn(signal?: AbortSignal): Promise<LoginResponse> {
    if (this.refusal) return Promise.reject(this.refusal);
    return this.doLogin(signal);
  }

  private async doLogin(signal?: AbortSignal, budget?: RetryBudget): Promise<LoginResponse> {
    const c = this.options.credentials;
    if ('token' in c) {
      throw new PhraseError(401, 'AuthUnauthorized', 'the API token has expired', undefined, 'POST', loginPath, {
        summary: 'The Phrase TMS API token has expired or was revoked: sign in again (or set a new PHRASE_TMS_TOKEN).',
      });
    }
    let code = c.code;
    // A two-factor code works once: the first login used it (or an earlier session did).
    if (this.logins > 0 || this.options.initialToken) {
      code = this.options.twoFactorCode ? await this.options.twoFactorCode() : undefined;
    }
    holdSecrets(code);
    let res: LoginResponse;
    try {
      res = await this.call<LoginResponse>('POST', loginPath, {
        json: { userName: c.userName, password: c.password, code, userUid: c.userUid },
        anonymous: true,
        signal,
        budget,
      });
    } catch (e) {
      if (PhraseError.is(e) && (e.status === 401 || (e.status === 403 && e.errorCode.startsWith('Auth')))) {
        const twoFactor = code
          ? ' A two-factor code works only once and for a short time: use a fresh one (the CLI takes it from PHRASE_TMS_2FA_CODE).'
          : ' If the account uses two-factor authentication, a fresh code is needed (PHRASE_TMS_2FA_CODE for the CLI).';
        this.refusal = new PhraseError(e.status, e.errorCode, e.description, e.actionId, e.method, e.path, {
          summary: `Phrase TMS refused the sign-in of ${c.userName}: wrong user name, password or two-factor code. It was tried once and is not retried, so the account is not locked.${twoFactor}`,
        });
        this.options.onCredentialsRefused?.(this.refusal);
        throw this.refusal;
      }
      throw e;
    }
    holdSecrets(res.token);
    this.logins++;
    this.token = { value: res.token, expiresAt: expiry(res.expires, Date.now() + 23 * 3600_000) };
    this.log.info(`signed in to Phrase TMS as ${res.user.userName}; token valid until ${res.expires}`);
    this.options.onToken?.(res.token, res.expires);
    return res;
  }

  /** Revokes the current token (sign-out); the transport logs in again if used later. */
  async logout(signal?: AbortSignal): Promise<void> {
    const token = this.token?.value;
    if (!token) return;
    await this.send('POST', '/api2/v1/auth/logout', { signal, retry: 'never' });
    if (this.token?.value === token) this.token = undefined;
  }

  /** A JSON call: parses the body (empty for 204) and checks the fields the client reads. */
  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    return (await this.callWithResponse<T>(method, path, options)).value;
  }

  /** `call`, also giving the answer's status and action id (for errors the caller words itself). */
  async callWithResponse<T>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<{ value: T; status: number; actionId?: string }> {
    const res = await this.send(method, path, options, this.options.maxJsonBytes ?? 32 * MB);
    return { value: this.parse<T>(res, method, path), status: res.status, actionId: res.actionId };
  }

  private parse<T>(res: RawResponse, method: string, path: string): T {
    if (res.body.length === 0) return undefined as T;
    let value: unknown;
    try {
      value = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new PhraseError(
        res.status,
        'MalformedResponse',
        `the response is not JSON: ${snippet(res.body)}`,
        res.actionId,
        method,
        path,
        {
          summary: 'Phrase TMS sent an answer that is not JSON.',
        },
      );
    }
    const shape = phraseShapeFor(method, path);
    const wrong = shape && shapeError(value, shape);
    if (wrong) {
      throw new PhraseError(res.status, 'UnexpectedResponse', wrong, res.actionId, method, path, {
        summary:
          'Phrase TMS sent an answer without the fields Locale Loop needs (is the base URL a Phrase TMS server?).',
      });
    }
    return value as T;
  }

  /** Any call: retries per policy within one budget, renews the token once on 401, throws `PhraseError`. */
  async send(
    method: string,
    path: string,
    options: CallOptions = {},
    maxBytes = this.options.maxResponseBytes ?? 256 * MB,
  ): Promise<RawResponse> {
    const budget = options.budget ?? this.budget();
    const down = this.outage.current();
    if (down && PhraseError.is(down)) {
      throw new PhraseError(down.status, down.errorCode, down.description, down.actionId, method, path, {
        summary: `Not sent: Phrase TMS failed every retry of another request a moment ago (${down.summary ?? down.errorCode}); try again in a minute.`,
      });
    }
    let reauthenticated = false;
    for (;;) {
      // Outside the slot (see ensureToken); the login spends from this operation's budget.
      const token = options.anonymous ? undefined : await this.ensureToken(options.signal, budget);
      let res: RawResponse;
      try {
        res = await this.limiter.run(() => this.once(method, path, options, token, maxBytes, budget));
      } catch (e) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (HostRefusedError.is(e)) throw e;
        const err = fromFailure(e, method, path);
        if (await this.retry(err, options, budget)) continue;
        throw err;
      }
      if (res.status < 400) {
        this.outage.clear();
        return res;
      }
      const err = toError(res, method, path);
      if (res.status === 401 && !options.anonymous && !reauthenticated && !('token' in this.options.credentials)) {
        // Tokens die on UI logout and after 24 h: log in once more and repeat the call once.
        reauthenticated = true;
        // Concurrent calls may see the same 401: only the first discards the token they all used.
        if (this.token?.value === res.token) this.token = undefined;
        this.log.info(`Phrase TMS answered 401 to ${method} ${path}; signing in again`);
        continue;
      }
      if (await this.retry(err, options, budget)) continue;
      throw err;
    }
  }

  /** Waits before another attempt when the policy and the budget allow one; false otherwise. */
  private async retry(err: PhraseError, options: CallOptions, budget: RetryBudget): Promise<boolean> {
    const reason = err.retryReason;
    if (options.retry === 'never' || !reason) return false;
    const delay = budget.next(reason, err.retryAfter);
    if (!delay) {
      // The whole budget went on server faults: spare the next requests the same wait.
      if (reason === 'server' && budget.retriesUsed > 0) this.outage.record(err);
      return false;
    }
    this.log.warn(`${err.message}; retrying (${delay.note})`);
    await budget.wait(delay, options.signal);
    return true;
  }

  private async once(
    method: string,
    path: string,
    options: CallOptions,
    token: string | undefined,
    maxBytes: number,
    budget: RetryBudget,
  ): Promise<RawResponse> {
    const url = new URL(this.baseUrl + path);
    // Before the first byte leaves: credentials go only where the user meant (https, known host).
    await (this.admitted ??= admitServiceUrl('Phrase TMS', url.href, this.options.hostGate));
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, item);
      else url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = { 'user-agent': userAgent, accept: 'application/json', ...options.headers };
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
    const res = await httpRequest({
      url,
      method,
      headers,
      body,
      dispatcher: this.options.dispatcher,
      signal: options.signal,
      headersTimeoutMs: this.options.headersTimeoutMs ?? 30_000,
      bodyTimeoutMs: this.options.bodyTimeoutMs ?? 60_000,
      // Never past the operation's deadline, never below a second.
      deadlineMs: Math.max(1000, Math.min(this.options.requestTimeoutMs ?? 120_000, budget.remainingMs())),
      maxBytes,
    });
    const actionId = header(res.headers['phrase-action-id']) ?? header(res.headers['memsource-action-id']);
    this.log.debug(
      `${method} ${url.pathname}${url.search} → ${res.status} in ${Math.round(performance.now() - started)} ms${actionId ? ` (action id ${actionId})` : ''}`,
    );
    return { token, status: res.status, headers: res.headers, body: res.body, actionId };
  }
}

function expiry(expires: string | undefined, fallback: number): number {
  if (!expires) return fallback;
  // Phrase writes `+0000`; Date.parse wants `+00:00`.
  const t = Date.parse(expires.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? fallback : t;
}

/** A failed exchange (no usable answer) as a PhraseError with a sentence first. */
function fromFailure(e: unknown, method: string, path: string): PhraseError {
  if (PhraseError.is(e)) return e;
  if (!HttpFailure.is(e)) {
    return new PhraseError(0, 'LocalError', redact((e as Error)?.message ?? String(e)), undefined, method, path, {
      summary: 'Locale Loop could not send the request to Phrase TMS.',
    });
  }
  const message = redact(e.message);
  switch (e.kind) {
    case 'network':
      return new PhraseError(0, 'NetworkError', message, undefined, method, path, {
        summary: 'Phrase TMS could not be reached.',
      });
    case 'deadline':
      return new PhraseError(0, 'Timeout', message, undefined, method, path, {
        summary: 'Phrase TMS did not answer in time.',
      });
    case 'too-large':
      return new PhraseError(0, 'ResponseTooLarge', message, undefined, method, path, {
        summary: 'Phrase TMS sent an answer larger than Locale Loop accepts.',
      });
    case 'redirect':
      return new PhraseError(e.status ?? 0, 'Redirect', message, undefined, method, path, {
        summary:
          'Phrase TMS answered with a redirect, which Locale Loop does not follow: check phrase.baseUrl (e.g. https://cloud.memsource.com/web).',
      });
    case 'local':
      return new PhraseError(0, 'LocalError', message, undefined, method, path, {
        summary: 'Locale Loop could not send the request to Phrase TMS (not retried: it would fail the same way).',
      });
  }
}

function snippet(body: Buffer): string {
  const text = redact(body.subarray(0, 4096).toString('utf8')).replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** `{errorCode, errorDescription}` bodies become PhraseErrors; anything else keeps its status. */
function toError(res: RawResponse, method: string, path: string): PhraseError {
  let code = `HTTP${res.status}`;
  let description = '';
  try {
    const body = JSON.parse(res.body.toString('utf8')) as { errorCode?: unknown; errorDescription?: unknown };
    if (body && typeof body.errorCode === 'string') code = body.errorCode;
    if (body && typeof body.errorDescription === 'string') description = body.errorDescription;
  } catch {
    description = snippet(res.body);
  }
  if (res.status === 429 && code === `HTTP429`) code = 'TooManyRequests';
  // A server may echo what it was sent (a token, a password): never let it into a message.
  description = redact(description);
  if (description.length > 500) description = `${description.slice(0, 500)}…`;
  const retryAfter = header(res.headers['retry-after']);
  const summary =
    code === 'ApiLimitReached' && retryAfter === undefined
      ? 'Phrase TMS says the API quota of this account is used up (ApiLimitReached), so Locale Loop stopped instead of retrying: wait for the quota to reset (a minute, or a day on some editions) and run again, lower phrase.concurrency, or ask your Phrase TMS administrator about the limit.'
      : undefined;
  return new PhraseError(res.status, code, description, res.actionId, method, path, { summary, retryAfter });
}
