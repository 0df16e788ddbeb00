/** The parts of Phrase TMS's DTOs Locale Loop reads (see the Swagger definition in shared/contracts). */

export type JobStatus = 'NEW' | 'ACCEPTED' | 'DECLINED' | 'REJECTED' | 'DELIVERED' | 'EMAILED' | 'COMPLETED' | 'CANCELLED';

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
}

export interface WorkflowStep {
  readonly name?: string;
  readonly uid?: string;
  readonly order?: number;
}

export interface JobPart {
  readonly uid: string;
  readonly innerId?: string;
  readonly status: JobStatus;
  readonly targetLang: string;
  readonly filename: string;
  readonly workflowLevel?: number;
  readonly workflowStep?: WorkflowStep | null;
  readonly dateDue?: string | null;
  readonly dateCreated?: string;
  readonly imported?: boolean;
  readonly importStatus?: { status: 'RUNNING' | 'ERROR' | 'OK'; errorMessage?: string };
  readonly continuous?: boolean;
  readonly split?: boolean;
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
  readonly asyncRequest?: AsyncRequestRef;
  readonly unsupportedFiles?: string[];
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
  readonly asyncRequest?: AsyncRequestRef;
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
