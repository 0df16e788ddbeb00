/** `locale-loop status [--json]`: the pushed jobs and their state in Phrase TMS. */
import { loadConfig } from '../locales/config';
import { status } from '../sync/status';
import { openWorkspace } from '../sync/workspace';
import type { Logger } from '../util/logger';
import type { Env } from './env';
import { phraseClient } from './env';
import type { Out } from './output';
import { exitCode, table } from './output';

export async function runStatus(
  args: { cwd: string; json: boolean },
  env: Env,
  out: Out,
  logger: Logger,
): Promise<number> {
  const config = await loadConfig(args.cwd);
  const ws = await openWorkspace(config);
  const rows = await status(ws, phraseClient(config, env, logger));
  // `--json`: version 1, every job of every step (README "status --json").
  if (args.json) out.write(JSON.stringify({ version: 1, jobs: rows }, null, 2) + '\n');
  else if (rows.length === 0) out.write('Nothing has been pushed from this workspace yet.\n');
  else {
    const steps = rows.some((r) => r.workflowLevel > 1);
    out.write(
      table([
        ['file', 'locale', ...(steps ? ['step'] : []), 'status', 'progress', 'due', 'job', 'pulled'],
        ...rows.map((r) => [
          r.file,
          r.locale,
          ...(steps ? [`${r.workflowLevel} ${r.step ?? ''}${r.pullStep ? ' (pull)' : ''}`.trim()] : []),
          r.status,
          progress(r.progress),
          day(r.due),
          r.uid,
          day(r.pulledAt),
        ]),
      ]) + '\n',
    );
  }
  return exitCode.ok;
}

function progress(p: { done: number; total: number } | undefined): string {
  if (!p) return '-';
  return `${p.done}/${p.total} (${p.total ? Math.round((100 * p.done) / p.total) : 100}%)`;
}

/** YYYY-MM-DD of a date as Phrase writes it (`2026-11-22T10:00:00+0000`) or ISO. */
function day(date: string | undefined): string {
  return date && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : '-';
}
