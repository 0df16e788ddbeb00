/** Helpers of the in-host suite: the extension's API, emulators, the workspace on disk. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LocaleLoopApi } from '../../../src/extension';
import { ModernMtEmulator } from '../../emulators/modernmt/server';

export const extensionId = 'locale-loop.locale-loop';

export function workspaceRoot(): string {
  return vscode.workspace.workspaceFolders![0]!.uri.fsPath;
}

export async function api(): Promise<LocaleLoopApi> {
  const ext = vscode.extensions.getExtension<LocaleLoopApi>(extensionId)!;
  return ext.isActive ? ext.exports : ext.activate();
}

export async function readJson(rel: string): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(path.join(workspaceRoot(), rel), 'utf8'));
}

export async function until<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const started = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Accepts the quick pick a running command opens, however long the loaded host takes to show it: a
 * fixed wait timed out at load 8 on two cores. Accepting while no pick is open does nothing.
 */
export async function acceptQuickPick<T>(running: Thenable<T>, what: string, timeoutMs = 30_000): Promise<T> {
  let settled = false;
  const done = Promise.resolve(running).finally(() => (settled = true));
  const started = Date.now();
  while (!settled) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await Promise.race([done, new Promise((r) => setTimeout(r, 400))]);
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return done;
}

/**
 * A ModernMT emulator the workspace's `locale-loop.json` points at, with its key set through the
 * command (checked on entry): the setup of every suite that machine-translates.
 */
export async function startModernMtForWorkspace(): Promise<ModernMtEmulator> {
  const mmt = new ModernMtEmulator();
  await mmt.start();
  const file = path.join(workspaceRoot(), 'locale-loop.json');
  const config = JSON.parse(await fs.readFile(file, 'utf8'));
  await fs.writeFile(file, JSON.stringify({ ...config, modernmt: { baseUrl: mmt.url } }, null, 2));
  const a = await api();
  await until(() => a.folders.configured()[0]?.config?.modernmt.baseUrl === mmt.url, 'the changed config to be read');
  if ((await vscode.commands.executeCommand('localeLoop.setModernMtKey', { key: mmt.apiKey })) !== true) {
    throw new Error('the emulator’s ModernMT key was not accepted');
  }
  return mmt;
}
