/** `--to LOCALE` must name a target locale of the workspace: a typo is a usage error, not "nothing to do". */
import { loadConfig } from '../locales/config';
import { toBcp47 } from '../locales/localeCodes';
import { openWorkspace } from '../sync/workspace';
import { UsageError } from './output';

export async function checkTargetLocales(cwd: string, wanted: readonly string[] | undefined): Promise<void> {
  if (!wanted?.length) return;
  const config = await loadConfig(cwd);
  const targets = config.targetLocales?.map(toBcp47) ?? (await openWorkspace(config)).targetLocales;
  const known = new Set(targets.map((l) => l.toLowerCase()));
  const unknown = wanted.filter((l) => !known.has(normalised(l)));
  if (unknown.length > 0) {
    throw new UsageError(
      `--to ${unknown.join(', ')}: not a target locale of this workspace (target locales: ${targets.join(', ') || 'none'})`,
    );
  }
}

function normalised(code: string): string {
  try {
    return toBcp47(code).toLowerCase();
  } catch {
    return code.toLowerCase();
  }
}
