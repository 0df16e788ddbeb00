/**
 * Entry point of the VS Code extension: builds the object graph and registers it. The host layer
 * (views, commands, secrets) lives in src/host/; until it lands the extension contributes the
 * `locale-loop.json` schema and its log channel.
 */
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Locale Loop', { log: true });
  context.subscriptions.push(log);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
