/**
 * The "Extract to translation key" code action on a string literal or JSX text; the work is the
 * localeLoop.extractString command (src/host/commands/extractString.ts).
 */
import * as vscode from 'vscode';
import { commandIds } from '../commandIds';
import type { ExtractArgs } from '../commands/extractString';
import type { CodeWorkspace } from './codeWorkspace';

export class ExtractStringProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.RefactorExtract];

  constructor(private readonly code: CodeWorkspace) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const state = this.code.stateOf(document.uri);
    if (!state?.config) return [];
    const offset = document.offsetAt(range.start);
    const target = this.code.engine().extractTarget(document.getText(), document.fileName, offset);
    if (!target) return [];
    const shown = target.text.length > 30 ? `${target.text.slice(0, 29)}…` : target.text;
    const action = new vscode.CodeAction(
      vscode.l10n.t('Extract "{0}" to a translation key', shown),
      vscode.CodeActionKind.RefactorExtract,
    );
    const args: ExtractArgs = { uri: document.uri.toString(), offset };
    action.command = { command: commandIds.extractString, title: action.title, arguments: [args] };
    return [action];
  }
}
