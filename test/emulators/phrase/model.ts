/**
 * The Phrase TMS emulator's state (projects, source files, jobs per language and workflow step,
 * segments, import settings) and the DTOs it answers with, shaped as in the API definition
 * (test/contract/phrase-tms-api-swagger2-2024-02.yaml).
 */
import type { JsonSettings } from './jsonFilter';

/** Per-project realism, each off unless asked for (the happy path stays the default). */
export interface ProjectBehaviour {
  /**
   * Workflow step names in order (`['Translation', 'Revision']`): one job per target language
   * *per step* (phrase-tms-behaviour.md "Workflow steps"; DOCS create-job: "2 languages × 2 steps
   * = 4 jobs"; CAPT shows workflowLevel 1 and 2 for one file).
   */
  readonly workflowSteps?: readonly string[];
  /** The create-job answer lists jobs in random order (their order is not documented). */
  readonly shuffleJobs?: boolean;
  /**
   * Exports go through the JSON import filter the job was created with (htmlSubFilter default
   * true: `&`, `<` come back as entities — SUP-JSON; excluded keys stay source text).
   */
  readonly jsonFilter?: boolean;
  /** The project's file import settings (`useProjectFileImportSettings`), when `jsonFilter`. */
  readonly importSettings?: JsonSettings;
  /** File names the service refuses: answered in `unsupportedFiles` (S24 JobListDto). */
  readonly unsupportedFiles?: readonly string[];
}

export interface ProjectSeed extends ProjectBehaviour {
  readonly uid?: string;
  readonly name: string;
  readonly sourceLang: string;
  readonly targetLangs: string[];
}

export interface Project extends ProjectBehaviour {
  readonly uid: string;
  readonly id: string;
  readonly name: string;
  readonly sourceLang: string;
  readonly targetLangs: string[];
  readonly dateCreated: number;
}

/** One uploaded file: every job created from it (all languages and steps) shares it. */
export interface SourceFile {
  readonly uid: string;
  source: unknown;
  /** The JSON filter the file was imported with; undefined: exported raw (happy path). */
  readonly settings?: JsonSettings;
  /** Per target language: segments by key path, shared by the steps (they edit the same text). */
  segments: Map<string, Map<string, { text: string; confirmed: boolean }>>;
}

export interface Job {
  uid: string;
  innerId: string;
  projectUid: string;
  targetLang: string;
  filename: string;
  path?: string;
  status: string;
  readyAt: number;
  dateCreated: number;
  dateDue?: number;
  sourceFileUid: string;
  /** 1 for the first workflow step (and for projects without steps). */
  workflowLevel: number;
  workflowStep?: { name: string; id: string; uid: string; order: number };
  /** Set by the admin API's split: update source refuses split jobs. */
  split?: boolean;
  updateSourceDate?: number;
}

export interface ImportSettings {
  readonly uid: string;
  readonly name: string;
  readonly dateCreated: number;
  readonly fileImportSettings: {
    fileFormat?: string;
    inputCharset?: string;
    outputCharset?: string;
    json?: JsonSettings;
  } & Record<string, unknown>;
}

/** Dates are kept as epoch ms and written by the wire layer (ISO, or Phrase's `+0000`). */
export const date = (ms: number | undefined): Date | null => (ms === undefined ? null : new Date(ms));

export function jobDto(j: Job, project: Project, extended: boolean, wordsCount: number): Record<string, unknown> {
  const imported = Date.now() >= j.readyAt;
  const base: Record<string, unknown> = {
    uid: j.uid,
    innerId: j.innerId,
    status: j.status,
    providers: [],
    targetLang: j.targetLang,
    workflowStep: j.workflowStep ?? null,
    filename: j.filename,
    originalFileDirectory: j.path ?? null,
    dateDue: date(j.dateDue),
    dateCreated: date(j.dateCreated),
    importStatus: { status: imported ? 'OK' : 'RUNNING' },
    continuous: false,
    sourceFileUid: j.sourceFileUid,
    split: !!j.split,
    imported,
  };
  if (extended) {
    const last = project.workflowSteps?.length ?? 1;
    Object.assign(base, {
      sourceLang: project.sourceLang,
      workflowLevel: j.workflowLevel,
      lastWorkflowLevel: last,
      wordsCount,
      project: { uid: project.uid, name: project.name },
      updateSourceDate: date(j.updateSourceDate),
      isParentJobSplit: !!j.split,
    });
  }
  return base;
}

/** The create-job / update-source answer's `JobPartReference` (has `workflowLevel`, S24). */
export function jobReference(j: Job): Record<string, unknown> {
  return {
    uid: j.uid,
    status: j.status,
    providers: [],
    targetLang: j.targetLang,
    workflowLevel: j.workflowLevel,
    workflowStep: j.workflowStep ?? null,
    filename: j.filename,
    dateDue: date(j.dateDue),
    dateCreated: date(j.dateCreated),
    updateSourceDate: date(j.updateSourceDate),
    imported: Date.now() >= j.readyAt,
    continuous: false,
    sourceFileUid: j.sourceFileUid,
  };
}

/** The step objects of a project (`ProjectWorkflowStepDto`). */
export function workflowStepsOf(
  p: Project,
): Array<{ id: number; name: string; abbreviation: string; workflowLevel: number; workflowStep: { id: string } }> {
  return (p.workflowSteps ?? []).map((name, i) => ({
    id: 7000 + i,
    name,
    abbreviation: name.slice(0, 1).toUpperCase(),
    workflowLevel: i + 1,
    workflowStep: { id: String(7000 + i) },
  }));
}

/** `AbstractProjectDto` as an admin sees it (`userRole: ADMIN`, the "Admin, Project Manager" shape). */
export function projectDto(p: Project): Record<string, unknown> {
  return {
    uid: p.uid,
    id: p.id,
    internalId: Number(p.id),
    name: p.name,
    dateCreated: date(p.dateCreated),
    sourceLang: p.sourceLang,
    targetLangs: p.targetLangs,
    userRole: 'ADMIN',
    status: 'NEW',
    workflowSteps: workflowStepsOf(p),
    references: [],
    mtSettingsPerLanguageList: [],
    shared: false,
    archived: false,
  };
}

/** String leaves of a JSON document with their `/`-joined key paths (Phrase's key path syntax). */
export function leaves(doc: unknown, prefix = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (typeof doc === 'string') out.push([prefix, doc]);
  else if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...leaves(v, `${prefix}[${i}]`)));
  else if (doc && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) out.push(...leaves(v, prefix ? `${prefix}/${k}` : k));
  }
  return out;
}

/** The document with each string leaf replaced by `text(path, value)`. */
export function mapLeaves(doc: unknown, text: (path: string, value: string) => string, prefix = ''): unknown {
  if (typeof doc === 'string') return text(prefix, doc);
  if (Array.isArray(doc)) return doc.map((v, i) => mapLeaves(v, text, `${prefix}[${i}]`));
  if (doc && typeof doc === 'object') {
    return Object.fromEntries(
      Object.entries(doc).map(([k, v]) => [k, mapLeaves(v, text, prefix ? `${prefix}/${k}` : k)]),
    );
  }
  return doc;
}

export function wordCount(doc: unknown): number {
  return leaves(doc).reduce((n, [, text]) => n + (text.match(/\p{L}+/gu)?.length ?? 0), 0);
}
