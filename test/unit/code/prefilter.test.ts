/**
 * The resolver's byte pre-filter: a file without any word a translation binding starts from is
 * not parsed. It must never drop a file that has a call site.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mayHoldSites } from '../../../src/code/prefilter';
import { parseAndResolve, resolveText } from '../../../src/code/resolver';
import type { ResolverOptions } from '../../../src/code/types';
import { fixturesDir } from '../helpers';
import { describeSite } from './conformance.test';

const options: ResolverOptions = {
  functions: ['t', 'i18next.t', 'i18n.t'],
  nsSeparator: ':',
  keySeparator: '.',
  defaultNamespace: 'common',
};

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(?:[cm]?[jt]sx?|vue)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

const sites = (text: string, file = 'a.tsx', o = options) => resolveText(text, file, o).sites.map(describeSite);

describe('code pre-filter: files that cannot hold a key are not parsed', () => {
  it("over the project's own sources and every code fixture, each file the filter skips has no call site when parsed anyway", () => {
    const repo = path.resolve(fixturesDir, '..', '..');
    const files = [...codeFiles(path.join(repo, 'src')), ...codeFiles(fixturesDir)];
    let skipped = 0;
    let kept = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (mayHoldSites(text, options)) {
        kept++;
        continue;
      }
      skipped++;
      assert.deepEqual(parseAndResolve(text, file, options).sites.map(describeSite), [], path.relative(repo, file));
    }
    // Both sides are exercised: utility modules are skipped, components and fixtures are parsed.
    assert.ok(skipped >= 20, `only ${skipped} of ${files.length} files skipped`);
    assert.ok(kept >= 20, `only ${kept} of ${files.length} files kept`);
  });

  it('aliases still resolve: a t aliased by a const, a destructured hook alias, a renamed import, $t, this.props.t', () => {
    assert.deepEqual(sites(`const tr = t;\nexport const a = tr('home.title');`), ['common:home.title']);
    assert.deepEqual(
      sites(`import { useTranslation as useT } from 'react-i18next';
export function A() { const { t: tc } = useT('shop'); return tc('cart.total'); }`),
      ['shop:cart.total'],
    );
    assert.deepEqual(sites(`import { t as translate } from './lang';\nexport const b = translate('x.y');`), [
      'common:x.y',
    ]);
    assert.deepEqual(sites(`export default { computed: { a() { return this.$t('vue.key'); } } };`, 'a.ts'), [
      'common:vue.key',
    ]);
    assert.deepEqual(sites(`class P extends React.Component<Props> { render() { return this.props.t('p.q'); } }`), [
      '?:p.q',
    ]);
  });

  it('a configured function name is a word the filter looks for', () => {
    const text = `export const c = translate('menu.open');`;
    assert.deepEqual(sites(text), []);
    assert.deepEqual(sites(text, 'a.ts', { ...options, functions: ['translate'] }), ['common:menu.open']);
    assert.equal(mayHoldSites('export const transform = (x: number) => x * 2;', options), false);
  });

  it('an identifier spelled with a Unicode escape (\\u0074 is t) is parsed, and its call found', () => {
    const text = "export const A = (\\u0074: (k: string) => string) => \\u0074('a.b');";
    assert.equal(mayHoldSites(text, options), true);
    assert.deepEqual(sites(text), ['?:a.b']);
  });
});
