/**
 * What a ModernMT answer means: the envelope `{status, data}` / `{status, error}` decides, the
 * HTTP status is the fallback; a failed exchange becomes a ModernMtError with a sentence first.
 * Nothing a server echoes (the key) reaches a message unredacted.
 */
import type { HttpResponse } from '../util/http/request';
import { header, HttpFailure } from '../util/http/request';
import { shapeError } from '../util/http/shape';
import { redact } from '../util/redact';
import { ModernMtError } from './errors';
import { modernMtShapeFor } from './shapes';

/** The `data` of a successful envelope, shape-checked for this endpoint; anything else throws. */
export function decodeAnswer<T>(res: HttpResponse, verb: string, path: string): T {
  // Decoded once, whole: a multi-byte character split across chunks stays intact.
  const text = res.body.toString('utf8');
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
    typeof envelope?.error?.type === 'string' ? envelope.error.type : envelope ? 'UnknownException' : 'InvalidResponse';
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

/** A failed exchange (no usable answer) as a ModernMtError with a sentence first. */
export function fromFailure(e: unknown, verb: string, path: string): ModernMtError {
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
