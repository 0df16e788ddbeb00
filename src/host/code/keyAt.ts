/**
 * The key under the cursor, in code (a resolved call site) or in a locale JSON file (the property
 * at the offset), as the definition, references and rename providers need it.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { CallSite, Span } from '../../code/types';
import { parseLocaleText } from '../../locales/scan';
import type { FolderState } from '../folders';
import type { Catalog, CatalogNamespace } from './catalog';
import type { CodeWorkspace } from './codeWorkspace';

export interface KeyTarget {
  readonly state: FolderState;
  readonly catalog: Catalog;
  /** The namespace file the key lives in (undefined: the key is in no source file). */
  readonly ns?: CatalogNamespace;
  /** The namespace name, when known. */
  readonly namespace?: string;
  /** The key as code names it (plural base, parent object) or, in a locale file, the property's key. */
  readonly key: string;
  /** The source entry shown for it (`cart_other` for `cart`). */
  readonly sourceKey?: string;
  /** Where the cursor's key is written (literal content, or the JSON property name without quotes). */
  readonly range: vscode.Range;
  readonly site?: CallSite;
  /** The locale file, when the cursor is in one. */
  readonly localeFile?: { readonly relPath: string; readonly locale: string };
}

export function toRange(span: Span): vscode.Range {
  return new vscode.Range(span.startPos.line, span.startPos.character, span.endPos.line, span.endPos.character);
}

export async function keyAt(
  code: CodeWorkspace,
  document: vscode.TextDocument,
  position: vscode.Position,
): Promise<KeyTarget | undefined> {
  if (document.languageId === 'json' || document.languageId === 'jsonc') return jsonKeyAt(code, document, position);
  const at = code.siteAt(document, position);
  if (!at || at.site.dynamic || !at.site.keyRange) return undefined;
  const catalog = await code.catalog(at.state);
  if (!catalog) return undefined;
  const found = catalog.find(at.site.namespaces, at.site.key);
  return {
    state: at.state,
    catalog,
    ns: found?.ns,
    namespace: found?.ns.namespace ?? at.site.namespace,
    key: at.site.key,
    sourceKey: found?.key,
    range: toRange(at.site.keyRange),
    site: at.site,
  };
}

async function jsonKeyAt(
  code: CodeWorkspace,
  document: vscode.TextDocument,
  position: vscode.Position,
): Promise<KeyTarget | undefined> {
  const state = code.stateOf(document.uri);
  if (!state?.config) return undefined;
  const catalog = await code.catalog(state);
  const rel = path.relative(state.folder.uri.fsPath, document.uri.fsPath).split(path.sep).join('/');
  const file = state.scan?.files.find((f) => f.relPath === rel);
  if (!catalog || !file) return undefined;
  let entries;
  try {
    entries = parseLocaleText(document.getText().replace(/^\uFEFF/, ''), rel, {
      keySeparator: state.config.keySeparator,
    }).entries;
  } catch {
    return undefined;
  }
  const offset = document.offsetAt(position) - (document.getText().startsWith('\uFEFF') ? 1 : 0);
  const entry = [...entries.values()].find((e) => offset >= e.keyOffset && offset <= e.valueOffset + e.valueLength);
  if (!entry) return undefined;
  const ns = catalog.byTemplate(file.template);
  // The property name as written: the last segment of the flattened key.
  const name = document.getText(
    new vscode.Range(document.positionAt(entry.keyOffset), document.positionAt(entry.valueOffset)),
  );
  const close = name.indexOf('"', 1);
  const start = document.positionAt(entry.keyOffset + 1);
  const range = new vscode.Range(start, document.positionAt(entry.keyOffset + Math.max(1, close)));
  return {
    state,
    catalog,
    ns,
    namespace: file.namespace,
    key: entry.key,
    sourceKey: entry.key,
    range,
    localeFile: { relPath: rel, locale: file.locale },
  };
}
