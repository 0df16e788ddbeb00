/** Translate Selection inside string literals (issue 14, point 4): found, decoded, re-encoded. */
import assert from 'node:assert/strict';
import { decodeLiteral, encodeLiteral, literalAround } from '../../src/modernmt/literal';

describe('string literals around a selection (point 4)', () => {
  it('finds the JSON string or JS/TS literal holding the whole selection, and nothing outside one', () => {
    const json = '  "msg": "Say \\"hi\\"\\nto {{name}}",';
    const start = json.indexOf('Say');
    const end = json.lastIndexOf('"');
    assert.deepEqual(literalAround(json, start, end, 'json'), { kind: 'json', quote: '"' });
    assert.equal(literalAround(json, 2, end, 'json'), undefined, 'the selection starts at the key');
    assert.equal(literalAround(json, start, end, 'plaintext'), undefined);
    const ts = "const a = t('x'); const b = 'It\\'s {{n}} here'; // 'comment'";
    assert.deepEqual(literalAround(ts, ts.indexOf('It'), ts.indexOf(" here'") + 5, 'typescript'), {
      kind: 'js',
      quote: "'",
    });
    assert.equal(
      literalAround(ts, ts.indexOf('comment'), ts.indexOf('comment') + 7, 'typescript'),
      undefined,
      'inside a comment',
    );
    assert.deepEqual(literalAround('x = `Hello ${a} there`', 5, 10, 'javascript'), { kind: 'js', quote: '`' });
  });

  it('decodes escapes before sending and encodes the translation for the same literal after', () => {
    const json = { kind: 'json', quote: '"' } as const;
    assert.equal(decodeLiteral('Say \\"hi\\"\\nto \\u00e9', json), 'Say "hi"\nto é');
    assert.equal(encodeLiteral('Sag "hallo"\nzu \\ é', json), 'Sag \\"hallo\\"\\nzu \\\\ é');
    assert.equal(decodeLiteral('cut in half \\', json), undefined);
    const single = { kind: 'js', quote: "'" } as const;
    assert.equal(decodeLiteral('It\\\'s \\x41\\u{1F600} "ok"', single), 'It\'s A😀 "ok"');
    assert.equal(encodeLiteral('C\'est "ok"\n\t', single), 'C\\\'est "ok"\\n\\t');
    const tpl = { kind: 'js', quote: '`' } as const;
    assert.equal(decodeLiteral('Hello ${name}', tpl), undefined, 'code inside a template is not text');
    assert.equal(encodeLiteral('a `b` ${c}', tpl), 'a \\`b\\` \\${c}');
    for (const text of ['Ünïcödé "q" \\ \n \u2028 \u0001 `x` ${y}', "'single'"]) {
      for (const lit of [json, single, tpl]) {
        assert.equal(decodeLiteral(encodeLiteral(text, lit), lit), text, `round trip in ${lit.quote}`);
      }
    }
  });
});
