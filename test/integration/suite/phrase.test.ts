import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { ModernMtEmulator } from '../../emulators/modernmt/server';
import { PhraseEmulator } from '../../emulators/phrase/server';
import { api, until, workspaceRoot } from './helpers';

suite('Phrase TMS through the commands', () => {
  const user = { userName: 'vscode-tester', password: 'integration-Passw0rd' };
  let phrase: PhraseEmulator;
  let mmt: ModernMtEmulator;

  suiteSetup(async () => {
    mmt = new ModernMtEmulator();
    await mmt.start();
    phrase = new PhraseEmulator({ users: [user], projects: [{ uid: 'sync-project', name: 'In-host', sourceLang: 'en', targetLangs: ['de', 'pl'] }], importDelayMs: 20, exportDelayMs: 10 });
    await phrase.start();
    const file = path.join(workspaceRoot(), 'locale-loop.json');
    const config = JSON.parse(await fs.readFile(file, 'utf8'));
    await fs.writeFile(file, JSON.stringify({ ...config, phrase: { ...config.phrase, baseUrl: phrase.url }, modernmt: { baseUrl: mmt.url, memoryName: 'sync-app human translations' } }, null, 2));
    const a = await api();
    await until(() => a.folders.configured()[0]?.config?.phrase.baseUrl === phrase.url.replace(/\/+$/, ''), 'the changed config to be read');
    assert.equal(await vscode.commands.executeCommand('localeLoop.setModernMtKey', { key: mmt.apiKey }), true);
  });
  suiteTeardown(async () => {
    await phrase.stop();
    await mmt.stop();
  });

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

  test('the pull puts the pulled pairs into the ModernMT memory in one TMX import', async () => {
    const memory = [...mmt.memories.values()].find((m) => m.name === 'sync-app human translations');
    assert.ok(memory, 'the memory named in locale-loop.json was created');
    const imports = mmt.log.filter((x) => /^\/memories\/\d+\/content$/.test(x.path));
    assert.deepEqual(imports.map((x) => x.status), [200], 'one import, accepted at the first attempt');
    const pairs = memory.pairs.map((p) => `${p.target} ${p.sentence} → ${p.translation}`);
    assert.ok(pairs.includes('de Home → [de] Hömé'), pairs.join(' | '));
    assert.ok(pairs.includes('pl Welcome to Locale Loop → [pl] Wélçömé tö Löçálé Lööp'), pairs.join(' | '));
  });

  test('a local edit made after the push is kept and listed as a conflict; "take theirs" resolves it', async () => {
    const rel = 'locales/de/home.json';
    const file = path.join(workspaceRoot(), rel);
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('"[de] Stárt ñöw"', '"Los geht\'s"'));
    await vscode.commands.executeCommand('localeLoop.push', { confirm: false });
    const sync = JSON.parse(await fs.readFile(path.join(workspaceRoot(), '.locale-loop/state.json'), 'utf8'));
    phrase.complete({ jobUids: [sync.files['locales/{locale}/home.json'].jobs.de.uid], translations: { [sync.files['locales/{locale}/home.json'].jobs.de.uid]: { cta: 'Jetzt starten' } } });
    const pulled = (await vscode.commands.executeCommand('localeLoop.pull')) as { conflicts: number };
    assert.equal(pulled.conflicts, 1);
    assert.match(await fs.readFile(file, 'utf8'), /"cta": "Los geht's"/, 'the local edit is kept');
    const a = await api();
    assert.deepEqual(a.conflicts.all().map((c) => [c.conflict.key, c.conflict.local, c.conflict.remote]), [['cta', "Los geht's", 'Jetzt starten']]);
    const [left, right] = a.conflicts.uris(workspaceRoot(), a.conflicts.all()[0]!.conflict);
    assert.equal((await vscode.workspace.openTextDocument(left)).getText(), "Los geht's\n", 'the diff shows yours…');
    assert.equal((await vscode.workspace.openTextDocument(right)).getText(), 'Jetzt starten\n', '…and the translation');
    assert.equal(await vscode.commands.executeCommand('localeLoop.showConflicts', { folder: workspaceRoot(), file: rel, key: 'cta', choice: 'theirs' }), true);
    assert.match(await fs.readFile(file, 'utf8'), /"cta": "Jetzt starten"/);
    assert.equal(a.conflicts.all().length, 0);
  });

  test('an emulator fault mid-pull: an error with "Show Log", and no half-written file', async () => {
    const before = await Promise.all(['locales/de/common.json', 'locales/pl/common.json'].map((r) => fs.readFile(path.join(workspaceRoot(), r), 'utf8')));
    phrase.complete();
    // A 4xx is not retried (retries of 429/5xx are covered by the client's own tests): fails at once.
    phrase.setFaults([{ kind: 'status', status: 400, errorCode: 'InvalidArguments', path: '/downloadTargetFile/' }]);
    const pulled = (await vscode.commands.executeCommand('localeLoop.pull')) as { errors: number } | undefined;
    phrase.setFaults([]);
    assert.ok(pulled === undefined || pulled.errors > 0, 'the pull reports the failure');
    const after = await Promise.all(['locales/de/common.json', 'locales/pl/common.json'].map((r) => fs.readFile(path.join(workspaceRoot(), r), 'utf8')));
    assert.deepEqual(after, before, 'nothing written half-way');
    const leftovers = (await fs.readdir(path.join(workspaceRoot(), 'locales/de'))).filter((f) => f.endsWith('.tmp'));
    assert.deepEqual(leftovers, [], 'no temp file left behind');
  });

  test('no secret in the Locale Loop log', async () => {
    const text = await fs.readFile(path.join((await api()).logDir, 'Locale Loop.log'), 'utf8');
    assert.match(text, /signed in to Phrase TMS at .* as vscode-tester/, 'the log holds what happened');
    assert.match(text, /pushed locales\/en\/common\.json/);
    for (const token of phrase.issuedTokens()) assert.ok(!text.includes(token), 'no token');
    assert.ok(!text.includes(user.password), 'no password');
  });
});

