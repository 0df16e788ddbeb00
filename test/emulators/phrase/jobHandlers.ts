/**
 * The job endpoints' handlers (list, create, update source, segment counts, status) over the
 * emulator's projects, job book and async requests; server.ts routes to them.
 */
import type { IncomingMessage } from 'node:http';
import type { AsyncBook } from './asyncRequests';
import type { CreateHeader, JobBook, Reply } from './jobs';
import type { ImportSettings, Job, Project } from './model';
import { jobDto, wordCount } from './model';
import { page } from './paging';
import { parseDisposition } from './requestBody';

export class JobHandlers {
  constructor(
    private readonly projects: ReadonlyMap<string, Project>,
    private readonly book: JobBook,
    private readonly async: AsyncBook,
    private readonly importSettings: ReadonlyMap<string, ImportSettings>,
  ) {}

  private get jobs(): Map<string, Job> {
    return this.book.jobs;
  }

  dto(j: Job, extended = false): Record<string, unknown> {
    return jobDto(
      j,
      this.projects.get(j.projectUid)!,
      extended,
      extended ? wordCount(this.book.files.get(j.sourceFileUid)!.source) : 0,
    );
  }

  /** The list answers for `workflowLevel=1` unless told otherwise (S24 listPartsV2, default 1). */
  listJobs(projectUid: string, url: URL): Reply {
    const statuses = url.searchParams.getAll('status');
    const targetLang = url.searchParams.get('targetLang');
    const filename = url.searchParams.get('filename');
    const level = Number(url.searchParams.get('workflowLevel') ?? 1);
    if (!Number.isInteger(level) || level < 1 || level > 15) {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'workflowLevel must be between 1 and 15' }];
    }
    const jobs = [...this.jobs.values()].filter(
      (j) =>
        j.projectUid === projectUid &&
        j.workflowLevel === level &&
        (statuses.length === 0 || statuses.includes(j.status)) &&
        (!targetLang || j.targetLang === targetLang) &&
        (!filename || j.filename === filename),
    );
    return page(
      jobs.map((j) => this.dto(j)),
      url,
    );
  }

  createJobs(proj: Project, headers: IncomingMessage['headers'], raw: Buffer): Reply {
    const filename = parseDisposition(headers['content-disposition']);
    if (!filename) {
      return [
        400,
        { errorCode: 'InvalidArguments', errorDescription: 'Content-Disposition with a filename is required' },
      ];
    }
    let header: CreateHeader;
    try {
      header = JSON.parse(String(headers.memsource ?? '{}'));
    } catch {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'Memsource header is not JSON' }];
    }
    const reply = this.book.create(proj, filename, header, raw, this.importSettings);
    const body = reply[1] as { jobs?: Array<{ uid: string }>; asyncRequest?: unknown };
    if (reply[0] === 201 && body.jobs?.length) {
      body.asyncRequest = this.async.start('IMPORT_JOB', proj.uid, this.jobs.get(body.jobs[0]!.uid)!.readyAt);
    }
    return reply;
  }

  updateSource(proj: Project, headers: IncomingMessage['headers'], raw: Buffer): Reply {
    let memsource: { jobs?: Array<{ uid: string }> };
    try {
      memsource = JSON.parse(String(headers.memsource ?? '{}'));
    } catch {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'Memsource header is not JSON' }];
    }
    const reply = this.book.updateSource(
      proj,
      (memsource.jobs ?? []).map((j) => j.uid),
      raw,
    );
    const body = reply[1] as { jobs?: Array<{ uid: string }>; asyncRequest?: unknown };
    if (reply[0] === 200 && body.jobs?.length) {
      body.asyncRequest = this.async.start('UPDATE_SOURCE', proj.uid, this.jobs.get(body.jobs[0]!.uid)!.readyAt);
    }
    return reply;
  }

  segmentsCount(projectUid: string, body: unknown): Reply {
    const refs = (body as { jobs?: Array<{ uid?: string }> } | undefined)?.jobs;
    if (!Array.isArray(refs) || refs.length < 1 || refs.length > 100) {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'jobs: 1 to 100 job uids are required' }];
    }
    const results = [];
    for (const ref of refs) {
      const job = ref.uid ? this.jobs.get(ref.uid) : undefined;
      if (!job || job.projectUid !== projectUid) {
        return [404, { errorCode: 'ResourceNotFound', errorDescription: `Job ${ref.uid} not found` }];
      }
      const c = this.book.counts(job);
      results.push({
        jobPartUid: job.uid,
        counts: {
          ...c,
          translatedSegmentsCount: c.completedSegmentsCount,
          allConfirmed: c.completedSegmentsCount === c.segmentsCount,
        },
      });
    }
    return [200, { segmentsCountsResults: results }];
  }

  setStatus(job: Job, body: unknown): Reply {
    const status = (body as { requestedStatus?: string } | undefined)?.requestedStatus;
    if (
      !status ||
      !['NEW', 'ACCEPTED', 'DECLINED', 'REJECTED', 'DELIVERED', 'EMAILED', 'COMPLETED', 'CANCELLED'].includes(status)
    ) {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'requestedStatus is required' }];
    }
    job.status = status;
    return [204, undefined];
  }
}
