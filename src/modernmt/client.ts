/**
 * ModernMT on undici (not the `modernmt` npm package: no base URL, timeout, cancellation or
 * dispatcher, UTF-8 corruption across chunks, crashes on odd error bodies; see
 * shared/reference/modernmt-api.md). Every call is a POST with `X-HTTP-Method-Override`; the
 * envelope `{status, data}` / `{status, error}` decides, the HTTP status is the fallback.
 */
import type { Dispatcher } from 'undici';
import { FormData, Response } from 'undici';
import type { HostGate } from '../util/http/hostPolicy';
import { admitServiceUrl, HostRefusedError } from '../util/http/hostPolicy';
import { Outage } from '../util/http/outage';
import { poll } from '../util/http/poll';
import { header, HttpFailure, httpRequest } from '../util/http/request';
import type { RetryTiming } from '../util/http/retry';
import { RetryBudget } from '../util/http/retry';
import { shapeError } from '../util/http/shape';
import type { Logger } from '../util/logger';
import { redactingLogger, silentLogger } from '../util/logger';
import { mapLimit } from '../util/pool';
import { holdSecrets, redact } from '../util/redact';
import { Semaphore } from '../util/semaphore';
import { version } from '../version';
import { ModernMtError } from './errors';
import { CharRateLimiter } from './rateLimiter';
import { modernMtShapeFor } from './shapes';
import type { ImportJob, Memory, Translation, TranslateOptions } from './types';

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
const MB = 1024 * 1024;

export class ModernMtClient {
  readonly baseUrl: string;
  private readonly limiter: Semaphore;
  private readonly log: Logger;
  /** Throttles translate requests to the account's character rate. */
  readonly rate?: CharRateLimiter;
  /**
   * Characters per request: the service's cap, and under a rate limit at most half the rate, so
   * two requests fit in one second of the service's sliding window (one of 6,000 characters
   * would leave 4,000 of every second unused).
   */
  private readonly batchChars: number;
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
    this.batchChars = Math.min(
      options.maxChars ?? 10_000,
      options.charsPerSecond ? Math.floor(options.charsPerSecond / 2) : Infinity,
    );
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
    // Decoded once, whole: a multi-byte character split across chunks stays intact.
    const text = res.body.toString('utf8');
    this.log.debug(`POST ${path} (${verb}) → ${res.status} in ${Math.round(performance.now() - started)} ms`);
    let envelope: { status?: unknown; data?: unknown; error?: { type?: unknown; message?: unknown } } | undefined;
    try {
      envelope = JSON.parse(text);
    } catch {
      envelope = undefined;
    }
    const retryAfter = header(res.headers['retry-after']);
    const status = typeof envelope?.status === 'number' ? envelope.status : res.status;
    if (envelope && typeof envelope === 'object' && status >= 200 && status < 300) {
      const shape = modernMtShapeFor(verb, path);
      const wrong = shape && shapeError(envelope.data, shape, 'data');
      if (wrong) {
        throw new ModernMtError(
          res.status,
          'UnexpectedResponse',
          wrong,
          verb,
          path,
          undefined,
          'ModernMT sent an answer without the fields Locale Loop needs (is the base URL a ModernMT server?).',
        );
      }
      return envelope.data as T;
    }
    const type =
      typeof envelope?.error?.type === 'string'
        ? envelope.error.type
        : envelope
          ? 'UnknownException'
          : 'InvalidResponse';
    // A server may echo what it was sent (the key): never let it into a message.
    const message = redact(
      typeof envelope?.error?.message === 'string'
        ? envelope.error.message
        : envelope
          ? `HTTP ${res.status}`
          : `not a ModernMT response: ${text.slice(0, 4096).replace(/\s+/g, ' ').slice(0, 100)}`,
    ).slice(0, 500);
    throw new ModernMtError(status >= 400 ? status : res.status, type, message, verb, path, retryAfter);
  }

  /**
   * Translates segments, any number: split into requests of at most `maxSegments` and
   * `maxChars`, throttled to the account's rate, sent with bounded concurrency, results back in
   * input order. Any refused request fails the whole call (see `translateEach` for bulk work).
   */
  async translate(
    source: string | undefined,
    target: string,
    q: readonly string[],
    options: TranslateOptions & CallOptions = {},
  ): Promise<Translation[]> {
    const batches = batch(q, this.options.maxSegments ?? 128, this.batchChars);
    const results = await mapLimit(
      batches,
      this.options.concurrency ?? 4,
      (b) =>
        this.translateBatch(
          source,
          target,
          b.map((i) => q[i]!),
          options,
        ),
      options.signal,
    );
    const out = new Array<Translation>(q.length);
    batches.forEach((b, k) => b.forEach((index, j) => (out[index] = results[k]![j]!)));
    return out;
  }

  /**
   * Bulk translation: like `translate`, but a request the service refuses as invalid (400: a
   * segment too long, say) is split in halves until the segment it cannot take is alone, and
   * that one is reported while the others go on; `onBatch` sees each batch as soon as it is
   * back, so the caller can keep (write) what was already paid for.
   */
  async translateEach(
    source: string | undefined,
    target: string,
    q: readonly string[],
    options: TranslateOptions &
      CallOptions & {
        onBatch?: (indexes: readonly number[], results: readonly SegmentResult[]) => void | Promise<void>;
      } = {},
  ): Promise<SegmentResult[]> {
    const out = new Array<SegmentResult>(q.length);
    const run = async (indexes: readonly number[]): Promise<void> => {
      let results: SegmentResult[];
      try {
        results = (
          await this.translateBatch(
            source,
            target,
            indexes.map((i) => q[i]!),
            options,
          )
        ).map((translation) => ({ ok: true as const, translation }));
      } catch (e) {
        if (!ModernMtError.is(e) || e.status !== 400 || e.type === 'UnsupportedLanguageException') throw e;
        if (indexes.length > 1) {
          const half = Math.ceil(indexes.length / 2);
          await run(indexes.slice(0, half));
          await run(indexes.slice(half));
          return;
        }
        results = [{ ok: false, reason: `ModernMT refused it: ${e.description}` }];
      }
      indexes.forEach((index, j) => (out[index] = results[j]!));
      await options.onBatch?.(indexes, results);
    };
    // After a failure no new request starts, and the ones in flight finish (and are kept) first.
    const batches = batch(q, this.options.maxSegments ?? 128, this.batchChars);
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async () => {
      while (next < batches.length && !failure) {
        options.signal?.throwIfAborted();
        await run(batches[next++]!).catch((error: unknown) => void (failure ??= { error }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 4, batches.length) }, worker));
    if (failure) throw failure.error;
    return out;
  }

  /** One translate request; an answer with a translation missing is an error, not a shifted result. */
  private async translateBatch(
    source: string | undefined,
    target: string,
    q: readonly string[],
    options: TranslateOptions & CallOptions,
  ): Promise<Translation[]> {
    const answered = await this.rate?.take(
      q.reduce((n, s) => n + s.length, 0),
      options.signal,
    );
    const res = await this.call<Translation[]>(
      'GET',
      '/translate',
      {
        source,
        target,
        q,
        hints: options.hints,
        context_vector: options.contextVector,
        priority: options.priority,
        project_id: options.projectId,
        multiline: options.multiline,
        timeout: options.timeoutMs,
        format: options.format,
        alt_translations: options.altTranslations,
      },
      options,
    ).finally(answered);
    if (!Array.isArray(res) || res.length !== q.length || res.some((t) => typeof t?.translation !== 'string')) {
      throw new ModernMtError(
        200,
        'InvalidResponse',
        `ModernMT answered ${Array.isArray(res) ? res.length : 'no list of'} translations for ${q.length} segments; nothing of this request was used`,
        'GET',
        '/translate',
      );
    }
    return res.map(toTranslation);
  }

  languages(options: CallOptions = {}): Promise<string[]> {
    return this.call<string[]>('GET', '/translate/languages', undefined, options);
  }

  /** Context vectors of `text` for each target language. */
  async contextVector(
    source: string,
    targets: readonly string[],
    text: string,
    options: CallOptions & { hints?: ReadonlyArray<string | number>; limit?: number } = {},
  ): Promise<Record<string, string>> {
    const res = await this.call<{ vectors: Record<string, string> }>(
      'GET',
      '/context-vector',
      { source, targets, text, hints: options.hints, limit: options.limit },
      options,
    );
    return res.vectors;
  }

  listMemories(options: CallOptions = {}): Promise<Memory[]> {
    return this.call<Memory[]>('GET', '/memories', undefined, options);
  }

  getMemory(id: number | string, options: CallOptions = {}): Promise<Memory> {
    return this.call<Memory>('GET', `/memories/${encodeURIComponent(String(id))}`, undefined, options);
  }

  createMemory(name: string, description?: string, options: CallOptions = {}): Promise<Memory> {
    return this.call<Memory>('POST', '/memories', { name, description }, { ...options, unsafe: true });
  }

  editMemory(
    id: number | string,
    changes: { name?: string; description?: string },
    options: CallOptions = {},
  ): Promise<Memory> {
    return this.call<Memory>('PUT', `/memories/${encodeURIComponent(String(id))}`, changes, options);
  }

  deleteMemory(id: number | string, options: CallOptions = {}): Promise<Memory> {
    return this.call<Memory>('DELETE', `/memories/${encodeURIComponent(String(id))}`, undefined, options);
  }

  /** Adds one translation pair to a memory. */
  addToMemory(
    id: number | string,
    pair: { source: string; target: string; sentence: string; translation: string; tuid?: string },
    options: CallOptions = {},
  ): Promise<ImportJob> {
    return this.call<ImportJob>('POST', `/memories/${encodeURIComponent(String(id))}/content`, pair, {
      ...options,
      unsafe: true,
    });
  }

  /** Replaces the pair with this `tuid`. */
  replaceInMemory(
    id: number | string,
    pair: { tuid: string; source: string; target: string; sentence: string; translation: string },
    options: CallOptions = {},
  ): Promise<ImportJob> {
    return this.call<ImportJob>('PUT', `/memories/${encodeURIComponent(String(id))}/content`, pair, options);
  }

  /** Imports a TMX file (gzipped or not) into a memory: one request for any number of pairs. */
  importTmx(
    id: number | string,
    tmx: Uint8Array,
    options: CallOptions & { gzip?: boolean; filename?: string } = {},
  ): Promise<ImportJob> {
    const form = new FormData();
    form.append(
      'tmx',
      new Blob([tmx], { type: 'application/octet-stream' }),
      options.filename ?? (options.gzip ? 'locale-loop.tmx.gz' : 'locale-loop.tmx'),
    );
    if (options.gzip) form.append('compression', 'gzip');
    return this.call<ImportJob>('POST', `/memories/${encodeURIComponent(String(id))}/content`, form, {
      ...options,
      unsafe: true,
    });
  }

  getImportJob(uuid: string, options: CallOptions = {}): Promise<ImportJob> {
    return this.call<ImportJob>('GET', `/import-jobs/${encodeURIComponent(uuid)}`, undefined, options);
  }

  /** Polls an import job until its progress reaches 1. */
  waitForImport(uuid: string, options: CallOptions & { baseMs?: number; timeoutMs?: number } = {}): Promise<ImportJob> {
    return poll(
      async () => {
        const job = await this.getImportJob(uuid, options);
        return job.progress >= 1 ? { done: true as const, value: job } : { done: false as const, state: job };
      },
      (job) =>
        new ModernMtError(
          0,
          'ImportTimeout',
          `import job ${uuid} did not finish in time (progress ${job.progress})`,
          'GET',
          `/import-jobs/${uuid}`,
        ),
      options,
    );
  }
}

/** The declared fields only (the service adds others, such as `billed`). */
function toTranslation(t: Translation): Translation {
  const out: { -readonly [K in keyof Translation]: Translation[K] } = { translation: t.translation };
  if (t.characters !== undefined) out.characters = t.characters;
  if (t.billedCharacters !== undefined) out.billedCharacters = t.billedCharacters;
  if (t.detectedLanguage !== undefined) out.detectedLanguage = t.detectedLanguage;
  if (t.contextVector !== undefined) out.contextVector = t.contextVector;
  if (t.altTranslations !== undefined) out.altTranslations = t.altTranslations;
  return out;
}

/**
 * Splits segment indexes into batches of at most `maxSegments` and `maxChars` characters (a
 * single longer segment goes alone: the service decides about it).
 */
export function batch(q: readonly string[], maxSegments: number, maxChars: number): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let chars = 0;
  q.forEach((text, i) => {
    if (current.length > 0 && (current.length >= maxSegments || chars + text.length > maxChars)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(i);
    chars += text.length;
  });
  if (current.length > 0) out.push(current);
  return out;
}

/** A failed exchange (no usable answer) as a ModernMtError with a sentence first. */
function fromFailure(e: unknown, verb: string, path: string): ModernMtError {
  if (!HttpFailure.is(e)) {
    return new ModernMtError(
      0,
      'LocalError',
      redact((e as Error)?.message ?? String(e)),
      verb,
      path,
      undefined,
      'Locale Loop could not send the request to ModernMT.',
    );
  }
  const message = redact(e.message);
  switch (e.kind) {
    case 'network':
      return new ModernMtError(0, 'NetworkError', message, verb, path, undefined, 'ModernMT could not be reached.');
    case 'deadline':
      return new ModernMtError(0, 'Timeout', message, verb, path, undefined, 'ModernMT did not answer in time.');
    case 'too-large':
      return new ModernMtError(
        0,
        'ResponseTooLarge',
        message,
        verb,
        path,
        undefined,
        'ModernMT sent an answer larger than Locale Loop accepts.',
      );
    case 'redirect':
      return new ModernMtError(
        e.status ?? 0,
        'Redirect',
        message,
        verb,
        path,
        undefined,
        'ModernMT answered with a redirect, which Locale Loop does not follow: check modernmt.baseUrl (https://api.modernmt.com).',
      );
    case 'local':
      return new ModernMtError(
        0,
        'LocalError',
        message,
        verb,
        path,
        undefined,
        'Locale Loop could not send the request to ModernMT (not retried: it would fail the same way).',
      );
  }
}
