import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { ModernMtEmulator } from '../../emulators/modernmt/server';
import { api, until, workspaceRoot } from './helpers';

suite('ModernMT in the editor', () => {
  let mmt: ModernMtEmulator;

  suiteSetup(async () => {
    mmt = new ModernMtEmulator();
    await mmt.start();
    const file = path.join(workspaceRoot(), 'locale-loop.json');
    const config = JSON.parse(await fs.readFile(file, 'utf8'));
    await fs.writeFile(file, JSON.stringify({ ...config, modernmt: { baseUrl: mmt.url } }, null, 2));
    const a = await api();
    await until(() => a.folders.configured()[0]?.config?.modernmt.baseUrl === mmt.url, 'the changed config to be read');
    assert.equal(await vscode.commands.executeCommand('localeLoop.setModernMtKey', { key: mmt.apiKey }), true);
  });
  suiteTeardown(() => mmt.stop());

  test('translate selection: every cursor in one request, replaced as one edit that one undo restores', async () => {
    const file = path.join(workspaceRoot(), 'notes.txt');
    const original = 'Hello world\nSave <b>now</b> & {{name}}\n';
    await fs.writeFile(file, original);
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    editor.selections = [new vscode.Selection(0, 0, 0, 11), new vscode.Selection(1, 0, 1, 28)];
    const before = mmt.log.filter((x) => x.path === '/translate').length;
    const result = await vscode.commands.executeCommand<string[]>('localeLoop.translateSelection', { target: 'de', mode: 'replace' });
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
    assert.deepEqual(mmt.log.slice(before).find((x) => x.path === '/translate')!.body.q, ['Say "hi"<x0/>to <x1/>'], 'sent decoded: quotes as text, the line break and the placeholder as tags');
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
    assert.match(diagnostics[0]!.message, /trailing comma/);
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
    await vscode.commands.executeCommand('localeLoop.translateMissing', { locales: ['pl'] });
    assert.equal(await fs.readFile(file, 'utf8'), broken, 'never written');
    await fs.rm(file);
  });
});
