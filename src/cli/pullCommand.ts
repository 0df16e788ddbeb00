/** `locale-loop pull [--dry-run] [--prefer local|remote] [--json]`: translations back into the files. */
import { loadConfig } from '../locales/config';
import { describeRefusal } from '../locales/edit';
import type { FeedResult, HumanTranslation } from '../sync/memory';
import { feedAfterPull } from '../sync/memory';
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
  // The adaptive loop: human translations that arrived teach the ModernMT memory.
  const fed = args.dryRun ? undefined : await feedAfterPull(ws, env.MODERNMT_API_KEY ? modernMtClient(config, env, logger) : undefined, arrived, { logger });
  if (fed && !fed.error && !fed.skipped && !args.json) out.write(feedSummary(fed) + '\n');
  // Unresolved conflicts fail the run (a CI job must notice them); --prefer remote resolves them.
  return result.errors > 0 || (result.conflicts > 0 && args.prefer !== 'remote') ? exitCode.failure : exitCode.ok;
}

/** "ModernMT memory 1: 3 pair(s) added, 1 replaced." */
export function feedSummary(fed: FeedResult): string {
  return `ModernMT memory ${String(fed.memoryId)}: ${fed.added} pair(s) added, ${fed.replaced} replaced${fed.unchanged ? `, ${fed.unchanged} unchanged` : ''}${fed.uncertain ? `, ${fed.uncertain} not confirmed` : ''}.`;
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
      if (c.reason) lines.push(`conflict: ${f.file} "${c.key}": ${c.reason}: translation ${JSON.stringify(c.remote)}, kept ${c.local === undefined ? '(none)' : JSON.stringify(c.local)}`);
      else lines.push(`conflict: ${f.file} "${c.key}": kept local ${c.local === undefined ? '(deleted)' : JSON.stringify(c.local)}, translation ${JSON.stringify(c.remote)}`);
    }
  }
  if (r.conflicts > 0) lines.push('', `${r.conflicts} conflict(s): local edits were kept. Re-run with --prefer remote to take the translations.`);
  const untranslated = r.files.reduce((n, f) => n + (f.untranslated ?? 0), 0);
  if (untranslated > 0) lines.push('', `${untranslated} key(s) came back as the source text (not confirmed in Phrase TMS): the existing translations were kept.`);
  if (r.waiting.length > 0) lines.push('', `${r.waiting.length} job(s) not finished yet${r.waiting[0]!.step ? ` (waiting for the "${r.waiting[0]!.step}" step)` : ''}.`);
  return lines.join('\n') + '\n';
}
