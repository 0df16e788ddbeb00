/**
 * Issue 12, points 5 and 6: deep nesting is refused like a malformed file (file, line, column),
 * with every other file still processed, and nothing anywhere overflows the call stack: not a
 * 100,000-level file, not a 200,000-key pull (no spread of an unbounded array in src/).
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/locales/config';
import { maxNesting } from '../../src/locales/nesting';
import { parseLocaleText } from '../../src/locales/scan';
import { scanWorkspace } from '../../src/locales/scan';
import type { SafetyHarness } from './workspace';
import { startSafety } from './workspace';

const nested = (levels: number, leaf = '"deep"') =>
  '{"a":'.repeat(levels - 1) + `{"b":${leaf}}` + '}'.repeat(levels - 1) + '\n';

describe('safety: nesting and size limits', () => {
  let h: SafetyHarness;
  afterEach(async () => h?.stop());

  it(`a file nested exactly ${maxNesting} levels is a locale file; ${maxNesting + 1}, 5,000 or 100,000 levels are refused at their line and column`, () => {
    assert.equal(parseLocaleText(nested(maxNesting), 'ok.json', { keySeparator: '.' }).entries.size, 1);
    for (const levels of [maxNesting + 1, 5_000, 100_000]) {
      assert.throws(
        () => parseLocaleText(nested(levels), 'deep.json', { keySeparator: '.' }),
        (e: Error) =>
          e.message ===
          `deep.json:1:${5 * maxNesting + 1}: nesting deeper than ${maxNesting} levels (no locale file needs that many): refused like a malformed file`,
      );
    }
    assert.throws(
      () => parseLocaleText(`{"a":${'['.repeat(5_000)}${']'.repeat(5_000)}}`, 'arrays.json', { keySeparator: '.' }),
      /arrays\.json:1:\d+: nesting deeper/,
    );
  });

  it('a 5,000-level source file and target file: the scan names both and goes on; translate-missing skips the deep target (unchanged), writes the rest, exits 1', async () => {
    h = await startSafety();
    const deepTarget = nested(5_000);
    await h.put({ 'locales/en/deep.json': nested(5_000), 'locales/de/home.json': deepTarget });
    const scan = await scanWorkspace(await loadConfig(h.root));
    assert.deepEqual(
      scan.report.errors.map((e) => `${e.file}:${e.line}:${e.column}`),
      ['locales/de/home.json:1:5001', 'locales/en/deep.json:1:5001'],
    );
    assert.ok(
      scan.report.files.some((f) => f.file === 'locales/pl/common.json' && f.keys === 2),
      'other files were scanned',
    );

    const run = await h.cli('translate-missing');
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /skipped: locales\/de\/home\.json:1:5001: nesting deeper than 1000 levels/);
    assert.doesNotMatch(run.stdout + run.stderr, /Maximum call stack/);
    assert.equal(await h.read('locales/de/home.json'), deepTarget, 'never written');
    assert.match(await h.read('locales/pl/home.json'), /"cta": "\[pl\] /, 'the rest was processed');
  });

  it('a pull of a 200,000-key file is written and reported correctly, exit 0', async function () {
    this.timeout(240_000);
    h = await startSafety();
    const keys = 200_000;
    const lines: string[] = [];
    for (let i = 0; i < keys; i++) lines.push(`  "key${i}": "Value number ${i}"`);
    await h.put({
      'locales/en/big.json': `{\n${lines.join(',\n')}\n}\n`,
      'locale-loop.json': JSON.stringify({
        sourceLocale: 'en',
        targetLocales: ['de'],
        files: 'locales/{locale}/{namespace}.json',
        phrase: { baseUrl: 'https://cloud.memsource.com/web', projectUid: 'sync-project' },
      }),
    });
    assert.equal((await h.cli('push')).code, 0);
    h.phrase.complete();
    const pull = await h.cli('pull');
    assert.equal(pull.code, 0, pull.stdout.slice(0, 2000) + pull.stderr);
    assert.match(pull.stdout, new RegExp(`locales/de/big\\.json\\s+de\\s+COMPLETED\\s+${keys}\\s+0\\s+0\\s+written`));
    const de = JSON.parse(await h.read('locales/de/big.json')) as Record<string, string>;
    assert.equal(Object.keys(de).length, keys);
    assert.match(de.key199999!, /^\[de\] /);
  });

  it('no spread of an array into call arguments anywhere in src/ (push(...x), Math.max(...x): the engine limits arguments)', async () => {
    const offenders: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await fs.readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) await walk(full);
        else if (/\.ts$/.test(e.name)) {
          (await fs.readFile(full, 'utf8')).split('\n').forEach((line, i) => {
            // A call with a spread among its arguments: `f(...x)`, `o.push(a, ...x)` (not a spread
            // inside an object literal argument: `push({ ...o })` passes one argument).
            if (
              /\b(push|unshift|max|min|fromCharCode|fromCodePoint|concat|splice|apply)\((?:[^(){}]*,\s*)?\.\.\./.test(
                line,
              )
            ) {
              offenders.push(`${path.relative(process.cwd(), full)}:${i + 1}: ${line.trim()}`);
            }
          });
        }
      }
    };
    await walk(path.resolve(__dirname, '../../src'));
    assert.deepEqual(offenders, []);
  });
});
