/**
 * The Phrase TMS operations Locale Loop uses: projects, jobs (list, get, create from a file,
 * update source), async requests, and target-file download. Paths and versions as in the API
 * definition (shared/contracts); every list walks all pages.
 */
import type { PollOptions } from '../util/http/poll';
import { poll } from '../util/http/poll';
import { PhraseError } from './errors';
import type { PhraseTransportOptions } from './transport';
import { PhraseTransport } from './transport';
import type {
  AsyncRequest,
  FileImportSettings,
  ImportSettingsRef,
  JobList,
  JobPart,
  JobStatus,
  LoginResponse,
  Page,
  Project,
  SegmentsCounts,
  StepInfo,
  UpdateSourceResponse,
  UserReference,
} from './types';

/** Phrase's maximum page size. */
const pageSize = 50;

/** How far the server's clock may lag ours when telling jobs created by a lost request. */
const recoverySkewMs = 120_000;

export interface CreateJobsInput {
  readonly projectUid: string;
  readonly bytes: Uint8Array;
  readonly filename: string;
  readonly targetLangs: readonly string[];
  /** Directory kept with the job for download (≤ 255 characters). */
  readonly path?: string;
  readonly due?: string;
  readonly importSettingsUid?: string;
  readonly callbackUrl?: string;
  /** Uids of jobs the caller already knows: never mistaken for the result of a lost create. */
  readonly knownJobUids?: ReadonlySet<string>;
  /** The project's number of workflow steps (jobs of every step are returned; default 1). */
  readonly workflowLevels?: number;
  readonly signal?: AbortSignal;
}

export type { PollOptions } from '../util/http/poll';

export interface DownloadedFile {
  readonly bytes: Buffer;
  /** From `Content-Disposition`; untrusted (never used as a path without checks). */
  readonly filename?: string;
}

export class PhraseClient {
  readonly transport: PhraseTransport;

  constructor(
    options: PhraseTransportOptions,
    private readonly poll: Omit<PollOptions, 'signal'> = {},
  ) {
    this.transport = new PhraseTransport(options);
  }

  login(signal?: AbortSignal): Promise<string> {
    return this.transport.ensureToken(signal);
  }

  /** Checks a token: who it belongs to. */
  async whoAmI(signal?: AbortSignal): Promise<UserReference> {
    const res = await this.transport.call<{ user: UserReference }>('GET', '/api2/v1/auth/whoAmI', { signal });
    return res.user;
  }

  /** Every item of a paged list (`pageNumber` from 0, `pageSize` 50, until `totalPages`). */
  async listAll<T>(
    path: string,
    query: Record<string, string | number | boolean | readonly string[] | undefined>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const out: T[] = [];
    for (let pageNumber = 0; ; pageNumber++) {
      const page = await this.transport.call<Page<T>>('GET', path, {
        query: { ...query, pageNumber, pageSize },
        signal,
      });
      for (const item of page.content) out.push(item); // no spread: a page's size is the server's word
      if (pageNumber + 1 >= page.totalPages || page.content.length === 0) return out;
    }
  }

  listProjects(name?: string, signal?: AbortSignal): Promise<Project[]> {
    return this.listAll<Project>('/api2/v1/projects', { name }, signal);
  }

  getProject(projectUid: string, signal?: AbortSignal): Promise<Project> {
    return this.transport.call<Project>('GET', `/api2/v1/projects/${enc(projectUid)}`, { signal });
  }

  listJobs(
    projectUid: string,
    filter: { status?: readonly JobStatus[]; targetLang?: string; filename?: string; workflowLevel?: number } = {},
    signal?: AbortSignal,
  ): Promise<JobPart[]> {
    return this.listAll<JobPart>(
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

  /** Segment and word counts per job (progress), 100 jobs per call. */
  async segmentsCount(
    projectUid: string,
    jobUids: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, SegmentsCounts>> {
    const out = new Map<string, SegmentsCounts>();
    for (let i = 0; i < jobUids.length; i += 100) {
      const res = await this.transport.call<{
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

  getJob(projectUid: string, jobUid: string, signal?: AbortSignal): Promise<JobPart> {
    return this.transport.call<JobPart>('GET', `/api2/v1/projects/${enc(projectUid)}/jobs/${enc(jobUid)}`, { signal });
  }

  /**
   * Creates the jobs of a file (one per target language and workflow step) and waits until they
   * are imported. A create is never blindly sent twice: after a failure that may have reached the
   * server, the project is searched for jobs of this very file (same name and `path`, created
   * since the attempt started, unknown to the caller); they are adopted when they are exactly one
   * set, and the push stops when they are not (two `common.json` in different folders, or two
   * uploads, must never share jobs). A file the service refuses (`unsupportedFiles`) is an error.
   */
  async createJobs(input: CreateJobsInput): Promise<JobPart[]> {
    const path = `/api2/v1/projects/${enc(input.projectUid)}/jobs`;
    const memsource = {
      targetLangs: input.targetLangs,
      ...(input.importSettingsUid
        ? { importSettings: { uid: input.importSettingsUid } }
        : { useProjectFileImportSettings: true }),
      due: input.due,
      path: input.path,
      callbackUrl: input.callbackUrl,
    };
    const known = input.knownJobUids ?? new Set<string>();
    // Jobs of this file created since the first attempt started are the ones a lost answer made.
    const started = Date.now();
    // One budget for the whole operation: the create, and every re-try after a lost answer.
    const budget = this.transport.budget();
    for (;;) {
      try {
        // Parsed and shape-checked by the transport; the status and action id word a refusal.
        const { value: res, ...raw } = await this.transport.callWithResponse<JobList>('POST', path, {
          bytes: input.bytes,
          headers: { 'content-disposition': contentDisposition(input.filename), memsource: asciiJson(memsource) },
          retry: 'never',
          signal: input.signal,
          budget,
        });
        if (res.unsupportedFiles?.length || res.jobs.length === 0) {
          throw new PhraseError(
            raw.status,
            'UnsupportedFile',
            `Phrase TMS refused the file ${input.filename}${input.path ? ` (in ${input.path})` : ''} as unsupported (unsupportedFiles: ${(res.unsupportedFiles ?? []).join(', ') || 'none'}); no job was created`,
            raw.actionId,
            'POST',
            path,
          );
        }
        if (res.asyncRequest) await this.waitForAsync(res.asyncRequest.id, { signal: input.signal });
        else await this.waitForImport(input.projectUid, res.jobs, input.signal);
        return res.jobs;
      } catch (e) {
        if (!PhraseError.is(e) || !e.retryReason) throw e;
        // The request may have been processed: look before sending it again.
        const created = await this.findCreated(input, started, known);
        if (created) {
          await this.waitForImport(input.projectUid, created, input.signal);
          return created;
        }
        // Honour the Retry-After of the failed create (a 429 asks for its wait like any other).
        const delay = budget.next(e.retryReason, e.retryAfter);
        if (!delay) throw e;
        await budget.wait(delay, input.signal);
      }
    }
  }

  /** The jobs a create whose answer was lost made, if exactly one set of them exists. */
  private async findCreated(
    input: CreateJobsInput,
    started: number,
    known: ReadonlySet<string>,
  ): Promise<JobPart[] | undefined> {
    // Allow for the server's clock running a little behind ours.
    const since = started - recoverySkewMs;
    const dir = normaliseDir(input.path);
    const mine = (j: JobPart) =>
      !known.has(j.uid) &&
      normaliseDir(j.originalFileDirectory) === dir &&
      (!j.dateCreated || parsePhraseDate(j.dateCreated) >= since);
    const first = (await this.listJobs(input.projectUid, { filename: input.filename }, input.signal)).filter(mine);
    if (first.length === 0) return undefined;
    const sets = new Set(first.map((j) => j.sourceFileUid ?? j.innerId ?? j.uid));
    const wanted = new Set(input.targetLangs.map((l) => l.toLowerCase()));
    const langs = first.map((j) => j.targetLang.toLowerCase());
    if (sets.size > 1 || langs.length !== new Set(langs).size || ![...wanted].every((l) => langs.includes(l))) {
      throw new PhraseError(
        0,
        'AmbiguousCreate',
        `the answer to creating jobs for ${input.path ? `${input.path}/` : ''}${input.filename} was lost, and the project now holds jobs for that file that cannot be told apart (${first.map((j) => j.uid).join(', ')}): none was adopted. Check the project in Phrase TMS, then push again`,
        undefined,
        'POST',
        `/api2/v1/projects/${input.projectUid}/jobs`,
      );
    }
    const set = [...sets][0];
    const out = first.map((j) => ({ ...j, workflowLevel: 1 }));
    for (let level = 2; level <= (input.workflowLevels ?? 1); level++) {
      const more = await this.listJobs(
        input.projectUid,
        { filename: input.filename, workflowLevel: level },
        input.signal,
      );
      for (const j of more) {
        if (mine(j) && (j.sourceFileUid ?? j.innerId ?? j.uid) === set) out.push({ ...j, workflowLevel: level });
      }
    }
    return out;
  }

  /** The project's workflow steps by level; one unnamed step when it has none. */
  async workflowSteps(projectUid: string, signal?: AbortSignal): Promise<StepInfo[]> {
    const project = await this.getProject(projectUid, signal);
    const steps = (project.workflowSteps ?? []).map((s, i) => ({ level: s.workflowLevel ?? i + 1, name: s.name }));
    return steps.length > 0 ? steps.sort((a, b) => a.level - b.level) : [{ level: 1 }];
  }

  /** Import settings with exactly this name, if any. */
  async findImportSettings(name: string, signal?: AbortSignal): Promise<ImportSettingsRef | undefined> {
    return (await this.listAll<ImportSettingsRef>('/api2/v1/importSettings', { name }, signal)).find(
      (s) => s.name === name,
    );
  }

  /** Creates import settings (`POST /api2/v1/importSettings`, 201). */
  createImportSettings(
    name: string,
    fileImportSettings: FileImportSettings,
    signal?: AbortSignal,
  ): Promise<ImportSettingsRef> {
    return this.transport.call<ImportSettingsRef>('POST', '/api2/v1/importSettings', {
      json: { name, fileImportSettings },
      retry: 'never',
      signal,
    });
  }

  /** Sets a job's status (`CANCELLED` for jobs a newer upload replaced). */
  async setJobStatus(
    projectUid: string,
    jobUid: string,
    requestedStatus: JobStatus,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.transport.call('POST', `/api2/v1/projects/${enc(projectUid)}/jobs/${enc(jobUid)}/setStatus`, {
      json: { requestedStatus },
      retry: 'safe',
      signal,
    });
  }

  /**
   * Uploads a new version of the source file for existing jobs (all in the first workflow step,
   * none completed, continuous or split) and waits for the import.
   */
  async updateSource(input: {
    projectUid: string;
    jobUids: readonly string[];
    bytes: Uint8Array;
    filename: string;
    callbackUrl?: string;
    signal?: AbortSignal;
  }): Promise<UpdateSourceResponse> {
    const res = await this.transport.call<UpdateSourceResponse>(
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
    if (res.asyncRequest) await this.waitForAsync(res.asyncRequest.id, { signal: input.signal });
    return res;
  }

  getAsync(id: string, signal?: AbortSignal): Promise<AsyncRequest> {
    return this.transport.call<AsyncRequest>('GET', `/api2/v1/async/${enc(id)}`, { signal });
  }

  /** Polls an async request with backoff until `asyncResponse` is set; its errorCode throws. */
  async waitForAsync(id: string, options: PollOptions = {}): Promise<AsyncRequest> {
    const o = { ...this.poll, ...options };
    const path = `/api2/v1/async/${id}`;
    const req = await poll(
      async () => {
        const r = await this.getAsync(id, o.signal);
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

  /** Waits until every job reports `importStatus` OK (for creates answered without an async id). */
  async waitForImport(projectUid: string, jobs: readonly JobPart[], signal?: AbortSignal): Promise<void> {
    for (const job of jobs) {
      const path = `/api2/v1/projects/${projectUid}/jobs/${job.uid}`;
      await poll(
        async () => {
          const j = await this.getJob(projectUid, job.uid, signal);
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
        { ...this.poll, signal },
      );
    }
  }

  /**
   * Target file of a job: request an export, wait for it, download it. Each export id works
   * once, so a download whose answer was lost asks for a new export rather than resending the
   * id (which answers 410); one retry budget covers the whole operation.
   */
  async downloadTargetFile(projectUid: string, jobUid: string, signal?: AbortSignal): Promise<DownloadedFile> {
    const base = `/api2/v2/projects/${enc(projectUid)}/jobs/${enc(jobUid)}`;
    const budget = this.transport.budget();
    for (;;) {
      const started = await this.transport.call<{ asyncRequest: { id: string } }>('PUT', `${base}/targetFile`, {
        signal,
        budget,
      });
      await this.waitForAsync(started.asyncRequest.id, { signal });
      try {
        const res = await this.transport.send('GET', `${base}/downloadTargetFile/${enc(started.asyncRequest.id)}`, {
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

  /** Revokes the session token (sign-out). */
  logout(signal?: AbortSignal): Promise<void> {
    return this.transport.logout(signal);
  }

  /** Login with explicit credentials, without caching (for a "sign in" command to test them). */
  static async signIn(
    options: PhraseTransportOptions & { credentials: { userName: string; password: string; code?: string } },
  ): Promise<LoginResponse> {
    return new PhraseTransport(options).signIn();
  }
}

/** Phrase writes dates as `2026-11-22T10:00:00+0000`; Date.parse wants `+00:00`. */
export function parsePhraseDate(s: string): number {
  const t = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? 0 : t;
}

/**
 * JSON for a header: non-ASCII escaped as `\uXXXX` (still the same JSON), since header values
 * are bytes and undici refuses characters outside Latin-1.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function normaliseDir(dir: string | null | undefined): string {
  const d = (dir ?? '').replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  return d === '.' ? '' : d;
}

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** RFC 5987: non-ASCII names work (`filename*=UTF-8''na%C3%AFve.json`). */
export function contentDisposition(filename: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `filename*=UTF-8''${encoded}`;
}

/** The file name of a `Content-Disposition` header, decoded. */
export function filenameFrom(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(value);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      return undefined;
    }
  }
  return /filename="?([^";]+)"?/i.exec(value)?.[1];
}
