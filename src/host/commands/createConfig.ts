/** Create Configuration: a locale-loop.json pre-filled from the layout found in the folder. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { configFileName } from '../../locales/config';
import { commonLayouts, discoverLocaleFiles } from '../../locales/discovery';
import type { Host } from '../host';

export const createConfig = (host: Host) => async (args: { folder?: string } = {}): Promise<vscode.Uri | undefined> => {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = args.folder ? folders.find((f) => f.uri.fsPath === args.folder) : folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick();
  if (!folder) return undefined;
  const file = vscode.Uri.joinPath(folder.uri, configFileName);
  try {
    await vscode.workspace.fs.stat(file);
    await vscode.window.showTextDocument(file);
    return file;
  } catch {
    // none yet: create it
  }
  const content = await proposeConfig(folder.uri.fsPath);
  await fs.writeFile(file.fsPath, JSON.stringify(content, null, 2) + '\n');
  await host.folders.load();
  await vscode.window.showTextDocument(file);
  return file;
};

/** The layout with the most locale files, its most likely source locale, the rest as targets. */
export async function proposeConfig(root: string): Promise<Record<string, unknown>> {
  let best: { pattern: string; locales: string[] } | undefined;
  let bestCount = 0;
  for (const pattern of commonLayouts) {
    const found = await discoverLocaleFiles(root, [pattern], { defaultNamespace: 'translation' });
    if (found.length > bestCount) {
      bestCount = found.length;
      best = { pattern, locales: [...new Set(found.map((f) => f.localeCode))].sort() };
    }
  }
  const locales = best?.locales ?? [];
  const source = locales.find((l) => /^en([-_]|$)/i.test(l)) ?? locales[0] ?? 'en';
  return {
    sourceLocale: source,
    targetLocales: locales.filter((l) => l !== source),
    files: best?.pattern ?? 'locales/{locale}/{namespace}.json',
    phrase: { baseUrl: 'https://cloud.memsource.com/web' },
    modernmt: { memoryName: `${path.basename(root)} translations` },
  };
}
