/** Go to definition: a key in code → its entry in the source locale file (key and value selected). */
import * as vscode from 'vscode';
import type { CodeWorkspace } from './codeWorkspace';
import { keyAt } from './keyAt';
import type { KeyTarget } from './keyAt';

export class KeyDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly code: CodeWorkspace) {}

  async provideDefinition(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.LocationLink[] | undefined> {
    const target = await keyAt(this.code, document, position);
    if (!target?.site) return undefined;
    const link = sourceLocation(target);
    return (
      link && [
        {
          originSelectionRange: target.range,
          targetUri: link.uri,
          targetRange: link.range,
          targetSelectionRange: link.range,
        },
      ]
    );
  }
}

/** The source locale entry of a key: from the key's opening quote to the end of its value. */
export function sourceLocation(target: KeyTarget): vscode.Location | undefined {
  const source = target.ns?.source;
  const entry = target.sourceKey !== undefined ? source?.parsed?.entries.get(target.sourceKey) : undefined;
  if (!source?.parsed || !entry) return undefined;
  const a = source.parsed.positionAt(entry.keyOffset);
  const b = source.parsed.positionAt(entry.valueOffset + entry.valueLength);
  return new vscode.Location(
    vscode.Uri.file(source.file.path),
    new vscode.Range(a.line, a.character, b.line, b.character),
  );
}
