import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { applyKeyEdits } from '../../src/locales/edit';
import { detectStyle } from '../../src/locales/format';
import { decodeLocaleBytes, parseLocaleText } from '../../src/locales/scan';
import { fixturesDir } from './helpers';

async function load(rel: string) {
  const { text, bom } = decodeLocaleBytes(await fs.readFile(path.join(fixturesDir, rel)), rel);
  return { text, style: detectStyle(text, bom) };
}

/** Lines of `after` that are not in `before` (a crude line diff, enough to prove locality). */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  return { removed: a.slice(start, endA + 1), added: b.slice(start, endB + 1) };
}

const sourceOrder = async () => [
  ...parseLocaleText((await load('app/locales/en/common.json')).text, 'en', { keySeparator: '.' }).entries.keys(),
];

describe('format-preserving edits', () => {
  it('changing one value changes only that value: CRLF file', async () => {
    const { text, style } = await load('app/locales/de/common.json');
    const out = applyKeyEdits(text, [{ key: 'app.title', value: 'Neuer Titel' }], { keySeparator: '.', style });
    assert.equal(out, text.replace('"Locale-Loop-Demo"', '"Neuer Titel"'));
    assert.ok(!/[^\r]\n/.test(out), 'still CRLF everywhere');
  });

  it('escaped-unicode files stay escaped, raw ones stay raw', async () => {
    const ja = await load('app/locales/ja/common.json');
    const out = applyKeyEdits(ja.text, [{ key: 'app.title', value: 'デモ' }], { keySeparator: '.', style: ja.style });
    assert.equal(out, ja.text.replace('"Locale Loop \\u30c7\\u30e2"', '"\\u30c7\\u30e2"'));
    const pl = await load('app/locales/pl/common.json');
    const out2 = applyKeyEdits(pl.text, [{ key: 'ok', value: 'Dobrze ł' }], { keySeparator: '.', style: pl.style });
    assert.equal(out2, pl.text.replace('"ok": "OK"', '"ok": "Dobrze ł"'));
  });

  it('inserts a new key where the source order puts it, indented like the file (tabs)', async () => {
    const { text, style } = await load('app/locales/pl/common.json');
    // Polish expects item_one, item_few, item_many, item_other where English has item_one, item_other.
    const order = (await sourceOrder()).flatMap((k) => (k === 'item_one' ? [k, 'item_few', 'item_many'] : [k]));
    const out = applyKeyEdits(text, [{ key: 'item_many', value: '{{count}} elementów' }], {
      keySeparator: '.',
      style,
      order,
    });
    const diff = changedLines(text, out);
    assert.deepEqual(diff.removed, []);
    assert.deepEqual(diff.added, ['\t"item_many": "{{count}} elementów",']);
    assert.ok(
      out.indexOf('item_few') < out.indexOf('item_many') && out.indexOf('item_many') < out.indexOf('item_other'),
    );
  });

  it('inserts into nested paths that do not exist yet, in source order', async () => {
    const { text, style } = await load('app/locales/pl/common.json');
    const order = await sourceOrder();
    const out = applyKeyEdits(
      text,
      [
        { key: 'friend_male', value: 'Chłopak' },
        { key: 'extra.deep.key', value: 'głęboko' },
      ],
      { keySeparator: '.', style, order: [...order, 'extra.deep.key'] },
    );
    const parsed = parseLocaleText(out, 'pl', { keySeparator: '.' });
    assert.equal(parsed.entries.get('extra.deep.key')!.value, 'głęboko');
    assert.equal(parsed.entries.get('friend_male')!.value, 'Chłopak');
    const keys = [...parsed.entries.keys()];
    assert.ok(keys.indexOf('friend_male') < keys.indexOf('friend'), 'friend_male precedes friend as in the source');
    assert.equal(keys.at(-1), 'extra.deep.key', 'a key the source does not order goes last');
    assert.match(out, /\n\t"extra": \{\n\t\t"deep": \{\n\t\t\t"key": "głęboko"\n\t\t\}\n\t\}\n\}\n$/);
    // Every line of the original is still there, in order.
    const diff = changedLines(text, out);
    assert.ok(diff.removed.every((l) => out.includes(l)));
  });

  it('deletes a key and prunes the objects it leaves empty', () => {
    const text = '{\n  "a": {\n    "b": {\n      "c": "x"\n    }\n  },\n  "d": "y"\n}\n';
    const style = detectStyle(text, false);
    assert.equal(
      applyKeyEdits(text, [{ key: 'a.b.c', value: undefined }], { keySeparator: '.', style }),
      '{\n  "d": "y"\n}\n',
    );
    assert.equal(applyKeyEdits(text, [{ key: 'nope', value: undefined }], { keySeparator: '.', style }), text);
  });

  it('keeps a BOM-less text BOM-less and leaves a missing final newline missing', async () => {
    const { text, style } = await load('app/locales/ja/common.json');
    const out = applyKeyEdits(text, [{ key: 'item_other', value: '{{count}} 個' }], { keySeparator: '.', style });
    assert.ok(!out.endsWith('\n'));
    assert.equal(out.charCodeAt(0), '{'.charCodeAt(0));
  });

  it('flat files take dotted keys as one key', () => {
    const text = '{\n  "home.title": "Hi"\n}\n';
    const style = detectStyle(text, false);
    const out = applyKeyEdits(text, [{ key: 'home.subtitle', value: 'There' }], {
      keySeparator: false,
      style,
      order: ['home.title', 'home.subtitle'],
    });
    assert.equal(out, '{\n  "home.title": "Hi",\n  "home.subtitle": "There"\n}\n');
  });

  it('an edit that sets a value it already has changes nothing', async () => {
    const { text, style } = await load('app/locales/en/common.json');
    assert.equal(applyKeyEdits(text, [{ key: 'ok', value: 'OK' }], { keySeparator: '.', style }), text);
  });

  it('a key under a string value cannot be inserted (i18next could not resolve it)', () => {
    const text = '{ "a": "x" }';
    assert.throws(() =>
      applyKeyEdits(text, [{ key: 'a.b', value: 'y' }], { keySeparator: '.', style: detectStyle(text, false) }),
    );
  });
});
