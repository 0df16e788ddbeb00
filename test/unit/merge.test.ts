import assert from 'node:assert/strict';
import { mergeTranslations } from '../../src/sync/merge';

const m = (o: Record<string, string>) => new Map(Object.entries(o));

describe('3-way merge of a pull', () => {
  const sourceKeys = new Set(['a', 'b', 'c', 'd', 'e', 'f']);

  it('applies remote-only changes, keeps local edits as conflicts, inserts new keys, skips removed ones', () => {
    const r = mergeTranslations({
      base: { a: 'A0', b: 'B0', c: 'C0', d: 'D0' },
      local: m({ a: 'A0', b: 'B-local', c: 'C-same', d: 'D0' }),
      remote: m({ a: 'A-remote', b: 'B-remote', c: 'C-same', e: 'E-new', gone: 'x' }),
      sourceKeys,
    });
    assert.deepEqual(
      [...r.apply],
      [
        ['a', 'A-remote'],
        ['e', 'E-new'],
      ],
    );
    assert.deepEqual(r.conflicts, [{ key: 'b', base: 'B0', local: 'B-local', remote: 'B-remote' }]);
    assert.deepEqual(r.skippedRemoved, ['gone']);
    assert.equal(r.unchanged, 1);
  });

  it('a key deleted locally since the push is a local edit too', () => {
    const r = mergeTranslations({ base: { a: 'A0' }, local: m({}), remote: m({ a: 'A1' }), sourceKeys });
    assert.deepEqual(r.conflicts, [{ key: 'a', base: 'A0', local: undefined, remote: 'A1' }]);
    assert.equal(r.apply.size, 0);
  });

  it('--prefer remote resolves conflicts with the translation', () => {
    const r = mergeTranslations({
      base: { b: 'B0' },
      local: m({ b: 'mine' }),
      remote: m({ b: 'theirs' }),
      sourceKeys,
      prefer: 'remote',
    });
    assert.deepEqual([...r.apply], [['b', 'theirs']]);
    assert.equal(r.conflicts.length, 1, 'still reported');
  });

  it('an untouched provisional machine translation is replaced by the human one', () => {
    const r = mergeTranslations({
      base: {},
      local: m({ f: 'MT text' }),
      remote: m({ f: 'Human text' }),
      sourceKeys,
      provisional: m({ f: 'MT text' }),
    });
    assert.deepEqual([...r.apply], [['f', 'Human text']]);
    const edited = mergeTranslations({
      base: {},
      local: m({ f: 'MT text, edited' }),
      remote: m({ f: 'Human text' }),
      sourceKeys,
      provisional: m({ f: 'MT text' }),
    });
    assert.equal(edited.conflicts.length, 1, 'an edited provisional value is a local edit');
  });
});
