/**
 * ModernMT on undici (not the `modernmt` npm package: no base URL, timeout, cancellation or
 * dispatcher, UTF-8 corruption across chunks, crashes on odd error bodies; see
 * shared/reference/modernmt-api.md). This class is the one entry point the other layers use;
 * the exchange lives in transport.ts, translation in translate.ts, memories in memories.ts.
 */
import type { FormData } from 'undici';
import {
  addToMemory,
  createMemory,
  deleteMemory,
  editMemory,
  getImportJob,
  getMemory,
  importTmx,
  listMemories,
  replaceInMemory,
  waitForImport,
} from './memories';
import type { CallOptions, ModernMtClientOptions, SegmentResult } from './options';
import type { CharRateLimiter } from './rateLimiter';
import type { TranslateEachOptions, Translator } from './translate';
import { translate, translateEach, translatorFor } from './translate';
import { ModernMtTransport } from './transport';
import type { ImportJob, Memory, Translation, TranslateOptions } from './types';

export type { CallOptions, ModernMtClientOptions, SegmentResult } from './options';
export { batch } from './translate';

export class ModernMtClient {
  readonly baseUrl: string;
  /** Throttles translate requests to the account's character rate. */
  readonly rate?: CharRateLimiter;
  private readonly transport: ModernMtTransport;
  private readonly translator: Translator;

  constructor(options: ModernMtClientOptions) {
    this.transport = new ModernMtTransport(options);
    this.baseUrl = this.transport.baseUrl;
    this.rate = this.transport.rate;
    this.translator = translatorFor(this.transport, options);
  }

  /** One call: POST + override verb, envelope decoded, retried on 429/5xx/network errors only, within one budget. */
  call<T>(
    verb: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: Record<string, unknown> | FormData,
    options: CallOptions = {},
  ): Promise<T> {
    return this.transport.call<T>(verb, path, body, options);
  }

  /** Translates segments, any number, results in input order; any refused request fails the whole call. */
  translate(
    source: string | undefined,
    target: string,
    q: readonly string[],
    options: TranslateOptions & CallOptions = {},
  ): Promise<Translation[]> {
    return translate(this.translator, source, target, q, options);
  }

  /** Bulk translation: a segment the service refuses is reported alone, the others go on (see translate.ts). */
  translateEach(
    source: string | undefined,
    target: string,
    q: readonly string[],
    options: TranslateEachOptions = {},
  ): Promise<SegmentResult[]> {
    return translateEach(this.translator, source, target, q, options);
  }

  languages(options: CallOptions = {}): Promise<string[]> {
    return this.transport.call<string[]>('GET', '/translate/languages', undefined, options);
  }

  /** Context vectors of `text` for each target language. */
  async contextVector(
    source: string,
    targets: readonly string[],
    text: string,
    options: CallOptions & { hints?: ReadonlyArray<string | number>; limit?: number } = {},
  ): Promise<Record<string, string>> {
    const res = await this.transport.call<{ vectors: Record<string, string> }>(
      'GET',
      '/context-vector',
      { source, targets, text, hints: options.hints, limit: options.limit },
      options,
    );
    return res.vectors;
  }

  listMemories(options: CallOptions = {}): Promise<Memory[]> {
    return listMemories(this.transport, options);
  }

  getMemory(id: number | string, options: CallOptions = {}): Promise<Memory> {
    return getMemory(this.transport, id, options);
  }

  createMemory(name: string, description?: string, options: CallOptions = {}): Promise<Memory> {
    return createMemory(this.transport, name, description, options);
  }

  editMemory(
    id: number | string,
    changes: { name?: string; description?: string },
    options: CallOptions = {},
  ): Promise<Memory> {
    return editMemory(this.transport, id, changes, options);
  }

  deleteMemory(id: number | string, options: CallOptions = {}): Promise<Memory> {
    return deleteMemory(this.transport, id, options);
  }

  /** Adds one translation pair to a memory. */
  addToMemory(
    id: number | string,
    pair: { source: string; target: string; sentence: string; translation: string; tuid?: string },
    options: CallOptions = {},
  ): Promise<ImportJob> {
    return addToMemory(this.transport, id, pair, options);
  }

  /** Replaces the pair with this `tuid`. */
  replaceInMemory(
    id: number | string,
    pair: { tuid: string; source: string; target: string; sentence: string; translation: string },
    options: CallOptions = {},
  ): Promise<ImportJob> {
    return replaceInMemory(this.transport, id, pair, options);
  }

  /** Imports a TMX file (gzipped or not) into a memory: one request for any number of pairs. */
  importTmx(
    id: number | string,
    tmx: Uint8Array,
    options: CallOptions & { gzip?: boolean; filename?: string } = {},
  ): Promise<ImportJob> {
    return importTmx(this.transport, id, tmx, options);
  }

  getImportJob(uuid: string, options: CallOptions = {}): Promise<ImportJob> {
    return getImportJob(this.transport, uuid, options);
  }

  /** Polls an import job until its progress reaches 1. */
  waitForImport(uuid: string, options: CallOptions & { baseMs?: number; timeoutMs?: number } = {}): Promise<ImportJob> {
    return waitForImport(this.transport, uuid, options);
  }
}
