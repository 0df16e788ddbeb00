import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LocalesNode } from '../../../src/host/views/localesTree';
import { api, until } from './helpers';

suite('Locales view', () => {
  test('shows each locale with its counts, the source marked', async () => {
    const a = await api();
    await until(() => a.folders.configured().length > 0, 'the config to load');
    await vscode.commands.executeCommand('localeLoop.locales.focus');
    const roots = await until(async () => {
      const r = await a.locales.getChildren();
      return r.some((n) => n.kind === 'locale') ? r : undefined;
    }, 'the locales');
    const items = roots.filter((n): n is Extract<LocalesNode, { kind: 'locale' }> => n.kind === 'locale').map((n) => a.locales.getTreeItem(n));
    assert.deepEqual(items.map((i) => i.label), ['en', 'de', 'pl']);
    assert.match(String(items[0]!.description), /source · 9 keys/);
    assert.match(String(items[1]!.description), /4 keys · 5 missing · 0 untranslated/);
    assert.equal((items[0]!.iconPath as vscode.ThemeIcon).id, 'star-full');
  });
});
