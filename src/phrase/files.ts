/**
 * Files of Phrase TMS jobs: a new source version up, a target file down.
 */
import type { PhraseApi } from './api';
import { waitForAsync } from './asyncRequests';
import { PhraseError } from './errors';
import type { UpdateSourceResponse } from './types';
import { asciiJson, contentDisposition, enc, filenameFrom } from './wire';

export interface DownloadedFile {
  readonly bytes: Buffer;
  /** From `Content-Disposition`; untrusted (never used as a path without checks). */
  readonly filename?: string;
}

export interface UpdateSourceInput {
  projectUid: string;
  jobUids: readonly string[];
  bytes: Uint8Array;
  filename: string;
  callbackUrl?: string;
  signal?: AbortSignal;
}

/**
 * Uploads a new version of the source file for existing jobs (all in the first workflow step,
 * none completed, continuous or split) and waits for the import.
 */
export async function updateSource(api: PhraseApi, input: UpdateSourceInput): Promise<UpdateSourceResponse> {
  const res = await api.transport.call<UpdateSourceResponse>(
    'POST',
    `/api2/v1/projects/${enc(input.projectUid)}/jobs/source`,
    {
      bytes: input.bytes,
      headers: {
        'content-disposition': contentDisposition(input.filename),
        memsource: asciiJson({ jobs: input.jobUids.map((uid) => ({ uid })), callbackUrl: input.callbackUrl }),
      },
      // Re-sending the same source is harmless: the jobs end up with the same content.
      retry: 'safe',
      signal: input.signal,
    },
  );
  if (res.asyncRequest) await waitForAsync(api, res.asyncRequest.id, { signal: input.signal });
  return res;
}

/**
 * Target file of a job: request an export, wait for it, download it. Each export id works
 * once, so a download whose answer was lost asks for a new export rather than resending the
 * id (which answers 410); one retry budget covers the whole operation.
 */
export async function downloadTargetFile(
  api: PhraseApi,
  projectUid: string,
  jobUid: string,
  signal?: AbortSignal,
): Promise<DownloadedFile> {
  const base = `/api2/v2/projects/${enc(projectUid)}/jobs/${enc(jobUid)}`;
  const budget = api.transport.budget();
  for (;;) {
    const started = await api.transport.call<{ asyncRequest: { id: string } }>('PUT', `${base}/targetFile`, {
      signal,
      budget,
    });
    await waitForAsync(api, started.asyncRequest.id, { signal });
    try {
      const res = await api.transport.send('GET', `${base}/downloadTargetFile/${enc(started.asyncRequest.id)}`, {
        query: { format: 'ORIGINAL' },
        signal,
        retry: 'never',
        budget,
      });
      return { bytes: res.body, filename: filenameFrom(res.headers['content-disposition']) };
    } catch (e) {
      const delay = PhraseError.is(e) && e.retryReason ? budget.next(e.retryReason, e.retryAfter) : undefined;
      if (!delay) throw e;
      await budget.wait(delay, signal);
    }
  }
}
