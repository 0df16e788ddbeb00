import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { commandIds, trustedOnly, viewIds } from '../../src/host/commandIds';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('extension manifest', () => {
  it('is a real, lazily activated extension manifest', () => {
    assert.equal(manifest.name, 'locale-loop');
    assert.equal(manifest.displayName, 'Locale Loop');
    assert.ok(manifest.publisher);
    const [major, minor] = /\^(\d+)\.(\d+)\./.exec(manifest.engines.vscode)!.slice(1).map(Number);
    assert.ok(
      major === 1 && minor! <= 100,
      `engines.vscode ${manifest.engines.vscode} must run on VS Code 1.100 (code-server 4.100)`,
    );
    assert.ok(existsSync(path.join(root, manifest.icon)), 'icon under media/');
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.bin['locale-loop'], 'dist/cli.js');
    assert.ok(manifest.categories.length > 0);
    assert.ok(!manifest.activationEvents.includes('*'), 'never activate on *');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const dep of ['undici', 'jsonc-parser']) assert.ok(manifest.dependencies[dep], dep);
    for (const dep of [
      '@types/vscode',
      '@vscode/vsce',
      'esbuild',
      'mocha',
      '@vscode/test-electron',
      'typescript',
      'eslint',
    ]) {
      assert.ok(manifest.devDependencies[dep], dep);
    }
  });
});

describe('contributed commands, menus and strings', () => {
  const contributed: Array<{ command: string; title: string; category: string; icon?: string }> =
    manifest.contributes.commands;
  const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

  it('every command id in the table is contributed, and every contributed command is in the table', () => {
    // The registry is a Record<CommandId, Handler> (exhaustive at compile time) registered in a loop;
    // inside VS Code the integration tier checks vscode.commands.getCommands() as well.
    assert.deepEqual(contributed.map((c) => c.command).sort(), Object.values(commandIds).sort());
    const registry = readFileSync(path.join(root, 'src/host/commands/registry.ts'), 'utf8');
    for (const key of Object.keys(commandIds)) {
      assert.match(registry, new RegExp(`\\[commandIds\\.${key}\\]:`), `${key} has a handler`);
    }
  });

  it('every command has a localized title, the "Locale Loop" category, and an icon where a view shows it', () => {
    const inViews = new Set<string>(
      [...manifest.contributes.menus['view/title'], ...manifest.contributes.menus['view/item/context']].map(
        (m: { command: string }) => m.command,
      ),
    );
    for (const c of contributed) {
      assert.match(c.title, /^%localeLoop\.\w+%$/, c.command);
      assert.ok(nls[c.title.slice(1, -1)], `${c.command}: title in package.nls.json`);
      assert.equal(c.category, 'Locale Loop');
      if (inViews.has(c.command)) assert.match(c.icon ?? '', /^\$\([\w-]+\)$/, `${c.command}: codicon`);
    }
  });

  it('menus, keybindings and welcome content refer to real commands; every %string% exists', () => {
    const ids = new Set(contributed.map((c) => c.command));
    for (const list of Object.values(manifest.contributes.menus) as Array<Array<{ command: string; when?: string }>>) {
      for (const m of list) assert.ok(ids.has(m.command), m.command);
    }
    for (const k of manifest.contributes.keybindings) assert.ok(ids.has(k.command));
    const text = JSON.stringify(manifest);
    for (const m of text.matchAll(/"%([^%"]+)%"/g)) assert.ok(nls[m[1]!], `package.nls.json has ${m[1]}`);
    for (const w of manifest.contributes.viewsWelcome) {
      for (const m of nls[w.contents.slice(1, -1)]!.matchAll(/command:([\w.]+)/g)) assert.ok(ids.has(m[1]!), m[1]);
    }
    const views = manifest.contributes.views.localeLoop.map((v: { id: string }) => v.id);
    assert.deepEqual(views, Object.values(viewIds));
  });

  it('network and write commands are gated by Workspace Trust', () => {
    for (const id of [
      commandIds.push,
      commandIds.pull,
      commandIds.translateSelection,
      commandIds.translateMissing,
      commandIds.syncMemory,
    ]) {
      assert.ok(trustedOnly.has(id), id);
    }
    assert.ok(
      !trustedOnly.has(commandIds.refresh) && !trustedOnly.has(commandIds.revealKey),
      'reading and showing locales works untrusted',
    );
  });
});
