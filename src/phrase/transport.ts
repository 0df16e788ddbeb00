/**
 * HTTP to Phrase TMS over the shared bounded exchange (src/util/http): a dispatcher per request
 * (never the global one), the token only in `Authorization: ApiToken …`, a cap on concurrent
 * requests, and one retry budget per operation that a nested login shares. The login policy:
 * one login per process while the token is valid, again only after a 401 or expiry, obtained
 * outside the request slots (so `concurrency: 1` cannot deadlock), and refused credentials are
 * never sent twice (an account locks after a few wrong passwords).
 */
import { admitServiceUrl, HostRefusedError } from '../util/http/hostPolicy';
import { Outage } from '../util/http/outage';
import { header, httpRequest } from '../util/http/request';
import type { RetryTiming } from '../util/http/retry';
import { RetryBudget } from '../util/http/retry';
import type { Logger } from '../util/logger';
import { redactingLogger, silentLogger } from '../util/logger';
import { holdSecrets } from '../util/redact';
import { Semaphore } from '../util/semaphore';
import { PhraseError } from './errors';
import { buildRequest } from './requests';
import { fromFailure, parseAnswer, toError } from './responses';
import type { CallOptions, PhraseTransportOptions, RawResponse } from './transportOptions';
import type { LoginResponse } from './types';

export type {
  CallOptions,
  PhraseCredentials,
  PhraseTransportOptions,
  RawResponse,
  RetryPolicy,
} from './transportOptions';

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
    return { value: parseAnswer<T>(res, method, path), status: res.status, actionId: res.actionId };
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
    const { headers, body } = buildRequest(url, options, token);
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
