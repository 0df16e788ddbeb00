/**
 * Add a key used in code to the source locale file (quick fix of "used here but missing"): asks
 * for the text, writes it with a format-preserving atomic edit, and with `translate` machine-
 * translates it into every target locale (provisional values, through translateKey).
 */
import * as vscode from 'vscode';
import { fileForLocale } from '../../locales/discovery';
import { updateLocaleFile } from '../../locales/writer';
import { commandIds } from '../commandIds';
import type { FolderState } from '../folders';
import type { Host } from '../host';

export interface AddKeyArgs {
  readonly folder: string;
  /** Namespace id (the file path with `{locale}`). */
  readonly namespace: string;
  readonly key: string;
  /** The source text; asked for when absent. */
  readonly text?: string;
  /** Then translate the key into every target locale with ModernMT. */
  readonly translate?: boolean;
}

export const addKey =
  (host: Host) =>
  async (args: AddKeyArgs): Promise<boolean> => {
    const state = host.folders.configured().find((s) => s.folder.uri.fsPath === args.folder);
    if (!state?.config) return false;
    const text =
      args.text ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Add "{0}" to the source locale ({1})', args.key, state.config.sourceLocale),
        prompt: vscode.l10n.t('The source text of the key'),
        value: humanize(args.key, state.config.keySeparator),
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The text cannot be empty.')),
      }));
    if (text === undefined) return false;
    await writeSourceKey(state, args.namespace, args.key, text);
    await host.folders.scan(state, true);
    if (args.translate) {
      await vscode.commands.executeCommand(commandIds.translateKey, {
        folder: args.folder,
        namespace: args.namespace,
        key: args.key,
      });
    }
    return true;
  };

/**
 * Writes one key into the source locale file of a namespace (created when absent). Refused while
 * that file has unsaved changes in an editor: writing under it would lose one side.
 */
export async function writeSourceKey(state: FolderState, template: string, key: string, text: string): Promise<string> {
  const config = state.config!;
  const file = fileForLocale(config.root, template, config.sourceLocale);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
  if (open?.isDirty) {
    throw new Error(
      vscode.l10n.t('{0} has unsaved changes: save it, then try again.', vscode.workspace.asRelativePath(file)),
    );
  }
  const style = {
    bom: false,
    eol: '\n',
    insertSpaces: true,
    tabSize: 2,
    finalNewline: true,
    escapeNonAscii: false,
  } as const;
  await updateLocaleFile(file, [{ key, value: text }], {
    keySeparator: config.keySeparator,
    newFileStyle: style,
    displayName: vscode.workspace.asRelativePath(file),
  });
  return file;
}

/** `checkout.freeDelivery` → "Free delivery": a starting point for the text. */
function humanize(key: string, sep: string | false): string {
  const last = sep ? (key.split(sep).pop() ?? key) : key;
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
