/** `locale-loop status [--json]`: the pushed jobs and their state in Phrase TMS. */
import { loadConfig } from '../locales/config';
import { status } from '../sync/status';
import { openWorkspace } from '../sync/workspace';
import type { Logger } from '../util/logger';
import type { Env } from './env';
import { phraseClient } from './env';
import type { Out } from './output';
import { exitCode, table } from './output';

export async function runStatus(args: { cwd: string; json: boolean }, env: Env, out: Out, logger: Logger): Promise<number> {
  const config = await loadConfig(args.cwd);
  const ws = await openWorkspace(config);
  const rows = await status(ws, phraseClient(config, env, logger));
  if (args.json) out.write(JSON.stringify(rows, null, 2) + '\n');
  else if (rows.length === 0) out.write('Nothing has been pushed from this workspace yet.\n');
  else {
    out.write(
      table([
        ['file', 'locale', 'status', 'progress', 'workflow step', 'due', 'job', 'pulled'],
        ...rows.map((r) => [r.file, r.locale, r.status, progress(r.progress), r.workflowStep ?? '-', r.due ?? '-', r.jobUid, r.pulledAt ?? '-']),
      ]) + '\n',
    );
  }
  return exitCode.ok;
}

function progress(p: { done: number; total: number } | undefined): string {
  if (!p) return '-';
  return `${p.done}/${p.total} (${p.total ? Math.round((100 * p.done) / p.total) : 100}%)`;
}
