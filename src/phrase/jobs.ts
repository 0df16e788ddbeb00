/**
 * Phrase TMS jobs once they exist: list, read, progress counts, status changes, and waiting
 * for their import.
 */
import { poll } from '../util/http/poll';
import type { PhraseApi } from './api';
import { listAll } from './api';
import { PhraseError } from './errors';
import type { JobPart, JobStatus, SegmentsCounts } from './types';
import { enc } from './wire';

export interface JobFilter {
  readonly status?: readonly JobStatus[];
  readonly targetLang?: string;
  readonly filename?: string;
  readonly workflowLevel?: number;
}

export function listJobs(
  api: PhraseApi,
  projectUid: string,
  filter: JobFilter = {},
  signal?: AbortSignal,
): Promise<JobPart[]> {
  return listAll<JobPart>(
    api,
    `/api2/v2/projects/${enc(projectUid)}/jobs`,
    {
      status: filter.status,
      targetLang: filter.targetLang,
      filename: filter.filename,
      workflowLevel: filter.workflowLevel,
    },
    signal,
  );
}

export function getJob(api: PhraseApi, projectUid: string, jobUid: string, signal?: AbortSignal): Promise<JobPart> {
  return api.transport.call<JobPart>('GET', `/api2/v1/projects/${enc(projectUid)}/jobs/${enc(jobUid)}`, { signal });
}

/** Segment and word counts per job (progress), 100 jobs per call. */
export async function segmentsCount(
  api: PhraseApi,
  projectUid: string,
  jobUids: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, SegmentsCounts>> {
  const out = new Map<string, SegmentsCounts>();
  for (let i = 0; i < jobUids.length; i += 100) {
    const res = await api.transport.call<{
      segmentsCountsResults?: Array<{ jobPartUid: string; counts: SegmentsCounts }>;
    }>(
      'POST',
      `/api2/v1/projects/${enc(projectUid)}/jobs/segmentsCount`,
      // A read, though sent as POST: safe to repeat.
      { json: { jobs: jobUids.slice(i, i + 100).map((uid) => ({ uid })) }, retry: 'safe', signal },
    );
    for (const r of res.segmentsCountsResults ?? []) out.set(r.jobPartUid, r.counts);
  }
  return out;
}

/** Sets a job's status (`CANCELLED` for jobs a newer upload replaced). */
export async function setJobStatus(
  api: PhraseApi,
  projectUid: string,
  jobUid: string,
  requestedStatus: JobStatus,
  signal?: AbortSignal,
): Promise<void> {
  await api.transport.call('POST', `/api2/v1/projects/${enc(projectUid)}/jobs/${enc(jobUid)}/setStatus`, {
    json: { requestedStatus },
    retry: 'safe',
    signal,
  });
}

/** Waits until every job reports `importStatus` OK (for creates answered without an async id). */
export async function waitForImport(
  api: PhraseApi,
  projectUid: string,
  jobs: readonly JobPart[],
  signal?: AbortSignal,
): Promise<void> {
  for (const job of jobs) {
    const path = `/api2/v1/projects/${projectUid}/jobs/${job.uid}`;
    await poll(
      async () => {
        const j = await getJob(api, projectUid, job.uid, signal);
        if (j.importStatus?.status === 'ERROR') {
          throw new PhraseError(
            200,
            'ImportError',
            j.importStatus.errorMessage ?? `job ${job.uid} failed to import`,
            undefined,
            'GET',
            path,
          );
        }
        return j.imported || j.importStatus?.status === 'OK'
          ? { done: true as const, value: j }
          : { done: false as const, state: j };
      },
      () => new PhraseError(0, 'ImportTimeout', `job ${job.uid} was not imported in time`, undefined, 'GET', path),
      { ...api.poll, signal },
    );
  }
}
