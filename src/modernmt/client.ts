/**
 * ModernMT on undici (not the `modernmt` npm package: no base URL, timeout, cancellation or
 * dispatcher, UTF-8 corruption across chunks, crashes on odd error bodies; see
 * shared/reference/modernmt-api.md). Every call is a POST with `X-HTTP-Method-Override`; the
 * envelope `{status, data}` / `{status, error}` decides, the HTTP status is the fallback.
 */
import type { Dispatcher } from 'undici';
import { FormData, Response, request } from 'undici';
import { backoffDelay, retryAfterMs, sleep } from '../util/backoff';
import type { Logger } from '../util/logger';
import { redactingLogger, silentLogger } from '../util/logger';
import { mapLimit } from '../util/pool';
import { Semaphore } from '../util/semaphore';
import { version } from '../version';
import { ModernMtError } from './errors';
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
  readonly retries?: number;
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  readonly headersTimeoutMs?: number;
  readonly bodyTimeoutMs?: number;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export class ModernMtClient {
  readonly baseUrl: string;
  private readonly limiter: Semaphore;
  private readonly log: Logger;

  constructor(private readonly options: ModernMtClientOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://api.modernmt.com').replace(/\/+$/, '');
    if (!/^https?:\/\//.test(this.baseUrl)) throw new TypeError(`ModernMT base URL must be http(s): ${options.baseUrl}`);
    if (!options.apiKey) throw new TypeError('a ModernMT API key is required');
    this.limiter = new Semaphore(options.concurrency ?? 4);
    this.log = redactingLogger(options.logger ?? silentLogger, () => [options.apiKey]);
  }

  /** One call: POST + override verb, envelope decoded, retried on 429/5xx/network errors only. */
  async call<T>(verb: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: Record<string, unknown> | FormData, options: CallOptions = {}): Promise<T> {
    const retries = this.options.retries ?? 4;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.limiter.run(() => this.once<T>(verb, path, body, options));
      } catch (e) {
        if (options.signal?.aborted) throw options.signal.reason;
        const err = ModernMtError.is(e) ? e : new ModernMtError(0, 'NetworkError', (e as Error).message, verb, path);
        if (!err.retryable || attempt >= retries) throw err;
        const backoff = this.options.backoff ?? { baseMs: 1000, maxMs: 30_000 };
        const ms = err.retryAfterMs ?? backoffDelay(attempt, backoff);
        this.log.warn(`${err.message}; retry ${attempt + 1} in ${ms} ms`);
        await sleep(ms, options.signal);
      }
    }
  }

  private async once<T>(verb: string, path: string, body: Record<string, unknown> | FormData | undefined, options: CallOptions): Promise<T> {
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
    const res = await request(this.baseUrl + path, {
      method: 'POST',
      headers,
      body: payload,
      dispatcher: this.options.dispatcher,
      headersTimeout: this.options.headersTimeoutMs ?? 30_000,
      bodyTimeout: this.options.bodyTimeoutMs ?? 120_000,
      signal: options.signal,
    });
    // Decoded once, whole: a multi-byte character split across chunks stays intact.
    const text = await res.body.text();
    this.log.debug(`POST ${path} (${verb}) → ${res.statusCode} in ${Math.round(performance.now() - started)} ms`);
    let envelope: { status?: unknown; data?: unknown; error?: { type?: unknown; message?: unknown } } | undefined;
    try {
      envelope = JSON.parse(text);
    } catch {
      envelope = undefined;
    }
    const status = typeof envelope?.status === 'number' ? envelope.status : res.statusCode;
    if (envelope && status >= 200 && status < 300) return envelope.data as T;
    const type = typeof envelope?.error?.type === 'string' ? envelope.error.type : envelope ? 'UnknownException' : 'InvalidResponse';
    const message = typeof envelope?.error?.message === 'string' ? envelope.error.message : envelope ? `HTTP ${res.statusCode}` : `not a ModernMT response: ${text.replace(/\s+/g, ' ').slice(0, 100)}`;
    throw new ModernMtError(status >= 400 ? status : res.statusCode, type, message, verb, path, retryAfterMs(res.headers['retry-after']));
  }

  /**
   * Translates segments, any number: split into requests of at most `maxSegments` and
   * `maxChars`, sent with bounded concurrency, results back in input order.
   */
  async translate(source: string | undefined, target: string, q: readonly string[], options: TranslateOptions & CallOptions = {}): Promise<Translation[]> {
    const batches = batch(q, this.options.maxSegments ?? 128, this.options.maxChars ?? 10_000);
    const results = await mapLimit(
      batches,
      this.options.concurrency ?? 4,
      (b) =>
        this.call<Translation[]>(
          'GET',
          '/translate',
          {
            source,
            target,
            q: b.map((i) => q[i]!),
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
        ),
      options.signal,
    );
    const out = new Array<Translation>(q.length);
    batches.forEach((b, k) => b.forEach((index, j) => (out[index] = toTranslation(results[k]![j]!))));
    return out;
  }

  languages(options: CallOptions = {}): Promise<string[]> {
    return this.call<string[]>('GET', '/translate/languages', undefined, options);
  }

  /** Context vectors of `text` for each target language. */
  async contextVector(source: string, targets: readonly string[], text: string, options: CallOptions & { hints?: ReadonlyArray<string | number>; limit?: number } = {}): Promise<Record<string, string>> {
    const res = await this.call<{ vectors: Record<string, string> }>('GET', '/context-vector', { source, targets, text, hints: options.hints, limit: options.limit }, options);
    return res.vectors;
  }

  listMemories(options: CallOptions = {}): Promise<Memory[]> {
    return this.call<Memory[]>('GET', '/memories', undefined, options);
  }

  getMemory(id: number | string, options: CallOptions = {}): Promise<Memory> {
    return this.call<Memory>('GET', `/memories/${encodeURIComponent(String(id))}`, undefined, options);
  }

  createMemory(name: string, description?: string, options: CallOptions = {}): Promise<Memory> {
    return this.call<Memory>('POST', '/memories', { name, description }, options);
  }

  editMemory(id: number | string, changes: { name?: string; description?: string }, options: CallOptions = {}): Promise<Memory> {
    return this.call<Memory>('PUT', `/memories/${encodeURIComponent(String(id))}`, changes, options);
  }

  deleteMemory(id: number | string, options: CallOptions = {}): Promise<Memory> {
    return this.call<Memory>('DELETE', `/memories/${encodeURIComponent(String(id))}`, undefined, options);
  }

  /** Adds one translation pair to a memory. */
  addToMemory(id: number | string, pair: { source: string; target: string; sentence: string; translation: string; tuid?: string }, options: CallOptions = {}): Promise<ImportJob> {
    return this.call<ImportJob>('POST', `/memories/${encodeURIComponent(String(id))}/content`, pair, options);
  }

  /** Replaces the pair with this `tuid`. */
  replaceInMemory(id: number | string, pair: { tuid: string; source: string; target: string; sentence: string; translation: string }, options: CallOptions = {}): Promise<ImportJob> {
    return this.call<ImportJob>('PUT', `/memories/${encodeURIComponent(String(id))}/content`, pair, options);
  }

  /** Imports a TMX file (gzipped or not) into a memory: one request for any number of pairs. */
  importTmx(id: number | string, tmx: Uint8Array, options: CallOptions & { gzip?: boolean; filename?: string } = {}): Promise<ImportJob> {
    const form = new FormData();
    form.append('tmx', new Blob([tmx], { type: 'application/octet-stream' }), options.filename ?? (options.gzip ? 'locale-loop.tmx.gz' : 'locale-loop.tmx'));
    if (options.gzip) form.append('compression', 'gzip');
    return this.call<ImportJob>('POST', `/memories/${encodeURIComponent(String(id))}/content`, form, options);
  }

  getImportJob(uuid: string, options: CallOptions = {}): Promise<ImportJob> {
    return this.call<ImportJob>('GET', `/import-jobs/${encodeURIComponent(uuid)}`, undefined, options);
  }

  /** Polls an import job until its progress reaches 1. */
  async waitForImport(uuid: string, options: CallOptions & { baseMs?: number; timeoutMs?: number } = {}): Promise<ImportJob> {
    const deadline = Date.now() + (options.timeoutMs ?? 600_000);
    for (let attempt = 0; ; attempt++) {
      const job = await this.getImportJob(uuid, options);
      if (job.progress >= 1) return job;
      if (Date.now() > deadline) throw new ModernMtError(0, 'ImportTimeout', `import job ${uuid} did not finish in time (progress ${job.progress})`, 'GET', `/import-jobs/${uuid}`);
      await sleep(Math.max(50, backoffDelay(attempt, { baseMs: options.baseMs ?? 500, maxMs: 5000, random: () => 0.5 + Math.random() / 2 })), options.signal);
    }
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
