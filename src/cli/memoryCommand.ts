/** `locale-loop memory sync`: every current human translation into the ModernMT memory (changed ones only). */
import { loadConfig } from '../locales/config';
import { syncMemory } from '../sync/memory';
import { openWorkspace } from '../sync/workspace';
import type { Logger } from '../util/logger';
import type { Env } from './env';
import { modernMtClient } from './env';
import type { Out } from './output';
import { exitCode } from './output';
import { feedSummary } from './pullCommand';

export async function runMemorySync(
  args: { cwd: string; json: boolean },
  env: Env,
  out: Out,
  logger: Logger,
): Promise<number> {
  const ws = await openWorkspace(await loadConfig(args.cwd));
  const result = await syncMemory(ws, modernMtClient(ws.config, env, logger), { logger });
  if (args.json) out.write(JSON.stringify(result, null, 2) + '\n');
  else if (result.skipped) out.write(`Nothing sent: ${result.skipped}.\n`);
  else out.write(feedSummary(result) + '\n');
  return result.skipped ? exitCode.failure : exitCode.ok;
}
