/** `locale-loop pull [--dry-run] [--prefer local|remote] [--json]`: translations back into the files. */
import { loadConfig } from '../locales/config';
import type { ConflictRef } from '../sync/conflicts';
import { resolveConflicts } from '../sync/conflicts';
import type { HumanTranslation } from '../sync/memory';
import { feedMemory } from '../sync/memory';
import { pull } from '../sync/pull';
import type { PullResult } from '../sync/pull';
import { openWorkspace } from '../sync/workspace';
import type { Logger } from '../util/logger';
import type { Env } from './env';
import { modernMtClient, phraseClient } from './env';
import type { Out } from './output';
import { exitCode, plural, table } from './output';

type Prefer = 'local' | 'remote' | undefined;

export async function runPull(args: { cwd: string; json: boolean; dryRun: boolean; prefer?: 'local' | 'remote' }, env: Env, out: Out, logger: Logger): Promise<number> {
  const config = await loadConfig(args.cwd);
  const ws = await openWorkspace(config);
  const arrived: HumanTranslation[] = [];
  const result = await pull(ws, phraseClient(config, env, logger), { dryRun: args.dryRun, prefer: args.prefer, logger, onTranslations: (t) => arrived.push(...t) });
  // --prefer local is the editor's "Keep Mine" for every conflict: recorded, so the same
  // translation is not reported again and CI can go green.
  if (args.prefer === 'local' && !args.dryRun && result.conflicts > 0) await resolveConflicts(config, conflictRefs(result), 'mine');
  out.write(args.json ? JSON.stringify(result, null, 2) + '\n' : formatPull(result, args.prefer));
  // The adaptive loop: human translations that arrived feed the ModernMT memory (one import).
  if (!args.dryRun && arrived.length > 0 && config.modernmt.feedback && env.MODERNMT_API_KEY && (config.modernmt.memoryId !== undefined || config.modernmt.memoryName)) {
    try {
      const fed = await feedMemory(ws, modernMtClient(config, env, logger), arrived, { logger });
      if (!args.json && !fed.skipped) out.write(`Fed ${plural(fed.pairs, 'human translation')} into ModernMT memory ${String(fed.memoryId)}.\n`);
    } catch (e) {
      logger.warn(`the pull succeeded, but feeding the ModernMT memory failed: ${(e as Error).message}`);
    }
  }
  // Unresolved conflicts fail the run (a CI job must notice them); --prefer local or remote resolves them.
  return result.errors > 0 || (result.conflicts > 0 && args.prefer === undefined) ? exitCode.failure : exitCode.ok;
}

export function conflictRefs(r: PullResult): ConflictRef[] {
  return r.files.flatMap((f) => f.conflicts.map((c) => ({ namespace: f.namespace, locale: f.locale, file: f.file, key: c.key, remote: c.remote })));
}

export function formatPull(r: PullResult, prefer?: Prefer): string {
  const lines = [r.dryRun ? 'Pull plan (dry run: no file was written)' : 'Pulled from Phrase TMS', ''];
  if (r.files.length === 0) lines.push('No job is ready to pull.');
  else {
    lines.push(
      table([
        ['file', 'locale', 'status', 'new', 'replaced', 'conflicts', 'result'],
        ...r.files.map((f) => {
          const replaced = f.replaced?.length ?? 0;
          return [f.file, f.locale, f.status, String(newValues(f, prefer)), String(replaced), String(f.conflicts.length), f.error ? 'error' : f.written ? 'written' : r.dryRun && f.applied ? 'would write' : 'unchanged'];
        }),
      ]),
    );
  }
  const would = r.dryRun ? 'would be ' : '';
  for (const f of r.files) {
    if (f.error) lines.push(`error: ${f.file}: ${f.error}`);
    for (const x of f.replaced ?? []) lines.push(`replaced: ${f.file} "${x.key}": ${JSON.stringify(x.local)} ${would ? 'would become' : '→'} ${JSON.stringify(x.remote)}`);
    for (const c of f.conflicts) {
      const local = c.local === undefined ? '(deleted)' : JSON.stringify(c.local);
      if (prefer === 'remote') lines.push(`conflict: ${f.file} "${c.key}": local edit ${local} ${r.dryRun ? 'would be replaced' : 'replaced'} by the translation ${JSON.stringify(c.remote)} (--prefer remote)`);
      else if (prefer === 'local') lines.push(`conflict: ${f.file} "${c.key}": kept local ${local}, translation ${JSON.stringify(c.remote)} ${r.dryRun ? 'would be declined' : 'declined'} (--prefer local)`);
      else lines.push(`conflict: ${f.file} "${c.key}": kept local ${local}, translation ${JSON.stringify(c.remote)}`);
    }
  }
  const added = r.files.reduce((n, f) => n + newValues(f, prefer), 0);
  const replaced = r.files.reduce((n, f) => n + (f.replaced?.length ?? 0), 0);
  if (r.files.length > 0) lines.push('', `${plural(added, 'new value')}, ${plural(replaced, 'replaced value')} ${would || ''}written; ${plural(r.conflicts, 'local edit')} ${prefer === 'remote' ? `${would}replaced by the translation` : 'kept'}.`);
  if (r.conflicts > 0 && prefer === undefined) lines.push(`${plural(r.conflicts, 'conflict')}: local edits were kept. Re-run with --prefer local to keep them (not reported again), or --prefer remote to take the translations.`);
  if (prefer === 'local' && r.conflicts > 0 && !r.dryRun) lines.push(`${plural(r.conflicts, 'declined translation')} recorded: not reported again unless the translation changes.`);
  if (r.waiting.length > 0) lines.push('', `${plural(r.waiting.length, 'job')} not finished yet.`);
  return lines.join('\n') + '\n';
}

/** Keys a file gets that it did not have (conflicts taken with --prefer remote are counted apart). */
function newValues(f: PullResult['files'][number], prefer: Prefer): number {
  return f.applied - (f.replaced?.length ?? 0) - (prefer === 'remote' ? f.conflicts.length : 0);
}
