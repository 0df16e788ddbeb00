import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LocaleParseError } from '../../src/locales/errors';
import { parseLocaleBytes, parseLocaleText } from '../../src/locales/scan';
import { fixturesDir } from './helpers';

const nested = { keySeparator: '.' as const };

async function parseFixture(rel: string, options: { keySeparator: string | false } = nested) {
  const file = path.join(fixturesDir, rel);
  return parseLocaleBytes(await fs.readFile(file), rel, options);
}

function parseError(text: string | Buffer, options: { keySeparator: string | false } = nested): LocaleParseError {
  try {
    if (typeof text === 'string') parseLocaleText(text, 'x.json', options);
    else parseLocaleBytes(text, 'x.json', options);
  } catch (e) {
    assert.ok(LocaleParseError.is(e), String(e));
    return e;
  }
  assert.fail('expected a LocaleParseError');
}

describe('parse locale files with positions', () => {
  it('flattens nested keys in file order, with ranges that point at the key and value', async () => {
    const f = await parseFixture('app/locales/en/common.json');
    const keys = [...f.entries.keys()];
    assert.deepEqual(keys.slice(0, 6), [
      'app.title',
      'app.greeting',
      'app.html',
      'app.price',
      'item_one',
      'item_other',
    ]);
    const greeting = f.entries.get('app.greeting')!;
    assert.equal(greeting.value, 'Hello, {{name}}!');
    assert.equal(f.text.slice(greeting.keyOffset, greeting.keyOffset + 10), '"greeting"');
    assert.equal(f.text.slice(greeting.valueOffset, greeting.valueOffset + greeting.valueLength), '"Hello, {{name}}!"');
    assert.deepEqual(f.positionAt(greeting.keyOffset), { line: 3, character: 4 });
  });

  it('keeps and reports non-string leaves', async () => {
    const f = await parseFixture('app/locales/en/common.json');
    assert.deepEqual(
      ['maxItems', 'beta', 'steps', 'nothing'].map((k) => [k, f.entries.get(k)?.kind, f.entries.get(k)?.value]),
      [
        ['maxItems', 'number', 50],
        ['beta', 'boolean', true],
        ['steps', 'array', undefined],
        ['nothing', 'null', null],
      ],
    );
    const steps = f.entries.get('steps')!;
    assert.equal(f.text.slice(steps.valueOffset, steps.valueOffset + steps.valueLength), '["one", "two"]');
  });

  it('detects BOM, CRLF, tabs, 4 spaces, a missing final newline and escaped unicode', async () => {
    const ar = await parseFixture('app/locales/ar/common.json');
    assert.equal(ar.style.bom, true);
    assert.equal(ar.text.charCodeAt(0), '{'.charCodeAt(0), 'offsets are relative to the text without BOM');
    const de = await parseFixture('app/locales/de/common.json');
    assert.equal(de.style.eol, '\r\n');
    assert.equal(de.entries.get('welcome')!.value, 'Willkommen zurück, $t(app.title)');
    const pl = await parseFixture('app/locales/pl/common.json');
    assert.equal(pl.style.insertSpaces, false);
    const ja = await parseFixture('app/locales/ja/common.json');
    assert.equal(ja.style.insertSpaces, true);
    assert.equal(ja.style.tabSize, 4);
    assert.equal(ja.style.finalNewline, false);
    assert.equal(ja.style.escapeNonAscii, true);
    assert.equal(ja.entries.get('app.café')!.value, 'é', 'escapes are decoded in values and keys');
    const en = await parseFixture('app/locales/en/common.json');
    assert.deepEqual(
      [en.style.eol, en.style.tabSize, en.style.finalNewline, en.style.bom, en.style.escapeNonAscii],
      ['\n', 2, true, false, false],
    );
  });

  it('with keySeparator false keeps dotted keys whole and reports nested objects', () => {
    const f = parseLocaleText('{ "a.b": "x", "group": { "c": "y" } }', 'flat.json', { keySeparator: false });
    assert.deepEqual([...f.entries.keys()], ['a.b', 'group']);
    assert.equal(f.entries.get('group')!.kind, 'object');
  });

  it('reports malformed JSON with file, line and column', async () => {
    const cases: Array<[string, number, number, RegExp]> = [
      ['malformed/locales/de.json', 4, 1, /trailing comma/],
      ['malformed/locales/fr.json', 4, 3, /duplicate key "hello"/],
      ['malformed/locales/es.json', 3, 10, /truncated/],
      ['malformed/locales/it.json', 3, 23, /invalid UTF-8 byte 0xe0/],
    ];
    for (const [rel, line, column, reason] of cases) {
      await assert.rejects(parseFixture(rel), (e: unknown) => {
        assert.ok(LocaleParseError.is(e));
        assert.equal(e.file, rel);
        assert.deepEqual([e.line, e.column], [line, column], rel);
        assert.match(e.reason, reason);
        assert.ok(e.message.startsWith(`${rel}:${line}:${column}: `));
        return true;
      });
    }
  });

  it('rejects comments, a top-level array, an empty file and a duplicate in a nested object', () => {
    assert.match(parseError('{ // hi\n "a": "b" }').reason, /comments/);
    assert.match(parseError('["a"]').reason, /top level must be an object/);
    assert.match(parseError('').reason, /empty/);
    const dup = parseError('{\n  "a": {\n    "b": "1",\n    "b": "2"\n  }\n}');
    assert.deepEqual([dup.line, dup.column], [4, 5]);
    // The same key in different objects is fine.
    assert.doesNotThrow(() => parseLocaleText('{ "a": { "b": "1" }, "c": { "b": "2" } }', 'x.json', nested));
  });

  it('reports the first invalid UTF-8 byte at its column, including overlong and surrogate encodings', () => {
    // `{"a": "` is 7 bytes: the value's first byte is at column 8.
    const at = (bytes: number[]) =>
      parseError(Buffer.concat([Buffer.from('{"a": "'), Buffer.from(bytes), Buffer.from('"}')]));
    assert.doesNotThrow(() => parseLocaleBytes(Buffer.from('{"a": "héllo"}'), 'x.json', nested));
    const cases: Array<[number[], number, string]> = [
      [[0x61, 0xc3], 9, '0xc3'], // truncated sequence
      [[0x61, 0xe0, 0x80, 0x80], 9, '0xe0'], // overlong
      [[0xed, 0xa0, 0x80], 8, '0xed'], // surrogate
      [[0x61, 0x62, 0xff], 10, '0xff'],
    ];
    for (const [bytes, column, byte] of cases) {
      const e = at(bytes);
      assert.deepEqual([e.line, e.column], [1, column], byte);
      assert.match(e.reason, new RegExp(`invalid UTF-8 byte ${byte}`));
    }
  });
});
