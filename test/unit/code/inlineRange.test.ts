/**
 * Inline values resolve only the visible range of a document: the walk skips the subtrees outside
 * it but enters every scope around it. Its sites must be exactly the full resolution's sites whose
 * call intersects the range, whatever the range, on the conformance fixtures and on the bench's
 * 2,000-line file that is one JSX tree.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DocumentCache } from '../../../src/code/documentCache';
import { parseCode } from '../../../src/code/parse';
import { resolveSourceFile } from '../../../src/code/resolver';
import type { CallSite, ResolverOptions, Span } from '../../../src/code/types';
import { component } from '../../bench/editorBench';
import { fixturesDir } from '../helpers';

const options: ResolverOptions = {
  functions: ['t', 'i18next.t', 'i18n.t'],
  nsSeparator: ':',
  keySeparator: '.',
  defaultNamespace: 'common',
};

const dir = path.join(fixturesDir, 'code');
const files = [
  ...readdirSync(dir)
    .filter((f) => /\.(tsx|ts|vue)$/.test(f))
    .map((f) => ({ name: f, text: readFileSync(path.join(dir, f), 'utf8') })),
  { name: 'oneTree.tsx', text: component(1, 2000) },
];

/** Written out here rather than taken from the resolver, so the test checks the resolver's filter. */
function inRange<T>(items: readonly T[], span: (x: T) => Span, start: number, end: number): T[] {
  return items.filter((x) => span(x).end >= start && span(x).start <= end);
}

const range = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  // Up to ~60 lines of the one-tree file (about 90 characters a line), sometimes a single offset.
  // Half the ranges start just before a call, so every call shape gets ranges cutting it off from
  // the sites before it.
  nearCall: fc.option(fc.nat(), { nil: undefined }),
  length: fc.oneof(fc.constant(0), fc.nat({ max: 200 }), fc.nat({ max: 5500 })),
});

describe('inline values: the walk limited to a range', () => {
  it("for random ranges, the range-limited sites equal the full resolution's sites filtered to the range (at least 1,500 ranges compared, at least a third with a site)", () => {
    const trees = new Map(files.map((f) => [f.name, { sf: parseCode(f.text, f.name)!, text: f.text }]));
    const full = new Map([...trees].map(([name, t]) => [name, resolveSourceFile(t.sf, options)]));
    let compared = 0;
    let withSites = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...files.map((f) => f.name)),
        fc.array(range, { minLength: 1, maxLength: 10 }),
        (name, ranges) => {
          const { sf, text } = trees.get(name)!;
          const all = full.get(name)!;
          for (const r of ranges) {
            const call = r.nearCall === undefined ? undefined : all.sites[r.nearCall % all.sites.length];
            const start = call
              ? Math.max(0, call.callRange.start - (r.length % 40))
              : Math.floor(r.at * (text.length + 1));
            const end = Math.min(text.length, start + r.length);
            const limited = resolveSourceFile(sf, options, { start, end });
            const expected = inRange<CallSite>(all.sites, (s) => s.callRange, start, end);
            assert.deepEqual(limited.sites, expected, `${name} [${start}, ${end}]`);
            assert.deepEqual(limited.scopes, [], 'completion scopes are left to the full resolution');
            compared++;
            if (expected.length > 0) withSites++;
          }
        },
      ),
      { numRuns: 300, seed: 15 },
    );
    assert.ok(compared >= 1500, `only ${compared} ranges compared`);
    assert.ok(withSites >= compared / 3, `only ${withSites} of ${compared} ranges held a site`);
  });

  it("the cache's range request after an edit equals a fresh full resolution filtered to the range, and a later full request still gives every site", () => {
    const cache = new DocumentCache(options);
    const big = files.at(-1)!;
    const mid = big.text.length >> 1;
    let checked = 0;
    for (let v = 1; v <= 5; v++) {
      const text = big.text.replace('<div>', `<div data-v="${v}">`);
      const fresh = resolveSourceFile(parseCode(text, big.name)!, options);
      const visible = { start: mid, end: mid + 5400 };
      const limited = cache.resolveRange('big.tsx', v, text, visible, big.name);
      const expected = inRange<CallSite>(fresh.sites, (s) => s.callRange, visible.start, visible.end);
      assert.ok(expected.length > 50, `only ${expected.length} sites in the visible range`);
      assert.deepEqual(limited.sites, expected);
      assert.deepEqual(cache.resolve('big.tsx', v, text, big.name).sites, fresh.sites);
      // Once the version is fully resolved, a range is answered from it.
      assert.deepEqual(cache.resolveRange('big.tsx', v, text, visible, big.name).sites, expected);
      checked++;
    }
    assert.equal(checked, 5);
  });
});
