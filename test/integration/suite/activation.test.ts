import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { commandIds } from '../../../src/host/commandIds';
import { api, extensionId } from './helpers';

suite('activation', () => {
  test('activates on the workspace, fast, without scanning', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, 'the extension is installed');
    const a = await api();
    console.log(`activate() took ${a.activationMs.toFixed(1)} ms inside the extension host`);
    if (process.env.LOCALE_LOOP_METRICS) {
      await fs.writeFile(process.env.LOCALE_LOOP_METRICS, JSON.stringify({ activationMs: a.activationMs }));
    }
    assert.ok(a.activationMs < 1000, 'activation does no heavy work');
    // Nothing is scanned on the UI path: a folder is scanned when a view shows it (none has yet).
    assert.ok(
      a.folders.all().every((s) => !s.scan && !s.scanning),
      'no scan before a view asks',
    );
  });

  test('every command is registered', async () => {
    await api();
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(commandIds)) assert.ok(all.has(id), id);
  });
});
