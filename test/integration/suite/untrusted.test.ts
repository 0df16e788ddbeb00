import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PhraseEmulator } from '../../emulators/phrase/server';
import { api, until } from './helpers';

// Runs in a window opened with Workspace Trust on and the workspace not trusted (main.ts).
suite('untrusted workspace', () => {
  test('the locales show; push sends nothing', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'opened in restricted mode');
    const a = await api();
    await until(() => a.folders.configured().length > 0, 'the config');
    const roots = await until(async () => {
      const r = await a.locales.getChildren();
      return r.some((n) => n.kind === 'locale') ? r : undefined;
    }, 'the locales');
    assert.ok(roots.length >= 3, 'reading and showing locales works');
    const phrase = new PhraseEmulator();
    await phrase.start();
    try {
      const result = await vscode.commands.executeCommand('localeLoop.push', { confirm: false });
      assert.equal(result, undefined);
      assert.equal(phrase.log.length, 0, 'no request reached a server');
    } finally {
      await phrase.stop();
    }
  });
});
