import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ModernMtEmulator } from '../../emulators/modernmt/server';
import { api, startModernMtForWorkspace, until, workspaceRoot } from './helpers';

suite('File watcher and the tool’s own writes', () => {
  let mmt: ModernMtEmulator;

  suiteSetup(async () => {
    mmt = await startModernMtForWorkspace();
  });
  suiteTeardown(() => mmt.stop());

  test('files and state written by a command are not rescanned again by the watcher; a write by someone else is', async () => {
    const a = await api();
    const state = a.folders.configured()[0]!;
    await a.folders.scan(state, true);
    let changes = 0;
    const sub = a.folders.onDidChange(() => changes++);
    try {
      // Remove a German key so translate-missing writes the file (and the state).
      const rel = 'locales/de/home.json';
      await fs.writeFile(path.join(workspaceRoot(), rel), '{\n  "title": "Willkommen"\n}\n');
      await until(() => changes > 0, 'the external edit to be noticed');
      await a.folders.scan(state, true);
      changes = 0;
      await vscode.commands.executeCommand('localeLoop.translateMissing', { locales: ['de'] });
      assert.match(await fs.readFile(path.join(workspaceRoot(), rel), 'utf8'), /"cta": "\[de\] /);
      const afterCommand = changes; // the command's own rescan
      await new Promise((r) => setTimeout(r, 2500)); // past the watcher's debounce
      assert.equal(changes, afterCommand, 'no rescan for the command’s own writes (locale file, state.json)');

      await fs.writeFile(path.join(workspaceRoot(), rel), '{\n  "title": "Willkommen!"\n}\n');
      await until(() => changes > afterCommand, 'a write by someone else to be noticed');
    } finally {
      sub.dispose();
    }
  });
});
