/**
 * Rename key (F2 on a key in code or in a locale JSON file): the key and its plural/context
 * forms and children in every locale file of its namespace (format-preserving edits from
 * src/locales/edit, the key kept where the source order puts it), and every literal usage in
 * code, as one WorkspaceEdit shown in the refactor preview. Refused when a computed key may
 * reach the key (its usages cannot all be found), when the new key exists, or when a usage's
 * keyPrefix cannot express the new key.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Usage } from '../../code/engine';
import type { KeyEdit } from '../../locales/edit';
import { applyKeyEdits } from '../../locales/edit';
import { parseLocaleText } from '../../locales/scan';
import { splitPluralSuffix } from '../../locales/plurals';
import type { CatalogNamespace } from './catalog';
import type { CodeWorkspace } from './codeWorkspace';
import { codeLanguages } from './codeWorkspace';
import type { KeyTarget } from './keyAt';
import { keyAt, toRange } from './keyAt';

/** The position of `offset` in `text` as a document of that text counts it (\r\n is one break). */
function positionIn(text: string, offset: number): vscode.Position {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return new vscode.Position(lines.length - 1, lines.at(-1)!.length);
}

const identifierPath = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

export class KeyRenameProvider implements vscode.RenameProvider {
  constructor(private readonly code: CodeWorkspace) {}

  async prepareRename(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<{ range: vscode.Range; placeholder: string }> {
    const target = await keyAt(this.code, document, position);
    if (!target) throw new Error(vscode.l10n.t('Place the cursor on a translation key to rename it.'));
    if (!target.ns) {
      throw new Error(vscode.l10n.t('"{0}" is not in the source locale: there is nothing to rename yet.', target.key));
    }
    return { range: target.range, placeholder: target.site ? target.site.written : baseKey(target) };
  }

  async provideRenameEdits(
    document: vscode.TextDocument,
    position: vscode.Position,
    newName: string,
  ): Promise<vscode.WorkspaceEdit> {
    const target = await keyAt(this.code, document, position);
    if (!target?.ns || !target.namespace) {
      throw new Error(vscode.l10n.t('Place the cursor on a translation key to rename it.'));
    }
    const config = target.state.config!;
    const oldKey = baseKey(target);
    const newKey = this.newFullKey(target, newName.trim());
    if (!newKey) throw new Error(vscode.l10n.t('The new key is empty.'));
    if (newKey === oldKey) return new vscode.WorkspaceEdit();
    const index = await this.code.index(target.state);
    for (const d of vscode.workspace.textDocuments) {
      if (d.isDirty && codeLanguages.includes(d.languageId) && this.code.stateOf(d.uri) === target.state) {
        index.setText(d.fileName, d.getText());
      }
    }
    const dynamic = index.dynamicUsagesOf(target.namespace, oldKey)[0];
    if (dynamic) {
      throw new Error(
        vscode.l10n.t(
          'Cannot rename "{0}": the computed key at {1}:{2} may use it, and a rename would miss it. Change that code first, or rename by hand.',
          oldKey,
          index.relative(dynamic.file),
          dynamic.site.callRange.startPos.line + 1,
        ),
      );
    }
    const edit = new vscode.WorkspaceEdit();
    const renamed = await this.localeEdits(
      edit,
      target.ns,
      oldKey,
      newKey,
      config.keySeparator,
      config.pluralSeparator,
      config.contextSeparator,
    );
    // Code naming the key, a form or a child of it.
    const usages = new Map<string, Usage>();
    for (const k of [oldKey, ...renamed.keys()]) {
      for (const u of index.usagesOf(target.namespace, k, true)) usages.set(`${u.file}#${u.site.keyRange?.start}`, u);
    }
    const nsSep = config.nsSeparator;
    for (const u of usages.values()) {
      const site = u.site;
      if (!site.keyRange) continue;
      const full = newKey + site.key.slice(oldKey.length);
      const head = site.keyPrefix ? `${site.keyPrefix}${config.keySeparator || '.'}` : '';
      const where = `${index.relative(u.file)}:${site.keyRange.startPos.line + 1}`;
      if (!full.startsWith(head)) {
        throw new Error(
          vscode.l10n.t(
            'Cannot rename "{0}" to "{1}": the call at {2} has the keyPrefix "{3}", which the new key does not start with.',
            oldKey,
            newKey,
            where,
            site.keyPrefix,
          ),
        );
      }
      let written = full.slice(head.length);
      if (site.kind === 'selector' && !identifierPath.test(written)) {
        throw new Error(
          vscode.l10n.t(
            'Cannot rename "{0}" to "{1}": the selector at {2} can only name keys made of identifiers.',
            oldKey,
            newKey,
            where,
          ),
        );
      }
      if (nsSep && site.written.startsWith(`${target.namespace}${nsSep}`)) {
        written = `${target.namespace}${nsSep}${written}`;
      }
      edit.replace(vscode.Uri.file(u.file), toRange(site.keyRange), written, {
        needsConfirmation: true,
        label: vscode.l10n.t('Usages in code'),
      });
    }
    return edit;
  }

  /** The full key the new name stands for, in the target's terms (keyPrefix, `ns:`, plural suffix). */
  private newFullKey(target: KeyTarget, name: string): string {
    const config = target.state.config!;
    if (!target.site) {
      const plural = splitPluralSuffix(target.key, config.pluralSeparator);
      const suffix = plural ? target.key.slice(plural.base.length) : '';
      return suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
    }
    let key = name;
    const nsSep = config.nsSeparator;
    if (nsSep && key.includes(nsSep)) {
      const [ns, ...rest] = key.split(nsSep);
      if (ns !== target.namespace) {
        throw new Error(
          vscode.l10n.t(
            'Rename keeps the key in its namespace "{0}"; move it between namespaces by hand.',
            target.namespace!,
          ),
        );
      }
      key = rest.join(nsSep);
    }
    return target.site.keyPrefix ? `${target.site.keyPrefix}${config.keySeparator || '.'}${key}` : key;
  }

  /** Adds the edits of every locale file; returns old → new catalogue keys renamed. */
  private async localeEdits(
    edit: vscode.WorkspaceEdit,
    ns: CatalogNamespace,
    oldKey: string,
    newKey: string,
    keySep: string | false,
    pluralSep: string,
    contextSep: string,
  ): Promise<Map<string, string>> {
    const renamed = new Map<string, string>();
    const matches = (k: string) =>
      k === oldKey ||
      (keySep !== false && k.startsWith(`${oldKey}${keySep}`)) ||
      splitPluralSuffix(k, pluralSep)?.base === oldKey ||
      k.startsWith(`${oldKey}${contextSep}`);
    const order = (ns.source?.entries ? [...ns.source.entries.keys()] : []).map((k) =>
      matches(k) ? newKey + k.slice(oldKey.length) : k,
    );
    for (const values of ns.byLocale.values()) {
      const file = values.file;
      // The edit's offsets must be the editor's: an open document's text (unsaved edits included),
      // else the file's. Not opened here: a document opened for reading stays in the editor's
      // models and lags behind later writes to its file (a pull, Translate Missing Keys).
      const uri = vscode.Uri.file(file.path);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const text = open ? open.getText() : (await fs.readFile(file.path, 'utf8')).replace(/^\uFEFF/, '');
      let parsed;
      try {
        parsed = parseLocaleText(text, file.relPath, { keySeparator: keySep });
      } catch (e) {
        throw new Error(vscode.l10n.t('Cannot rename: {0} cannot be read ({1}).', file.relPath, (e as Error).message));
      }
      const edits: KeyEdit[] = [];
      const inserts: KeyEdit[] = [];
      for (const entry of parsed.entries.values()) {
        if (!matches(entry.key)) continue;
        const to = newKey + entry.key.slice(oldKey.length);
        if (parsed.entries.has(to) && !matches(to)) {
          throw new Error(
            vscode.l10n.t('Cannot rename "{0}" to "{1}": {2} already has "{3}".', oldKey, newKey, file.relPath, to),
          );
        }
        if (entry.kind !== 'string') {
          throw new Error(
            vscode.l10n.t(
              'Cannot rename "{0}": "{1}" in {2} is not a string; rename it by hand.',
              oldKey,
              entry.key,
              file.relPath,
            ),
          );
        }
        renamed.set(entry.key, to);
        edits.push({ key: entry.key, value: undefined });
        inserts.push({ key: to, value: String(entry.value) });
      }
      if (edits.length === 0) continue;
      const next = applyKeyEdits(text, [...edits, ...inserts], { keySeparator: keySep, style: parsed.style, order });
      const change = minimalChange(text, next);
      edit.replace(uri, new vscode.Range(positionIn(text, change.start), positionIn(text, change.end)), change.text, {
        needsConfirmation: true,
        label: vscode.l10n.t('Locale files'),
        description: path.basename(path.dirname(file.path)),
      });
    }
    return renamed;
  }
}

/** The key a rename starts from: in a locale file, a plural form stands for its base. */
function baseKey(target: KeyTarget): string {
  if (target.site) return target.site.key;
  return splitPluralSuffix(target.key, target.state.config!.pluralSeparator)?.base ?? target.key;
}

/** The one replaced stretch that turns `a` into `b` (common head and tail kept). */
export function minimalChange(a: string, b: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let ea = a.length;
  let eb = b.length;
  while (ea > start && eb > start && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  return { start, end: ea, text: b.slice(start, eb) };
}
