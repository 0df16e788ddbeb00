/** The parts of Phrase TMS's DTOs Locale Loop reads (see the Swagger definition in shared/contracts). */

export type JobStatus =
  'NEW' | 'ACCEPTED' | 'DECLINED' | 'REJECTED' | 'DELIVERED' | 'EMAILED' | 'COMPLETED' | 'CANCELLED';

export interface UserReference {
  readonly uid: string;
  readonly userName: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly role?: string;
}

export interface LoginResponse {
  readonly user: UserReference;
  readonly token: string;
  readonly expires: string;
}

export interface Page<T> {
  readonly totalElements: number;
  readonly totalPages: number;
  readonly pageSize: number;
  readonly pageNumber: number;
  readonly numberOfElements: number;
  readonly content: T[];
}

export interface Project {
  readonly uid: string;
  readonly id?: string;
  readonly name: string;
  readonly sourceLang: string;
  readonly targetLangs: string[];
  readonly status?: string;
  /** The project's workflow steps (admins and project managers see them); none: one step. */
  readonly workflowSteps?: ReadonlyArray<{
    readonly id?: number | string;
    readonly name?: string;
    readonly workflowLevel?: number;
  }> | null;
}

/** A job's step (`WorkflowStepReference`): `order` is its workflow level. */
export interface WorkflowStep {
  readonly name?: string;
  readonly id?: string;
  readonly uid?: string;
  readonly order?: number;
}

/** A workflow step of a project, by level (1 = first). */
export interface StepInfo {
  readonly level: number;
  readonly name?: string;
}

/** `JsonSettingsDto` (S24): the JSON filter of import settings. */
export interface JsonImportSettings {
  readonly tagRegexp?: string;
  readonly htmlSubFilter?: boolean;
  readonly icuSubFilter?: boolean;
  readonly includeKeyRegexp?: string;
  readonly excludeKeyRegexp?: string;
  readonly contextNotePath?: string;
  readonly maxLenPath?: string;
  readonly contextKeyPath?: string;
}

export interface FileImportSettings {
  readonly fileFormat?: string;
  readonly inputCharset?: string;
  readonly outputCharset?: string;
  readonly json?: JsonImportSettings;
}

export interface ImportSettingsRef {
  readonly uid: string;
  readonly name: string;
  readonly fileImportSettings?: FileImportSettings;
}

export interface JobPart {
  readonly uid: string;
  readonly innerId?: string;
  readonly status: JobStatus;
  readonly targetLang: string;
  readonly filename: string;
  /** In create answers and Get job; list items carry it as `workflowStep.order` only. */
  readonly workflowLevel?: number;
  readonly lastWorkflowLevel?: number;
  readonly workflowStep?: WorkflowStep | null;
  readonly dateDue?: string | null;
  readonly dateCreated?: string | null;
  readonly sourceFileUid?: string;
  readonly imported?: boolean;
  readonly importStatus?: { status: 'RUNNING' | 'ERROR' | 'OK'; errorMessage?: string };
  readonly continuous?: boolean;
  readonly split?: boolean | null;
  readonly providers?: Array<{ type?: string; id?: string; uid?: string; name?: string }>;
  readonly originalFileDirectory?: string | null;
  readonly progress?: { totalCount?: number; finishedCount?: number };
}

export interface AsyncRequestRef {
  readonly id: string;
  readonly action?: string;
  readonly dateCreated?: string;
}

export interface JobList {
  readonly jobs: JobPart[];
  readonly asyncRequest?: AsyncRequestRef | null;
  readonly unsupportedFiles?: string[] | null;
}

export interface AsyncResponse {
  readonly dateCreated?: string;
  readonly errorCode?: string | null;
  readonly errorDesc?: string | null;
  readonly errorDetails?: unknown[];
}

export interface AsyncRequest {
  readonly id: string;
  readonly action?: string;
  readonly dateCreated?: string;
  readonly asyncResponse?: AsyncResponse | null;
}

export interface UpdateSourceResponse {
  readonly asyncRequest?: AsyncRequestRef | null;
  readonly jobs: JobPart[];
}

export interface SegmentsCounts {
  readonly segmentsCount?: number;
  readonly completedSegmentsCount?: number;
  readonly translatedSegmentsCount?: number;
  readonly wordsCount?: number;
  readonly completedWordsCount?: number;
  readonly allConfirmed?: boolean;
}
