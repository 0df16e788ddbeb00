/**
 * What every Phrase TMS operation module works with: the transport and the client's polling
 * defaults, and the walk over a paged list. Its own module so the operation modules never
 * import the client that composes them.
 */
import type { PollOptions } from '../util/http/poll';
import type { PhraseTransport } from './transport';
import type { Page } from './types';

export interface PhraseApi {
  readonly transport: PhraseTransport;
  /** The client's polling defaults; a call's own options win. */
  readonly poll: Omit<PollOptions, 'signal'>;
}

/** Phrase's maximum page size. */
const pageSize = 50;

/** Every item of a paged list (`pageNumber` from 0, `pageSize` 50, until `totalPages`). */
export async function listAll<T>(
  api: PhraseApi,
  path: string,
  query: Record<string, string | number | boolean | readonly string[] | undefined>,
  signal?: AbortSignal,
): Promise<T[]> {
  const out: T[] = [];
  for (let pageNumber = 0; ; pageNumber++) {
    const page = await api.transport.call<Page<T>>('GET', path, {
      query: { ...query, pageNumber, pageSize },
      signal,
    });
    for (const item of page.content) out.push(item); // no spread: a page's size is the server's word
    if (pageNumber + 1 >= page.totalPages || page.content.length === 0) return out;
  }
}
