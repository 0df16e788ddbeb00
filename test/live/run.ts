/**
 * `npm run test:live`: every test/live/*.live.ts against the real services, one process each.
 * Each says what it needs when its credentials are not set, and exits 0 then. A file written as a
 * mocha suite (it calls `describe`) runs under mocha; any other file is a plain script.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const mocha = require.resolve('mocha/bin/mocha.js');
let failed = 0;
for (const f of readdirSync(__dirname)
  .filter((f) => f.endsWith('.live.ts'))
  .sort()) {
  console.log(`\n== ${f}`);
  const file = path.join(__dirname, f);
  const suite = /\bdescribe\(/.test(readFileSync(file, 'utf8'));
  const args = suite
    ? [mocha, '--no-config', '-r', 'tsx/cjs', '--extension', 'ts', '--timeout', '600000', '--reporter', 'spec', file]
    : ['--import', 'tsx', file];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
