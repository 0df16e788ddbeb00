/**
 * Asynchronous requests (S24 `AsyncRequestDto`): imports, source updates and exports finish after
 * a delay (`asyncResponse` is null until then), and an export's download works once.
 */
import type { JobBook, Reply } from './jobs';
import type { Job } from './model';
import { date } from './model';

interface AsyncReq {
  id: string;
  action: string;
  dateCreated: number;
  readyAt: number;
  projectUid?: string;
  errorCode?: string;
  download?: { jobUid: string; used: boolean };
}

export class AsyncBook {
  private readonly requests = new Map<string, AsyncReq>();

  constructor(
    private readonly nextId: () => number,
    private readonly createdBy: () => Record<string, unknown>,
    private readonly projectName: (uid: string) => string | undefined,
  ) {}

  /** A new request, as the `asyncRequest` reference answers carry. */
  start(
    action: string,
    projectUid: string,
    readyAt: number,
    download?: string,
  ): { id: string; dateCreated: Date | null; action: string } {
    const req: AsyncReq = {
      id: String(this.nextId()),
      action,
      dateCreated: Date.now(),
      readyAt,
      projectUid,
      download: download ? { jobUid: download, used: false } : undefined,
    };
    this.requests.set(req.id, req);
    return { id: req.id, dateCreated: date(req.dateCreated), action };
  }

  get(id: string): Reply {
    const req = this.requests.get(id);
    if (!req) return [404, { errorCode: 'ResourceNotFound', errorDescription: `Async request ${id} not found` }];
    const done = Date.now() >= req.readyAt;
    return [
      200,
      {
        id: req.id,
        createdBy: this.createdBy(),
        dateCreated: date(req.dateCreated),
        action: req.action,
        asyncResponse: done
          ? {
              dateCreated: date(req.readyAt),
              errorCode: req.errorCode ?? null,
              errorDesc: null,
              errorDetails: [],
              warnings: [],
            }
          : null,
        parent: null,
        project: req.projectUid ? { uid: req.projectUid, name: this.projectName(req.projectUid) } : null,
      },
    ];
  }

  export(job: Job, delayMs: number): Reply {
    if (Date.now() < job.readyAt) {
      return [400, { errorCode: 'JobNotReady', errorDescription: `Job ${job.uid} is still being imported` }];
    }
    return [202, { asyncRequest: this.start('EXPORT_COMPLETE_FILE', job.projectUid, Date.now() + delayMs, job.uid) }];
  }

  download(job: Job, id: string, book: JobBook): Reply {
    const req = this.requests.get(id);
    if (!req?.download || req.download.jobUid !== job.uid) {
      return [404, { errorCode: 'ResourceNotFound', errorDescription: `No download ${id} for job ${job.uid}` }];
    }
    if (Date.now() < req.readyAt) {
      return [400, { errorCode: 'AsyncRequestNotFinished', errorDescription: 'The export is not finished yet' }];
    }
    if (req.download.used) {
      return [410, { errorCode: 'AsyncRequestExpired', errorDescription: `Download ${id} was already used` }];
    }
    req.download.used = true;
    return [
      200,
      book.exportFile(job),
      {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(job.filename)}`,
      },
    ];
  }
}
