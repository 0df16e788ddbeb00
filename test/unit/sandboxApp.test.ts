import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe("the sandbox's sample app", () => {
  it('type-checks: src/App.tsx opens in the editor without TypeScript errors', function () {
    this.timeout(60_000);
    const app = path.resolve(__dirname, '../fixtures/sandbox-app');
    const res = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', app], { encoding: 'utf8' });
    assert.equal(res.status, 0, res.stdout + res.stderr);
  });
});
