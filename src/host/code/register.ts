/**
 * Registers the editor features on keys in code: hover, inline values, completion, definition,
 * references, rename, code diagnostics and extract string. Nothing heavy runs here: the code
 * engine loads, and the locale files are read, when a provider is first asked.
 */
import * as vscode from 'vscode';
import type { Host } from '../host';
import { CodeDiagnostics } from './codeDiagnostics';
import { codeSelector, CodeWorkspace } from './codeWorkspace';
import { KeyCompletionProvider } from './completion';
import { KeyDefinitionProvider } from './definition';
import { ExtractStringProvider } from './extractString';
import { KeyHoverProvider } from './hover';
import { InlineValuesProvider } from './inlineValues';
import { KeyReferenceProvider } from './references';
import { KeyRenameProvider } from './rename';

export interface CodeFeatures {
  readonly workspace: CodeWorkspace;
  readonly diagnostics: CodeDiagnostics;
}

/** Locale JSON files: references and rename start from a key there too. */
const localeSelector: vscode.DocumentSelector = [
  { language: 'json', scheme: 'file' },
  { language: 'jsonc', scheme: 'file' },
];

export function registerCodeFeatures(host: Pick<Host, 'context' | 'folders' | 'jobs'>): CodeFeatures {
  const workspace = new CodeWorkspace(host.folders, host.jobs);
  const diagnostics = new CodeDiagnostics(workspace);
  const inline = new InlineValuesProvider(workspace);
  const rename = new KeyRenameProvider(workspace);
  const references = new KeyReferenceProvider(workspace);
  host.context.subscriptions.push(
    workspace,
    diagnostics,
    inline,
    vscode.languages.registerHoverProvider(codeSelector, new KeyHoverProvider(workspace)),
    vscode.languages.registerInlayHintsProvider(codeSelector, inline),
    vscode.languages.registerCompletionItemProvider(
      codeSelector,
      new KeyCompletionProvider(workspace),
      ...KeyCompletionProvider.triggers,
    ),
    vscode.languages.registerDefinitionProvider(codeSelector, new KeyDefinitionProvider(workspace)),
    vscode.languages.registerReferenceProvider(
      [...(codeSelector as vscode.DocumentFilter[]), ...(localeSelector as vscode.DocumentFilter[])],
      references,
    ),
    vscode.languages.registerRenameProvider(
      [...(codeSelector as vscode.DocumentFilter[]), ...(localeSelector as vscode.DocumentFilter[])],
      rename,
    ),
    vscode.languages.registerCodeActionsProvider(codeSelector, new ExtractStringProvider(workspace), {
      providedCodeActionKinds: ExtractStringProvider.kinds,
    }),
  );
  return { workspace, diagnostics };
}
