/**
 * Issue 12, point 10: per-file failures. A directory where a locale file is expected, a read-only
 * target file and a UTF-16 target file: each is named, the other files are still processed, the
 * summary counts what was skipped, nothing is replaced, and the command exits 1 at the end.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { removeOrphanTemps } from '../../src/util/atomicWrite';
import type { SafetyHarness } from './workspace';
import { startSafety } from './workspace';

describe('safety: per-file failures', () => {
  let h: SafetyHarness;
  afterEach(async () => h?.stop());

  it('translate-missing: a directory, a read-only file and a UTF-16 file are each named and skipped; the rest is written; exit 1', async () => {
    h = await startSafety();
    await h.put({ 'locales/fr/home.json/keep.txt': 'a directory named like a locale file' });
    const readOnly = path.join(h.root, 'locales/de/home.json');
    await fs.chmod(readOnly, 0o444);
    const readOnlyBefore = await fs.readFile(readOnly);
    const utf16 = Buffer.from('\ufeff{\n  "nav": { "home": "Strona" }\n}\n', 'utf16le');
    await fs.writeFile(path.join(h.root, 'locales/pl/common.json'), utf16);
    await h.write(
      'locale-loop.json',
      JSON.stringify({
        sourceLocale: 'en',
        targetLocales: ['de', 'pl', 'fr'],
        files: 'locales/{locale}/{namespace}.json',
      }),
    );

    const run = await h.cli('translate-missing');
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /skipped: locales\/de\/home\.json: is read-only: not replaced/);
    assert.match(
      run.stdout,
      /skipped: locales\/pl\/common\.json:1:1: the file is UTF-16 encoded \(locale files must be UTF-8\)/,
    );
    assert.match(run.stdout, /skipped: locales\/fr\/home\.json is a directory, not a locale file: skipped/);
    assert.match(run.stdout, /3 files skipped; the others were processed\./);
    assert.doesNotMatch(run.stdout + run.stderr, /EISDIR|nothing missing/);
    assert.deepEqual(await fs.readFile(readOnly), readOnlyBefore, 'the read-only file was not replaced');
    assert.equal(((await fs.stat(readOnly)).mode & 0o777).toString(8), '444');
    assert.deepEqual(await fs.readFile(path.join(h.root, 'locales/pl/common.json')), utf16);
    for (const written of ['locales/de/common.json', 'locales/pl/home.json', 'locales/fr/common.json']) {
      assert.match(await h.read(written), /\[(de|pl|fr)\] /, written);
    }
    const marks = (await h.state()).provisional ?? {};
    assert.equal(marks['locales/{locale}/home.json']?.de, undefined, 'nothing of the read-only file is marked');
  });

  it('pull: a read-only target file is not replaced and is named; the other jobs are written; exit 1', async () => {
    h = await startSafety();
    assert.equal((await h.cli('push')).code, 0);
    h.phrase.complete();
    const readOnly = path.join(h.root, 'locales/de/common.json');
    await fs.chmod(readOnly, 0o444);
    const before = await fs.readFile(readOnly);
    const run = await h.cli('pull');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /error: locales\/de\/common\.json: locales\/de\/common\.json: is read-only: not replaced/);
    assert.deepEqual(await fs.readFile(readOnly), before);
    assert.match(await h.read('locales/pl/common.json'), /\[pl\] /);
    assert.match(await h.read('locales/de/home.json'), /\[de\] /);
  });

  it('orphan temp files of a dead process are removed; those of a live process are left alone', async () => {
    h = await startSafety();
    const dir = path.join(h.root, 'locales/de');
    const dead = `.common.json.99999999.0a1b2c3d.tmp`;
    const live = `.common.json.${process.pid}.0a1b2c3d.tmp`;
    await h.put({ [`locales/de/${dead}`]: '{"half": ', [`locales/de/${live}`]: '{}' });
    assert.deepEqual(await removeOrphanTemps([dir]), [path.join(dir, dead)]);
    assert.deepEqual(
      (await fs.readdir(dir)).filter((n) => n.endsWith('.tmp')),
      [live],
    );
    await fs.rm(path.join(dir, live));
  });
});
