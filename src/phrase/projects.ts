/**
 * Phrase TMS projects, their workflow steps, and the organisation's import settings.
 */
import type { PhraseApi } from './api';
import { listAll } from './api';
import type { FileImportSettings, ImportSettingsRef, Project, StepInfo } from './types';
import { enc } from './wire';

export function listProjects(api: PhraseApi, name?: string, signal?: AbortSignal): Promise<Project[]> {
  return listAll<Project>(api, '/api2/v1/projects', { name }, signal);
}

export function getProject(api: PhraseApi, projectUid: string, signal?: AbortSignal): Promise<Project> {
  return api.transport.call<Project>('GET', `/api2/v1/projects/${enc(projectUid)}`, { signal });
}

/** The project's workflow steps by level; one unnamed step when it has none. */
export async function workflowSteps(api: PhraseApi, projectUid: string, signal?: AbortSignal): Promise<StepInfo[]> {
  const project = await getProject(api, projectUid, signal);
  const steps = (project.workflowSteps ?? []).map((s, i) => ({ level: s.workflowLevel ?? i + 1, name: s.name }));
  return steps.length > 0 ? steps.sort((a, b) => a.level - b.level) : [{ level: 1 }];
}

/** Import settings with exactly this name, if any. */
export async function findImportSettings(
  api: PhraseApi,
  name: string,
  signal?: AbortSignal,
): Promise<ImportSettingsRef | undefined> {
  return (await listAll<ImportSettingsRef>(api, '/api2/v1/importSettings', { name }, signal)).find(
    (s) => s.name === name,
  );
}

/** Creates import settings (`POST /api2/v1/importSettings`, 201). */
export function createImportSettings(
  api: PhraseApi,
  name: string,
  fileImportSettings: FileImportSettings,
  signal?: AbortSignal,
): Promise<ImportSettingsRef> {
  return api.transport.call<ImportSettingsRef>('POST', '/api2/v1/importSettings', {
    json: { name, fileImportSettings },
    retry: 'never',
    signal,
  });
}
