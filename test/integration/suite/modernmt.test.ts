import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LocalesNode } from '../../../src/host/views/localesTree';
import type { ModernMtEmulator } from '../../emulators/modernmt/server';
import { acceptQuickPick, api, startModernMtForWorkspace, until, workspaceRoot } from './helpers';

suite('ModernMT in the editor', () => {
  let mmt: ModernMtEmulator;

  suiteSetup(async () => {
    mmt = await startModernMtForWorkspace();
  });
  suiteTeardown(() => mmt.stop());

  test('translate selection: every cursor in one request, replaced as one edit that one undo restores', async () => {
    const file = path.join(workspaceRoot(), 'notes.txt');
    const original = 'Hello world\nSave <b>now</b> & {{name}}\n';
    await fs.writeFile(file, original);
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    editor.selections = [new vscode.Selection(0, 0, 0, 11), new vscode.Selection(1, 0, 1, 28)];
    const before = mmt.log.filter((x) => x.path === '/translate').length;
    const result = await vscode.commands.executeCommand<string[]>('localeLoop.translateSelection', {
      target: 'de',
      mode: 'replace',
    });
    assert.deepEqual(result, ['[de] HEllO wOrld', '[de] SAvE <b>nOw</b> & {{name}}']);
    assert.equal(editor.document.getText(), '[de] HEllO wOrld\n[de] SAvE <b>nOw</b> & {{name}}\n');
    const calls = mmt.log.filter((x) => x.path === '/translate').slice(before);
    assert.equal(calls.length, 1, 'multi-cursor selections go in one request');
    assert.equal((calls[0]!.body.q as string[]).length, 2);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original, 'one undo restores both selections');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('translate selection inside a JSON string or a TS string literal: decoded before, re-encoded after, the file stays valid', async () => {
    const jsonFile = path.join(workspaceRoot(), 'strings.json');
    await fs.writeFile(jsonFile, '{\n  "msg": "Say \\"hi\\"\\nto {{name}}"\n}\n');
    let editor = await vscode.window.showTextDocument(vscode.Uri.file(jsonFile));
    const line = editor.document.lineAt(1).text;
    editor.selection = new vscode.Selection(1, line.indexOf('Say'), 1, line.lastIndexOf('"'));
    const before = mmt.log.length;
    await vscode.commands.executeCommand('localeLoop.translateSelection', { target: 'de', mode: 'replace' });
    assert.deepEqual(
      mmt.log.slice(before).find((x) => x.path === '/translate')!.body.q,
      ['Say "hi"<x0/>to <x1/>'],
      'sent decoded: quotes as text, the line break and the placeholder as tags',
    );
    assert.deepEqual(JSON.parse(editor.document.getText()), { msg: '[de] SAy "hI"\ntO {{name}}' });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    const tsFile = path.join(workspaceRoot(), 'strings.ts');
    await fs.writeFile(tsFile, "export const s = 'It\\'s {{n}} here';\n");
    editor = await vscode.window.showTextDocument(vscode.Uri.file(tsFile));
    const ts = editor.document.lineAt(0).text;
    editor.selection = new vscode.Selection(0, ts.indexOf('It'), 0, ts.lastIndexOf("'"));
    await vscode.commands.executeCommand('localeLoop.translateSelection', { target: 'de', mode: 'replace' });
    assert.equal(editor.document.lineAt(0).text, "export const s = '[de] It\\'s {{n}} hErE';");
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('translate missing keys fills Polish plural forms and records them as provisional', async () => {
    await vscode.commands.executeCommand('localeLoop.translateMissing', { locales: ['pl'] });
    const pl = JSON.parse(await fs.readFile(path.join(workspaceRoot(), 'locales/pl/common.json'), 'utf8'));
    assert.equal(pl.cart_few, '[pl] {{count}} ItEms In yOUr cArt');
    assert.equal(pl.cart_many, '[pl] {{count}} ItEms In yOUr cArt');
    assert.equal(pl.nav.home, 'Strona główna', 'existing translations untouched');
    const state = JSON.parse(await fs.readFile(path.join(workspaceRoot(), '.locale-loop/state.json'), 'utf8'));
    assert.equal(state.provisional['locales/{locale}/common.json'].pl.cart_few, '[pl] {{count}} ItEms In yOUr cArt');
  });

  test('machine translations are marked provisional in the tree, the Problems panel (a hint) and on hover', async () => {
    const a = await api();
    const file = path.join(workspaceRoot(), 'locales/pl/common.json');
    const state = a.folders.configured()[0]!;
    await a.folders.scan(state, true);
    const pl = (await a.locales.getChildren()).find(
      (n): n is Extract<LocalesNode, { kind: 'locale' }> => n.kind === 'locale' && n.locale.locale === 'pl',
    )!;
    const common = (await a.locales.getChildren(pl)).find(
      (n) => n.kind === 'namespace' && n.ns.namespace === 'common',
    )!;
    const keys = (await a.locales.getChildren(common))
      .map((n) => a.locales.getTreeItem(n))
      .map((i) => `${String(i.label)}: ${String(i.description)}`);
    assert.ok(keys.includes('cart_few: machine translation (provisional)'), keys.join(' | '));
    assert.ok(!keys.some((k) => k.startsWith('nav.home:')), 'a human translation is not marked');
    const hint = await until(
      () =>
        vscode.languages
          .getDiagnostics(vscode.Uri.file(file))
          .find((d) => d.code === 'provisional' && d.severity === vscode.DiagnosticSeverity.Information),
      'a provisional hint',
    );
    assert.match(hint.message, /^Machine translation \(provisional\)/);
    const doc = await vscode.workspace.openTextDocument(file);
    const at = doc.positionAt(doc.getText().indexOf('"cart_few"') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
      .join('\n');
    assert.match(text, /Machine translation \(provisional\)/);
    const human = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      doc.positionAt(doc.getText().indexOf('"home"') + 2),
    );
    assert.doesNotMatch(
      human.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n'),
      /provisional/,
    );
  });

  test('"Translate Missing Keys" from the title bar, with the source locale focused, asks which locales and translates them', async () => {
    const a = await api();
    const source = (await a.locales.getChildren()).find((n) => n.kind === 'locale' && n.locale.isSource)!;
    // VS Code hands a title-bar command the focused row: here the source locale.
    // The locale picker opens (target locales with gaps are preselected): accept it.
    const result = await acceptQuickPick(
      vscode.commands.executeCommand<{ locales: Array<{ locale: string; translated: number }> } | undefined>(
        'localeLoop.translateMissing',
        source,
      ),
      'the locale picker',
    );
    assert.ok(result, 'the picker was shown and answered');
    assert.ok(!result.locales.some((l) => l.locale === 'en'), 'never the source locale');
    const de = result.locales.find((l) => l.locale === 'de');
    assert.ok(de && de.translated > 0, JSON.stringify(result.locales));
    assert.match(a.notices.shown.at(-1)!.message, /^Translated \d+ keys \(machine translations/);
  });

  test('a wrong ModernMT key is refused on entry and not saved; without a key the Locales view says how to set one', async () => {
    const a = await api();
    assert.equal(
      await vscode.commands.executeCommand('localeLoop.setModernMtKey', { key: 'not-the-right-key-123' }),
      false,
    );
    assert.equal(a.notices.shown.at(-1)!.message, 'ModernMT did not accept this API key; it was not saved.');
    assert.deepEqual(a.notices.shown.at(-1)!.actions, ['Enter Another Key']);
    const rows = async () =>
      (await a.locales.getChildren()).filter((n) => n.kind === 'message').map((n) => a.locales.getTreeItem(n));
    assert.deepEqual(await rows(), [], 'the good key is still set');
    await vscode.commands.executeCommand('localeLoop.removeModernMtKey');
    const [row] = await rows();
    assert.match(String(row?.label), /No ModernMT API key/);
    assert.equal(row?.command?.command, 'localeLoop.setModernMtKey');
    assert.equal(await vscode.commands.executeCommand('localeLoop.setModernMtKey', { key: mmt.apiKey }), true);
  });

  test('a malformed locale file gets a diagnostic at its line, and is left as it is', async () => {
    const rel = 'locales/pl/home.json';
    const file = path.join(workspaceRoot(), rel);
    const broken = '{\n  "title": "Witamy",\n}\n';
    await fs.writeFile(file, broken);
    const a = await api();
    await a.folders.scan(a.folders.configured()[0]!, true);
    const diagnostics = await until(() => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(file));
      return d.length > 0 ? d : undefined;
    }, 'a diagnostic for the malformed file');
    assert.equal(diagnostics[0]!.range.start.line, 2);
    assert.equal(diagnostics[0]!.message, 'unexpected `}` — a trailing comma?');
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
    await vscode.commands.executeCommand('localeLoop.translateMissing', { locales: ['pl'] });
    assert.equal(await fs.readFile(file, 'utf8'), broken, 'never written');
    await fs.rm(file);
  });
});
