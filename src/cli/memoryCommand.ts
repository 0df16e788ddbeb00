/** `locale-loop memory sync`: every current human translation into the ModernMT memory. */
import { loadConfig } from '../locales/config';
import { currentHumanTranslations, feedMemory } from '../sync/memory';
import { openWorkspace } from '../sync/workspace';
import type { Logger } from '../util/logger';
import type { Env } from './env';
import { modernMtClient } from './env';
import type { Out } from './output';
import { exitCode } from './output';

export async function runMemorySync(args: { cwd: string; json: boolean }, env: Env, out: Out, logger: Logger): Promise<number> {
  const ws = await openWorkspace(await loadConfig(args.cwd));
  const result = await feedMemory(ws, modernMtClient(ws.config, env, logger), await currentHumanTranslations(ws), { logger });
  if (args.json) out.write(JSON.stringify(result, null, 2) + '\n');
  else if (result.skipped) out.write(`Nothing sent: ${result.skipped}.\n`);
  else out.write(`Sent ${result.pairs} translations of ${result.units} keys to ModernMT memory ${String(result.memoryId)} in one TMX import.\n`);
  return result.skipped ? exitCode.failure : exitCode.ok;
}
