/**
 * The editor's cache re-parses a document incrementally after an edit: its call sites and
 * completion scopes must be exactly those of a fresh parse of the new text, whatever the edit.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DocumentCache } from '../../../src/code/documentCache';
import { parseAndResolve } from '../../../src/code/resolver';
import type { ResolverOptions } from '../../../src/code/types';
import { fixturesDir } from '../helpers';
import { describeSite } from './conformance.test';

const options: ResolverOptions = {
  functions: ['t', 'i18next.t', 'i18n.t'],
  nsSeparator: ':',
  keySeparator: '.',
  defaultNamespace: 'common',
};

const dir = path.join(fixturesDir, 'code');
const fixtures = readdirSync(dir)
  .filter((f) => /\.(tsx|ts|vue)$/.test(f))
  .map((f) => ({ name: f, text: readFileSync(path.join(dir, f), 'utf8') }));

/** Fragments that open or close strings, calls, JSX and scopes, rename a t, or add a call. */
const fragments = [
  "t('added.key')",
  "tc('x')",
  '`${a}`',
  "'",
  '"',
  '(',
  ')',
  '{',
  '}',
  '<Trans i18nKey="inserted" />',
  "const { t } = useTranslation('other');",
  "useTranslation('moved', { keyPrefix: 'p' })",
  '\n',
  '//',
  '/*',
  '*/',
  'x',
  ' ',
  '$ => $.a.b',
  "{ ns: 'n2' }",
];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  remove: fc.nat({ max: 12 }),
  insert: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 })),
});

describe('incremental re-parse in the document cache', () => {
  it('after every edit of a random series, the cached sites and scopes equal a fresh parse of the new text (at least 600 edits compared, some changing the sites)', () => {
    let compared = 0;
    let incremental = 0;
    let changedSites = 0;
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.array(edit, { minLength: 1, maxLength: 12 }), (fixture, edits) => {
        const cache = new DocumentCache(options);
        const file = `/w/${fixture.name}`;
        let text = fixture.text;
        let before = cache.resolve(file, 0, text, file).sites.map(describeSite).join();
        edits.forEach((e, i) => {
          const at = Math.floor(e.at * (text.length + 1));
          text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          const cached = cache.resolve(file, i + 1, text, file);
          const fresh = parseAndResolve(text, file, options);
          assert.deepEqual(cached.sites, fresh.sites);
          assert.deepEqual(cached.scopes, fresh.scopes);
          assert.equal(cached.parseFailed, fresh.parseFailed);
          const now = cached.sites.map(describeSite).join();
          if (now !== before) changedSites++;
          before = now;
          compared++;
        });
        incremental += cache.stats.incremental;
      }),
      { numRuns: 120, seed: 15 },
    );
    assert.ok(compared >= 600, `only ${compared} edits compared`);
    // A fresh parse is chosen when the edit is inside a statement holding most of the file.
    assert.ok(incremental >= compared * 0.6, `only ${incremental} of ${compared} re-parses were incremental`);
    assert.ok(changedSites >= 50, `only ${changedSites} edits changed the sites`);
  });

  it('keeps the syntax tree of the most recent documents only, and re-parses an older one from scratch', () => {
    const cache = new DocumentCache(options, 32, 2);
    const text = fixtures.find((f) => f.name.endsWith('.tsx'))!.text;
    for (const uri of ['/w/a.tsx', '/w/b.tsx', '/w/c.tsx']) cache.resolve(uri, 1, text, uri);
    assert.deepEqual(cache.stats, { full: 3, incremental: 0 });
    cache.resolve('/w/c.tsx', 2, text + '\n', '/w/c.tsx');
    assert.deepEqual(cache.stats, { full: 3, incremental: 1 });
    cache.resolve('/w/a.tsx', 2, text + '\n', '/w/a.tsx');
    assert.deepEqual(cache.stats, { full: 4, incremental: 1 }, 'a.tsx was the oldest: its tree was let go');
  });
});
