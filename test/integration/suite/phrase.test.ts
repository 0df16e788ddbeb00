import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { PhraseEmulator } from '../../emulators/phrase/server';
import { api, until, workspaceRoot } from './helpers';

suite('Phrase TMS through the commands', () => {
  const user = { userName: 'vscode-tester', password: 'integration-Passw0rd' };
  let phrase: PhraseEmulator;

  suiteSetup(async () => {
    phrase = new PhraseEmulator({ users: [user], projects: [{ uid: 'sync-project', name: 'In-host', sourceLang: 'en', targetLangs: ['de', 'pl'] }], importDelayMs: 20, exportDelayMs: 10 });
    await phrase.start();
    const file = path.join(workspaceRoot(), 'locale-loop.json');
    const config = JSON.parse(await fs.readFile(file, 'utf8'));
    await fs.writeFile(file, JSON.stringify({ ...config, phrase: { ...config.phrase, baseUrl: phrase.url } }, null, 2));
    const a = await api();
    await until(() => a.folders.configured()[0]?.config?.phrase.baseUrl === phrase.url.replace(/\/+$/, ''), 'the changed config to be read');
  });
  suiteTeardown(() => phrase.stop());

  test('sign in: the token is kept, and written to no file of the workspace', async () => {
    const ok = await vscode.commands.executeCommand<boolean>('localeLoop.signIn', { ...user, baseUrl: phrase.url, remember: false });
    assert.equal(ok, true);
    const [token] = phrase.issuedTokens();
    assert.ok(token);
    for (const rel of ['locale-loop.json', '.vscode/settings.json', '.locale-loop/state.json']) {
      const text = await fs.readFile(path.join(workspaceRoot(), rel), 'utf8').catch(() => '');
      assert.ok(!text.includes(token!) && !text.includes(user.password), rel);
    }
  });

  test('push, the linguist completes, pull: files change exactly as the CLI does', async () => {
    const pushed = (await vscode.commands.executeCommand('localeLoop.push', { confirm: false })) as { files: Array<{ action: string }> };
    assert.deepEqual(pushed.files.map((f) => f.action), ['create', 'create']);
    assert.equal(phrase.jobs.size, 4, 'pushed with the stored token: no prompt');
    phrase.complete();
    const pulled = (await vscode.commands.executeCommand('localeLoop.pull')) as { files: Array<{ written: boolean }>; conflicts: number };
    assert.equal(pulled.files.filter((f) => f.written).length, 4);
    assert.equal(pulled.conflicts, 0);
    const de = await fs.readFile(path.join(workspaceRoot(), 'locales/de/common.json'), 'utf8');
    assert.equal(de, '{\r\n  "nav": {\r\n    "home": "[de] Hömé",\r\n    "settings": "[de] Séttíñgs"\r\n  },\r\n  "greeting": "[de] Héllö, {{name}}!",\r\n  "cart_one": "[de] {{count}} ítém íñ yöür çárt",\r\n  "cart_other": "[de] {{count}} ítéms íñ yöür çárt",\r\n  "terms": "[de] Áççépt thé <0>térms</0>",\r\n  "legacy": "Alt"\r\n}\r\n');
    const a = await api();
    const rows = await until(async () => {
      await a.jobs.poll();
      const r = a.jobs.rowsOf(workspaceRoot());
      return r.length === 4 ? r : undefined;
    }, 'the Phrase TMS view to list the jobs');
    assert.ok(rows.every((r) => r.status === 'COMPLETED' && r.pulledAt));
  });
});
