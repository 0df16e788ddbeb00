import assert from 'node:assert/strict';
import path from 'node:path';
import type { Log } from 'sarif';
import { main } from '../../src/cli';
import { fixturesDir } from './helpers';

const cwd = path.join(fixturesDir, 'check-app');

async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    ['check', '--cwd', cwd, ...args],
    { write: (s) => (stdout += s) },
    { write: (s) => (stderr += s) },
  );
  return { code, stdout, stderr };
}

describe('CLI: check (the CI gate)', () => {
  it('text: one line per finding at its file, line and column; exit 1 when any category has findings', async () => {
    const r = await check();
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      'locales/de/common.json:5:5: error [empty] de: common:cart.item_other is empty.',
      'locales/de/common.json:7:3: error [placeholders] de: the placeholders of common:greeting differ from the source (lost {{name}}; added {{nom}}).',
      'locales/pl/common.json:1:1: error [missing] pl: common:unused has no translation.',
      'locales/pl/common.json:4:5: error [plurals] pl: common:cart.item lacks the plural forms few, many.',
      'src/App.tsx:5:92: error [code-missing] common:nope is used here but missing from the source locale en.',
      'locales/en/common.json:8:3: error [code-unused] common:unused is not used in code.',
      'Check failed: 1 missing, 1 empty, 1 placeholders, 1 plurals, 1 code-missing, 1 code-unused (failing on missing, empty, placeholders, plurals, code-missing, code-unused, code-unread, malformed).',
    ]);
  });

  it('--fail-on: only the chosen categories fail the gate, the others are warnings; code is read only when a code category is chosen', async () => {
    const several = await check('--fail-on', 'code-unused,empty', '--fail-on', 'missing');
    assert.equal(several.code, 1);
    assert.match(several.stdout, /^locales\/de\/common\.json:7:3: warning \[placeholders\]/m);
    assert.match(several.stdout, /^src\/App\.tsx:5:92: warning \[code-missing\]/m);
    assert.match(several.stdout, /^locales\/en\/common\.json:8:3: error \[code-unused\]/m);
    const plurals = await check('--fail-on', 'plurals');
    assert.equal(plurals.code, 1);
    assert.match(plurals.stdout, /^locales\/pl\/common\.json:4:5: error \[plurals\]/m);
    assert.doesNotMatch(plurals.stdout, /code-/);
  });

  it('--format json: counts, the gate and every finding', async () => {
    const r = await check('--format', 'json', '--fail-on', 'code-missing');
    const j = JSON.parse(r.stdout);
    assert.equal(r.code, 1);
    assert.equal(j.failed, true);
    assert.deepEqual(j.failOn, ['code-missing', 'code-unread', 'malformed']);
    assert.deepEqual(j.counts, {
      missing: 1,
      empty: 1,
      placeholders: 1,
      plurals: 1,
      'code-missing': 1,
      'code-unused': 1,
      'code-unread': 0,
      malformed: 0,
    });
    assert.deepEqual(
      j.findings.find((f: { category: string }) => f.category === 'code-missing'),
      {
        category: 'code-missing',
        message: 'common:nope is used here but missing from the source locale en.',
        file: 'src/App.tsx',
        line: 5,
        column: 92,
        namespace: 'common',
        key: 'nope',
      },
    );
  });

  it('--format github: workflow annotations for locale files and code files, the code key named namespace:key at the call', async () => {
    const r = await check('--format', 'github', '--fail-on', 'code-missing,placeholders');
    const lines = r.stdout.trim().split('\n');
    assert.ok(
      lines.includes(
        '::error file=src/App.tsx,line=5,col=92,title=Locale Loop%3A code-missing::common:nope is used here but missing from the source locale en.',
      ),
      r.stdout,
    );
    assert.ok(
      lines.includes(
        '::error file=locales/de/common.json,line=7,col=3,title=Locale Loop%3A placeholders::de: the placeholders of common:greeting differ from the source (lost {{name}}; added {{nom}}).',
      ),
    );
    assert.ok(
      lines.includes(
        '::warning file=locales/de/common.json,line=5,col=5,title=Locale Loop%3A empty::de: common:cart.item_other is empty.',
      ),
    );
    assert.equal(lines.filter((l) => l.startsWith('::')).length, 6, 'one annotation per finding');
  });

  it('--format sarif: a SARIF 2.1.0 log, one rule per category, each result located and pointing at its rule', async () => {
    const r = await check('--format', 'sarif');
    const log = JSON.parse(r.stdout) as Log;
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0]!;
    assert.equal(run.tool.driver.name, 'Locale Loop');
    const rules = run.tool.driver.rules!.map((x) => x.id);
    assert.deepEqual(rules, [
      'missing',
      'empty',
      'placeholders',
      'plurals',
      'code-missing',
      'code-unused',
      'code-unread',
      'malformed',
    ]);
    assert.equal(run.results!.length, 6);
    for (const res of run.results!) {
      assert.equal(rules[res.ruleIndex!], res.ruleId, 'ruleIndex points at the rule');
      assert.ok(res.message.text && res.level === 'error');
      const loc = res.locations![0]!.physicalLocation!;
      assert.ok(!path.isAbsolute(loc.artifactLocation!.uri!) && loc.artifactLocation!.uriBaseId === '%SRCROOT%');
      assert.ok(loc.region!.startLine! >= 1 && loc.region!.startColumn! >= 1);
    }
    const code = run.results!.find((x) => x.ruleId === 'code-missing')!;
    assert.deepEqual(code.locations![0]!.physicalLocation, {
      artifactLocation: { uri: 'src/App.tsx', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 92 },
    });
  });

  it('exits 0 when the chosen categories are clean, and 2 on an unknown category or format', async () => {
    const fixtures = path.join(fixturesDir, 'flat-icu');
    let out = '';
    assert.equal(
      await main(
        ['check', '--cwd', fixtures, '--fail-on', 'empty,plurals,code-missing'],
        { write: (s) => (out += s) },
        { write: () => {} },
      ),
      0,
      out,
    );
    assert.match(out, /^Check passed: /m);
    assert.equal((await check('--fail-on', 'typos')).code, 2);
    assert.equal((await check('--format', 'xml')).code, 2);
  });
});
