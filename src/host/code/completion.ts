/**
 * Completion inside `t('…')`, `i18nKey="…"` and a selector `$ => $.`: the keys of the namespace
 * in scope (keyPrefix removed, as the call adds it), `ns:key` for the other namespaces a
 * `useTranslation(['a', 'b'])` brings, plural forms offered once by their base; the source value
 * as detail.
 */
import * as vscode from 'vscode';
import { splitPluralSuffix } from '../../locales/plurals';
import type { Catalog, CatalogNamespace } from './catalog';
import type { CodeWorkspace } from './codeWorkspace';
import { truncate } from './inlineHints';

export class KeyCompletionProvider implements vscode.CompletionItemProvider {
  static readonly triggers = ["'", '"', '`', '.', ':'];

  constructor(private readonly code: CodeWorkspace) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.CompletionItem[] | undefined> {
    const state = this.code.stateOf(document.uri);
    const config = state?.config;
    if (!state || !config) return undefined;
    const scope = this.code
      .cacheOf(state)
      .scopeAt(
        document.uri.toString(),
        document.version,
        () => document.getText(),
        document.offsetAt(position),
        document.fileName,
      );
    if (!scope) return undefined;
    const catalog = await this.code.catalog(state);
    if (!catalog) return undefined;
    const range = new vscode.Range(
      scope.replace.startPos.line,
      scope.replace.startPos.character,
      scope.replace.endPos.line,
      scope.replace.endPos.character,
    );
    const nsSep = scope.kind === 'selector' ? false : config.nsSeparator;
    const [own, ...others] = scope.namespaces.length > 0 ? scope.namespaces : [undefined, ...catalog.names()];
    const items: vscode.CompletionItem[] = [];
    const add = (ns: CatalogNamespace, qualify: boolean) => {
      for (const { code, key } of codeKeys(catalog, ns, scope.keyPrefix)) {
        const label = qualify && nsSep ? `${ns.namespace}${nsSep}${code}` : code;
        const value = catalog.value(ns, catalog.sourceLocale, key)?.value;
        const item = new vscode.CompletionItem(
          { label, description: value === undefined ? undefined : truncate(String(value), 50) },
          vscode.CompletionItemKind.Value,
        );
        item.range = range;
        item.detail = value === undefined ? undefined : String(value);
        item.sortText = `${qualify ? '1' : '0'}${label}`;
        items.push(item);
      }
    };
    const ownNs = own !== undefined ? catalog.namespace(own) : undefined;
    if (ownNs) add(ownNs, false);
    if (nsSep) {
      for (const name of others) {
        if (name !== undefined && name !== own && catalog.namespace(name)) add(catalog.namespace(name)!, true);
      }
    }
    return items;
  }
}

/**
 * The keys code may write for a namespace under a keyPrefix: prefix removed, plural forms (`_one`,
 * `_other`) folded into their base; each with the catalogue key whose value describes it.
 */
export function codeKeys(
  catalog: Catalog,
  ns: CatalogNamespace,
  keyPrefix: string,
): Array<{ code: string; key: string }> {
  const sep = catalog.separators.keySeparator || '.';
  const head = keyPrefix ? `${keyPrefix}${sep}` : '';
  const seen = new Map<string, string>();
  for (const key of catalog.sourceKeys(ns)) {
    if (!key.startsWith(head)) continue;
    const plural = splitPluralSuffix(key, catalog.separators.pluralSeparator);
    const code = (plural ? plural.base : key).slice(head.length);
    if (!code) continue;
    if (!seen.has(code) || plural?.category === 'other') seen.set(code, key);
  }
  return [...seen].map(([code, key]) => ({ code, key }));
}
