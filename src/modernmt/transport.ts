/**
 * HTTP to ModernMT over the shared bounded exchange (src/util/http). Every call is a POST with
 * `X-HTTP-Method-Override`, the key only in `MMT-ApiKey`, a cap on concurrent requests, and one
 * retry budget per call; a 429 also pauses the account's character rate for every request.
 */
import { FormData, Response } from 'undici';
import { admitServiceUrl, HostRefusedError } from '../util/http/hostPolicy';
import { Outage } from '../util/http/outage';
import { httpRequest } from '../util/http/request';
import type { RetryTiming } from '../util/http/retry';
import { RetryBudget } from '../util/http/retry';
import type { Logger } from '../util/logger';
import { redactingLogger, silentLogger } from '../util/logger';
import { holdSecrets } from '../util/redact';
import { Semaphore } from '../util/semaphore';
import { version } from '../version';
import { decodeAnswer, fromFailure } from './answers';
import { ModernMtError } from './errors';
import type { CallOptions, ModernMtClientOptions } from './options';
import { CharRateLimiter } from './rateLimiter';

const MB = 1024 * 1024;

export class ModernMtTransport {
  readonly baseUrl: string;
  private readonly limiter: Semaphore;
  private readonly log: Logger;
  /** Throttles translate requests to the account's character rate. */
  readonly rate?: CharRateLimiter;
  private readonly timing: Partial<RetryTiming>;
  private admitted?: Promise<void>;
  private readonly outage = new Outage();

  constructor(private readonly options: ModernMtClientOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://api.modernmt.com').replace(/\/+$/, '');
    if (!/^https?:\/\//.test(this.baseUrl)) {
      throw new TypeError(`ModernMT base URL must be http(s): ${options.baseUrl}`);
    }
    if (!options.apiKey) throw new TypeError('a ModernMT API key is required');
    holdSecrets(options.apiKey);
    this.limiter = new Semaphore(options.concurrency ?? 4);
    this.log = redactingLogger(options.logger ?? silentLogger, () => [options.apiKey]);
    if (options.charsPerSecond) this.rate = new CharRateLimiter(options.charsPerSecond);
    this.timing = {
      retries: options.retries ?? 4,
      ...(options.backoff ? { baseMs: options.backoff.baseMs, maxMs: options.backoff.maxMs } : {}),
      ...options.retryTiming,
    };
  }

  /** One call: POST + override verb, envelope decoded, retried on 429/5xx/network errors only, within one budget. */
  async call<T>(
    verb: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: Record<string, unknown> | FormData,
    options: CallOptions = {},
  ): Promise<T> {
    const budget = new RetryBudget(this.timing);
    const down = this.outage.current();
    if (down && ModernMtError.is(down)) {
      throw new ModernMtError(
        down.status,
        down.type,
        down.description,
        verb,
        path,
        undefined,
        `Not sent: ModernMT failed every retry of another request a moment ago (${down.summary ?? down.type}); try again in a minute.`,
      );
    }
    for (;;) {
      try {
        const data = await this.limiter.run(() => this.once<T>(verb, path, body, options, budget));
        this.outage.clear();
        return data;
      } catch (e) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (HostRefusedError.is(e)) throw e;
        const err = ModernMtError.is(e) ? e : fromFailure(e, verb, path);
        // Not idempotent: after an unknown outcome it may have taken effect, so only a 429 (refused
        // before anything was done) is sent again; the caller checks before anything else.
        const retryable = err.retryReason !== undefined && !(options.unsafe && err.status !== 429);
        const delay = retryable ? budget.next(err.retryReason!, err.retryAfter) : undefined;
        // The whole budget went on server faults: spare the next requests the same wait.
        if (!delay && err.retryReason === 'server' && budget.retriesUsed > 0) this.outage.record(err);
        if (!delay) throw err;
        // Over the account's rate: every translate request waits, not just this one.
        if (err.status === 429) this.rate?.pause(delay.ms);
        this.log.warn(`${err.message}; retrying (${delay.note})`);
        await budget.wait(delay, options.signal);
      }
    }
  }

  private async once<T>(
    verb: string,
    path: string,
    body: Record<string, unknown> | FormData | undefined,
    options: CallOptions,
    budget: RetryBudget,
  ): Promise<T> {
    const url = new URL(this.baseUrl + path);
    // Before the key leaves: only over https, to a known host or one the user allowed.
    await (this.admitted ??= admitServiceUrl('ModernMT', url.href, this.options.hostGate));
    const headers: Record<string, string> = {
      'x-http-method-override': verb,
      'mmt-apikey': this.options.apiKey,
      'mmt-platform': 'locale-loop',
      'mmt-platformversion': version,
    };
    let payload: string | Buffer | undefined;
    if (body instanceof FormData) {
      // Sent as bytes, not as a FormData: inside VS Code the global dispatcher is the host's own
      // undici (its proxy support), which does not know this bundle's FormData class and reads it
      // as an empty source ("Cannot read properties of null (reading 'byteLength')").
      const encoded = new Response(body);
      headers['content-type'] = encoded.headers.get('content-type')!;
      payload = Buffer.from(await encoded.arrayBuffer());
    } else {
      headers['content-type'] = 'application/json';
      // null/undefined fields are left out, as the official clients do.
      payload = JSON.stringify(body ?? {}, (_k, v: unknown) => (v === null ? undefined : v));
    }
    const started = performance.now();
    const res = await httpRequest({
      url,
      method: 'POST',
      headers,
      body: payload,
      dispatcher: this.options.dispatcher,
      signal: options.signal,
      headersTimeoutMs: this.options.headersTimeoutMs ?? 30_000,
      bodyTimeoutMs: this.options.bodyTimeoutMs ?? 60_000,
      deadlineMs: Math.max(1000, Math.min(this.options.requestTimeoutMs ?? 120_000, budget.remainingMs())),
      maxBytes: this.options.maxResponseBytes ?? 32 * MB,
    });
    this.log.debug(`POST ${path} (${verb}) → ${res.status} in ${Math.round(performance.now() - started)} ms`);
    return decodeAnswer<T>(res, verb, path);
  }
}
