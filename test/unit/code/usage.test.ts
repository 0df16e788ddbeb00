import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DocumentCache } from '../../../src/code/documentCache';
import { resolveText } from '../../../src/code/resolver';
import type { ResolverOptions } from '../../../src/code/types';
import type { IndexOptions } from '../../../src/code/usageIndex';
import { UsageIndex } from '../../../src/code/usageIndex';
import { usageReport } from '../../../src/code/usageReport';
import { tempDir } from '../helpers';
import { describeSite } from './conformance.test';

const resolver: ResolverOptions = {
  functions: ['t', 'i18next.t', 'i18n.t'],
  nsSeparator: ':',
  keySeparator: '.',
  defaultNamespace: 'common',
};
const separators = { keySeparator: '.', pluralSeparator: '_', contextSeparator: '_' } as const;
const indexOptions: IndexOptions = { resolver, separators };

async function indexOf(files: Record<string, string>): Promise<{ index: UsageIndex; root: string }> {
  const root = await tempDir('ll-code-');
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await fs.writeFile(path.join(root, name), text);
  }
  return { index: await UsageIndex.build(root, indexOptions), root };
}

describe('usage report: claims only where the resolver is sure', () => {
  const roots: string[] = [];
  after(() => Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true }))));
  const build = async (files: Record<string, string>) => {
    const r = await indexOf(files);
    roots.push(r.root);
    return r.index;
  };

  it('the issue example: used keys are found in their own namespaces, unused ones listed', async () => {
    const index = await build({
      'src/issue15.tsx': await fs.readFile(path.join(__dirname, '../../fixtures/code/issue15.tsx'), 'utf8'),
    });
    const source = new Map([
      ['common', ['title', 'actions.pay', 'unused']],
      ['checkout', ['summary.total_one', 'summary.total_other']],
      ['auth', ['hint']],
    ]);
    const r = usageReport(index, source, { separators, fallbackNS: [] });
    assert.deepEqual(r.usedButMissing, []);
    assert.deepEqual(r.neverUsed, [{ key: 'unused', namespace: 'common' }]);
    assert.equal(r.keysUsed, 4);
  });

  it('plural and context forms of a used base count as used; a parent read as an object too', async () => {
    const index = await build({ 'a.ts': "t('item', { count }); t('friend', { context }); t('nav');" });
    const r = usageReport(
      index,
      new Map([
        [
          'common',
          [
            'item_one',
            'item_other',
            'item_ordinal_few',
            'friend_male',
            'friend_female_other',
            'nav.home',
            'navigation',
          ],
        ],
      ]),
      { separators, fallbackNS: [] },
    );
    assert.deepEqual(r.neverUsed, [{ key: 'navigation', namespace: 'common' }]);
    assert.deepEqual(r.usedButMissing, []);
  });

  it('a dynamic key makes the keys under its static head "maybe used", never "never used", and claims nothing missing', async () => {
    const index = await build({ 'a.ts': 't(`errors.${code}`); t(`other:${x}`);' });
    const r = usageReport(
      index,
      new Map([
        ['common', ['errors.network', 'errors.auth', 'title']],
        ['other', ['a', 'b']],
      ]),
      { separators, fallbackNS: [] },
    );
    assert.deepEqual(r.neverUsed, [{ key: 'title', namespace: 'common' }]);
    assert.deepEqual(r.usedButMissing, []);
    assert.equal(r.dynamicCalls, 2);
  });

  it('a key of unknown namespace is missing only when no namespace has it, and is used wherever it exists', async () => {
    const code = "export function f(t) { return [t('shared'), t('nowhere')]; }";
    const index = await build({ 'a.ts': code });
    const r = usageReport(
      index,
      new Map([
        ['common', ['shared']],
        ['auth', ['shared', 'login']],
      ]),
      { separators, fallbackNS: [] },
    );
    assert.deepEqual(
      r.usedButMissing.map((u) => `${u.namespace ?? '?'}:${u.key}@${u.line}:${u.column}`),
      [`?:nowhere@1:${code.indexOf('nowhere') + 1}`],
      'at the key, 1-based',
    );
    assert.deepEqual(r.neverUsed, [{ key: 'login', namespace: 'auth' }]);
  });

  it('fallbackNS: a key missing from its namespace but present in the fallback is used there, not missing', async () => {
    const index = await build({ 'a.tsx': "const { t } = useTranslation('page'); t('ok'); t('title'); t('gone');" });
    const source = new Map([
      ['page', ['title']],
      ['common', ['ok', 'title']],
    ]);
    const without = usageReport(index, source, { separators, fallbackNS: [] });
    assert.deepEqual(
      without.usedButMissing.map((u) => u.key),
      ['ok', 'gone'],
    );
    const withFallback = usageReport(index, source, { separators, fallbackNS: ['common'] });
    assert.deepEqual(
      withFallback.usedButMissing.map((u) => `${u.namespace}:${u.key}`),
      ['page:gone'],
    );
    assert.deepEqual(
      withFallback.neverUsed,
      [{ key: 'title', namespace: 'common' }],
      'page:title is found first, so common:title is not used',
    );
  });

  it('a fallback array is missing only when none of its keys exists, reported once', async () => {
    const index = await build({ 'a.ts': "t(['specific', 'generic']); t(['x1', 'x2']);" });
    const r = usageReport(index, new Map([['common', ['generic']]]), { separators, fallbackNS: [] });
    assert.deepEqual(
      r.usedButMissing.map((u) => u.key),
      ['x1'],
    );
  });
});

describe('usage index', () => {
  let root = '';
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('is built from the files on disk, skipping node_modules, and updated one file at a time', async () => {
    const built = await indexOf({
      'src/a.tsx': "const { t } = useTranslation('shop'); t('cart.title'); t('item', { count: 2 });",
      'src/b.ts': "import i18next from 'i18next'; i18next.t('shop:cart.title');",
      'node_modules/lib/index.js': "t('never.indexed')",
    });
    root = built.root;
    const { index } = built;
    const a = path.join(root, 'src/a.tsx');
    const b = path.join(root, 'src/b.ts');
    assert.deepEqual(index.files(), [a, b]);
    assert.deepEqual(
      index.usagesOf('shop', 'cart.title').map((u) => index.relative(u.file)),
      ['src/a.tsx', 'src/b.ts'],
    );
    assert.deepEqual(
      index.usagesOf('shop', 'item_other').map((u) => describeSite(u.site)),
      ['shop:item'],
      'a plural form finds its base',
    );
    assert.deepEqual(index.usagesOf('shop', 'item_other', true), [], 'exact: only the key itself');
    assert.deepEqual(index.usagesOf('common', 'cart.title'), [], 'another namespace');

    await fs.writeFile(a, "const { t } = useTranslation('shop');\n\nt('cart.renamed');");
    await index.updateFile(a);
    assert.deepEqual(
      index.usagesOf('shop', 'cart.title').map((u) => index.relative(u.file)),
      ['src/b.ts'],
    );
    const [renamed] = index.usagesOf('shop', 'cart.renamed');
    assert.deepEqual(renamed!.site.keyRange!.startPos, { line: 2, character: 3 });

    index.setText(b, "i18next.t('shop:cart.renamed')");
    assert.equal(index.usagesOf('shop', 'cart.renamed').length, 2, 'an unsaved buffer replaces the file');
    index.removeFile(a);
    await fs.rm(b);
    await index.updateFile(b);
    assert.deepEqual(index.files(), []);
    assert.deepEqual(index.usagesOf('shop', 'cart.renamed'), []);
  });

  it('dynamicUsagesOf finds the computed calls that may reach a key', async () => {
    const built = await indexOf({ 'a.ts': 't(`errors.${code}`); t(name, { ns: "x" });' });
    root = built.root;
    assert.deepEqual(
      built.index.dynamicUsagesOf('common', 'errors.network').map((u) => describeSite(u.site)),
      ['common:errors.…'],
    );
    assert.deepEqual(
      built.index.dynamicUsagesOf('x', 'anything').map((u) => describeSite(u.site)),
      ['x:…'],
    );
    assert.deepEqual(built.index.dynamicUsagesOf('common', 'title'), []);
  });
});

describe('scope at an offset (completion) and the per-version cache', () => {
  const text = [
    "const { t } = useTranslation('checkout', { keyPrefix: 'summary' });",
    "t('tot');",
    '<Trans i18nKey="leg" ns="legal" />;',
    't(($) => $.lines.);',
    "const [t2] = useTranslation(['a', 'b']); t2('b:x');",
  ].join('\n');
  const at = (needle: string, delta: number) => text.indexOf(needle) + delta;

  it('inside t(\'…\'), i18nKey="…" and $ => $.: the namespaces, the keyPrefix and what is typed', () => {
    const cache = new DocumentCache(resolver);
    const s1 = cache.scopeAt('u', 1, text, at("t('tot')", 5), 'a.tsx');
    assert.deepEqual([s1?.kind, s1?.namespaces, s1?.keyPrefix, s1?.typed], ['call', ['checkout'], 'summary', 'to']);
    assert.deepEqual(
      [s1?.replace.startPos, s1?.replace.endPos],
      [
        { line: 1, character: 3 },
        { line: 1, character: 6 },
      ],
    );
    const s2 = cache.scopeAt('u', 1, text, at('"leg"', 4), 'a.tsx');
    assert.deepEqual([s2?.kind, s2?.namespaces, s2?.typed], ['trans', ['legal'], 'leg']);
    const s3 = cache.scopeAt('u', 1, text, at('$.lines.', 8), 'a.tsx');
    assert.deepEqual(
      [s3?.kind, s3?.namespaces, s3?.keyPrefix, s3?.typed],
      ['selector', ['checkout'], 'summary', 'lines.'],
    );
    const s4 = cache.scopeAt('u', 1, text, at("'b:x'", 2), 'a.tsx');
    assert.deepEqual(s4?.namespaces, ['a', 'b'], 'every namespace of useTranslation([...]) can be named with ns:');
    assert.equal(cache.scopeAt('u', 1, text, at('useTranslation', 3), 'a.tsx'), undefined, 'not in a key');
  });

  it('resolves a document once per version', () => {
    const cache = new DocumentCache(resolver);
    let reads = 0;
    const get = () => (reads++, text);
    const first = cache.resolve('u', 1, get, 'a.tsx');
    assert.equal(cache.resolve('u', 1, get, 'a.tsx'), first);
    assert.equal(reads, 1);
    cache.resolve('u', 2, get, 'a.tsx');
    assert.equal(reads, 2);
  });
});

describe('resolver options from the config', () => {
  it('nsSeparator: a custom separator splits, false never splits; defaultNamespace names the default', () => {
    const keys = (o: Partial<ResolverOptions>) =>
      resolveText("t('a::b'); t('x:y');", 'a.ts', { ...resolver, ...o }).sites.map(describeSite);
    assert.deepEqual(keys({ nsSeparator: '::' }), ['a:b', 'common:x:y']);
    assert.deepEqual(keys({ nsSeparator: false, defaultNamespace: 'main' }), ['main:a::b', 'main:x:y']);
  });

  it('a file that is not code gives no sites and no exception', () => {
    const r = resolveText('<<<>>> ))) t(', 'broken.ts', resolver);
    assert.deepEqual(r.sites, []);
  });
});
