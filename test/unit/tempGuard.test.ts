import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { runGuarded } from '../support/tempGuard';
import { makeTempDir } from '../support/tempDirs';

/** A child Node process that records the temp dir it sees, then runs `body`. */
const node = (seen: string, body: string) => [
  '-e',
  `const fs = require('fs'), os = require('os'), path = require('path');
   fs.writeFileSync(${JSON.stringify(seen)}, os.tmpdir());
   ${body}`,
];

describe('temp guard (test/support/tempGuard.ts)', function () {
  this.timeout(30_000);

  it('a tier that leaves a folder in its temp dir fails, naming it, though the tier itself passed', async () => {
    const out = await makeTempDir('ll-guard-test-');
    const said: string[] = [];
    const code = await runGuarded(
      process.execPath,
      node(path.join(out, 'seen'), "fs.mkdtempSync(path.join(os.tmpdir(), 'll-forgotten-'));"),
      (l) => said.push(l),
    );
    assert.equal(code, 1);
    assert.equal(said.length, 1);
    assert.match(said[0]!, /^The tests left 1 entry in the temp dir; .*\n {2}ll-forgotten-\w{6}$/);
    const seen = await fs.readFile(path.join(out, 'seen'), 'utf8');
    assert.ok(!existsSync(seen), 'the tier temp dir is removed, leftovers included');
  });

  it('a tier that removes what it makes keeps its own exit code; it ran in a temp dir of its own', async () => {
    const out = await makeTempDir('ll-guard-test-');
    const said: string[] = [];
    const code = await runGuarded(
      process.execPath,
      node(
        path.join(out, 'seen'),
        "const d = fs.mkdtempSync(path.join(os.tmpdir(), 'll-tidy-')); fs.rmSync(d, { recursive: true }); process.exit(3);",
      ),
      (l) => said.push(l),
    );
    assert.equal(code, 3);
    assert.deepEqual(said, []);
    const seen = await fs.readFile(path.join(out, 'seen'), 'utf8');
    assert.match(path.basename(seen), /^ll-tier-/);
    assert.ok(!existsSync(seen), 'the tier temp dir is removed');
  });

  it('a mocha run whose test makes a folder with makeTempDir and never removes it leaves nothing: the root hook removed it', async () => {
    const root = path.resolve(__dirname, '../..');
    const dir = await makeTempDir('ll-guard-spec-');
    const spec = path.join(dir, 'forgets.test.ts');
    await fs.writeFile(
      spec,
      `import { existsSync } from 'node:fs';
       import { makeTempDir } from ${JSON.stringify(path.join(root, 'test/support/tempDirs'))};
       it('makes a folder and forgets it', async () => {
         if (!existsSync(await makeTempDir('ll-forgotten-'))) throw new Error('not made');
       });`,
    );
    const mocha = require.resolve('mocha/bin/mocha.js');
    const args = [mocha, '--config', path.join(root, '.mocharc.json'), '--reporter', 'dot', spec];
    const said: string[] = [];
    assert.equal(await runGuarded(process.execPath, args, (l) => said.push(l)), 0, said.join('\n'));
    // The control: the same test under a mocha without the root hook leaves its folder, and the guard says so.
    const bare = [mocha, '--no-config', '-r', 'tsx/cjs', '--extension', 'ts', '--reporter', 'dot', spec];
    assert.equal(await runGuarded(process.execPath, bare, (l) => said.push(l)), 1);
    assert.match(said.join('\n'), /^ {2}ll-forgotten-\w{6}$/m);
  });
});
