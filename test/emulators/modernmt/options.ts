/** The ModernMT emulator's options, fault rules and exchange log entries (server.ts re-exports them). */
import type { FaultMatch } from '../common';
import type { TagMode } from './engine';

export interface MmtEmulatorOptions {
  readonly apiKey?: string;
  readonly importDelayMs?: number;
  readonly maxSegments?: number;
  readonly maxChars?: number;
  readonly languages?: readonly string[];
  /** Ways the engine gets tags, whitespace and ICU wrong (engine.ts); none by default. */
  readonly tagModes?: readonly TagMode[];
  /** The account's rate: more characters than this in one second answer 429 (default: unlimited). */
  readonly charsPerSecond?: number;
  /** Requests with the same `project_id`, sentence and target are billed once (default false). */
  readonly billOncePerProject?: boolean;
  /** Characters one segment may have (the open-source engine: 5,000); a longer one answers 400. */
  readonly maxSegmentChars?: number;
}

export interface MmtFault extends FaultMatch {
  /** `short`: a translate answer with one translation fewer than the segments sent; `drop-after`: the request is carried out, the answer lost. */
  readonly kind: 'status' | 'drop' | 'html' | 'no-error' | 'delay' | 'split-utf8' | 'short' | 'drop-after';
  readonly status?: number;
  readonly type?: string;
  readonly retryAfter?: number;
  readonly delayMs?: number;
}

export interface MmtExchange {
  readonly path: string;
  /** The override verb as sent (case kept), or the real method. */
  readonly verb: string;
  readonly headers: Record<string, string | string[] | undefined>;
  /** JSON body, or multipart fields (files as `{ filename, size }`). */
  readonly body: Record<string, unknown>;
  readonly status: number;
  readonly response: unknown;
  /** Time the emulator spent on the request, from its first byte to the end of the answer. */
  readonly serverMs?: number;
}

/** The languages the emulator translates into unless `languages` says otherwise. */
export const supported = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt-BR',
  'pt-PT',
  'pl',
  'ar',
  'ja',
  'zh-CN',
  'zh-TW',
  'ko',
  'nl',
  'sv',
  'cs',
  'tr',
  'uk',
  'he',
  'fi',
  'da',
  'ru',
];

/** Why a translate query is over the service's limits (modernmt-api.md, translate), or undefined. */
export function queryLimitMessage(
  segments: readonly string[],
  chars: number,
  options: MmtEmulatorOptions,
): string | undefined {
  if (segments.length > (options.maxSegments ?? 128)) {
    return `Invalid value for parameter q: too many segments (max ${options.maxSegments ?? 128})`;
  }
  if (chars > (options.maxChars ?? 10_000)) {
    return `Invalid value for parameter q: max query length of ${options.maxChars ?? 10_000} exceeded`;
  }
  const long = segments.find((s) => s.length > (options.maxSegmentChars ?? Infinity));
  if (long !== undefined) {
    return `Invalid value for parameter q: '${long.slice(0, 10)}...' (max query length of ${options.maxSegmentChars} exceeded)`;
  }
  return undefined;
}
