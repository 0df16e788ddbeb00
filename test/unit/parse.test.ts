import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LocaleParseError } from '../../src/locales/errors';
import fc from 'fast-check';
import { fastLeaves, fastParse } from '../../src/locales/fastParse';
import { KeyPool } from '../../src/locales/keyPool';
import { recordParsed, walkParsed } from '../../src/locales/nativeWalk';
import type { LocaleValue } from '../../src/locales/parse';
import { firstInvalidUtf8, parseLocaleBytes, parseLocaleText, parseWithVisitor } from '../../src/locales/parse';
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

  it('finds the first invalid UTF-8 byte, including overlong and surrogate encodings', () => {
    assert.equal(firstInvalidUtf8(Buffer.from('héllo')), 6);
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xc3])), 1, 'truncated sequence');
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xe0, 0x80, 0x80])), 1, 'overlong');
    assert.equal(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0, 'surrogate');
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xff])), 2);
  });
});

describe('fast scanner ≡ jsonc-parser visitor', () => {
  it('produces the same entries for any JSON object, or declines (the visitor then decides)', () => {
    const json = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(
        json,
        fc.constantFrom<string | number>(0, 2, '\t'),
        fc.constantFrom<'.' | false>('.', false),
        (obj, indent, sep) => {
          const text = JSON.stringify(obj, null, indent);
          const fast = fastParse(text, sep);
          let slow: Map<string, unknown> | Error;
          try {
            slow = parseWithVisitor(text, 'x.json', { keySeparator: sep });
          } catch (e) {
            slow = e as Error;
          }
          if (fast === undefined) return; // declined: the visitor's answer stands
          assert.ok(!(slow instanceof Error), `fast path accepted what the visitor rejects: ${text}`);
          assert.deepEqual([...fast.entries()], [...slow.entries()]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('declines every malformed input the visitor rejects', () => {
    const bad = [
      '{"a": "b",}',
      '{"a": "b" "c": "d"}',
      '{"a": "x\ny"}',
      '{"a": 01}',
      '{"a": tru}',
      '{"a": "b"} x',
      '{"a": "b", "a": "c"}',
      '{"a.b": "x", "a": {"b": "y"}}',
      '{"a": {"b": "y"}, "a.b": "x"}',
      '{"a": "\\q"}',
      '{',
      '{"a": [1,]}',
      '{"a": "b" // c\n}',
    ];
    for (const text of bad) {
      assert.equal(fastParse(text, '.'), undefined, text);
      assert.throws(() => parseWithVisitor(text, 'x.json', { keySeparator: '.' }), LocaleParseError, text);
    }
  });
});

describe('key pool (source key strings shared with target files)', () => {
  const universe = ['a', 'b', 'c', 'g.x', 'g.y', 'g.h.z', 'k.l'];
  const render = (keys: string[], value: (k: string) => string) => {
    const root: Record<string, unknown> = {};
    for (const key of keys) {
      const parts = key.split('.');
      let at = root;
      for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
      at[parts.at(-1)!] = value(key);
    }
    return JSON.stringify(root, null, 2);
  };

  it('gives the same entries as parsing without it, whatever the target leaves out, adds or reorders', () => {
    fc.assert(
      fc.property(
        fc.subarray(universe, { minLength: 1 }),
        fc.shuffledSubarray([...universe, 'extra', 'g.new']),
        (sourceKeys, targetKeys) => {
          const pool = new KeyPool(true);
          const source = fastParse(
            render(sourceKeys, (k) => `S ${k}`),
            '.',
            pool,
          )!;
          assert.deepEqual(
            [...source.keys()],
            [
              ...fastParse(
                render(sourceKeys, (k) => `S ${k}`),
                '.',
              )!.keys(),
            ],
          );
          const text = render(targetKeys, (k) => `T ${k}`);
          const pooled = fastParse(text, '.', pool.reader());
          assert.deepEqual(pooled && [...pooled.entries()], [...fastParse(text, '.')!.entries()]);
          // Shared keys are the source's very string objects (identity cannot be observed for
          // strings in JS; equality plus the byte-identical entries above is what matters).
          for (const k of targetKeys) if (source.has(k)) assert.ok(pooled!.has(k));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds siblings by key whether its key map is built before or after they join', () => {
    for (const early of [false, true]) {
      const pool = new KeyPool(true);
      fastParse('{"g": {"item_one": "a", "item_other": "b"}}', '.', pool);
      const reader = pool.reader();
      if (early) assert.equal(reader.byKey.get('g.item_few'), undefined);
      const other = pool.byKey.get('g.item_other')!;
      const few = reader.sibling(other, 'item_few', 'g.item_few');
      assert.equal(reader.byKey.get('g.item_few'), few);
      assert.equal(pool.byKey.get('g.item_few'), few);
      assert.deepEqual([...reader.byKey.keys()], ['g', 'g.item_one', 'g.item_other', 'g.item_few']);
      // A target file that writes the sibling dotted still finds it by key.
      const leaves = fastLeaves('{"g.item_few": "c", "g": {"item_one": "a"}}', '.', reader)!;
      assert.deepEqual(
        leaves.props.map((p) => p?.key),
        [undefined, 'g.item_one'],
      );
      assert.equal(
        fastLeaves('{"g": {"item_few": "c"}, "g.item_few": "d"}', '.', reader),
        undefined,
        'a duplicate through the twin',
      );
    }
  });
});

describe('native parse walk (target files) ≡ fast scanner', () => {
  // Keys and values drawn to hit what JSON.parse handles differently: colons, separators, digits.
  const name = fc.constantFrom('a', 'b', 'c', 'x:y', 'a.b', '1', '2x', 'k_one', 'k_other', ':');
  const leaf = fc.oneof(
    fc.constantFrom('', 'v', 'a:b', '::', 'x\\u003ay', '"q"', 'é'),
    fc.string({ maxLength: 4 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  );
  const tree: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
    obj: fc.dictionary(name, fc.oneof({ depthSize: 'small' }, leaf, tie('obj'), fc.constant([1])), { maxKeys: 5 }),
  })).obj as fc.Arbitrary<Record<string, unknown>>;
  const leavesOf = (text: string, sep: '.' | false, pool: KeyPool) => {
    const out: Array<[string, unknown, boolean]> = [];
    return walkParsed(text, sep, pool, { take: (key, value, prop) => out.push([key, value, prop !== undefined]) })
      ? out
      : undefined;
  };

  it('gives the fast scanner’s leaves (and pool records) whenever it accepts, duplicates or not', () => {
    fc.assert(
      fc.property(tree, tree, fc.constantFrom<'.' | false>('.', false), fc.nat(), (source, target, sep, at) => {
        const pool = new KeyPool(true);
        if (!fastParse(JSON.stringify(source), sep, pool)) return;
        let text = JSON.stringify(target, null, 2).replace(/\\\\u003a/g, '\\u003a');
        // Half the time, repeat one property at the start of the object that holds it.
        const props = [...text.matchAll(/\n( *)("(?:[^"\\]|\\.)*": (?:"(?:[^"\\]|\\.)*"|-?\d+|true|false|null))/g)];
        if (props.length > 0 && at % 2 === 0) {
          const p = props[at % props.length]!;
          const open = text.lastIndexOf('{', p.index);
          text = `${text.slice(0, open + 1)}${p[2]},${text.slice(open + 1)}`;
        }
        const walked = leavesOf(text, sep, pool.reader());
        const fast = fastLeaves(text, sep, pool.reader());
        if (!walked) return; // declined: the scanner or the visitor decides
        assert.ok(fast, `the walk accepted what the fast scanner declines: ${text}`);
        assert.deepEqual(
          walked,
          fast.keys.map((k, i) => [k, fast.values[i], fast.props[i] !== undefined]),
          text,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('records a source file like the strict scanner: the same leaves, and a pool that matches targets alike', () => {
    // Mostly names the native path accepts, so that most runs exercise it.
    const safeName = fc.constantFrom('a', 'b', 'c', 'x:y', 'k_one', 'k_other', 'é', 'a.b');
    const safeTree: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
      obj: fc.dictionary(safeName, fc.oneof({ depthSize: 'small' }, leaf, tie('obj')), { maxKeys: 5 }),
    })).obj as fc.Arbitrary<Record<string, unknown>>;
    let recorded = 0;
    fc.assert(
      fc.property(safeTree, safeTree, fc.constantFrom<'.' | false>('.', false), (source, target, sep) => {
        const text = JSON.stringify(source, null, 2);
        const strictPool = new KeyPool(true);
        const strict = fastParse(text, sep, strictPool);
        const nativePool = new KeyPool(true);
        const native = recordParsed(text, sep, nativePool);
        if (!native) return; // declined: the strict parsers decide
        recorded++;
        assert.ok(strict, `recorded what the strict scanner declines: ${text}`);
        const leaf = ({ key, kind, value }: LocaleValue) => ({ key, kind, value });
        assert.deepEqual([...native.values()].map(leaf), [...strict.values()].map(leaf));
        assert.deepEqual(
          [...nativePool.byKey.keys()],
          [...strictPool.byKey.keys()],
          'every key (objects too) by flattened key',
        );
        const targetText = JSON.stringify(target, null, 2);
        assert.deepEqual(
          leavesOf(targetText, sep, nativePool.reader()),
          leavesOf(targetText, sep, strictPool.reader()),
          targetText,
        );
        const viaScanner = (pool: KeyPool) => fastLeaves(targetText, sep, pool.reader());
        assert.deepEqual(viaScanner(nativePool)?.keys, viaScanner(strictPool)?.keys);
        assert.deepEqual(
          viaScanner(nativePool)?.props.map((p) => p?.key),
          viaScanner(strictPool)?.props.map((p) => p?.key),
        );
      }),
      { numRuns: 1000 },
    );
    assert.ok(recorded > 300, `the native path was taken in ${recorded} of 1000 runs`);
    assert.equal(recordParsed('{"a": "x", "a": "y"}', '.', new KeyPool(true)), undefined, 'a duplicate');
  });

  it('declines duplicates JSON.parse would drop, and what would change the order or the keys', () => {
    const pool = new KeyPool(true);
    fastParse('{"a": {"b": "1"}, "c": "2"}', '.', pool);
    const cases = [
      '{"a": {"b": "1", "b": "2"}}',
      '{"c": "x", "a": {"b": "1"}, "c": "y"}',
      '{"c": "a:b", "c": "a:b"}', // colons inside the strings do not hide it
      '{"c": "x\\u003ay", "c": "z"}', // an escaped colon: declined up front
      '{"a.b": "1", "a": {"b": "2"}}',
      '{"2": "x", "1": "y"}',
      '{"a": ["x"]}',
    ];
    for (const text of cases) assert.equal(leavesOf(text, '.', pool.reader()), undefined, text);
    assert.equal(leavesOf('{"a": {"b": "x"}}', false, pool.reader()), undefined, 'an object in a flat file');
    assert.deepEqual(leavesOf('{"c": "a:b", "a": {"b": "::"}}', '.', pool.reader()), [
      ['c', 'a:b', true],
      ['a.b', '::', true],
    ]);
  });
});
