/**
 * Issue 12, points 3 and 4: keys are data. `__proto__`, `constructor.prototype` and friends are
 * written like any other key and never touch `Object.prototype`; keys with an empty segment
 * (`.f`, `a..b`, `a.`) are refused by name and never reported written, and do not break later runs.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { applyKeyEdits } from '../../src/locales/edit';
import { detectStyle } from '../../src/locales/format';
import { updateLocaleFile } from '../../src/locales/writer';
import { tempDir } from '../unit/helpers';
import type { SafetyHarness } from './workspace';
import { startSafety } from './workspace';

// JSON.stringify of an object literal would drop `__proto__` (it sets the prototype): write the text.
const prototypeText =
  '{\n  "__proto__": { "polluted": "Polluted" },\n  "constructor": { "prototype": "Prototype text" },\n  "toString": "To string",\n  "hasOwnProperty": { "valueOf": "Value of" },\n  "plain": "Plain"\n}\n';

function assertNoPollution(): void {
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype.polluted');
  assert.equal(typeof Object.prototype.valueOf, 'function');
  assert.equal(Object.prototype.constructor, Object);
}

describe('safety: keys that are property names of Object.prototype', () => {
  let h: SafetyHarness;
  afterEach(async () => {
    assertNoPollution();
    await h?.stop();
  });

  it('translate-missing writes __proto__, constructor.prototype, toString and hasOwnProperty.valueOf like any key, and converges', async () => {
    h = await startSafety();
    await h.put({ 'locales/en/proto.json': prototypeText });
    const first = await h.cli('translate-missing', '--to', 'de');
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const text = await h.read('locales/de/proto.json');
    const written = JSON.parse(text) as Record<string, unknown>;
    assert.deepEqual(Object.keys(written), ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'plain']);
    assert.match(
      JSON.stringify(written.__proto__),
      /"polluted":"\[de\] /,
      'the __proto__ object is an own property with its key',
    );
    assert.match(String((written.constructor as unknown as Record<string, unknown>).prototype), /^\[de\] /);
    const marks = (await h.state()).provisional!['locales/{locale}/proto.json']!.de!;
    assert.deepEqual(
      Object.keys(marks).sort(),
      ['__proto__.polluted', 'constructor.prototype', 'hasOwnProperty.valueOf', 'plain', 'toString'],
      'every value is marked',
    );
    const second = await h.cli('translate-missing', '--to', 'de', '--json');
    const files = (JSON.parse(second.stdout) as { locales: Array<{ files: Array<{ file: string }> }> }).locales[0]!
      .files;
    assert.ok(!files.some((f) => f.file === 'locales/de/proto.json'), 'nothing is missing the second time');
  });

  it('push and pull carry the same keys; the merge base and the marks keep them', async () => {
    h = await startSafety();
    await h.put({ 'locales/en/proto.json': prototypeText });
    assert.equal((await h.cli('push')).code, 0);
    h.phrase.complete();
    const pull = await h.cli('pull');
    assert.equal(pull.code, 0, pull.stdout + pull.stderr);
    const de = JSON.parse(await h.read('locales/de/proto.json')) as Record<string, Record<string, string>>;
    assert.match(de.__proto__!.polluted!, /^\[de\] /);
    assert.match(de.constructor!.prototype!, /^\[de\] /);
    const base = (await h.state()).files['locales/{locale}/proto.json']!.jobs.de!.base;
    assert.match(base['__proto__.polluted']!, /^\[de\] /, 'the base records the key as data');
    assert.match(
      (await h.cli('pull')).stdout,
      /locales\/de\/proto\.json\s+de\s+COMPLETED\s+0\s+0\s+0\s+unchanged/,
      'a second pull has nothing to do',
    );
  });
  it('a top-level string "__proto__" is pulled like any key, and a local edit of it is a conflict, not lost', async () => {
    h = await startSafety();
    await h.put({ 'locales/en/flat.json': '{\n  "__proto__": "Prototype",\n  "plain": "Plain"\n}\n' });
    assert.equal((await h.cli('push')).code, 0);
    h.phrase.complete();
    const pull = await h.cli('pull');
    assert.equal(pull.code, 0, pull.stdout + pull.stderr);
    const de = await h.read('locales/de/flat.json');
    assert.match(de, /"__proto__": "\[de\] /, 'the translation of "__proto__" is written as an own key');
    // The source changes and is pushed; then the developer edits the translation locally.
    await h.put({ 'locales/en/flat.json': '{\n  "__proto__": "Prototype!",\n  "plain": "Plain"\n}\n' });
    assert.equal((await h.cli('push')).code, 0);
    await h.put({ 'locales/de/flat.json': de.replace(/"__proto__": "[^"]*"/, '"__proto__": "Mein Prototyp"') });
    h.phrase.complete();
    const again = await h.cli('pull');
    assert.match(
      again.stdout,
      /conflict: locales\/de\/flat\.json "__proto__": kept local "Mein Prototyp"/,
      again.stdout,
    );
    assertNoPollution();
  });
});

describe('safety: keys with an empty segment', () => {
  let h: SafetyHarness;
  afterEach(async () => h?.stop());

  // `.f` = "" → f, `a..b` = a → "" → b, `x.` = x → "": written nested, each needs an empty name.
  const source =
    '{\n  "": { "f": "Dot f" },\n  "a": { "": { "b": "A dot dot b" } },\n  "x": { "": "X dot" },\n  "ok": "Fine"\n}\n';

  it('translate-missing refuses ".f", "a..b" and "x." by name, writes the rest, and a second run works the same', async () => {
    h = await startSafety();
    await h.put({ 'locales/en/sep.json': source });
    for (let round = 0; round < 2; round++) {
      const run = await h.cli('translate-missing', '--to', 'de');
      assert.equal(run.code, 0, run.stdout + run.stderr);
      for (const key of ['".f"', '"a..b"', '"x."']) {
        assert.ok(
          run.stdout.includes(`refused: locales/de/sep.json ${key}: refused, not written`),
          `${key} named (round ${round})`,
        );
      }
      assert.doesNotMatch(run.stdout + run.stderr, /Can not add index|Maximum call stack/);
    }
    assert.deepEqual(
      Object.keys(JSON.parse(await h.read('locales/de/sep.json')) as object),
      ['ok'],
      'only what was reported written is in the file',
    );
    const marks = (await h.state()).provisional!['locales/{locale}/sep.json']!.de!;
    assert.deepEqual(Object.keys(marks), ['ok'], 'only written values are marked');
  });

  it('push reports them but still succeeds; pull writes the others, names the refused ones, and does not count them', async () => {
    h = await startSafety();
    await h.put({ 'locales/en/sep.json': source });
    const push = await h.cli('push');
    assert.equal(push.code, 0, push.stdout + push.stderr);
    assert.match(
      push.stdout,
      /note: locales\/en\/sep\.json: "a\.\.b": refused, not written: .* \(its translations will be skipped on pull\)/,
    );
    h.phrase.complete();
    const pull = await h.cli('pull', '--json');
    const file = (
      JSON.parse(pull.stdout) as { files: Array<{ file: string; applied: number; refused?: Array<{ key: string }> }> }
    ).files.find((f) => f.file === 'locales/de/sep.json')!;
    assert.deepEqual(file.refused?.map((r) => r.key).sort(), ['.f', 'a..b', 'x.']);
    assert.equal(file.applied, 1, 'only "ok" counts as written');
    assert.deepEqual(Object.keys(JSON.parse(await h.read('locales/de/sep.json')) as object), ['ok']);
    const again = await h.cli('pull');
    assert.doesNotMatch(again.stdout + again.stderr, /Can not add index/);
  });

  it('a key whose path runs through a string in the target, or would replace an object, is refused; the other edits apply', async () => {
    const dir = await tempDir('ll-keys-');
    try {
      const file = path.join(dir, 'de.json');
      await fs.writeFile(file, '{\n  "a": "text",\n  "o": { "k": "v" }\n}\n');
      const res = await updateLocaleFile(
        file,
        [
          { key: 'a.b', value: 'x' },
          { key: 'o', value: 'y' },
          { key: 'n', value: 'new' },
        ],
        { keySeparator: '.' },
      );
      assert.deepEqual(
        res.refused.map((r) => r.key),
        ['a.b', 'o'],
      );
      assert.deepEqual(JSON.parse(await fs.readFile(file, 'utf8')), { a: 'text', o: { k: 'v' }, n: 'new' });
      const style = detectStyle('{}', false);
      assert.throws(
        () => applyKeyEdits('{ "a": "t" }', [{ key: 'a.b', value: 'x' }], { keySeparator: '.', style }),
        /"a\.b": refused, not written/,
        'without a collector the edit throws, naming the key',
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
