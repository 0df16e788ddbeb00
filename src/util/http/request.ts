/**
 * One HTTP exchange on undici, bounded in every dimension a hostile server controls: an overall
 * deadline (undici's timeouts are idle timeouts: a byte every few seconds resets them), a cap
 * on the bytes read, and no redirect followed. Failures say which kind they are, so callers retry
 * a network fault but never a local error such as a header undici refuses.
 */
import type { Dispatcher, FormData } from 'undici';
import { request } from 'undici';

export interface HttpRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array | FormData;
  readonly dispatcher?: Dispatcher;
  readonly signal?: AbortSignal;
  /** Waiting for the response headers, and for each chunk of the body (idle timeouts). */
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  /** The whole exchange, from connect to the last byte. */
  readonly deadlineMs: number;
  /** Bytes of body read at most; beyond, the exchange fails (and the connection is dropped). */
  readonly maxBytes: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

export type HttpFailureKind =
  /** No answer: refused, reset, DNS, idle timeout. Worth a retry. */
  | 'network'
  /** The overall deadline passed. Worth a retry (the budget bounds it). */
  | 'deadline'
  /** The body was larger than allowed. Not retried: it would be as large again. */
  | 'too-large'
  /** A 3xx answer: an API never redirects a client that uses it right. Not retried. */
  | 'redirect'
  /** The request could not even be sent (a header undici refuses, a bad URL). Not retried. */
  | 'local';

export class HttpFailure extends Error {
  readonly kind: HttpFailureKind;
  /** The HTTP status, when an answer came (3xx). */
  readonly status?: number;
  readonly location?: string;

  constructor(
    kind: HttpFailureKind,
    message: string,
    extra: { status?: number; location?: string; cause?: unknown } = {},
  ) {
    super(message, extra.cause !== undefined ? { cause: extra.cause } : undefined);
    this.name = 'HttpFailure';
    this.kind = kind;
    this.status = extra.status;
    this.location = extra.location;
  }

  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'deadline';
  }

  static is(e: unknown): e is HttpFailure {
    return e instanceof HttpFailure;
  }
}

/** Error codes of sockets and undici that mean "the network failed", not "we asked wrongly". */
const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_INFO',
]);

function codeOf(e: unknown): string | undefined {
  for (
    let x = e as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    x && depth < 4;
    x = x.cause as typeof x, depth++
  ) {
    if (typeof x.code === 'string') return x.code;
  }
  return undefined;
}

/** Sends one request and reads its whole body within the limits; throws `HttpFailure` or the caller's abort reason. */
export async function httpRequest(r: HttpRequest): Promise<HttpResponse> {
  const deadline = new AbortController();
  const onCallerAbort = () => deadline.abort(r.signal!.reason);
  if (r.signal?.aborted) throw r.signal.reason;
  r.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const deadlineError = new HttpFailure('deadline', `no complete answer within ${Math.round(r.deadlineMs / 1000)} s`);
  const timer = setTimeout(() => deadline.abort(deadlineError), Math.min(r.deadlineMs, 2 ** 31 - 1));
  const fail = (e: unknown): never => {
    if (r.signal?.aborted) throw r.signal.reason;
    if (deadline.signal.aborted && deadline.signal.reason === deadlineError) throw deadlineError;
    if (HttpFailure.is(e)) throw e;
    const code = codeOf(e);
    const message = (e as Error)?.message ?? String(e);
    if (code && networkCodes.has(code)) throw new HttpFailure('network', `${message} (${code})`, { cause: e });
    throw new HttpFailure('local', `the request could not be sent: ${message}${code ? ` (${code})` : ''}`, {
      cause: e,
    });
  };
  try {
    let res: Dispatcher.ResponseData;
    try {
      res = await request(r.url, {
        method: r.method as Dispatcher.HttpMethod,
        headers: r.headers,
        body: r.body,
        dispatcher: r.dispatcher,
        headersTimeout: r.headersTimeoutMs,
        bodyTimeout: r.bodyTimeoutMs,
        signal: deadline.signal,
      });
    } catch (e) {
      return fail(e);
    }
    if (res.statusCode >= 300 && res.statusCode < 400) {
      discard(res.body);
      const location = header(res.headers.location);
      throw new HttpFailure(
        'redirect',
        `answered with a redirect (HTTP ${res.statusCode}${location ? ` to ${location}` : ''}), which is not followed`,
        { status: res.statusCode, location },
      );
    }
    const declared = Number(header(res.headers['content-length']));
    if (declared > r.maxBytes) {
      discard(res.body);
      throw tooLarge(r.maxBytes, declared);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > r.maxBytes) {
          discard(res.body);
          throw tooLarge(r.maxBytes);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (e) {
      return fail(e);
    }
    return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks, size) };
  } finally {
    clearTimeout(timer);
    r.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/** Drops a body unread; undici reports the abort as an 'error' event, which must not go unheard. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

function tooLarge(max: number, declared?: number): HttpFailure {
  const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  return new HttpFailure(
    'too-large',
    `the answer is larger than the ${mb(max)} allowed${declared !== undefined ? ` (${mb(declared)} announced)` : ''}; raise the limit if this is expected`,
  );
}

export function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
