import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { compilePattern, detectLayouts, discoverLocaleFiles, fileForLocale } from '../../src/locales/discovery';
import { ConfigError } from '../../src/locales/errors';
import { fixturesDir, tempDir } from './helpers';

async function tree(files: Record<string, string>): Promise<string> {
  const root = await tempDir('ll-disc-');
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }
  return root;
}

describe('discovery', () => {
  it('finds every locale file with its locale and namespace, skipping node_modules and build output', async () => {
    const root = path.join(fixturesDir, 'app');
    const files = await discoverLocaleFiles(root, ['locales/{locale}/{namespace}.json'], {
      defaultNamespace: 'translation',
    });
    assert.deepEqual(
      files.map((f) => `${f.locale}/${f.namespace}`),
      ['ar/common', 'de/common', 'de/dashboard', 'en/common', 'en/dashboard', 'ja/common', 'ja/dashboard', 'pl/common'],
    );
    assert.equal(files[0]!.relPath, 'locales/ar/common.json');
    assert.equal(files[0]!.template, 'locales/{locale}/common.json');

    const everywhere = await discoverLocaleFiles(root, ['**/locales/{locale}/{namespace}.json'], {
      defaultNamespace: 'translation',
    });
    assert.ok(
      everywhere.every((f) => !f.relPath.includes('node_modules') && !f.relPath.startsWith('dist/')),
      'ignored directories are not entered by **',
    );
    assert.equal(everywhere.length, 8);
  });

  it('normalises locale codes as written in paths and keeps the spelling', async () => {
    const root = await tree({
      'i18n/pt_BR.json': '{}',
      'i18n/zh-Hant.json': '{}',
      'i18n/en.json': '{}',
      'i18n/README.json': '{}',
    });
    const files = await discoverLocaleFiles(root, ['i18n/{locale}.json'], { defaultNamespace: 'translation' });
    assert.deepEqual(
      files.map((f) => [f.locale, f.localeCode, f.namespace]),
      [
        ['en', 'en', 'translation'],
        ['pt-BR', 'pt_BR', 'translation'],
        ['zh-Hant', 'zh-Hant', 'translation'],
      ],
    );
    assert.equal(fileForLocale(root, files[1]!.template, 'fr'), path.join(root, 'i18n', 'fr.json'));
  });

  it('supports * and ** and several layouts (a monorepo)', async () => {
    const root = await tree({
      'packages/web/locales/en/app.json': '{}',
      'packages/web/locales/de/app.json': '{}',
      'packages/admin/locales/en/app.json': '{}',
      'packages/admin/node_modules/x/locales/en/app.json': '{}',
      'apps/mobile/src/i18n/en.json': '{}',
    });
    const files = await discoverLocaleFiles(
      root,
      ['packages/*/locales/{locale}/{namespace}.json', '**/i18n/{locale}.json'],
      { defaultNamespace: 'translation' },
    );
    assert.deepEqual(
      files.map((f) => f.relPath),
      [
        'apps/mobile/src/i18n/en.json',
        'packages/admin/locales/en/app.json',
        'packages/web/locales/de/app.json',
        'packages/web/locales/en/app.json',
      ],
    );
    assert.equal(
      files[1]!.template,
      'packages/admin/locales/{locale}/app.json',
      'templates keep the two packages apart',
    );
  });

  it('detects the common layouts when files is not configured', async () => {
    assert.deepEqual(await detectLayouts(path.join(fixturesDir, 'app'), 'en', { defaultNamespace: 'translation' }), [
      'locales/{locale}/{namespace}.json',
    ]);
    assert.deepEqual(
      await detectLayouts(path.join(fixturesDir, 'flat-icu'), 'en', { defaultNamespace: 'translation' }),
      ['src/i18n/{locale}.json'],
    );
    const root = await tree({ 'public/locales/en/common.json': '{}', 'public/locales/fr/common.json': '{}' });
    assert.deepEqual(await detectLayouts(root, 'en', { defaultNamespace: 'translation' }), [
      'public/locales/{locale}/{namespace}.json',
    ]);
    const none = await tree({ 'src/index.ts': '' });
    assert.deepEqual(await detectLayouts(none, 'en', { defaultNamespace: 'translation' }), []);
  });

  it('refuses patterns that leave the workspace or lack {locale}', () => {
    assert.throws(
      () => compilePattern('../other/{locale}.json'),
      (e: unknown) => ConfigError.is(e) && e.field === 'files',
    );
    assert.throws(() => compilePattern('/etc/{locale}.json'), ConfigError);
    assert.throws(() => compilePattern('locales/en.json'), /exactly one \{locale\}/);
  });
});
