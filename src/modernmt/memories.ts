/**
 * ModernMT memories: create, read, change, delete, add or replace a pair, import a TMX file,
 * and follow an import job. Writes that may not be repeated are sent `unsafe` (never re-sent
 * after an unknown outcome).
 */
import { FormData } from 'undici';
import { poll } from '../util/http/poll';
import { ModernMtError } from './errors';
import type { CallOptions } from './options';
import type { ModernMtTransport } from './transport';
import type { ImportJob, Memory } from './types';

export function listMemories(transport: ModernMtTransport, options: CallOptions = {}): Promise<Memory[]> {
  return transport.call<Memory[]>('GET', '/memories', undefined, options);
}

export function getMemory(
  transport: ModernMtTransport,
  id: number | string,
  options: CallOptions = {},
): Promise<Memory> {
  return transport.call<Memory>('GET', `/memories/${encodeURIComponent(String(id))}`, undefined, options);
}

export function createMemory(
  transport: ModernMtTransport,
  name: string,
  description?: string,
  options: CallOptions = {},
): Promise<Memory> {
  return transport.call<Memory>('POST', '/memories', { name, description }, { ...options, unsafe: true });
}

export function editMemory(
  transport: ModernMtTransport,
  id: number | string,
  changes: { name?: string; description?: string },
  options: CallOptions = {},
): Promise<Memory> {
  return transport.call<Memory>('PUT', `/memories/${encodeURIComponent(String(id))}`, changes, options);
}

export function deleteMemory(
  transport: ModernMtTransport,
  id: number | string,
  options: CallOptions = {},
): Promise<Memory> {
  return transport.call<Memory>('DELETE', `/memories/${encodeURIComponent(String(id))}`, undefined, options);
}

/** Adds one translation pair to a memory. */
export function addToMemory(
  transport: ModernMtTransport,
  id: number | string,
  pair: { source: string; target: string; sentence: string; translation: string; tuid?: string },
  options: CallOptions = {},
): Promise<ImportJob> {
  return transport.call<ImportJob>('POST', `/memories/${encodeURIComponent(String(id))}/content`, pair, {
    ...options,
    unsafe: true,
  });
}

/** Replaces the pair with this `tuid`. */
export function replaceInMemory(
  transport: ModernMtTransport,
  id: number | string,
  pair: { tuid: string; source: string; target: string; sentence: string; translation: string },
  options: CallOptions = {},
): Promise<ImportJob> {
  return transport.call<ImportJob>('PUT', `/memories/${encodeURIComponent(String(id))}/content`, pair, options);
}

/** Imports a TMX file (gzipped or not) into a memory: one request for any number of pairs. */
export function importTmx(
  transport: ModernMtTransport,
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
  return transport.call<ImportJob>('POST', `/memories/${encodeURIComponent(String(id))}/content`, form, {
    ...options,
    unsafe: true,
  });
}

export function getImportJob(
  transport: ModernMtTransport,
  uuid: string,
  options: CallOptions = {},
): Promise<ImportJob> {
  return transport.call<ImportJob>('GET', `/import-jobs/${encodeURIComponent(uuid)}`, undefined, options);
}

/** Polls an import job until its progress reaches 1. */
export function waitForImport(
  transport: ModernMtTransport,
  uuid: string,
  options: CallOptions & { baseMs?: number; timeoutMs?: number } = {},
): Promise<ImportJob> {
  return poll(
    async () => {
      const job = await getImportJob(transport, uuid, options);
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
