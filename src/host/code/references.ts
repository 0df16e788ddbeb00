/**
 * Find all references: every usage of a key in the workspace, from the usage index (files on
 * disk, open buffers as typed), asked from a key in code or from a key in a locale JSON file.
 * Plural and context forms and parent objects count (`cart` is a usage of `cart_one`).
 */
import * as vscode from 'vscode';
import type { Usage } from '../../code/engine';
import type { CodeWorkspace } from './codeWorkspace';
import { sourceLocation } from './definition';
import { keyAt, toRange } from './keyAt';

export class KeyReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly code: CodeWorkspace) {}

  async provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
  ): Promise<vscode.Location[] | undefined> {
    const target = await keyAt(this.code, document, position);
    if (!target?.namespace) return undefined;
    const index = await this.code.index(target.state);
    const usages = new Map<string, Usage>();
    const add = (list: readonly Usage[]) => {
      for (const u of list) usages.set(`${u.file}#${u.site.callRange.start}#${u.site.keyRange?.start}`, u);
    };
    add(index.usagesOf(target.namespace, target.sourceKey ?? target.key));
    if (target.site) add(index.usagesOf(target.namespace, target.key, true));
    const out = [...usages.values()].map(
      (u) => new vscode.Location(vscode.Uri.file(u.file), toRange(u.site.keyRange ?? u.site.callRange)),
    );
    const declaration = context.includeDeclaration ? sourceLocation(target) : undefined;
    return declaration ? [declaration, ...out] : out;
  }
}
