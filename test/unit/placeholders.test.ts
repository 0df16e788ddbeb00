import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  comparePlaceholders,
  extractPlaceholders,
  matchesProfile,
  PlaceholderCache,
  placeholderProfile,
  rawPlaceholders,
} from '../../src/locales/placeholders';

/** The profile shortcut as a test: undefined when it does not apply. */
const placeholderMatcher = (source: string, raw: readonly string[]) => {
  const profile = placeholderProfile(source, raw);
  return profile && ((value: string) => matchesProfile(value, profile));
};

const ids = (v: string, icu = false) => extractPlaceholders(v, { icu }).map((p) => p.id);

describe('placeholders', () => {
  it('finds i18next interpolation, formats and unescaped values', () => {
    assert.deepEqual(ids('Hi {{name}}, you have {{ count,number }} and {{- html}}'), [
      '{{name}}',
      '{{count, number}}',
      '{{- html}}',
    ]);
  });

  it('finds nesting, with and without options', () => {
    assert.deepEqual(ids('See $t(app.title) and $t(items, { "count": 2 })'), [
      '$t(app.title)',
      '$t(items,{"count":2})',
    ]);
  });

  it('finds Trans tags: numbered, named and self-closing', () => {
    assert.deepEqual(ids('Click <0>here</0> or <1/> <strong>now</strong><br />'), [
      '<0>',
      '</0>',
      '<1/>',
      '<strong>',
      '</strong>',
      '<br/>',
    ]);
    assert.deepEqual(ids('a < b && c > d'), [], 'comparison operators are text');
  });

  it('finds ICU arguments and the heads of plural/select, not their branch text', () => {
    assert.deepEqual(ids('{count, plural, one {# item} other {# items}} for {name}', true), [
      '{count, plural}',
      '{name}',
    ]);
    assert.deepEqual(ids('{gender, select, male {He} female {She} other {They}}', true), ['{gender, select}']);
    assert.deepEqual(ids('{n, plural, other {{total} of {n}}}', true), ['{n, plural}', '{total}', '{n}']);
    assert.deepEqual(ids("Price {amount, number, ::currency/EUR} '{'literal'}'", true), [
      '{amount, number, ::currency/EUR}',
    ]);
    assert.deepEqual(ids('{name}', false), [], 'ICU only where the project uses it');
  });

  it('records where each placeholder is', () => {
    const [p] = extractPlaceholders('Hello, {{name}}!');
    assert.deepEqual([p!.start, p!.end, p!.text, p!.kind], [7, 15, '{{name}}', 'interpolation']);
  });

  it('compares multisets: order may change, nothing lost, duplicated or invented', () => {
    assert.ok(comparePlaceholders('{{a}} and {{b}}', '{{b}} und {{a}}').ok);
    assert.deepEqual(comparePlaceholders('{{a}} and {{b}}', '{{a}}'), { ok: false, missing: ['{{b}}'], extra: [] });
    assert.deepEqual(comparePlaceholders('{{a}}', '{{a}} {{a}}'), { ok: false, missing: [], extra: ['{{a}}'] });
    assert.deepEqual(comparePlaceholders('<0>x</0>', '<0>x</1>'), { ok: false, missing: ['</0>'], extra: ['</1>'] });
    assert.deepEqual(comparePlaceholders('{{- html}}', '{{html}}').ok, false, 'unescaped is not the same placeholder');
  });
});

describe('placeholder profile (the inventory fast path)', () => {
  const fragment = fc.constantFrom(
    'Hi ',
    '{{name}}',
    '{{ name }}',
    '{{count, number}}',
    '{{- html}}',
    '<0>',
    '</0>',
    '<1/>',
    '<b>',
    '</b>',
    '$t(a.b)',
    '$t(a.b, {"count": 2})',
    ' < ',
    '{',
    '}',
    '{{',
    '$t(',
    'x',
    ' ',
  );
  const text = fc.array(fragment, { maxLength: 8 }).map((a) => a.join(''));

  it('never says "same" when the full comparison finds a difference', () => {
    fc.assert(
      fc.property(text, text, (source, target) => {
        const same = placeholderMatcher(source, rawPlaceholders(source));
        if (same?.(target)) assert.ok(comparePlaceholders(source, target).ok, `${source} | ${target}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('says "same" for reordered copies of the source placeholders', () => {
    const same = placeholderMatcher(
      'Hello {{name}}, see <0>x</0> and $t(a.b)',
      rawPlaceholders('Hello {{name}}, see <0>x</0> and $t(a.b)'),
    )!;
    assert.ok(same('$t(a.b): <0>y</0> — Hallo {{name}}'));
    assert.ok(!same('Hallo {{name}} <0>y</0>'));
    assert.ok(!same('Hallo {{name}} {{name}} <0>y</0> $t(a.b)'));
    assert.equal(placeholderMatcher('a < b', []), undefined, 'a bare < in the source: no shortcut');
  });

  it('a cache shared by many source values answers as each value alone would', () => {
    for (const icu of [false, true]) {
      const cache = new PlaceholderCache({ icu });
      fc.assert(
        fc.property(text, text, (source, target) => {
          const shared = cache.of(source);
          assert.deepEqual(shared.raw, rawPlaceholders(source, { icu }), source);
          const own = placeholderProfile(source, rawPlaceholders(source, { icu }), { icu });
          assert.equal(shared.profile === null, own === undefined, `shortcut for ${JSON.stringify(source)}`);
          if (own && shared.profile) {
            assert.equal(matchesProfile(target, shared.profile), matchesProfile(target, own), `${source} | ${target}`);
          }
        }),
        { numRuns: 2000 },
      );
    }
    // Values with the same placeholders share one record; a bare `<` makes a different one.
    const cache = new PlaceholderCache({});
    assert.equal(cache.of('Hi {{name}}'), cache.of('Bye {{name}}'));
    assert.notEqual(cache.of('a < b {{name}}'), cache.of('Bye {{name}}'));
    assert.equal(cache.of('a < b {{name}}').profile, null);
  });
});
