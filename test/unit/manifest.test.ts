import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('extension manifest and package', () => {
  it('is a real, lazily activated extension manifest', () => {
    assert.equal(manifest.name, 'locale-loop');
    assert.equal(manifest.displayName, 'Locale Loop');
    assert.ok(manifest.publisher);
    const [major, minor] = /\^(\d+)\.(\d+)\./.exec(manifest.engines.vscode)!.slice(1).map(Number);
    assert.ok(major === 1 && minor! <= 100, `engines.vscode ${manifest.engines.vscode} must run on VS Code 1.100 (code-server 4.100)`);
    assert.ok(existsSync(path.join(root, manifest.icon)), 'icon under media/');
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.bin['locale-loop'], 'dist/cli.js');
    assert.ok(manifest.categories.length > 0);
    assert.ok(!manifest.activationEvents.includes('*'), 'never activate on *');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const dep of ['undici', 'jsonc-parser', 'i18next-parser']) assert.ok(manifest.dependencies[dep], dep);
    for (const dep of ['@types/vscode', '@vscode/vsce', 'esbuild', 'mocha', '@vscode/test-electron', 'typescript', 'eslint']) assert.ok(manifest.devDependencies[dep], dep);
  });

  it('the VSIX holds the bundles, media, manifest, schema and docs only', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root });
    const files = stdout.trim().split('\n').sort();
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/codeLexers.js',
      'dist/extension.js',
      'locale-loop.schema.json',
      'media/icon.png',
      'package.json',
    ]);
  });
});
