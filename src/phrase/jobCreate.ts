/**
 * Creating the jobs of a file, safe against a lost answer: a create is never blindly sent
 * twice, the project is searched for what the lost request made instead.
 */
import type { PhraseApi } from './api';
import { waitForAsync } from './asyncRequests';
import { PhraseError } from './errors';
import { listJobs, waitForImport } from './jobs';
import type { JobList, JobPart } from './types';
import { asciiJson, contentDisposition, enc, normaliseDir, parsePhraseDate } from './wire';

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

/**
 * Creates the jobs of a file (one per target language and workflow step) and waits until they
 * are imported. A create is never blindly sent twice: after a failure that may have reached the
 * server, the project is searched for jobs of this very file (same name and `path`, created
 * since the attempt started, unknown to the caller); they are adopted when they are exactly one
 * set, and the push stops when they are not (two `common.json` in different folders, or two
 * uploads, must never share jobs). A file the service refuses (`unsupportedFiles`) is an error.
 */
export async function createJobs(api: PhraseApi, input: CreateJobsInput): Promise<JobPart[]> {
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
  const budget = api.transport.budget();
  for (;;) {
    try {
      // Parsed and shape-checked by the transport; the status and action id word a refusal.
      const { value: res, ...raw } = await api.transport.callWithResponse<JobList>('POST', path, {
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
      if (res.asyncRequest) await waitForAsync(api, res.asyncRequest.id, { signal: input.signal });
      else await waitForImport(api, input.projectUid, res.jobs, input.signal);
      return res.jobs;
    } catch (e) {
      if (!PhraseError.is(e) || !e.retryReason) throw e;
      // The request may have been processed: look before sending it again.
      const created = await findCreated(api, input, started, known);
      if (created) {
        await waitForImport(api, input.projectUid, created, input.signal);
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
async function findCreated(
  api: PhraseApi,
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
  const first = (await listJobs(api, input.projectUid, { filename: input.filename }, input.signal)).filter(mine);
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
    const more = await listJobs(
      api,
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
