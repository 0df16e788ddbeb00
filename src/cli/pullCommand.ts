/** `locale-loop pull [--dry-run] [--prefer local|remote] [--json]`: translations back into the files. */
import { loadConfig } from '../locales/config';
import { describeRefusal } from '../locales/edit';
import type { HumanTranslation } from '../sync/memory';
import { feedMemory } from '../sync/memory';
import { pull } from '../sync/pull';
import type { PullResult } from '../sync/pull';
import { openWorkspace } from '../sync/workspace';
import type { Logger } from '../util/logger';
import type { Env } from './env';
import { modernMtClient, phraseClient } from './env';
import type { Out } from './output';
import { exitCode, table } from './output';

export async function runPull(args: { cwd: string; json: boolean; dryRun: boolean; prefer?: 'local' | 'remote' }, env: Env, out: Out, logger: Logger): Promise<number> {
  const config = await loadConfig(args.cwd);
  const ws = await openWorkspace(config);
  const arrived: HumanTranslation[] = [];
  // Appended one by one: a spread of a large pull's translations would exceed the argument limit.
  const onTranslations = (t: readonly HumanTranslation[]) => {
    for (const x of t) arrived.push(x);
  };
  const result = await pull(ws, phraseClient(config, env, logger), { dryRun: args.dryRun, prefer: args.prefer, logger, onTranslations });
  out.write(args.json ? JSON.stringify(result, null, 2) + '\n' : formatPull(result));
  // The adaptive loop: human translations that arrived feed the ModernMT memory (one import).
  if (!args.dryRun && arrived.length > 0 && config.modernmt.feedback && env.MODERNMT_API_KEY && (config.modernmt.memoryId !== undefined || config.modernmt.memoryName)) {
    try {
      const fed = await feedMemory(ws, modernMtClient(config, env, logger), arrived, { logger });
      if (!args.json && !fed.skipped) out.write(`Fed ${fed.pairs} human translations into ModernMT memory ${String(fed.memoryId)}.\n`);
    } catch (e) {
      logger.warn(`the pull succeeded, but feeding the ModernMT memory failed: ${(e as Error).message}`);
    }
  }
  // Unresolved conflicts fail the run (a CI job must notice them); --prefer remote resolves them.
  return result.errors > 0 || (result.conflicts > 0 && args.prefer !== 'remote') ? exitCode.failure : exitCode.ok;
}

export function formatPull(r: PullResult): string {
  const lines = [r.dryRun ? 'Pull plan (dry run: no file was written)' : 'Pulled from Phrase TMS', ''];
  if (r.files.length === 0) lines.push('No job is ready to pull.');
  else {
    lines.push(
      table([
        ['file', 'locale', 'status', 'keys written', 'conflicts', 'result'],
        ...r.files.map((f) => [f.file, f.locale, f.status, String(f.applied), String(f.conflicts.length), f.error ? 'error' : f.written ? 'written' : r.dryRun && f.applied ? 'would write' : 'unchanged']),
      ]),
    );
  }
  for (const f of r.files) {
    if (f.error) lines.push(`error: ${f.file}: ${f.error}`);
    for (const r of f.refused ?? []) lines.push(`refused: ${f.file} ${describeRefusal(r)}`);
    for (const c of f.conflicts) {
      lines.push(`conflict: ${f.file} "${c.key}": kept local ${c.local === undefined ? '(deleted)' : JSON.stringify(c.local)}, translation ${JSON.stringify(c.remote)}`);
    }
  }
  if (r.conflicts > 0) lines.push('', `${r.conflicts} conflict(s): local edits were kept. Re-run with --prefer remote to take the translations.`);
  if (r.waiting.length > 0) lines.push('', `${r.waiting.length} job(s) not finished yet.`);
  return lines.join('\n') + '\n';
}
