/**
 * The Phrase TMS operations Locale Loop uses: projects, jobs (list, get, create from a file,
 * update source), async requests, and target-file download. Paths and versions as in the API
 * definition (shared/contracts); every list walks all pages.
 */
import { backoffDelay, sleep } from '../util/backoff';
import { PhraseError } from './errors';
import type { PhraseTransportOptions } from './transport';
import { PhraseTransport } from './transport';
import type { AsyncRequest, JobList, JobPart, JobStatus, LoginResponse, Page, Project, SegmentsCounts, UpdateSourceResponse, UserReference } from './types';

/** Phrase's maximum page size. */
const pageSize = 50;

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
  readonly signal?: AbortSignal;
}

export interface PollOptions {
  readonly signal?: AbortSignal;
  /** Give up after this long (default 10 minutes). */
  readonly timeoutMs?: number;
  readonly baseMs?: number;
  readonly maxMs?: number;
}

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
  async listAll<T>(path: string, query: Record<string, string | number | boolean | readonly string[] | undefined>, signal?: AbortSignal): Promise<T[]> {
    const out: T[] = [];
    for (let pageNumber = 0; ; pageNumber++) {
      const page = await this.transport.call<Page<T>>('GET', path, { query: { ...query, pageNumber, pageSize }, signal });
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

  listJobs(projectUid: string, filter: { status?: readonly JobStatus[]; targetLang?: string; filename?: string; workflowLevel?: number } = {}, signal?: AbortSignal): Promise<JobPart[]> {
    return this.listAll<JobPart>(
      `/api2/v2/projects/${enc(projectUid)}/jobs`,
      { status: filter.status, targetLang: filter.targetLang, filename: filter.filename, workflowLevel: filter.workflowLevel },
      signal,
    );
  }

  /** Segment and word counts per job (progress), 100 jobs per call. */
  async segmentsCount(projectUid: string, jobUids: readonly string[], signal?: AbortSignal): Promise<Map<string, SegmentsCounts>> {
    const out = new Map<string, SegmentsCounts>();
    for (let i = 0; i < jobUids.length; i += 100) {
      const res = await this.transport.call<{ segmentsCountsResults?: Array<{ jobPartUid: string; counts: SegmentsCounts }> }>(
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
   * Creates one job per target language from a file and waits until they are imported. A create
   * is never blindly sent twice: after a failure that may have reached the server, the project is
   * searched for jobs of this file that the caller does not know and that are not older than the
   * attempt, and those are used if they cover the languages asked for.
   */
  async createJobs(input: CreateJobsInput): Promise<JobPart[]> {
    const path = `/api2/v1/projects/${enc(input.projectUid)}/jobs`;
    const memsource = {
      targetLangs: input.targetLangs,
      ...(input.importSettingsUid ? { importSettings: { uid: input.importSettingsUid } } : { useProjectFileImportSettings: true }),
      due: input.due,
      path: input.path,
      callbackUrl: input.callbackUrl,
    };
    const known = input.knownJobUids ?? new Set<string>();
    // Allow for the server's clock running behind ours.
    const since = Date.now() - 10 * 60_000;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.transport.call<JobList>('POST', path, {
          bytes: input.bytes,
          headers: { 'content-disposition': contentDisposition(input.filename), memsource: JSON.stringify(memsource) },
          retry: 'never',
          signal: input.signal,
        });
        if (res.asyncRequest) await this.waitForAsync(res.asyncRequest.id, { signal: input.signal });
        else await this.waitForImport(input.projectUid, res.jobs, input.signal);
        return res.jobs;
      } catch (e) {
        if (!PhraseError.is(e) || !e.retryable || attempt >= 4) throw e;
        // The request may have been processed: look before sending it again.
        const created = (await this.listJobs(input.projectUid, { filename: input.filename }, input.signal)).filter(
          (j) => !known.has(j.uid) && (!j.dateCreated || parsePhraseDate(j.dateCreated) >= since),
        );
        const wanted = new Set(input.targetLangs.map((l) => l.toLowerCase()));
        const got = new Set(created.map((j) => j.targetLang.toLowerCase()));
        if (created.length > 0 && [...wanted].every((l) => got.has(l))) {
          await this.waitForImport(input.projectUid, created, input.signal);
          return created;
        }
        await sleep(backoffDelay(attempt, { baseMs: this.poll.baseMs ?? 500, maxMs: this.poll.maxMs ?? 10_000 }), input.signal);
      }
    }
  }

  /**
   * Uploads a new version of the source file for existing jobs (all in the first workflow step,
   * none completed, continuous or split) and waits for the import.
   */
  async updateSource(input: { projectUid: string; jobUids: readonly string[]; bytes: Uint8Array; filename: string; callbackUrl?: string; signal?: AbortSignal }): Promise<UpdateSourceResponse> {
    const res = await this.transport.call<UpdateSourceResponse>('POST', `/api2/v1/projects/${enc(input.projectUid)}/jobs/source`, {
      bytes: input.bytes,
      headers: {
        'content-disposition': contentDisposition(input.filename),
        memsource: JSON.stringify({ jobs: input.jobUids.map((uid) => ({ uid })), callbackUrl: input.callbackUrl }),
      },
      // Re-sending the same source is harmless: the jobs end up with the same content.
      retry: 'safe',
      signal: input.signal,
    });
    if (res.asyncRequest) await this.waitForAsync(res.asyncRequest.id, { signal: input.signal });
    return res;
  }

  getAsync(id: string, signal?: AbortSignal): Promise<AsyncRequest> {
    return this.transport.call<AsyncRequest>('GET', `/api2/v1/async/${enc(id)}`, { signal });
  }

  /** Polls an async request with backoff until `asyncResponse` is set; its errorCode throws. */
  async waitForAsync(id: string, options: PollOptions = {}): Promise<AsyncRequest> {
    const o = { ...this.poll, ...options };
    const deadline = Date.now() + (o.timeoutMs ?? 600_000);
    for (let attempt = 0; ; attempt++) {
      const req = await this.getAsync(id, o.signal);
      if (req.asyncResponse) {
        if (req.asyncResponse.errorCode) {
          throw new PhraseError(200, req.asyncResponse.errorCode, req.asyncResponse.errorDesc ?? `async request ${id} (${req.action ?? 'unknown action'}) failed`, undefined, 'GET', `/api2/v1/async/${id}`);
        }
        return req;
      }
      if (Date.now() > deadline) throw new PhraseError(0, 'AsyncTimeout', `async request ${id} (${req.action ?? ''}) did not finish in time`, undefined, 'GET', `/api2/v1/async/${id}`);
      await sleep(Math.max(50, backoffDelay(attempt, { baseMs: o.baseMs ?? 500, maxMs: o.maxMs ?? 5000, random: () => 0.5 + Math.random() / 2 })), o.signal);
    }
  }

  /** Waits until every job reports `importStatus` OK (for creates answered without an async id). */
  async waitForImport(projectUid: string, jobs: readonly JobPart[], signal?: AbortSignal): Promise<void> {
    for (const job of jobs) {
      for (let attempt = 0; ; attempt++) {
        const j = await this.getJob(projectUid, job.uid, signal);
        if (j.importStatus?.status === 'ERROR') throw new PhraseError(200, 'ImportError', j.importStatus.errorMessage ?? `job ${job.uid} failed to import`, undefined, 'GET', `/api2/v1/projects/${projectUid}/jobs/${job.uid}`);
        if (j.imported || j.importStatus?.status === 'OK') break;
        await sleep(Math.max(50, backoffDelay(attempt, { baseMs: this.poll.baseMs ?? 500, maxMs: this.poll.maxMs ?? 5000, random: () => 0.5 + Math.random() / 2 })), signal);
      }
    }
  }

  /** Target file of a job: request an export, wait for it, download it (each id works once). */
  async downloadTargetFile(projectUid: string, jobUid: string, signal?: AbortSignal): Promise<DownloadedFile> {
    const base = `/api2/v2/projects/${enc(projectUid)}/jobs/${enc(jobUid)}`;
    const started = await this.transport.call<{ asyncRequest: { id: string } }>('PUT', `${base}/targetFile`, { signal });
    await this.waitForAsync(started.asyncRequest.id, { signal });
    const res = await this.transport.send('GET', `${base}/downloadTargetFile/${enc(started.asyncRequest.id)}`, { query: { format: 'ORIGINAL' }, signal });
    return { bytes: res.body, filename: filenameFrom(res.headers['content-disposition']) };
  }

  /** Login with explicit credentials, without caching (for a "sign in" command to test them). */
  static async signIn(options: PhraseTransportOptions & { credentials: { userName: string; password: string; code?: string } }): Promise<LoginResponse> {
    const t = new PhraseTransport(options);
    return t.call<LoginResponse>('POST', '/api2/v3/auth/login', { json: options.credentials, anonymous: true });
  }
}

/** Phrase writes dates as `2026-11-22T10:00:00+0000`; Date.parse wants `+00:00`. */
export function parsePhraseDate(s: string): number {
  const t = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? 0 : t;
}

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** RFC 5987: non-ASCII names work (`filename*=UTF-8''na%C3%AFve.json`). */
export function contentDisposition(filename: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
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
