/**
 * The resolver's conformance suite: real-world call shapes in test/fixtures/code/, each call
 * marked on the line of the call with the (namespace:key) it must resolve to (`// → ns:key`, `{/* → ns:key *\/}`, several
 * joined by ` + `; `?` for a namespace the code computes, `…` after the static head of a computed
 * key). Vue files keep their expectations in expectations.json (HTML has no line comments).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveText } from '../../../src/code/resolver';
import type { CallSite, ResolverOptions } from '../../../src/code/types';
import { fixturesDir } from '../helpers';

const dir = path.join(fixturesDir, 'code');
const options: ResolverOptions = {
  functions: ['t', 'i18next.t', 'i18n.t'],
  nsSeparator: ':',
  keySeparator: '.',
  defaultNamespace: 'translation',
};

export function describeSite(s: CallSite): string {
  return `${s.namespaces.length ? s.namespaces.join('|') : '?'}:${s.key}${s.dynamic ? '…' : ''}`;
}

function sitesByLine(text: string, file: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const s of resolveText(text, file, options).sites) {
    const line = s.callRange.startPos.line + 1;
    out.set(line, [...(out.get(line) ?? []), describeSite(s)]);
  }
  return out;
}

function markedLines(text: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  text.split('\n').forEach((line, i) => {
    const m = /(?:\/\/|\{\/\*) → (.+?)(?: \*\/\})?$/.exec(line);
    if (m) out.set(i + 1, m[1]!.split(' + '));
  });
  return out;
}

describe('key resolver: conformance with real-world call shapes', () => {
  const vue = JSON.parse(readFileSync(path.join(dir, 'expectations.json'), 'utf8')) as Record<
    string,
    Record<string, string[]>
  >;
  for (const file of readdirSync(dir)
    .filter((f) => f !== 'expectations.json')
    .sort()) {
    it(`${file}: every call resolves to the marked (namespace, key), and nothing unmarked is a call`, () => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const expected = file.endsWith('.vue')
        ? new Map(Object.entries(vue[file]!).map(([l, v]) => [Number(l), v]))
        : markedLines(text);
      assert.ok(expected.size >= 4, 'the fixture marks its calls');
      assert.deepEqual(Object.fromEntries(sitesByLine(text, file)), Object.fromEntries(expected));
    });
  }
});
