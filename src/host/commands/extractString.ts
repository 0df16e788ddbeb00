/**
 * Extract a string literal or JSX text to a key: proposes a name from the component and the text
 * (editable), writes the text into the source locale file of the namespace in scope, replaces it
 * with `t('…')` (adding `useTranslation` and its import where the component has none), and, if
 * asked, machine-translates the key into every target locale as provisional values.
 */
import * as vscode from 'vscode';
import { loadCodeEngine } from '../../code/load';
import { commandIds } from '../commandIds';
import type { Host } from '../host';
import { Catalog } from '../code/catalog';
import { writeSourceKey } from './addKey';

export interface ExtractArgs {
  readonly uri: string;
  /** Offset of the string or JSX text in the document. */
  readonly offset: number;
  /** The key as the code will write it (keyPrefix of the scope not included); asked for when absent. */
  readonly key?: string;
  /** Translate into every target locale with ModernMT; asked when absent. */
  readonly translate?: boolean;
}

export interface ExtractResult {
  readonly namespace: string;
  readonly key: string;
  readonly file: string;
}

export const extractString =
  (host: Host) =>
  async (args: ExtractArgs): Promise<ExtractResult | undefined> => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    const state = await host.folders.pick(document.uri);
    const config = state?.config;
    if (!state || !config) return undefined;
    const engine = loadCodeEngine();
    const target = engine.extractTarget(document.getText(), document.fileName, args.offset);
    if (!target) throw new Error(vscode.l10n.t('There is no string or JSX text to extract here.'));
    if (!target.hook && !target.hookAt) {
      throw new Error(
        vscode.l10n.t(
          '"{0}" is not inside a component or function: there is no place for useTranslation().',
          target.text,
        ),
      );
    }
    const scan = await host.folders.scan(state);
    if (!scan) throw new Error(vscode.l10n.t('The locale files could not be read: see the Locale Loop log.'));
    const catalog = await Catalog.load(config, scan);
    const sites = engine.resolveText(document.getText(), document.fileName, engine.resolverOptions(config)).sites;
    const namespace =
      target.hook?.namespaces?.[0] ?? mostUsed(sites.map((s) => s.namespace)) ?? config.defaultNamespace;
    const keyPrefix = target.hook?.keyPrefix ?? '';
    const sep = config.keySeparator || '.';
    const full = (written: string) => (keyPrefix ? `${keyPrefix}${sep}${written}` : written);
    const ns = catalog.namespace(namespace);
    const template = ns?.template ?? templateFor(catalog, namespace);
    if (!template) {
      throw new Error(
        vscode.l10n.t('No source locale file for the namespace "{0}" and no layout to create one.', namespace),
      );
    }
    const taken = (written: string) => {
      const v = ns && catalog.value(ns, catalog.sourceLocale, full(written));
      return v !== undefined && v.value !== target.text;
    };
    let proposal = engine.proposeKey(target, config.keySeparator);
    for (let n = 2; taken(proposal); n++) proposal = `${engine.proposeKey(target, config.keySeparator)}${n}`;
    const written =
      args.key ??
      (
        await vscode.window.showInputBox({
          title: vscode.l10n.t('Extract "{0}" to a key of {1}', target.text, namespace),
          prompt: keyPrefix ? vscode.l10n.t('The key, under the keyPrefix "{0}"', keyPrefix) : vscode.l10n.t('The key'),
          value: proposal,
          validateInput: (v) =>
            !v.trim()
              ? vscode.l10n.t('The key cannot be empty.')
              : taken(v.trim())
                ? vscode.l10n.t('"{0}" already has another text.', full(v.trim()))
                : undefined,
        })
      )?.trim();
    if (!written) return undefined;
    if (taken(written)) {
      throw new Error(
        vscode.l10n.t('"{0}" already has another text in {1}.', full(written), ns?.source?.file.relPath ?? template),
      );
    }
    const file = await writeSourceKey(state, template, full(written), target.text);

    const edit = new vscode.WorkspaceEdit();
    const call = `${target.hook?.tName ?? 't'}('${written.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}')`;
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(target.start), document.positionAt(target.end)),
      target.jsx ? `{${call}}` : call,
    );
    if (!target.hook && target.hookAt) {
      // The import first: in a Vue script both go after the last import, in this order.
      if (target.importEdit) {
        edit.insert(document.uri, document.positionAt(target.importEdit.offset), target.importEdit.text);
      }
      const nsArg = namespace !== config.defaultNamespace ? `'${namespace}'` : '';
      edit.insert(
        document.uri,
        document.positionAt(target.hookAt.offset),
        `\n${target.hookAt.indent}const { t } = useTranslation(${nsArg});`,
      );
    }
    if (!(await vscode.workspace.applyEdit(edit))) {
      throw new Error(
        vscode.l10n.t(
          '{0} changed meanwhile: the key was added, the code was not changed.',
          vscode.workspace.asRelativePath(document.uri),
        ),
      );
    }
    await host.folders.scan(state, true);
    let translate = args.translate;
    if (translate === undefined && catalog.targetLocales.length > 0) {
      const yes = vscode.l10n.t('Translate into {0} with ModernMT', catalog.targetLocales.join(', '));
      translate =
        (await vscode.window.showQuickPick([yes, vscode.l10n.t('Not now')], {
          title: vscode.l10n.t('Added "{0}"', full(written)),
        })) === yes;
    }
    if (translate) {
      await vscode.commands.executeCommand(commandIds.translateKey, {
        folder: state.folder.uri.fsPath,
        namespace: template,
        key: full(written),
      });
    }
    return { namespace, key: full(written), file };
  };

function mostUsed(names: ReadonlyArray<string | undefined>): string | undefined {
  const counts = new Map<string, number>();
  for (const n of names) if (n !== undefined) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** A file for a namespace that has none yet: another namespace's file path with the name swapped. */
function templateFor(catalog: Catalog, namespace: string): string | undefined {
  for (const ns of catalog.namespaces) {
    const tail = `/${ns.namespace}.json`;
    if (ns.template.endsWith(tail) && ns.template.includes('{locale}')) {
      return `${ns.template.slice(0, -tail.length)}/${namespace}.json`;
    }
  }
  return undefined;
}
