import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { checkModules } from '../../scripts/checkModules';
import { makeTempDir } from '../support/tempDirs';

/** Writes a small project tree (paths relative to its root) into a fresh temp folder. */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await makeTempDir('ll-modcheck-');
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), text);
  }
  return root;
}

const clean = {
  'src/util/a.ts': 'export const a = 1;\n',
  'src/locales/b.ts': "import { a } from '../util/a';\nexport const b = a + 1;\n",
  'src/extension.ts': "import { b } from './locales/b';\nexport const c = b;\n",
};
const none = { knownCycles: [], knownOversized: [] };

describe('module check (scripts/checkModules.ts)', function () {
  this.timeout(60_000);

  it('a tree whose layers import downward only passes, with nothing tolerated', async () => {
    const result = await checkModules(await tree(clean), none);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.tolerated, []);
    assert.equal(result.modules, 3);
  });

  it('a cycle made of type-only imports fails, naming its modules and saying it is type-only', async () => {
    const root = await tree({
      ...clean,
      'src/locales/x.ts': "import type { Y } from './y';\nexport interface X { y?: Y }\n",
      'src/locales/y.ts': "import type { X } from './x';\nexport interface Y { x?: X }\n",
    });
    const { problems } = await checkModules(root, none);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0]!,
      /^Import cycle .*: src\/locales\/([xy])\.ts → src\/locales\/[yx]\.ts → src\/locales\/\1\.ts \(type-only\)$/,
    );
  });

  it('upward imports fail — a value import, a type-only import and a dynamic import — naming both ends and layers', async () => {
    const root = await tree({
      ...clean,
      'src/util/up.ts': "import { s } from '../sync/s';\nexport const up = s;\n",
      'src/locales/typed.ts': "import type { H } from '../host/h';\nexport type T = H;\n",
      'src/phrase/lazy.ts': "export const load = () => import('../cli/c');\n",
      'src/sync/s.ts': 'export const s = 1;\n',
      'src/host/h.ts': 'export type H = string;\n',
      'src/cli/c.ts': 'export const c = 1;\n',
    });
    const { problems } = await checkModules(root, none);
    assert.deepEqual([...problems].sort(), [
      'Upward import (layers import downward only, util < locales < phrase, modernmt, code < sync < services < cli < host < extension): src/locales/typed.ts (locales) imports src/host/h.ts (host) (type-only)',
      'Upward import (layers import downward only, util < locales < phrase, modernmt, code < sync < services < cli < host < extension): src/phrase/lazy.ts (phrase) imports src/cli/c.ts (cli)',
      'Upward import (layers import downward only, util < locales < phrase, modernmt, code < sync < services < cli < host < extension): src/util/up.ts (util) imports src/sync/s.ts (sync)',
    ]);
  });

  it('sibling layers may not import each other: phrase → modernmt fails as a sideways import', async () => {
    const root = await tree({
      ...clean,
      'src/phrase/p.ts': "import { m } from '../modernmt/m';\nexport const p = m;\n",
      'src/modernmt/m.ts': 'export const m = 1;\n',
    });
    const { problems } = await checkModules(root, none);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0]!,
      /^Sideways import between sibling layers .*: src\/phrase\/p\.ts \(phrase\) imports src\/modernmt\/m\.ts \(modernmt\)$/,
    );
  });

  it('a listed cycle passes while it occurs, and fails as a stale exception once it is gone', async () => {
    const cycle = {
      ...clean,
      'src/locales/x.ts': "import { y } from './y';\nexport const x = () => y;\n",
      'src/locales/y.ts': "import { x } from './x';\nexport const y = () => x;\n",
    };
    const known = [{ modules: ['src/locales/x.ts', 'src/locales/y.ts'], why: 'test' }];
    const withCycle = await checkModules(await tree(cycle), { ...none, knownCycles: known });
    assert.deepEqual(withCycle.problems, []);
    assert.deepEqual(withCycle.tolerated, ['known cycle: src/locales/x.ts ↔ src/locales/y.ts (test)']);

    const fixed = await checkModules(await tree({ ...cycle, 'src/locales/y.ts': 'export const y = () => 1;\n' }), {
      ...none,
      knownCycles: known,
    });
    assert.equal(fixed.problems.length, 1);
    assert.match(
      fixed.problems[0]!,
      /^Stale exception: the known cycle among src\/locales\/x\.ts, src\/locales\/y\.ts no longer occurs/,
    );
  });

  it('a listed cycle does not excuse a larger one through other modules', async () => {
    const root = await tree({
      ...clean,
      'src/locales/x.ts': "import { y } from './y';\nexport const x = () => y;\n",
      'src/locales/y.ts': "import { z } from './z';\nexport const y = () => z;\n",
      'src/locales/z.ts': "import { x } from './x';\nexport const z = () => x;\n",
    });
    const { problems } = await checkModules(root, {
      ...none,
      knownCycles: [{ modules: ['src/locales/x.ts', 'src/locales/y.ts'], why: 'test' }],
    });
    assert.ok(
      problems.some((p) => p.startsWith('Import cycle')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('Stale exception')),
      problems.join('\n'),
    );
  });

  it('a module over 400 lines fails unless generated or listed; a listed one back under the limit is stale', async () => {
    const long = 'export const n = 1;\n' + '// line\n'.repeat(400);
    const root = await tree({
      ...clean,
      'src/locales/long.ts': long,
      'src/locales/listed.ts': long,
      'src/locales/short.ts': '// line\n'.repeat(400),
      'src/locales/validator.generated.js': long,
    });
    const { problems, tolerated } = await checkModules(root, {
      knownCycles: [],
      knownOversized: ['src/locales/listed.ts', 'src/locales/short.ts', 'src/locales/gone.ts'],
    });
    assert.deepEqual(problems, [
      'A module over 400 lines (split it by what it does): src/locales/long.ts has 401 lines',
      'Stale exception: src/locales/short.ts has 400 lines now; delete it from knownOversized in scripts/checkModules.ts.',
      'Stale exception: src/locales/gone.ts no longer exists; delete it from knownOversized in scripts/checkModules.ts.',
    ]);
    assert.deepEqual(tolerated, ['known oversized: src/locales/listed.ts (401 lines)']);
  });

  it('the size rule covers test/ too, except test/fixtures/ and generated files; the layer rules stay on src/', async () => {
    const long = 'export const n = 1;\n' + '// line\n'.repeat(400);
    const root = await tree({
      ...clean,
      'test/unit/long.test.ts': long,
      'test/support/helper.js': long,
      'test/fixtures/app/big.ts': long,
      'test/emulators/table.generated.ts': long,
      'test/unit/upward.test.ts': "import { c } from '../../src/extension';\nexport const d = c;\n",
    });
    const { problems, tolerated } = await checkModules(root, none);
    assert.deepEqual(problems, [
      'A module over 400 lines (split it by what it does): test/support/helper.js has 401 lines',
      'A module over 400 lines (split it by what it does): test/unit/long.test.ts has 401 lines',
    ]);
    assert.deepEqual(tolerated, []);
  });

  it('a module in no layer fails, so a new top-level folder gets a place in the table', async () => {
    const { problems } = await checkModules(await tree({ ...clean, 'src/misc/m.ts': 'export const m = 1;\n' }), none);
    assert.deepEqual(problems, [
      'src/misc/m.ts belongs to no layer: add it to the layer table in scripts/checkModules.ts.',
    ]);
  });

  it('a relative import it cannot resolve fails, since the check would not see past it', async () => {
    const root = await tree({ ...clean, 'src/util/lost.ts': "export { gone } from './gone';\n" });
    const { problems } = await checkModules(root, none);
    assert.deepEqual(problems, [
      'An import the check cannot resolve, so it cannot see past it: src/util/lost.ts → ./gone',
    ]);
  });
});
