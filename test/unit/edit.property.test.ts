import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { KeyEdit } from '../../src/locales/edit';
import { applyKeyEdits } from '../../src/locales/edit';
import { detectStyle } from '../../src/locales/format';
import { parseLocaleText } from '../../src/locales/scan';

// Leaf keys no one of which is a prefix of another (i18next cannot have both `a` and `a.x`).
const universe = ['a.x', 'a.y', 'a.z', 'b.x', 'b.y', 'c.x', 'p', 'q', 'd.e.f', 'd.e.g'];

const value = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('{{name}}', 'Grüße <0>x</0>', 'é\\"\n\t', ''),
);

function render(obj: Record<string, string>, indent: string | number, eol: string, finalNewline: boolean): string {
  const nested: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) {
    const parts = key.split('.');
    let at = nested;
    for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    at[parts.at(-1)!] = v;
  }
  const text = JSON.stringify(nested, null, indent).replace(/\n/g, eol);
  return finalNewline ? text + eol : text;
}

const scenario = fc.record({
  initial: fc.dictionary(fc.constantFrom(...universe), value, { minKeys: 1 }),
  indent: fc.constantFrom<string | number>(2, 4, '\t'),
  eol: fc.constantFrom('\n', '\r\n'),
  finalNewline: fc.boolean(),
  edits: fc.array(fc.record({ key: fc.constantFrom(...universe), value: fc.option(value, { nil: undefined }) }), {
    maxLength: 8,
  }),
});

describe('edits (property-based)', () => {
  it('any sequence of edits keeps valid JSON, the expected values, and every untouched key byte-identical', () => {
    fc.assert(
      fc.property(scenario, ({ initial, indent, eol, finalNewline, edits }) => {
        const before = render(initial, indent, eol, finalNewline);
        const style = detectStyle(before, false);
        const after = applyKeyEdits(before, edits as KeyEdit[], { keySeparator: '.', style, order: universe });

        const parsedAfter = parseLocaleText(after, 'after.json', { keySeparator: '.' }); // throws if invalid
        const model = new Map(Object.entries(initial));
        for (const e of edits) {
          if (e.value === undefined) model.delete(e.key);
          else model.set(e.key, e.value);
        }
        assert.deepEqual(
          new Map([...parsedAfter.entries].map(([k, v]) => [k, v.value])),
          model,
          'the file holds exactly the model',
        );

        const parsedBefore = parseLocaleText(before, 'before.json', { keySeparator: '.' });
        const touched = new Set(edits.map((e) => e.key));
        const raw = (text: string, e: { valueOffset: number; valueLength: number }) =>
          text.slice(e.valueOffset, e.valueOffset + e.valueLength);
        const untouched = [...parsedBefore.entries.keys()].filter((k) => !touched.has(k));
        for (const key of untouched) {
          assert.equal(
            raw(after, parsedAfter.entries.get(key)!),
            raw(before, parsedBefore.entries.get(key)!),
            `bytes of ${key}`,
          );
        }
        const order = [...parsedAfter.entries.keys()].filter((k) => untouched.includes(k));
        assert.deepEqual(order, untouched, 'untouched keys keep their order');
        if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(after), 'CRLF preserved');
        else assert.ok(!after.includes('\r'), 'LF preserved');
        if (edits.length === 0) assert.equal(after, before);
      }),
      { numRuns: 400 },
    );
  });

  it('setting existing keys to new values changes only those values (exact text)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...universe), value, { minKeys: 1 }),
        fc.constantFrom<string | number>(2, '\t'),
        value,
        (initial, indent, replacement) => {
          const before = render(initial, indent, '\n', true);
          const key = Object.keys(initial)[0]!;
          const after = applyKeyEdits(before, [{ key, value: replacement }], {
            keySeparator: '.',
            style: detectStyle(before, false),
          });
          const entry = parseLocaleText(before, 'b', { keySeparator: '.' }).entries.get(key)!;
          const expected =
            before.slice(0, entry.valueOffset) +
            JSON.stringify(replacement) +
            before.slice(entry.valueOffset + entry.valueLength);
          assert.equal(after, initial[key] === replacement ? before : expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
