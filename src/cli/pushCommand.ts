/** `locale-loop push [--dry-run] [--json]`: source files to Phrase TMS jobs. */
import { loadConfig } from '../locales/config';
import { push } from '../sync/push';
import type { PushResult } from '../sync/push';
import { openWorkspace } from '../sync/workspace';
import type { Env } from './env';
import { phraseClient } from './env';
import type { Out } from './output';
import { exitCode, table } from './output';
import type { Logger } from '../util/logger';

export async function runPush(
  args: { cwd: string; json: boolean; dryRun: boolean },
  env: Env,
  out: Out,
  logger: Logger,
): Promise<number> {
  const config = await loadConfig(args.cwd);
  const ws = await openWorkspace(config);
  const client = args.dryRun ? undefined : phraseClient(config, env, logger);
  const result = await push(ws, client, { dryRun: args.dryRun, logger });
  out.write(args.json ? JSON.stringify(result, null, 2) + '\n' : formatPush(result));
  return result.errors.length > 0 ? exitCode.failure : exitCode.ok;
}

export function formatPush(r: PushResult): string {
  const lines = [
    r.dryRun ? 'Push plan (dry run: nothing was sent)' : `Pushed to Phrase TMS project ${r.projectUid}`,
    '',
  ];
  lines.push(
    table([
      ['file', 'action', 'locales', 'new', 'changed', 'removed', 'words'],
      ...r.files.map((f) => [
        f.file,
        f.action,
        f.locales.join(',') || '-',
        String(f.newKeys),
        String(f.changedKeys),
        String(f.removedKeys),
        String(f.words),
      ]),
    ]),
  );
  const words = r.files.filter((f) => f.action !== 'unchanged').reduce((n, f) => n + f.words, 0);
  lines.push(
    '',
    `${r.files.filter((f) => f.action !== 'unchanged').length} of ${r.files.length} files ${r.dryRun ? 'to upload' : 'uploaded'}; ${words} words`,
  );
  for (const f of r.files) for (const n of f.notes) lines.push(`note: ${f.file}: ${n}`);
  for (const n of r.notes ?? []) lines.push(`note: ${n}`);
  for (const e of r.errors) lines.push(`error: ${e}`);
  return lines.join('\n') + '\n';
}
