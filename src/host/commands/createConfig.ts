/**
 * Create Configuration: a locale-loop.json pre-filled from the layout found in the folder, with
 * the Phrase TMS project picked from the user's projects when signed in. On a config that has no
 * `phrase.projectUid` yet, it asks for the project and writes only that field.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import * as vscode from 'vscode';
import { configFileName, defaultPhraseUrl } from '../../locales/config';
import { commonLayouts, discoverLocaleFiles } from '../../locales/discovery';
import { commandIds } from '../commandIds';
import type { Host } from '../host';

export interface CreateConfigArgs {
  readonly folder?: string;
  /** The project to write, instead of asking (tests, other extensions). */
  readonly projectUid?: string;
}

export const createConfig =
  (host: Host) =>
  async (args: CreateConfigArgs = {}): Promise<vscode.Uri | undefined> => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder = args.folder
      ? folders.find((f) => f.uri.fsPath === args.folder)
      : folders.length === 1
        ? folders[0]
        : await vscode.window.showWorkspaceFolderPick();
    if (!folder) return undefined;
    const file = vscode.Uri.joinPath(folder.uri, configFileName);
    let existing: string | undefined;
    try {
      existing = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
    } catch {
      // none yet: create it
    }
    const state = host.folders.all().find((s) => s.folder.uri.toString() === folder.uri.toString());
    if (existing !== undefined && state?.config?.phrase.projectUid) {
      await vscode.window.showTextDocument(file);
      return file;
    }
    const baseUrl = state?.config?.phrase.baseUrl ?? defaultPhraseUrl;
    const projectUid = args.projectUid ?? (await pickProject(host, baseUrl));
    if (existing !== undefined) {
      // Only the missing field, written into the file as it is (comments and layout kept).
      if (projectUid) {
        await fs.writeFile(
          file.fsPath,
          applyEdits(
            existing,
            modify(existing, ['phrase', 'projectUid'], projectUid, {
              formattingOptions: { insertSpaces: true, tabSize: 2 },
            }),
          ),
        );
      }
    } else {
      const content = await proposeConfig(folder.uri.fsPath, projectUid);
      await fs.writeFile(file.fsPath, JSON.stringify(content, null, 2) + '\n');
    }
    await host.folders.load();
    await vscode.window.showTextDocument(file);
    if (!projectUid) {
      // Not signed in, or no project picked: say exactly what is still needed.
      const signIn = vscode.l10n.t('Sign in to Phrase TMS');
      void host.notices
        .show(
          'info',
          vscode.l10n.t(
            'locale-loop.json has no Phrase TMS project yet: sign in and run Create Configuration again to pick one, or set "phrase.projectUid" (the project ID in its Phrase TMS URL).',
          ),
          [signIn],
        )
        .then((c) => c === signIn && vscode.commands.executeCommand(commandIds.signIn));
    }
    return file;
  };

/** The user's projects in a quick pick (nothing when not signed in). */
async function pickProject(host: Host, baseUrl: string): Promise<string | undefined> {
  const stored = await host.secrets.phraseToken();
  if (!stored && !(await host.secrets.phraseCredentials())) return undefined;
  const client = await host.clients.phrase({ phrase: { baseUrl, concurrency: 4 } });
  if (!client) return undefined;
  const projects = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing your Phrase TMS projects…') },
    () => client.listProjects(),
  );
  if (projects.length === 0) {
    void host.notices.show(
      'warning',
      vscode.l10n.t(
        'Your Phrase TMS account has no project yet: create one in Phrase TMS, then run Create Configuration again.',
      ),
    );
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    projects.map((p) => ({
      label: p.name,
      description: `${p.sourceLang} → ${p.targetLangs.join(', ')}`,
      detail: p.uid,
      uid: p.uid,
    })),
    { title: vscode.l10n.t('Which Phrase TMS project receives the jobs?'), matchOnDetail: true, ignoreFocusOut: true },
  );
  return pick?.uid;
}

/** The layout with the most locale files, its most likely source locale, the rest as targets. */
export async function proposeConfig(root: string, projectUid?: string): Promise<Record<string, unknown>> {
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
    phrase: { baseUrl: defaultPhraseUrl, ...(projectUid ? { projectUid } : {}) },
    modernmt: { memoryName: `${path.basename(root)} translations` },
  };
}
