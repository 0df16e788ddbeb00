import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LocalesNode } from '../../../src/host/views/localesTree';
import { api, until, workspaceRoot } from './helpers';

suite('Locales view', () => {
  test('shows each locale with its counts, the source marked', async () => {
    const a = await api();
    await until(() => a.folders.configured().length > 0, 'the config to load');
    await vscode.commands.executeCommand('localeLoop.locales.focus');
    const roots = await until(async () => {
      const r = await a.locales.getChildren();
      return r.some((n) => n.kind === 'locale') ? r : undefined;
    }, 'the locales');
    const items = roots
      .filter((n): n is Extract<LocalesNode, { kind: 'locale' }> => n.kind === 'locale')
      .map((n) => a.locales.getTreeItem(n));
    assert.deepEqual(
      items.map((i) => i.label),
      ['en', 'de', 'pl'],
    );
    assert.match(String(items[0]!.description), /source · 9 keys/);
    assert.match(String(items[1]!.description), /4 keys · 5 missing · 0 untranslated/);
    assert.equal((items[0]!.iconPath as vscode.ThemeIcon).id, 'star-full');
  });
});

suite('a source file that cannot be read', () => {
  test('shows as an error in the tree, the badge, the push plan and the Problems panel, in words', async () => {
    const a = await api();
    const state = a.folders.configured()[0]!;
    const file = path.join(workspaceRoot(), 'locales/en/home.json');
    const original = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, '{\n  "title": "Welcome to Locale Loop",\n  "cta": "Start now",\n}\n');
    try {
      await a.folders.scan(state, true);
      const roots = (await a.locales.getChildren()).filter(
        (n): n is Extract<LocalesNode, { kind: 'locale' }> => n.kind === 'locale',
      );
      const [en, de] = roots.map((n) => a.locales.getTreeItem(n));
      assert.match(String(en!.description), /source · \d+ keys · 1 source file cannot be read/);
      assert.equal((en!.iconPath as vscode.ThemeIcon).id, 'error');
      assert.match(String(de!.description), /not fully checked/);
      assert.notEqual((de!.iconPath as vscode.ThemeIcon).id, 'pass', 'no green check over an unchecked namespace');
      const home = (await a.locales.getChildren(roots[1])).find(
        (n) => n.kind === 'namespace' && n.ns.namespace === 'home',
      )!;
      assert.equal(
        String(a.locales.getTreeItem(home).description),
        'source file cannot be read: line 4: unexpected `}` — a trailing comma?',
      );
      const badge = a.locales.badge();
      assert.ok(badge && badge.value > 0 && /1 source file cannot be read/.test(badge.tooltip), JSON.stringify(badge));
      const d = await until(() => vscode.languages.getDiagnostics(vscode.Uri.file(file))[0], 'the diagnostic');
      assert.equal(d.message, 'unexpected `}` — a trailing comma?');
      const plan = (await vscode.commands.executeCommand('localeLoop.push', { confirm: false })) as {
        errors: string[];
      };
      assert.equal(plan.errors.length, 1);
      const notice = a.notices.shown.at(-1)!;
      assert.equal(notice.severity, 'error');
      assert.equal(
        notice.message,
        'Nothing was pushed: a source file cannot be read. locales/en/home.json:4:1: unexpected `}` — a trailing comma?',
      );
    } finally {
      await fs.writeFile(file, original);
      await a.folders.scan(state, true);
    }
  });
});

suite('plural keys with the workspace’s pluralSeparator', () => {
  test('with "pluralSeparator": "__" the forms Polish lacks show as "plural form missing" under the names the inventory gives them (items__few)', async () => {
    const a = await api();
    const root = workspaceRoot();
    const configFile = path.join(root, 'locale-loop.json');
    const original = await fs.readFile(configFile, 'utf8');
    const en = path.join(root, 'locales/en/cart.json');
    const pl = path.join(root, 'locales/pl/cart.json');
    try {
      await fs.writeFile(en, JSON.stringify({ items__one: '{{count}} item', items__other: '{{count}} items' }));
      await fs.writeFile(pl, JSON.stringify({ items__one: '{{count}} rzecz', items__other: '{{count}} rzeczy' }));
      await fs.writeFile(configFile, JSON.stringify({ ...JSON.parse(original), pluralSeparator: '__' }, null, 2));
      const state = await until(
        () => a.folders.configured().find((s) => s.config?.pluralSeparator === '__'),
        'the changed config to be read',
      );
      await a.folders.scan(state, true);
      const locale = (await a.locales.getChildren()).find((n) => n.kind === 'locale' && n.locale.locale === 'pl');
      const cart = (await a.locales.getChildren(locale)).find(
        (n) => n.kind === 'namespace' && n.ns.namespace === 'cart',
      );
      assert.ok(cart, 'the cart namespace under pl');
      const rows = (await a.locales.getChildren(cart)).map((n) => {
        const item = a.locales.getTreeItem(n);
        return [item.label, item.description, (item.iconPath as vscode.ThemeIcon).id];
      });
      assert.deepEqual(rows, [
        ['items__few', 'plural form missing', 'warning'],
        ['items__many', 'plural form missing', 'warning'],
      ]);
      assert.match(String(a.locales.getTreeItem(cart).description), /^2 need attention$/);
    } finally {
      await fs.writeFile(configFile, original);
      await fs.rm(en, { force: true });
      await fs.rm(pl, { force: true });
      const state = await until(
        () => a.folders.configured().find((s) => s.config?.pluralSeparator === '_'),
        'the original config to be read again',
      );
      await a.folders.scan(state, true);
    }
  });
});
