/**
 * The workspace of the "Keys in code" suites (code.test.ts, codeEdits.test.ts): the code of
 * test/fixtures/code-app is copied into the workspace's src/, a ModernMT emulator configured, and
 * every locale file touched is put back afterwards (the suites after these count keys).
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { ModernMtEmulator } from '../../emulators/modernmt/server';
import { api, until, workspaceRoot } from './helpers';

const fixture = path.resolve(__dirname, '../../../test/fixtures/code-app/src');
export const longIntro = 'Plants, pots and everything a balcony garden needs, delivered to your door';

/** Every file under a folder, relative path → bytes (missing folder: empty). */
export async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (d: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.set(path.relative(dir, p), await fs.readFile(p));
    }
  };
  await walk(dir);
  return out;
}

export async function restore(dir: string, saved: Map<string, Buffer>): Promise<void> {
  for (const rel of (await snapshot(dir)).keys()) if (!saved.has(rel)) await fs.rm(path.join(dir, rel));
  for (const [rel, bytes] of saved) await fs.writeFile(path.join(dir, rel), bytes);
}

export function file(rel: string): string {
  return path.join(workspaceRoot(), rel);
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(vscode.Uri.file(file(rel)));
}

/** The position `offset` characters into the first occurrence of `needle`. */
export function at(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const i = document.getText().indexOf(needle);
  assert.ok(i >= 0, `"${needle}" is in ${document.fileName}`);
  return document.positionAt(i + offset);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

export async function readJson(rel: string): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(file(rel), 'utf8'));
}

export interface CodeWorkspace {
  /** The ModernMT emulator the workspace's config points at. */
  emulator(): ModernMtEmulator;
  /** The locale files as they were before the suite, relative to locales/. */
  savedLocales(): Map<string, Buffer>;
}

/** Registers the suite's setup and teardown (call inside `suite`). */
export function useCodeWorkspace(): CodeWorkspace {
  let locales: Map<string, Buffer>;
  let configBytes: Buffer;
  let mmt: ModernMtEmulator;

  suiteSetup(async () => {
    const a = await api();
    await until(() => a.folders.configured().length > 0, 'the config to load');
    locales = await snapshot(file('locales'));
    configBytes = await fs.readFile(file('locale-loop.json'));
    await fs.cp(fixture, file('src'), { recursive: true });
    const home = await readJson('locales/en/home.json');
    await fs.writeFile(file('locales/en/home.json'), JSON.stringify({ ...home, intro: longIntro }, null, 2) + '\n');
    mmt = new ModernMtEmulator();
    await mmt.start();
    const config = JSON.parse(configBytes.toString('utf8'));
    await fs.writeFile(
      file('locale-loop.json'),
      JSON.stringify({ ...config, modernmt: { baseUrl: mmt.url } }, null, 2),
    );
    await until(() => a.folders.configured()[0]?.config?.modernmt.baseUrl === mmt.url, 'the changed config to be read');
    await a.folders.scan(a.folders.configured()[0]!, true);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restore(file('locales'), locales);
    await fs.writeFile(file('locale-loop.json'), configBytes);
    await fs.rm(file('src'), { recursive: true, force: true });
    await fs.rm(file('.locale-loop'), { recursive: true, force: true });
    const url = mmt.url;
    await mmt.stop();
    const a = await api();
    await until(() => a.folders.configured()[0]?.config?.modernmt.baseUrl !== url, 'the config to be restored');
    await a.folders.scan(a.folders.configured()[0]!, true);
  });

  return { emulator: () => mmt, savedLocales: () => locales };
}
