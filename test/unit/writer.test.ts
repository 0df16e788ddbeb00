import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LocaleParseError } from '../../src/locales/errors';
import { detectStyle } from '../../src/locales/format';
import { describeRefusal } from '../../src/locales/edit';
import { updateLocaleFile } from '../../src/locales/writer';
import { copyFixture, tempDir } from './helpers';

describe('writing locale files', () => {
  it('writes atomically, keeps the BOM, and leaves no temp file behind', async () => {
    const root = await copyFixture('app');
    const file = path.join(root, 'locales/ar/common.json');
    const before = await fs.readFile(file);
    const result = await updateLocaleFile(file, [{ key: 'app.title', value: 'جديد' }], { keySeparator: '.' });
    assert.ok(result.changed);
    const after = await fs.readFile(file);
    assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(after.toString('utf8'), before.toString('utf8').replace('عرض Locale Loop', 'جديد'));
    assert.deepEqual((await fs.readdir(path.dirname(file))).sort(), ['common.json']);
  });

  it('does not touch a file when nothing changes', async () => {
    const root = await copyFixture('app');
    const file = path.join(root, 'locales/en/common.json');
    const stat = await fs.stat(file);
    const result = await updateLocaleFile(file, [{ key: 'ok', value: 'OK' }], { keySeparator: '.' });
    assert.equal(result.changed, false);
    assert.equal((await fs.stat(file)).mtimeMs, stat.mtimeMs);
  });

  it('re-applies edits to content that changed on disk since it was read, instead of clobbering it', async () => {
    const root = await copyFixture('app');
    const file = path.join(root, 'locales/de/common.json');
    const seen = await fs.readFile(file, 'utf8');
    // Someone saves the file after we read it.
    await fs.writeFile(file, seen.replace('"Altlast"', '"Altlast (bearbeitet)"'));
    const result = await updateLocaleFile(file, [{ key: 'app.title', value: 'Neu' }], {
      keySeparator: '.',
      expectedText: seen,
    });
    assert.ok(result.reapplied);
    const now = await fs.readFile(file, 'utf8');
    assert.ok(now.includes('"Altlast (bearbeitet)"'), 'their change survives');
    assert.ok(now.includes('"title": "Neu"'), 'our change is applied');
  });

  it('never writes a malformed file, and says where it is broken', async () => {
    const root = await copyFixture('malformed');
    const file = path.join(root, 'locales/de.json');
    const before = await fs.readFile(file);
    await assert.rejects(
      updateLocaleFile(file, [{ key: 'hello', value: 'x' }], { keySeparator: '.' }),
      (e: unknown) => LocaleParseError.is(e) && e.line === 4,
    );
    assert.deepEqual(await fs.readFile(file), before);
  });

  it('refuses a key whose path runs through a string ("ok.deeper" when "ok" is text), reports it, and leaves the file unchanged', async () => {
    const root = await copyFixture('app');
    const file = path.join(root, 'locales/en/common.json');
    const before = await fs.readFile(file);
    const result = await updateLocaleFile(file, [{ key: 'ok.deeper', value: 'x' }], { keySeparator: '.' });
    assert.equal(result.changed, false);
    assert.deepEqual(
      result.refused.map((r) => describeRefusal(r)),
      ['"ok.deeper": refused, not written: "ok" holds a string in this file, not an object'],
    );
    assert.deepEqual(await fs.readFile(file), before);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('creates a missing file in the source file’s style, keys in source order', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'locales', 'fr', 'common.json');
    const style = detectStyle('{\r\n\t"a": "b"\r\n}\r\n', false);
    await updateLocaleFile(
      file,
      [
        { key: 'b.c', value: 'deux' },
        { key: 'a', value: 'un' },
      ],
      { keySeparator: '.', newFileStyle: style, order: ['a', 'b.c'] },
    );
    assert.equal(await fs.readFile(file, 'utf8'), '{\r\n\t"a": "un",\r\n\t"b": {\r\n\t\t"c": "deux"\r\n\t}\r\n}\r\n');
    await assert.rejects(
      updateLocaleFile(path.join(dir, 'nope.json'), [{ key: 'a', value: 'b' }], { keySeparator: '.' }),
      /does not exist/,
    );
  });
});

describe('writing new locale files', () => {
  it('keeps source order even with integer-like keys (which JavaScript objects would move first)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'errors.json');
    await updateLocaleFile(
      file,
      [
        { key: 'title', value: 'Errors' },
        { key: 'codes.404', value: 'Not found' },
        { key: 'codes.500', value: 'Oops' },
      ],
      {
        keySeparator: '.',
        newFileStyle: detectStyle('{\n  "a": "b"\n}\n', false),
        order: ['title', 'codes.404', 'codes.500'],
      },
    );
    assert.equal(
      await fs.readFile(file, 'utf8'),
      '{\n  "title": "Errors",\n  "codes": {\n    "404": "Not found",\n    "500": "Oops"\n  }\n}\n',
    );
  });
});
