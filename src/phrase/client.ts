/**
 * The Phrase TMS operations Locale Loop uses: projects, jobs (list, get, create from a file,
 * update source), async requests, and target-file download. Paths and versions as in the API
 * definition (shared/contracts); every list walks all pages. This class is the one entry point
 * the other layers use; each operation lives in a module named for what it does.
 */
import type { PollOptions } from '../util/http/poll';
import type { PhraseApi } from './api';
import { listAll } from './api';
import { getAsync, waitForAsync } from './asyncRequests';
import type { DownloadedFile, UpdateSourceInput } from './files';
import { downloadTargetFile, updateSource } from './files';
import type { CreateJobsInput } from './jobCreate';
import { createJobs } from './jobCreate';
import type { JobFilter } from './jobs';
import { getJob, listJobs, segmentsCount, setJobStatus, waitForImport } from './jobs';
import { createImportSettings, findImportSettings, getProject, listProjects, workflowSteps } from './projects';
import type { PhraseTransportOptions } from './transport';
import { PhraseTransport } from './transport';
import type {
  AsyncRequest,
  FileImportSettings,
  ImportSettingsRef,
  JobPart,
  JobStatus,
  LoginResponse,
  Project,
  SegmentsCounts,
  StepInfo,
  UpdateSourceResponse,
  UserReference,
} from './types';

export type { PollOptions } from '../util/http/poll';
export type { CreateJobsInput } from './jobCreate';
export type { DownloadedFile } from './files';
export { asciiJson, contentDisposition, filenameFrom, parsePhraseDate } from './wire';

export class PhraseClient {
  readonly transport: PhraseTransport;
  /** What the operation modules are handed: the transport and the polling defaults. */
  private readonly api: PhraseApi;

  constructor(options: PhraseTransportOptions, poll: Omit<PollOptions, 'signal'> = {}) {
    this.transport = new PhraseTransport(options);
    this.api = { transport: this.transport, poll };
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
  listAll<T>(
    path: string,
    query: Record<string, string | number | boolean | readonly string[] | undefined>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    return listAll<T>(this.api, path, query, signal);
  }

  listProjects(name?: string, signal?: AbortSignal): Promise<Project[]> {
    return listProjects(this.api, name, signal);
  }

  getProject(projectUid: string, signal?: AbortSignal): Promise<Project> {
    return getProject(this.api, projectUid, signal);
  }

  listJobs(projectUid: string, filter: JobFilter = {}, signal?: AbortSignal): Promise<JobPart[]> {
    return listJobs(this.api, projectUid, filter, signal);
  }

  /** Segment and word counts per job (progress), 100 jobs per call. */
  segmentsCount(
    projectUid: string,
    jobUids: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, SegmentsCounts>> {
    return segmentsCount(this.api, projectUid, jobUids, signal);
  }

  getJob(projectUid: string, jobUid: string, signal?: AbortSignal): Promise<JobPart> {
    return getJob(this.api, projectUid, jobUid, signal);
  }

  /** Creates the jobs of a file and waits for their import; a lost answer is never blindly re-sent (see jobCreate). */
  createJobs(input: CreateJobsInput): Promise<JobPart[]> {
    return createJobs(this.api, input);
  }

  /** The project's workflow steps by level; one unnamed step when it has none. */
  workflowSteps(projectUid: string, signal?: AbortSignal): Promise<StepInfo[]> {
    return workflowSteps(this.api, projectUid, signal);
  }

  /** Import settings with exactly this name, if any. */
  findImportSettings(name: string, signal?: AbortSignal): Promise<ImportSettingsRef | undefined> {
    return findImportSettings(this.api, name, signal);
  }

  /** Creates import settings (`POST /api2/v1/importSettings`, 201). */
  createImportSettings(
    name: string,
    fileImportSettings: FileImportSettings,
    signal?: AbortSignal,
  ): Promise<ImportSettingsRef> {
    return createImportSettings(this.api, name, fileImportSettings, signal);
  }

  /** Sets a job's status (`CANCELLED` for jobs a newer upload replaced). */
  setJobStatus(projectUid: string, jobUid: string, requestedStatus: JobStatus, signal?: AbortSignal): Promise<void> {
    return setJobStatus(this.api, projectUid, jobUid, requestedStatus, signal);
  }

  /** Uploads a new version of the source file for existing jobs and waits for the import. */
  updateSource(input: UpdateSourceInput): Promise<UpdateSourceResponse> {
    return updateSource(this.api, input);
  }

  getAsync(id: string, signal?: AbortSignal): Promise<AsyncRequest> {
    return getAsync(this.api, id, signal);
  }

  /** Polls an async request with backoff until `asyncResponse` is set; its errorCode throws. */
  waitForAsync(id: string, options: PollOptions = {}): Promise<AsyncRequest> {
    return waitForAsync(this.api, id, options);
  }

  /** Waits until every job reports `importStatus` OK (for creates answered without an async id). */
  waitForImport(projectUid: string, jobs: readonly JobPart[], signal?: AbortSignal): Promise<void> {
    return waitForImport(this.api, projectUid, jobs, signal);
  }

  /** Target file of a job: a fresh export per attempt (an export id works once), one retry budget. */
  downloadTargetFile(projectUid: string, jobUid: string, signal?: AbortSignal): Promise<DownloadedFile> {
    return downloadTargetFile(this.api, projectUid, jobUid, signal);
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
