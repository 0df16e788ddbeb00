/** Status: the pushed jobs per file and target locale, as Phrase TMS reports them now. */
import type { PhraseClient } from '../phrase/client';
import { loadState, projectChange, projectChangeMessage } from './state';
import type { Workspace } from './workspace';

export interface JobStatusRow {
  readonly file: string;
  readonly namespace: string;
  readonly locale: string;
  readonly jobUid: string;
  /** `MISSING` when the job no longer exists in the project. */
  readonly status: string;
  readonly workflowStep?: string;
  readonly due?: string;
  /** Providers the job is assigned to (`user uid`, `vendor uid`). */
  readonly assignee?: string;
  readonly imported?: boolean;
  /** Confirmed segments of all segments. */
  readonly progress?: { readonly done: number; readonly total: number };
  readonly pulledAt?: string;
}

export async function status(ws: Workspace, client: PhraseClient, signal?: AbortSignal): Promise<JobStatusRow[]> {
  const state = await loadState(ws.root);
  const moved = projectChange(state, ws.config.phrase.projectUid);
  if (moved) throw new Error(projectChangeMessage(moved, 'read'));
  const projectUid = state.phrase?.projectUid ?? ws.config.phrase.projectUid;
  if (!projectUid) return [];
  // One paged list for the whole project rather than a call per job.
  const jobs = new Map((await client.listJobs(projectUid, {}, signal)).map((j) => [j.uid, j]));
  const known = Object.values(state.files).flatMap((f) => Object.values(f.jobs).map((j) => j.uid)).filter((uid) => jobs.has(uid));
  const counts = known.length > 0 ? await client.segmentsCount(projectUid, known, signal) : new Map();
  const rows: JobStatusRow[] = [];
  for (const [namespace, file] of Object.entries(state.files)) {
    for (const [locale, job] of Object.entries(file.jobs)) {
      const remote = jobs.get(job.uid);
      rows.push({
        file: file.sourceFile,
        namespace,
        locale,
        jobUid: job.uid,
        status: remote?.status ?? 'MISSING',
        workflowStep: remote?.workflowStep?.name ?? undefined,
        due: remote?.dateDue ?? undefined,
        assignee: remote?.providers?.length ? remote.providers.map((p) => `${(p.type ?? '').toLowerCase()} ${p.uid ?? p.id ?? ''}`.trim()).join(', ') : undefined,
        imported: remote?.imported,
        progress: counts.has(job.uid) ? { done: counts.get(job.uid)!.completedSegmentsCount ?? 0, total: counts.get(job.uid)!.segmentsCount ?? 0 } : undefined,
        pulledAt: job.pulledAt,
      });
    }
  }
  return rows.sort((a, b) => (a.file === b.file ? (a.locale < b.locale ? -1 : 1) : a.file < b.file ? -1 : 1));
}
