import assert from 'node:assert/strict';
import path from 'node:path';
import { scanWithCode } from '../../src/code/scanWithCode';
import { loadConfig } from '../../src/locales/config';
import os from 'node:os';
import type { NamespaceReport } from '../../src/locales/scan';
import type { ScanReport } from '../../src/locales/scan';
import { parseLocaleFile, scanWorkspace, updateScan } from '../../src/locales/scan';
import { promises as fs } from 'node:fs';
import { copyFixture } from './helpers';
import { fixturesDir } from './helpers';

async function scan(fixture: string, code = false) {
  return scanWithCode(await loadConfig(path.join(fixturesDir, fixture)), { code });
}

function ns(report: ScanReport, locale: string, namespace: string): NamespaceReport {
  const n = report.locales.find((l) => l.locale === locale)?.namespaces.find((x) => x.namespace === namespace);
  assert.ok(n, `${locale}/${namespace}`);
  return n;
}

describe('scan and inventory', () => {
  it('reports every locale of the nested fixture, source first', async () => {
    const { report } = await scan('app');
    assert.equal(report.sourceLocale, 'en');
    assert.deepEqual(report.targetLocales, ['de', 'pl', 'ar', 'ja']);
    assert.deepEqual(
      report.locales.map((l) => [l.locale, l.isSource, l.keyCount]),
      [
        ['en', true, 25],
        ['de', false, 18],
        ['pl', false, 12],
        ['ar', false, 8],
        ['ja', false, 5],
      ],
    );
  });

  it('source locale: non-string leaves kept and reported, broken $t() references, empty values', async () => {
    const { report } = await scan('app');
    const common = ns(report, 'en', 'common');
    assert.deepEqual(common.nonStringLeaves, [
      { key: 'maxItems', kind: 'number' },
      { key: 'beta', kind: 'boolean' },
      { key: 'steps', kind: 'array' },
      { key: 'nothing', kind: 'null' },
    ]);
    assert.deepEqual(common.brokenReferences, [{ key: 'broken', reference: 'nowhere.to.be.found' }]);
    assert.deepEqual(ns(report, 'en', 'dashboard').empty, ['empty']);
  });

  it('German: missing, extra, untranslated, ordinal gap and placeholder mismatches', async () => {
    const { report } = await scan('app');
    const de = ns(report, 'de', 'common');
    assert.deepEqual(
      de.missing,
      ['place_ordinal_other', 'steps'],
      'numbers, booleans and null are not text to translate',
    );
    assert.deepEqual(de.extra, ['legacy']);
    assert.deepEqual(de.untranslated, ['ok']);
    assert.deepEqual(de.pluralFormsMissing, [{ base: 'place', ordinal: true, missing: ['other'] }]);
    assert.deepEqual(de.placeholderMismatches, [
      { key: 'app.price', missing: ['{{amount, currency}}'], extra: ['{{amount}}'] },
    ]);
    assert.deepEqual(ns(report, 'de', 'dashboard').placeholderMismatches, [
      { key: 'stats.lastLogin', missing: [], extra: ['{{date, datetime}}'] },
    ]);
  });

  it('Polish needs _few and _many; Arabic all six forms; Japanese only _other', async () => {
    const { report } = await scan('app');
    const pl = ns(report, 'pl', 'common');
    assert.deepEqual(pl.pluralFormsMissing, [{ base: 'item', ordinal: false, missing: ['many'] }]);
    assert.ok(pl.missing.includes('item_many'));
    assert.deepEqual(ns(report, 'pl', 'dashboard'), {
      id: 'locales/{locale}/dashboard.json',
      namespace: 'dashboard',
      file: undefined,
      keyCount: 0,
      missing: ['heading', 'stats.visits', 'stats.lastLogin', 'empty'],
      empty: [],
      extra: [],
      untranslated: [],
      pluralFormsMissing: [],
      placeholderMismatches: [],
      nonStringLeaves: [],
      brokenReferences: [],
    });
    const ar = ns(report, 'ar', 'common');
    assert.ok(!ar.pluralFormsMissing.some((g) => g.base === 'item'), 'ar has zero, one, two, few, many and other');
    assert.ok(!ar.extra.includes('item_zero'));
    const ja = ns(report, 'ja', 'common');
    assert.deepEqual(ja.extra, ['app.café', 'item_one'], 'ja has no _one form');
    assert.ok(!ja.missing.some((k) => k.startsWith('item_')));
  });

  it('a malformed file is reported with its position and skipped; the rest of the scan goes on', async () => {
    const { report, parsed, files } = await scan('app');
    assert.deepEqual(report.errors, [
      {
        file: 'locales/ja/dashboard.json',
        line: 5,
        column: 3,
        message: 'locales/ja/dashboard.json:5:3: unexpected `}` — a trailing comma?',
      },
    ]);
    const jaDash = ns(report, 'ja', 'dashboard');
    assert.equal(jaDash.malformed, true);
    assert.deepEqual(jaDash.missing, [], 'a malformed file is not reported as empty');
    assert.deepEqual(
      [...parsed.keys()].sort(),
      ['locales/en/common.json', 'locales/en/dashboard.json'],
      'the source files are kept',
    );
    const ja = files.find((f) => f.relPath === 'locales/ja/common.json')!;
    assert.equal(
      (await parseLocaleFile(ja, '.')).entries.get('app.café')?.value,
      'é',
      'any file parses again on demand',
    );
    await assert.rejects(
      parseLocaleFile(
        files.find((f) => f.relPath === 'locales/ja/dashboard.json')!,
        '.',
      ),
      /5:3/,
    );

    const all = await scan('malformed');
    assert.deepEqual(
      all.report.errors.map((e) => [e.file, e.line, e.column]),
      [
        ['locales/de.json', 4, 1],
        ['locales/es.json', 3, 10],
        ['locales/fr.json', 4, 3],
        ['locales/it.json', 3, 23],
      ],
    );
    assert.equal(all.report.locales[0]!.keyCount, 2);
  });

  it('a real U+FFFD in a file is kept (the strict path decides), a byte that is not UTF-8 is an error', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'll-fffd-'));
    try {
      await fs.mkdir(path.join(dir, 'locales'), { recursive: true });
      await fs.writeFile(
        path.join(dir, 'locale-loop.json'),
        JSON.stringify({ sourceLocale: 'en', files: 'locales/{locale}.json' }),
      );
      await fs.writeFile(path.join(dir, 'locales/en.json'), '{ "a": "Replacement \uFFFD", "b": "Bee \uFFFD" }');
      await fs.writeFile(path.join(dir, 'locales/de.json'), '{ "a": "Ersatz \uFFFD", "b": "Biene �" }');
      await fs.writeFile(
        path.join(dir, 'locales/it.json'),
        Buffer.concat([Buffer.from('{ "a": "x'), Buffer.from([0xe0]), Buffer.from('", "b": "y" }')]),
      );
      const { report, parsed } = await scanWorkspace(await loadConfig(dir));
      assert.deepEqual(
        report.errors.map((e) => [e.file, e.line, e.column]),
        [['locales/it.json', 1, 10]],
      );
      assert.equal(parsed.get('locales/en.json')?.entries.get('b')?.value, 'Bee \uFFFD');
      const de = ns(report, 'de', 'translation');
      assert.equal(de.keyCount, 2);
      assert.deepEqual([de.missing, de.untranslated, de.placeholderMismatches], [[], [], []]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('a malformed source is flagged malformed, and its target keys are not reported as extra', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'll-badsource-'));
    try {
      await fs.mkdir(path.join(dir, 'locales'), { recursive: true });
      await fs.writeFile(
        path.join(dir, 'locale-loop.json'),
        JSON.stringify({ sourceLocale: 'en', files: 'locales/{locale}.json' }),
      );
      // The native walk declines halfway (a duplicate key deep inside), the strict parser names it.
      await fs.writeFile(path.join(dir, 'locales/en.json'), '{ "a": { "b": { "c": "1", "c": "2" } }, "x": "y" }');
      await fs.writeFile(path.join(dir, 'locales/de.json'), '{ "a": { "b": { "c": "eins" } }, "x": "ypsilon" }');
      const { report } = await scanWorkspace(await loadConfig(dir));
      assert.deepEqual(
        report.errors.map((e) => [e.file, e.line, e.column]),
        [['locales/en.json', 1, 27]],
      );
      assert.equal(ns(report, 'en', 'translation').malformed, true);
      const de = ns(report, 'de', 'translation');
      assert.equal(de.keyCount, 2);
      assert.deepEqual([de.extra, de.missing, de.malformed], [[], [], undefined]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('flat ICU files with a detected layout and locale codes as written', async () => {
    const { report } = await scan('flat-icu');
    assert.deepEqual(report.layouts, ['src/i18n/{locale}.json']);
    assert.deepEqual(report.targetLocales, ['pt-BR', 'zh-Hant']);
    const pt = ns(report, 'pt-BR', 'translation');
    assert.deepEqual(pt.missing, ['quoted']);
    assert.deepEqual(pt.placeholderMismatches, [
      { key: 'price', missing: ['{amount, number, ::currency/EUR}'], extra: ['{valor, number, ::currency/EUR}'] },
    ]);
    assert.deepEqual(
      ns(report, 'zh-Hant', 'translation').placeholderMismatches,
      [],
      'select/plural branch text may be translated',
    );
  });

  it('keys used in code: used but missing, and never used', async () => {
    const { report } = await scan('app', true);
    const c = report.codeUsage!;
    assert.equal(c.filesScanned, 3);
    assert.deepEqual(
      c.usedButMissing,
      [
        { key: 'vue.onlyInCode', namespace: 'common', file: 'src/components/Price.vue', line: 5, column: 12 },
        { key: 'stats.notThere', namespace: 'dashboard', file: 'src/dashboard.ts', line: 5, column: 121 },
      ],
      'in file order, at the key',
    );
    const never = c.neverUsed.map((n) => `${n.namespace}:${n.key}`);
    for (const used of [
      'common:app.title',
      'common:item_one',
      'common:item_other',
      'common:friend_male',
      'common:trans',
      'common:welcome',
      'common:ok',
      'dashboard:stats.visits',
    ]) {
      assert.ok(!never.includes(used), `${used} is used`);
    }
    for (const unused of ['common:place_ordinal_one', 'common:broken', 'dashboard:stats.lastLogin']) {
      assert.ok(never.includes(unused), `${unused} is not used`);
    }
    assert.equal(c.dynamicCalls, 1, 'i18next.t(key) with a variable');
    assert.ok(
      !never.includes('common:heading') && !never.includes('common:ok'),
      'i18next.t(key) may reach any key of the default namespace: none is claimed unused',
    );
  });
});

describe('incremental scan', () => {
  it('after a target file changes, equals a full scan (and a source change falls back to one)', async () => {
    const root = await copyFixture('app');
    const config = await loadConfig(root);
    const first = await scanWorkspace(config);
    const de = path.join(root, 'locales/de/common.json');
    await fs.writeFile(
      de,
      (await fs.readFile(de, 'utf8'))
        .replace('"Altlast"', '"Altlast"\r\n  ,"app2": "x"')
        .replace('"OK"', '"In Ordnung"'),
    );
    const updated = await updateScan(first, [de]);
    const full = await scanWorkspace(config);
    assert.deepEqual(updated.report, full.report);
    assert.equal(updated.parsed, first.parsed, 'the source side was reused, not re-read');

    const pl = path.join(root, 'locales/pl/common.json');
    await fs.writeFile(pl, '{\n  "ok": "OK",\n}\n');
    const broken = await updateScan(updated, [pl]);
    assert.deepEqual(broken.report, (await scanWorkspace(config)).report);
    assert.ok(broken.report.errors.some((e) => e.file === 'locales/pl/common.json'));

    const en = path.join(root, 'locales/en/common.json');
    await fs.writeFile(en, (await fs.readFile(en, 'utf8')).replace('"OK"', '"Okay"'));
    const afterSource = await updateScan(broken, [en]);
    assert.deepEqual(afterSource.report, (await scanWorkspace(config)).report);
    assert.notEqual(afterSource.parsed, first.parsed, 'a source change rescans');
  });
});
