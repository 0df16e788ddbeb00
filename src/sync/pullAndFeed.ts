/**
 * The pull as both faces run it (CLI `pull`, the editor's Pull and Pull This Job): the pull
 * itself; with `prefer: 'local'`, every kept local edit recorded as "keep mine" (not reported
 * again for the same translation); then the human translations that arrived fed to the ModernMT
 * memory. Neither face composes these steps on its own.
 */
import type { ModernMtClient } from '../modernmt/client';
import type { PhraseClient } from '../phrase/client';
import type { ConflictRef } from './conflicts';
import { resolveConflicts } from './conflicts';
import type { FeedResult, HumanTranslation } from './memory';
import { feedAfterPull } from './memory';
import type { PullOptions, PullResult } from './pull';
import { pull } from './pull';
import type { Workspace } from './workspace';

export interface PullAndFeedOptions extends Omit<PullOptions, 'onTranslations'> {
  /**
   * The ModernMT client for the memory, asked for only when human translations arrived (the
   * editor then checks for a key; the CLI reads the environment). Undefined: no feeding.
   */
  readonly memoryClient?: () => ModernMtClient | undefined | Promise<ModernMtClient | undefined>;
}

export interface PullAndFeedResult {
  readonly pull: PullResult;
  /** Conflicts recorded as "keep mine" (only with `prefer: 'local'`, never in a dry run). */
  readonly declined: number;
  /** What the memory received; undefined when nothing was fed (see `feedAfterPull`). */
  readonly fed?: FeedResult & { readonly error?: string };
}

export async function pullAndFeed(
  ws: Workspace,
  client: PhraseClient,
  options: PullAndFeedOptions = {},
): Promise<PullAndFeedResult> {
  const arrived: HumanTranslation[] = [];
  const result = await pull(ws, client, {
    ...options,
    // Appended one by one: a spread of a large pull's translations would exceed the argument limit.
    onTranslations: (t) => {
      for (const x of t) arrived.push(x);
    },
  });
  if (options.dryRun) return { pull: result, declined: 0 };
  let declined = 0;
  if (options.prefer === 'local' && result.conflicts > 0) {
    declined = (await resolveConflicts(ws.config, conflictRefs(result), 'mine')).resolved;
  }
  const memory = arrived.length > 0 ? await options.memoryClient?.() : undefined;
  const fed = await feedAfterPull(ws, memory, arrived, { signal: options.signal, logger: options.logger });
  return { pull: result, declined, fed };
}

/** The conflicts of a pull with where they are (what `resolveConflicts` takes). */
export function conflictRefs(r: PullResult): ConflictRef[] {
  return r.files.flatMap((f) =>
    f.conflicts.map((c) => ({ namespace: f.namespace, locale: f.locale, file: f.file, key: c.key, remote: c.remote })),
  );
}
