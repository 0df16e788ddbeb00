/**
 * `npm run test:package`: the VSIX users install, built by vsce from the bundles `npm run build`
 * made. Its own tier because it rebuilds dist/ (production, then development again) and is slow.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from '../support/tempDirs';

const root = path.resolve(__dirname, '../..');
const vsce = require.resolve('@vscode/vsce/vsce');

describe('VSIX contents', function () {
  this.timeout(60_000);

  it('the VSIX holds the bundles, media, manifest, schema and docs only', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root });
    const files = stdout.trim().split('\n').sort();
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/codeEngine.js',
      'dist/extension.js',
      'dist/services.js',
      'l10n/bundle.l10n.json',
      'locale-loop.schema.json',
      'media/activity.svg',
      'media/icon.png',
      'media/walkthrough/config.md',
      'media/walkthrough/mtkey.md',
      'media/walkthrough/pull.md',
      'media/walkthrough/push.md',
      'media/walkthrough/signin.md',
      'package.json',
      'package.nls.json',
    ]);
  });
});

describe('packaging', () => {
  it('vsce packages the extension (no broken relative links, production bundles) under 2 MB', async function () {
    this.timeout(120_000);
    const dir = await makeTempDir('ll-vsix-');
    const out = path.join(dir, 'locale-loop.vsix');
    try {
      await promisify(execFile)(
        process.execPath,
        [
          vsce,
          'package',
          '--no-dependencies',
          '--baseImagesUrl',
          'https://example.invalid/locale-loop/raw/main/',
          '-o',
          out,
        ],
        { cwd: root },
      );
      const size = (await fs.stat(out)).size;
      assert.ok(size < 2 * 1024 * 1024, `${size} bytes`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
      // Back to development bundles for the tiers that run them, even when packaging failed.
      await promisify(execFile)(process.execPath, ['esbuild.mjs'], { cwd: root });
    }
  });
});
