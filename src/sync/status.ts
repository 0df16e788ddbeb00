/**
 * Status: every pushed job per file, target locale and workflow step, as Phrase TMS reports it
 * now. A full status lists each step's jobs (the list answers for the first step unless told
 * which); a poll (`previous` rows given) asks only about the jobs that were not final, through
 * the list's status filter, so an editor refreshing every minute does not re-read the project.
 */
import type { PhraseClient } from '../phrase/client';
import { PhraseError } from '../phrase/errors';
import type { JobPart, JobStatus, SegmentsCounts, StepInfo } from '../phrase/types';
import { pullStep } from './pull';
import { loadState, projectChange, projectChangedError } from './state';
import type { Workspace } from './workspace';

export interface JobStatusRow {
  readonly file: string;
  readonly namespace: string;
  readonly locale: string;
  /** This job's uid. */
  readonly uid: string;
  /** The locale's first-step job: how the state, `pull` and the editor's job commands name the locale. */
  readonly jobUid: string;
  /** As Phrase TMS spells it (`NEW`, `COMPLETED`…); `MISSING` when the job no longer exists. */
  readonly status: string;
  /** 1 for the first workflow step (and for projects without steps). */
  readonly workflowLevel: number;
  /** The step's name, when the project has steps. */
  readonly step?: string;
  /** The step whose completion lets pull write the translation. */
  readonly pullStep: boolean;
  readonly due?: string;
  /** Providers the job is assigned to (`user uid`, `vendor uid`). */
  readonly assignee?: string;
  readonly imported?: boolean;
  /** Confirmed segments of all segments. */
  readonly progress?: { readonly done: number; readonly total: number };
  readonly pulledAt?: string;
}

export interface StatusOptions {
  readonly signal?: AbortSignal;
  /** The rows of the last status: only jobs that were not final are asked about again. */
  readonly previous?: readonly JobStatusRow[];
}

/** Statuses a job does not leave (by itself): not polled again. */
export const finalJobStatuses: readonly string[] = ['COMPLETED', 'DELIVERED', 'CANCELLED', 'MISSING'];
const openStatuses: JobStatus[] = ['NEW', 'ACCEPTED', 'DECLINED', 'REJECTED', 'EMAILED'];

export async function status(
  ws: Workspace,
  client: PhraseClient,
  options: StatusOptions = {},
): Promise<JobStatusRow[]> {
  const { signal } = options;
  const state = await loadState(ws.root);
  const moved = projectChange(state, ws.config.phrase.projectUid);
  if (moved) throw projectChangedError(moved, 'read');
  const projectUid = state.phrase?.projectUid ?? ws.config.phrase.projectUid;
  if (!projectUid || Object.keys(state.files).length === 0) return [];
  const steps = await client.workflowSteps(projectUid, signal);
  let pullLevel = steps[steps.length - 1]!.level;
  try {
    pullLevel = pullStep(steps, ws.config.phrase.pullAfterStep).level;
  } catch {
    // A misnamed step is pull's error to report; status shows every step anyway.
  }

  // Every (file, locale, step) the state knows, with the job uid of that step.
  const wanted: Array<{
    namespace: string;
    file: string;
    locale: string;
    jobUid: string;
    uid: string;
    step: StepInfo;
    pulledAt?: string;
  }> = [];
  for (const [namespace, file] of Object.entries(state.files)) {
    for (const [locale, job] of Object.entries(file.jobs)) {
      for (const step of steps) {
        const uid = step.level === 1 ? job.uid : job.steps?.find((s) => s.level === step.level)?.uid;
        if (uid) {
          wanted.push({ namespace, file: file.sourceFile, locale, jobUid: job.uid, uid, step, pulledAt: job.pulledAt });
        }
      }
    }
  }

  const previous = new Map((options.previous ?? []).map((r) => [r.uid, r]));
  const remote = new Map<string, JobPart | null>();
  if (options.previous) {
    // A poll: only jobs not known to be final, through the list's status filter.
    const open = wanted.filter((w) => !finalJobStatuses.includes(previous.get(w.uid)?.status ?? 'NEW'));
    for (const level of new Set(open.map((w) => w.step.level))) {
      for (const j of await client.listJobs(projectUid, { status: openStatuses, workflowLevel: level }, signal)) {
        remote.set(j.uid, j);
      }
    }
    // Those that left the open statuses: asked one by one (there are few between two polls).
    for (const w of open) {
      if (remote.has(w.uid)) continue;
      remote.set(
        w.uid,
        await client.getJob(projectUid, w.uid, signal).catch((e: unknown) => {
          if (PhraseError.is(e) && e.status === 404) return null;
          throw e;
        }),
      );
    }
  } else {
    for (const step of steps) {
      for (const j of await client.listJobs(projectUid, { workflowLevel: step.level }, signal)) remote.set(j.uid, j);
    }
  }
  const asked = wanted.filter((w) => remote.get(w.uid));
  const counted = asked
    .filter((w) => !finalJobStatuses.includes(remote.get(w.uid)!.status) || !options.previous)
    .map((w) => w.uid);
  const counts: Map<string, SegmentsCounts> =
    counted.length > 0 ? await client.segmentsCount(projectUid, counted, signal) : new Map();

  const rows = wanted.map((w): JobStatusRow => {
    const r = remote.get(w.uid);
    const before = previous.get(w.uid);
    if (r === undefined && before) return { ...before, pulledAt: w.pulledAt }; // final: not asked again
    const c =
      counts.get(w.uid) ??
      (before?.progress
        ? { completedSegmentsCount: before.progress.done, segmentsCount: before.progress.total }
        : undefined);
    return {
      file: w.file,
      namespace: w.namespace,
      locale: w.locale,
      uid: w.uid,
      jobUid: w.jobUid,
      status: r?.status ?? 'MISSING',
      workflowLevel: w.step.level,
      step: r?.workflowStep?.name ?? w.step.name,
      pullStep: w.step.level === pullLevel,
      due: r?.dateDue ?? undefined,
      assignee: r?.providers?.length
        ? r.providers.map((p) => `${(p.type ?? '').toLowerCase()} ${p.uid ?? p.id ?? ''}`.trim()).join(', ')
        : undefined,
      imported: r?.imported,
      progress: c ? { done: c.completedSegmentsCount ?? 0, total: c.segmentsCount ?? 0 } : undefined,
      pulledAt: w.pulledAt,
    };
  });
  return rows.sort((a, b) =>
    a.file !== b.file
      ? a.file < b.file
        ? -1
        : 1
      : a.locale !== b.locale
        ? a.locale < b.locale
          ? -1
          : 1
        : a.workflowLevel - b.workflowLevel,
  );
}

/** "Translation: completed · Revision: new" for one locale's rows (steps in order). */
export function stepSummary(rows: readonly JobStatusRow[]): string {
  return [...rows]
    .sort((a, b) => a.workflowLevel - b.workflowLevel)
    .map((r) => `${r.step ?? (rows.length > 1 ? `Step ${r.workflowLevel}` : 'Status')}: ${r.status.toLowerCase()}`)
    .join(' · ');
}
