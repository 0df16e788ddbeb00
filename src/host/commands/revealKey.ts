/** Opens a locale file with a key's range revealed and selected. */
import path from 'node:path';
import * as vscode from 'vscode';
import { parseLocaleText } from '../../locales/scan';
import type { Host } from '../host';
import type { RevealArgs } from '../views/localesTree';

export const revealKey =
  (host: Host) =>
  async (args: RevealArgs): Promise<boolean> => {
    if (!args?.file) return false;
    const uri = vscode.Uri.file(path.join(args.folder, args.file));
    const state = host.folders.configured().find((s) => s.folder.uri.fsPath === args.folder);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { preview: true });
    let range: vscode.Range | undefined;
    try {
      const parsed = parseLocaleText(document.getText().replace(/^\uFEFF/, ''), args.file, {
        keySeparator: state?.config?.keySeparator ?? '.',
      });
      const entry = parsed.entries.get(args.key);
      if (entry) {
        range = new vscode.Range(
          document.positionAt(entry.keyOffset),
          document.positionAt(entry.valueOffset + entry.valueLength),
        );
      }
    } catch {
      // A malformed file still opens; the diagnostic shows where it breaks.
    }
    if (!range) {
      void vscode.window.setStatusBarMessage(vscode.l10n.t('"{0}" is not in {1}', args.key, args.file), 4000);
      return false;
    }
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  };
