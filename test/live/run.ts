/**
 * `npm run test:live`: every test/live/*.live.ts against the real services, one process each.
 * Each says what it needs when its credentials are not set, and exits 0 then.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

let failed = 0;
for (const f of readdirSync(__dirname).filter((f) => f.endsWith('.live.ts')).sort()) {
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
