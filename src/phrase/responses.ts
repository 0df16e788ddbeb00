/**
 * What a Phrase TMS answer means: the JSON of a success checked against the fields the client
 * reads, and every failure (an error body, or no usable answer) as a PhraseError whose summary
 * a person understands. Nothing a server echoes reaches a message unredacted.
 */
import { header, HttpFailure } from '../util/http/request';
import { shapeError } from '../util/http/shape';
import { redact } from '../util/redact';
import { PhraseError } from './errors';
import { phraseShapeFor } from './shapes';
import type { RawResponse } from './transportOptions';

/** The JSON of a successful answer (empty for 204), shape-checked for this endpoint. */
export function parseAnswer<T>(res: RawResponse, method: string, path: string): T {
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
      summary: 'Phrase TMS sent an answer without the fields Locale Loop needs (is the base URL a Phrase TMS server?).',
    });
  }
  return value as T;
}

/** A failed exchange (no usable answer) as a PhraseError with a sentence first. */
export function fromFailure(e: unknown, method: string, path: string): PhraseError {
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
export function toError(res: RawResponse, method: string, path: string): PhraseError {
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
