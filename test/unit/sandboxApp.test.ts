import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { scanWithCode } from '../../src/code/scanWithCode';
import { loadConfig } from '../../src/locales/config';

describe("the sandbox's sample app", () => {
  it('type-checks: src/App.tsx opens in the editor without TypeScript errors', function () {
    this.timeout(60_000);
    const app = path.resolve(__dirname, '../fixtures/sandbox-app');
    const res = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', app], { encoding: 'utf8' });
    assert.equal(res.status, 0, res.stdout + res.stderr);
  });

  it('every key its code uses is in the source locale: the editor shows no "used in code but missing" on it', async () => {
    const app = path.resolve(__dirname, '../fixtures/sandbox-app');
    const usage = (await scanWithCode(await loadConfig(app), { code: true })).report.codeUsage;
    assert.ok(usage && usage.keysUsed >= 5, `keys used: ${usage?.keysUsed}`);
    assert.deepEqual(usage.usedButMissing, []);
  });
});
