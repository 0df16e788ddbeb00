/**
 * Issue 12, points 1 and 2: symbolic links. One rule everywhere (discovery, scan, pull,
 * translate-missing): a link is followed only while its real path stays inside the workspace
 * folder; otherwise it is refused, naming the link and its target, and nothing outside is read,
 * changed or created.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/locales/config';
import { scanWorkspace } from '../../src/locales/scan';
import { resolveInside } from '../../src/util/insideWorkspace';
import type { SafetyHarness } from './workspace';
import { snapshot, startSafety } from './workspace';

const humanDe =
  '{\n  "nav": {\n    "home": "Startseite (von Hand)",\n    "settings": "Einstellungen (von Hand)"\n  },\n  "greeting": "Hallo, {{name}}! (von Hand)"\n}\n';

describe('safety: symbolic links', () => {
  let h: SafetyHarness;
  afterEach(async () => h?.stop());

  it('a target locale directory linked outside: translate-missing refuses it naming link and target, writes nothing outside, still does the other locale, exits 1', async () => {
    h = await startSafety();
    await fs.cp(path.join(h.root, 'locales/de'), path.join(h.outside, 'de'), { recursive: true });
    await fs.rm(path.join(h.root, 'locales/de'), { recursive: true });
    await fs.symlink(path.join(h.outside, 'de'), path.join(h.root, 'locales/de'));
    const before = await snapshot(h.outside);

    const run = await h.cli('translate-missing');
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /skipped: locales\/de is a symbolic link to .*outside the workspace folder: refused/);
    assert.ok(run.stdout.includes(path.join(h.outside, 'de')), 'the message names the target');
    assert.deepEqual(await snapshot(h.outside), before, 'nothing outside was changed or created');
    assert.match(await h.read('locales/pl/home.json'), /\[pl\]/, 'the other locale was still translated');

    const scan = await scanWorkspace(await loadConfig(h.root));
    assert.ok(
      scan.report.errors.some((e) => e.file === 'locales/de' && /symbolic link to .*refused/.test(e.message)),
      'the scan reports the link',
    );
    assert.ok(!scan.files.some((f) => f.relPath.startsWith('locales/de/')), 'no file is read through it');
  });

  it('the whole locales/ directory linked outside: scan and translate-missing refuse it, nothing outside changes', async () => {
    h = await startSafety();
    await fs.cp(path.join(h.root, 'locales'), path.join(h.outside, 'locales'), { recursive: true });
    await fs.rm(path.join(h.root, 'locales'), { recursive: true });
    await fs.symlink(path.join(h.outside, 'locales'), path.join(h.root, 'locales'));
    const before = await snapshot(h.outside);

    const run = await h.cli('translate-missing');
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /has no files: .* \(locales is a symbolic link to .*locales, outside the workspace folder: refused/,
    );
    const scan = await h.cli('scan', '--json').catch((e: Error) => ({ code: -1, stdout: e.message, stderr: '' }));
    assert.equal(scan.code, 1);
    assert.deepEqual(await snapshot(h.outside), before);
  });

  it('a target file linked outside holding human translations: not treated as missing, never overwritten, the link stays a link', async () => {
    h = await startSafety();
    await fs.writeFile(path.join(h.outside, 'de-common.json'), humanDe);
    await fs.rm(path.join(h.root, 'locales/de/common.json'));
    await fs.symlink(path.join(h.outside, 'de-common.json'), path.join(h.root, 'locales/de/common.json'));

    const run = await h.cli('translate-missing');
    assert.equal(run.code, 1, run.stdout);
    assert.match(
      run.stdout,
      /skipped: locales\/de\/common\.json is a symbolic link to .*de-common\.json, outside the workspace folder: refused/,
    );
    assert.equal(
      await fs.readFile(path.join(h.outside, 'de-common.json'), 'utf8'),
      humanDe,
      'human translations untouched',
    );
    assert.ok(
      (await fs.lstat(path.join(h.root, 'locales/de/common.json'))).isSymbolicLink(),
      'the link was not replaced by a file',
    );
    const state = await h.state();
    assert.equal(
      state.provisional?.['locales/{locale}/common.json']?.de,
      undefined,
      'no value of that file is marked as machine-translated',
    );
    assert.match(await h.read('locales/de/home.json'), /"cta": "\[de\] /, 'the other German file was still processed');
  });

  it('pull through a target directory linked outside: the job is refused naming the link, nothing outside is written', async () => {
    h = await startSafety();
    assert.equal((await h.cli('push')).code, 0);
    await fs.cp(path.join(h.root, 'locales/de'), path.join(h.outside, 'de'), { recursive: true });
    await fs.rm(path.join(h.root, 'locales/de'), { recursive: true });
    await fs.symlink(path.join(h.outside, 'de'), path.join(h.root, 'locales/de'));
    const before = await snapshot(h.outside);
    h.phrase.complete();

    const run = await h.cli('pull');
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /error: locales\/de\/common\.json: locales\/de is a symbolic link to .*outside the workspace folder: refused/,
    );
    assert.deepEqual(await snapshot(h.outside), before);
    assert.match(await h.read('locales/pl/common.json'), /\[pl\] Séttíñgs|Ustawienia/, 'Polish was still pulled');
    assert.match(await h.read('locales/pl/home.json'), /\[pl\]/);
  });

  it('links that stay inside the workspace are followed: read by the scan, written through (the link kept), human values kept', async () => {
    h = await startSafety();
    await h.put({ 'shared/de-common.json': humanDe });
    await fs.rm(path.join(h.root, 'locales/de/common.json'));
    await fs.symlink(path.join(h.root, 'shared/de-common.json'), path.join(h.root, 'locales/de/common.json'));

    const scan = await scanWorkspace(await loadConfig(h.root));
    const de = scan.report.locales
      .find((l) => l.locale === 'de')!
      .namespaces.find((n) => n.id === 'locales/{locale}/common.json')!;
    assert.equal(de.file, 'locales/de/common.json');
    assert.ok(!de.missing.includes('nav.home'), 'the linked file was read');

    const run = await h.cli('translate-missing', '--to', 'de');
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok((await fs.lstat(path.join(h.root, 'locales/de/common.json'))).isSymbolicLink(), 'still a link');
    const written = JSON.parse(await h.read('shared/de-common.json')) as Record<string, unknown>;
    assert.deepEqual(written.nav, { home: 'Startseite (von Hand)', settings: 'Einstellungen (von Hand)' });
    assert.match(String(written.terms), /^\[de\]/, 'the missing key was written through the link');
    assert.equal(
      await resolveInside(h.root, 'locales/de/common.json'),
      await fs.realpath(path.join(h.root, 'shared/de-common.json')),
    );
  });

  it('one rule, one function: a dangling link and a path with .. are refused like a link leading outside', async () => {
    h = await startSafety();
    await fs.symlink(path.join(h.outside, 'not-there.json'), path.join(h.root, 'locales/de/gone.json'));
    await assert.rejects(
      resolveInside(h.root, 'locales/de/gone.json'),
      /gone\.json is a symbolic link to .*not-there\.json, which does not exist: refused/,
    );
    await assert.rejects(resolveInside(h.root, '../escape.json'), /outside the workspace folder: refused/);
    assert.equal(
      await resolveInside(h.root, 'locales/fr/new.json'),
      path.join(await fs.realpath(h.root), 'locales/fr/new.json'),
      'a file not there yet resolves inside',
    );
  });
});
