/**
 * The emulator's job rules: creating jobs from a file (one per target language and workflow
 * step, imported in the background), updating their source (refused as the service refuses it),
 * the linguist's work (segments confirmed or not, per step) and the exported target file.
 */
import { randomBytes } from 'node:crypto';
import type { JsonSettings } from './jsonFilter';
import { exportText, isSegment } from './jsonFilter';
import type { ImportSettings, Job, Project, SourceFile } from './model';
import { jobReference, leaves, mapLeaves, workflowStepsOf } from './model';
import { pseudoTranslate } from './pseudo';

export type Reply = [number, unknown, Record<string, string>?];

/** Final statuses: update source is refused when any step's job of the file has one (S24 updateSource). */
const final = ['COMPLETED', 'DELIVERED', 'CANCELLED'];

export interface CreateHeader {
  targetLangs?: string[];
  path?: string;
  due?: string;
  importSettings?: { uid?: string };
  useProjectFileImportSettings?: boolean;
}

export class JobBook {
  readonly jobs = new Map<string, Job>();
  readonly files = new Map<string, SourceFile>();
  private nextInner = 1;

  constructor(private readonly importDelayMs: () => number) {}

  create(
    proj: Project,
    filename: string,
    header: CreateHeader,
    raw: Buffer,
    importSettings: ReadonlyMap<string, ImportSettings>,
  ): Reply {
    if (!header.targetLangs?.length) {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'targetLangs is required' }];
    }
    const unknown = header.targetLangs.filter((l) => !proj.targetLangs.includes(l));
    if (unknown.length) {
      return [
        400,
        { errorCode: 'JobCreateError', errorDescription: `targetLangs must match project: ${unknown.join(', ')}` },
      ];
    }
    let settings: JsonSettings | undefined;
    if (header.importSettings?.uid) {
      const s = importSettings.get(header.importSettings.uid);
      if (!s) {
        return [
          400,
          { errorCode: 'InvalidArguments', errorDescription: `Import settings ${header.importSettings.uid} not found` },
        ];
      }
      settings = s.fileImportSettings.json ?? {};
    } else settings = header.useProjectFileImportSettings ? (proj.importSettings ?? {}) : {};
    let source: unknown;
    try {
      source = JSON.parse(raw.toString('utf8'));
    } catch {
      return [201, { unsupportedFiles: [filename], jobs: [], asyncRequest: null }];
    }
    if (proj.unsupportedFiles?.includes(filename)) {
      return [201, { unsupportedFiles: [filename], jobs: [], asyncRequest: null }];
    }
    const now = Date.now();
    const readyAt = now + this.importDelayMs();
    const file: SourceFile = {
      uid: randomBytes(8).toString('hex'),
      source,
      settings: proj.jsonFilter ? settings : undefined,
      segments: new Map(),
    };
    this.files.set(file.uid, file);
    const innerId = String(this.nextInner++);
    const steps = workflowStepsOf(proj);
    const levels = steps.length > 0 ? steps : [undefined];
    const due = header.due ? Date.parse(header.due) : undefined;
    const jobs: Job[] = [];
    for (const lang of header.targetLangs) {
      levels.forEach((step, i) => {
        const job: Job = {
          uid: randomBytes(10).toString('hex'),
          innerId,
          projectUid: proj.uid,
          targetLang: lang,
          filename,
          path: header.path,
          status: 'NEW',
          readyAt,
          dateCreated: now,
          dateDue: due !== undefined && !Number.isNaN(due) ? due : undefined,
          sourceFileUid: file.uid,
          workflowLevel: i + 1,
          workflowStep: step && { name: step.name, id: step.workflowStep.id, uid: `step${step.id}`, order: i + 1 },
        };
        this.jobs.set(job.uid, job);
        jobs.push(job);
      });
    }
    // The order of jobs in the answer is not documented (phrase-tms-behaviour.md "Workflow steps").
    if (proj.shuffleJobs) shuffle(jobs);
    return [201, { unsupportedFiles: [], jobs: jobs.map(jobReference) }];
  }

  /** `POST /jobs/source`, with the refusals of S24 `updateSource` and phrase-tms-behaviour.md. */
  updateSource(proj: Project, uids: readonly string[], raw: Buffer): Reply {
    const jobs = uids.map((uid) => this.jobs.get(uid));
    if (jobs.length === 0 || jobs.length > 100) {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'jobs: 1 to 100 job uids are required' }];
    }
    if (jobs.some((j) => !j || j.projectUid !== proj.uid)) {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'Every job must belong to the project' }];
    }
    const beyond = jobs.find((j) => j!.workflowLevel > 1);
    if (beyond) {
      return [
        400,
        {
          errorCode: 'InvalidArguments',
          errorDescription: `Job ${beyond.uid} is not in the first workflow step; update the source of the first step's job`,
        },
      ];
    }
    const split = jobs.find((j) => j!.split);
    if (split) {
      return [
        400,
        { errorCode: 'InvalidArguments', errorDescription: `Job ${split.uid} is split; its source cannot be updated` },
      ];
    }
    // Any step's job of the same file and language in a final status blocks the update.
    for (const j of jobs) {
      const blocked = [...this.jobs.values()].find(
        (o) => o.sourceFileUid === j!.sourceFileUid && o.targetLang === j!.targetLang && final.includes(o.status),
      );
      if (blocked) {
        return [
          400,
          {
            errorCode: 'InvalidArguments',
            errorDescription: `Job ${blocked.uid} (workflow level ${blocked.workflowLevel}) is in a final status (${blocked.status}); the source cannot be updated`,
          },
        ];
      }
    }
    let source: unknown;
    try {
      source = JSON.parse(raw.toString('utf8'));
    } catch {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'Unsupported file' }];
    }
    const now = Date.now();
    const readyAt = now + this.importDelayMs();
    // The first step's update propagates through the workflow, to every job of the file.
    const files = new Set(jobs.map((j) => j!.sourceFileUid));
    const affected = [...this.jobs.values()].filter((j) => files.has(j.sourceFileUid));
    for (const uid of files) {
      this.files.get(uid)!.source = source;
      this.files.get(uid)!.segments = new Map();
    }
    for (const j of affected) {
      j.readyAt = readyAt;
      j.updateSourceDate = now;
    }
    return [200, { jobs: affected.map(jobReference) }];
  }

  /**
   * Plays the linguist of the matching jobs: their segments get `text` (per key path, for every
   * matched job), `translations` (per job uid), the text an earlier step left, or a
   * pseudo-translation; `unconfirmed` paths are left unconfirmed (exported as source text).
   */
  complete(filter: CompleteFilter = {}): string[] {
    const done: string[] = [];
    for (const job of this.jobs.values()) {
      if (filter.projectUid && job.projectUid !== filter.projectUid) continue;
      if (filter.jobUids && !filter.jobUids.includes(job.uid)) continue;
      if (filter.targetLang && job.targetLang !== filter.targetLang) continue;
      if (filter.workflowLevel !== undefined && job.workflowLevel !== filter.workflowLevel) continue;
      if (filter.filename && job.filename !== filter.filename) continue;
      const file = this.files.get(job.sourceFileUid)!;
      const given = { ...filter.text, ...filter.translations?.[job.uid] };
      const segments = file.segments.get(job.targetLang) ?? new Map<string, { text: string; confirmed: boolean }>();
      for (const [p, text] of leaves(file.source)) {
        const before = segments.get(p);
        // Own properties only: a key path `__proto__` is a key like any other.
        const asked = Object.hasOwn(given, p) ? given[p] : undefined;
        segments.set(p, {
          text: asked ?? (before?.confirmed ? before.text : pseudoTranslate(text, job.targetLang)),
          confirmed: !filter.unconfirmed?.includes(p),
        });
      }
      file.segments.set(job.targetLang, segments);
      job.status = filter.status ?? 'COMPLETED';
      done.push(job.uid);
    }
    return done;
  }

  /** The completed file: confirmed segments' text, the source text elsewhere, through the filter. */
  exportFile(job: Job): Buffer {
    const file = this.files.get(job.sourceFileUid)!;
    const segments = file.segments.get(job.targetLang);
    const doc = mapLeaves(file.source, (p, sourceText) => {
      const seg = segments?.get(p);
      const text = seg?.confirmed ? seg.text : sourceText;
      if (!file.settings) return text;
      return isSegment(p, file.settings) ? exportText(text, file.settings) : sourceText;
    });
    return Buffer.from(JSON.stringify(doc, null, 2) + '\n');
  }

  /** Segment counts of a job: confirmed segments are done. */
  counts(job: Job): {
    segmentsCount: number;
    completedSegmentsCount: number;
    wordsCount: number;
    completedWordsCount: number;
  } {
    const file = this.files.get(job.sourceFileUid)!;
    const segments = file.segments.get(job.targetLang);
    let words = 0;
    let doneWords = 0;
    let done = 0;
    const all = leaves(file.source);
    for (const [p, t] of all) {
      const w = t.match(/\p{L}+/gu)?.length ?? 0;
      words += w;
      if (segments?.get(p)?.confirmed && job.status !== 'NEW') {
        done++;
        doneWords += w;
      }
    }
    return {
      segmentsCount: all.length,
      completedSegmentsCount: done,
      wordsCount: words,
      completedWordsCount: doneWords,
    };
  }
}

export interface CompleteFilter {
  projectUid?: string;
  jobUids?: readonly string[];
  targetLang?: string;
  workflowLevel?: number;
  filename?: string;
  status?: string;
  text?: Record<string, string>;
  translations?: Record<string, Record<string, string>>;
  unconfirmed?: readonly string[];
}

function shuffle<T>(a: T[]): void {
  for (let i = a.length - 1; i > 0; i--) {
    const k = Math.floor(Math.random() * (i + 1));
    [a[i], a[k]] = [a[k]!, a[i]!];
  }
}
