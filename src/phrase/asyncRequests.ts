/**
 * Phrase TMS async requests (imports, exports): read one, or poll it until it has an answer.
 */
import type { PollOptions } from '../util/http/poll';
import { poll } from '../util/http/poll';
import type { PhraseApi } from './api';
import { PhraseError } from './errors';
import type { AsyncRequest } from './types';
import { enc } from './wire';

export function getAsync(api: PhraseApi, id: string, signal?: AbortSignal): Promise<AsyncRequest> {
  return api.transport.call<AsyncRequest>('GET', `/api2/v1/async/${enc(id)}`, { signal });
}

/** Polls an async request with backoff until `asyncResponse` is set; its errorCode throws. */
export async function waitForAsync(api: PhraseApi, id: string, options: PollOptions = {}): Promise<AsyncRequest> {
  const o = { ...api.poll, ...options };
  const path = `/api2/v1/async/${id}`;
  const req = await poll(
    async () => {
      const r = await getAsync(api, id, o.signal);
      return r.asyncResponse ? { done: true as const, value: r } : { done: false as const, state: r };
    },
    (last) =>
      new PhraseError(
        0,
        'AsyncTimeout',
        `async request ${id} (${last.action ?? ''}) did not finish in time`,
        undefined,
        'GET',
        path,
      ),
    o,
  );
  if (req.asyncResponse?.errorCode) {
    throw new PhraseError(
      200,
      req.asyncResponse.errorCode,
      req.asyncResponse.errorDesc ?? `async request ${id} (${req.action ?? 'unknown action'}) failed`,
      undefined,
      'GET',
      path,
    );
  }
  return req;
}
