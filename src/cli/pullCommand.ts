/** `locale-loop pull [--dry-run] [--prefer local|remote] [--json]`: translations back into the files. */
import { loadConfig } from '../locales/config';
import { describeRefusal } from '../locales/edit';
import type { FeedResult } from '../sync/memory';
import type { PullResult } from '../sync/pull';
import { pullAndFeed } from '../sync/pullAndFeed';
import { openWorkspace } from '../sync/workspace';
import type { Logger } from '../util/logger';
import type { Env } from './env';
import { modernMtClient, phraseClient } from './env';
import type { Out } from './output';
import { exitCode, plural, table } from './output';

type Prefer = 'local' | 'remote' | undefined;

export async function runPull(
  args: { cwd: string; json: boolean; dryRun: boolean; prefer?: 'local' | 'remote' },
  env: Env,
  out: Out,
  logger: Logger,
): Promise<number> {
  const config = await loadConfig(args.cwd);
  const ws = await openWorkspace(config);
  // --prefer local is the editor's "Keep Mine" for every conflict: recorded by the flow, so the
  // same translation is not reported again and CI can go green.
  const { pull: result, fed } = await pullAndFeed(ws, phraseClient(config, env, logger), {
    dryRun: args.dryRun,
    prefer: args.prefer,
    logger,
    memoryClient: () => (env.MODERNMT_API_KEY ? modernMtClient(config, env, logger) : undefined),
  });
  out.write(args.json ? JSON.stringify(result, null, 2) + '\n' : formatPull(result, args.prefer));
  if (fed && !fed.error && !fed.skipped && !args.json) out.write(feedSummary(fed) + '\n');
  // Unresolved conflicts fail the run (a CI job must notice them); --prefer local or remote
  // resolves local edits, but a translation refused for review (broken placeholders) stays open
  // unless declined with --prefer local.
  const review = result.files.reduce((n, f) => n + f.conflicts.filter((c) => c.reason).length, 0);
  return result.errors > 0 ||
    (result.conflicts > 0 && args.prefer === undefined) ||
    (review > 0 && args.prefer === 'remote')
    ? exitCode.failure
    : exitCode.ok;
}

/** "ModernMT memory 1: 3 pairs added, 1 replaced." */
export function feedSummary(fed: FeedResult): string {
  return `ModernMT memory ${String(fed.memoryId)}: ${plural(fed.added, 'pair')} added, ${fed.replaced} replaced${fed.unchanged ? `, ${fed.unchanged} unchanged` : ''}${fed.uncertain ? `, ${fed.uncertain} not confirmed` : ''}.`;
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
          return [
            f.file,
            f.locale,
            f.status,
            String(newValues(f, prefer)),
            String(replaced),
            String(f.conflicts.length),
            f.error ? 'error' : f.written ? 'written' : r.dryRun && f.applied ? 'would write' : 'unchanged',
          ];
        }),
      ]),
    );
  }
  const would = r.dryRun ? 'would be ' : '';
  for (const f of r.files) {
    if (f.error) lines.push(`error: ${f.file}: ${f.error}`);
    for (const x of f.refused ?? []) lines.push(`refused: ${f.file} ${describeRefusal(x)}`);
    for (const x of f.replaced ?? []) {
      lines.push(
        `replaced: ${f.file} "${x.key}": ${JSON.stringify(x.local)} ${would ? 'would become' : '→'} ${JSON.stringify(x.remote)}`,
      );
    }
    for (const c of f.conflicts) {
      const local = c.local === undefined ? '(deleted)' : JSON.stringify(c.local);
      if (c.reason) {
        lines.push(
          `conflict: ${f.file} "${c.key}": ${c.reason}: translation ${JSON.stringify(c.remote)}, kept ${c.local === undefined ? '(none)' : local}${prefer === 'local' && !r.dryRun ? ' (declined, --prefer local)' : ''}`,
        );
      } else if (prefer === 'remote') {
        lines.push(
          `conflict: ${f.file} "${c.key}": local edit ${local} ${r.dryRun ? 'would be replaced' : 'replaced'} by the translation ${JSON.stringify(c.remote)} (--prefer remote)`,
        );
      } else if (prefer === 'local') {
        lines.push(
          `conflict: ${f.file} "${c.key}": kept local ${local}, translation ${JSON.stringify(c.remote)} ${r.dryRun ? 'would be declined' : 'declined'} (--prefer local)`,
        );
      } else lines.push(`conflict: ${f.file} "${c.key}": kept local ${local}, translation ${JSON.stringify(c.remote)}`);
    }
  }
  const added = r.files.reduce((n, f) => n + newValues(f, prefer), 0);
  const replaced = r.files.reduce((n, f) => n + (f.replaced?.length ?? 0), 0);
  if (r.files.length > 0) {
    lines.push(
      '',
      `${plural(added, 'new value')}, ${plural(replaced, 'replaced value')} ${would || ''}written; ${plural(r.conflicts, 'local edit')} ${prefer === 'remote' ? `${would}replaced by the translation` : 'kept'}.`,
    );
  }
  if (r.conflicts > 0 && prefer === undefined) {
    lines.push(
      `${plural(r.conflicts, 'conflict')}: local edits were kept. Re-run with --prefer local to keep them (not reported again), or --prefer remote to take the translations.`,
    );
  }
  if (prefer === 'local' && r.conflicts > 0 && !r.dryRun) {
    lines.push(
      `${plural(r.conflicts, 'declined translation')} recorded: not reported again unless the translation changes.`,
    );
  }
  const untranslated = r.files.reduce((n, f) => n + (f.untranslated ?? 0), 0);
  if (untranslated > 0) {
    lines.push(
      '',
      `${plural(untranslated, 'key')} came back as the source text (not confirmed in Phrase TMS): the existing translations were kept.`,
    );
  }
  if (r.waiting.length > 0) {
    lines.push(
      '',
      `${plural(r.waiting.length, 'job')} not finished yet${r.waiting[0]!.step ? ` (waiting for the "${r.waiting[0]!.step}" step)` : ''}.`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Keys a file gets that it did not have (conflicts taken with --prefer remote are counted apart). */
function newValues(f: PullResult['files'][number], prefer: Prefer): number {
  // Conflicts refused for review (a reason) are never written, whatever --prefer says.
  return (
    f.applied - (f.replaced?.length ?? 0) - (prefer === 'remote' ? f.conflicts.filter((c) => !c.reason).length : 0)
  );
}
