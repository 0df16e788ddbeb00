import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli';
import { fixturesDir } from './helpers';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { write: (s) => (stdout += s) }, { write: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('CLI: scan', () => {
  it('prints a table and exits 0 for a clean repository', async () => {
    const r = await run(['scan', '--cwd', path.join(fixturesDir, 'flat-icu')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^locale\s+keys\s+missing/m);
    assert.match(r.stdout, /^pt-BR\s+4\s+1\s/m);
    assert.match(r.stdout, /pt-BR translation: placeholders of price: lost \{amount, number, ::currency\/EUR\}/);
  });

  it('exits 1 when a locale file is malformed, still printing the rest', async () => {
    const r = await run(['scan', '--cwd', path.join(fixturesDir, 'app')]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^de\s+18\s+2\s/m);
    assert.match(r.stdout, /locales\/ja\/dashboard\.json:5:3: unexpected `}` — a trailing comma\?/);
  });

  it('--json prints the documented shape', async () => {
    const r = await run(['scan', '--json', '--cwd', path.join(fixturesDir, 'app')]);
    const report = JSON.parse(r.stdout);
    assert.equal(report.version, 1);
    assert.deepEqual(
      Object.keys(report).sort(),
      ['codeUsage', 'errors', 'files', 'layouts', 'locales', 'root', 'sourceLocale', 'targetLocales', 'version'],
      'code usage is on by default in a folder with code',
    );
    assert.deepEqual(Object.keys(report.codeUsage).sort(), [
      'dynamicCalls',
      'filesScanned',
      'keysUsed',
      'neverUsed',
      'usedButMissing',
    ]);
    const noCode = JSON.parse(
      (await run(['scan', '--json', '--no-code', '--cwd', path.join(fixturesDir, 'app')])).stdout,
    );
    assert.equal(noCode.codeUsage, undefined, '--no-code leaves code out');
    assert.deepEqual(Object.keys(report.locales[1]).sort(), [
      'brokenReferences',
      'empty',
      'extra',
      'isSource',
      'keyCount',
      'locale',
      'missing',
      'namespaces',
      'nonStringLeaves',
      'placeholderMismatches',
      'pluralFormsMissing',
      'untranslated',
    ]);
    assert.equal(report.files.length, 8);
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await run(['scan', '--frobnicate'])).code, 2);
    assert.equal((await run(['translate-everything'])).code, 2);
    assert.equal((await run([])).code, 2);
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: locale-loop/);
  });

  it('a missing config is a failure that says what to do', async () => {
    const r = await run(['scan', '--cwd', fixturesDir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /locale-loop\.json: not found: create locale-loop\.json/);
  });

  it('the bundled binary runs with a shebang and the same exit codes', async function () {
    const bin = path.resolve(__dirname, '../../dist/cli.js');
    const exec = promisify(execFile);
    const ok = await exec(process.execPath, [bin, 'scan', '--cwd', path.join(fixturesDir, 'flat-icu'), '--json']);
    assert.equal(JSON.parse(ok.stdout).sourceLocale, 'en');
    await assert.rejects(
      exec(process.execPath, [bin, 'scan', '--cwd', path.join(fixturesDir, 'malformed')]),
      (e: { code?: number }) => e.code === 1,
    );
  });
});
