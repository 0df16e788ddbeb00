/**
 * ModernMT translation of any number of segments: split into requests the service takes,
 * throttled to the account's rate, sent with bounded concurrency, results in input order.
 */
import { mapLimit } from '../util/pool';
import { ModernMtError } from './errors';
import type { CallOptions, ModernMtClientOptions, SegmentResult } from './options';
import type { ModernMtTransport } from './transport';
import type { Translation, TranslateOptions } from './types';

/** What translating needs: the transport and how requests are cut. */
export interface Translator {
  readonly transport: ModernMtTransport;
  /** Segments per request (default 128). */
  readonly maxSegments: number;
  /**
   * Characters per request: the service's cap, and under a rate limit at most half the rate, so
   * two requests fit in one second of the service's sliding window (one of 6,000 characters
   * would leave 4,000 of every second unused).
   */
  readonly batchChars: number;
  /** Requests at once (default 4). */
  readonly concurrency: number;
}

export type TranslateEachOptions = TranslateOptions &
  CallOptions & {
    onBatch?: (indexes: readonly number[], results: readonly SegmentResult[]) => void | Promise<void>;
  };

export function translatorFor(transport: ModernMtTransport, options: ModernMtClientOptions): Translator {
  return {
    transport,
    maxSegments: options.maxSegments ?? 128,
    batchChars: Math.min(
      options.maxChars ?? 10_000,
      options.charsPerSecond ? Math.floor(options.charsPerSecond / 2) : Infinity,
    ),
    concurrency: options.concurrency ?? 4,
  };
}

/**
 * Translates segments, any number: split into requests of at most `maxSegments` and
 * `maxChars`, throttled to the account's rate, sent with bounded concurrency, results back in
 * input order. Any refused request fails the whole call (see `translateEach` for bulk work).
 */
export async function translate(
  mt: Translator,
  source: string | undefined,
  target: string,
  q: readonly string[],
  options: TranslateOptions & CallOptions = {},
): Promise<Translation[]> {
  const batches = batch(q, mt.maxSegments, mt.batchChars);
  const results = await mapLimit(
    batches,
    mt.concurrency,
    (b) =>
      translateBatch(
        mt,
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
export async function translateEach(
  mt: Translator,
  source: string | undefined,
  target: string,
  q: readonly string[],
  options: TranslateEachOptions = {},
): Promise<SegmentResult[]> {
  const out = new Array<SegmentResult>(q.length);
  const run = async (indexes: readonly number[]): Promise<void> => {
    let results: SegmentResult[];
    try {
      results = (
        await translateBatch(
          mt,
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
  const batches = batch(q, mt.maxSegments, mt.batchChars);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < batches.length && !failure) {
      options.signal?.throwIfAborted();
      await run(batches[next++]!).catch((error: unknown) => void (failure ??= { error }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(mt.concurrency, batches.length) }, worker));
  if (failure) throw failure.error;
  return out;
}

/** One translate request; an answer with a translation missing is an error, not a shifted result. */
async function translateBatch(
  mt: Translator,
  source: string | undefined,
  target: string,
  q: readonly string[],
  options: TranslateOptions & CallOptions,
): Promise<Translation[]> {
  const answered = await mt.transport.rate?.take(
    q.reduce((n, s) => n + s.length, 0),
    options.signal,
  );
  const res = await mt.transport
    .call<Translation[]>(
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
    )
    .finally(answered);
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
