/**
 * The Locales view: workspace folder (only in multi-root workspaces) → locale (key count, what
 * needs attention; the source locale marked) → namespace file → keys that need attention
 * (missing, untranslated, plural forms missing, placeholder mismatch) and machine translations
 * still provisional. Clicking a key reveals it. A source file that cannot be read shows as an
 * error on the source and on every locale it leaves unchecked (never as "0 missing").
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LocaleReport, NamespaceReport } from '../../locales/scan';
import { pluralKey, splitPluralSuffix } from '../../locales/plurals';
import { commandIds } from '../commandIds';
import type { FolderManager, FolderState } from '../folders';
import { plural } from '../plural';
import { provisionalLabel, recordedProvisional, stillProvisional } from '../provisional';

export type LocalesNode =
  | { readonly kind: 'folder'; readonly state: FolderState }
  | { readonly kind: 'locale'; readonly state: FolderState; readonly locale: LocaleReport }
  | {
      readonly kind: 'namespace';
      readonly state: FolderState;
      readonly locale: LocaleReport;
      readonly ns: NamespaceReport;
    }
  | {
      readonly kind: 'key';
      readonly state: FolderState;
      readonly locale: string;
      readonly ns: NamespaceReport;
      readonly key: string;
      readonly reason: KeyReason;
      readonly detail?: string;
    }
  | {
      readonly kind: 'message';
      readonly text: string;
      readonly error?: boolean;
      readonly command?: vscode.Command;
      readonly icon?: string;
    };

export type KeyReason = 'missing' | 'untranslated' | 'plural' | 'placeholder' | 'empty' | 'provisional';

/** The arguments of `localeLoop.revealKey` (also accepted from tests). */
export interface RevealArgs {
  readonly folder: string;
  readonly file: string;
  readonly key: string;
}

export class LocalesTree implements vscode.TreeDataProvider<LocalesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LocalesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly folders: FolderManager,
    /** Whether a ModernMT key is set (without one, the view's first row says how to set it). */
    private readonly hasModernMtKey: () => Thenable<boolean> = async () => true,
  ) {
    this.subscription = folders.onDidChange(() => this.changed.fire(undefined));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** The view's badge: missing or empty translations, plus source files that cannot be read (they hide their keys from every count). */
  badge(): vscode.ViewBadge | undefined {
    const report = this.folders
      .configured()
      .flatMap((s) => s.scan?.report.locales ?? [])
      .filter((l) => !l.isSource);
    const open = report.reduce((n, l) => n + l.missing + l.empty, 0);
    const broken = this.folders.configured().reduce((n, s) => n + brokenSources(s).length, 0);
    const tooltip = [
      open > 0
        ? plural(
            open,
            vscode.l10n.t('1 missing or empty translation'),
            vscode.l10n.t('{0} missing or empty translations', open),
          )
        : '',
      broken > 0
        ? plural(
            broken,
            vscode.l10n.t('1 source file cannot be read'),
            vscode.l10n.t('{0} source files cannot be read', broken),
          )
        : '',
    ].filter(Boolean);
    return open + broken > 0 ? { value: open + broken, tooltip: tooltip.join(' · ') } : undefined;
  }

  async getChildren(node?: LocalesNode): Promise<LocalesNode[]> {
    if (!node) {
      const configured = this.folders.configured();
      const broken = this.folders.all().filter((s) => s.configError);
      const messages: LocalesNode[] = broken.map((s) => ({
        kind: 'message',
        text: `${s.folder.name}: ${s.configError}`,
        error: true,
      }));
      if (configured.length > 0 && !(await this.hasModernMtKey())) {
        messages.push({
          kind: 'message',
          text: vscode.l10n.t('No ModernMT API key: set one to translate selections and missing keys'),
          icon: 'key',
          command: { command: commandIds.setModernMtKey, title: vscode.l10n.t('Set ModernMT API Key') },
        });
      }
      if (configured.length === 1 && (vscode.workspace.workspaceFolders?.length ?? 0) <= 1) {
        return [...messages, ...(await this.localesOf(configured[0]!))];
      }
      return [...messages, ...configured.map((state): LocalesNode => ({ kind: 'folder', state }))];
    }
    switch (node.kind) {
      case 'folder':
        return this.localesOf(node.state);
      case 'locale':
        return node.locale.namespaces.map((ns): LocalesNode => ({
          kind: 'namespace',
          state: node.state,
          locale: node.locale,
          ns,
        }));
      case 'namespace': {
        const keys = attentionKeys(node.ns, separatorOf(node.state));
        for (const k of await this.provisionalKeys(node.state, node.ns)) keys.push([k, 'provisional']);
        return keys.map(([key, reason, detail]): LocalesNode => ({
          kind: 'key',
          state: node.state,
          locale: node.locale.locale,
          ns: node.ns,
          key,
          reason,
          detail,
        }));
      }
      default:
        return [];
    }
  }

  /** Keys of a target file still holding the machine translation Translate Missing Keys wrote. */
  private async provisionalKeys(state: FolderState, ns: NamespaceReport): Promise<string[]> {
    if (!ns.file || ns.malformed || !state.config) return [];
    const recorded = (await recordedProvisional(state)).get(ns.file);
    if (!recorded) return [];
    const text = await fs.readFile(path.join(state.folder.uri.fsPath, ns.file), 'utf8').catch(() => '');
    return stillProvisional(text, ns.file, recorded, state.config.keySeparator).map((e) => e.key);
  }

  private async localesOf(state: FolderState): Promise<LocalesNode[]> {
    const scan = await this.folders.scan(state);
    if (!scan) {
      return [{ kind: 'message', text: state.scanError ?? vscode.l10n.t('Scanning…'), error: !!state.scanError }];
    }
    return scan.report.locales.map((locale): LocalesNode => ({ kind: 'locale', state, locale }));
  }

  getTreeItem(node: LocalesNode): vscode.TreeItem {
    switch (node.kind) {
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon(node.icon ?? (node.error ? 'error' : 'loading~spin'));
        item.command = node.command;
        return item;
      }
      case 'folder': {
        const item = new vscode.TreeItem(node.state.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = vscode.ThemeIcon.Folder;
        item.contextValue = 'folder';
        return item;
      }
      case 'locale': {
        const l = node.locale;
        const item = new vscode.TreeItem(l.locale, vscode.TreeItemCollapsibleState.Collapsed);
        const issues = l.missing + l.untranslated + l.pluralFormsMissing + l.placeholderMismatches;
        const broken = brokenSources(node.state);
        const unreadable =
          broken.length > 0
            ? ` · ${plural(broken.length, vscode.l10n.t('1 source file cannot be read'), vscode.l10n.t('{0} source files cannot be read', broken.length))}`
            : '';
        item.description = l.isSource
          ? vscode.l10n.t('source · {0} keys', l.keyCount) + unreadable
          : vscode.l10n.t('{0} keys · {1} missing · {2} untranslated', l.keyCount, l.missing, l.untranslated) +
            (broken.length > 0 ? ` · ${vscode.l10n.t('not fully checked')}` : '');
        item.iconPath = new vscode.ThemeIcon(
          broken.length > 0 ? 'error' : l.isSource ? 'star-full' : issues > 0 ? 'globe' : 'pass',
        );
        item.contextValue = l.isSource ? 'locale.source' : 'locale.target';
        item.tooltip = new vscode.MarkdownString(
          [
            `**${l.locale}**${l.isSource ? ` (${vscode.l10n.t('source')})` : ''}`,
            `${vscode.l10n.t('Keys')}: ${l.keyCount}`,
            `${vscode.l10n.t('Missing')}: ${l.missing} · ${vscode.l10n.t('Empty')}: ${l.empty} · ${vscode.l10n.t('Untranslated')}: ${l.untranslated}`,
            `${vscode.l10n.t('Plural gaps')}: ${l.pluralFormsMissing} · ${vscode.l10n.t('Placeholder mismatches')}: ${l.placeholderMismatches} · ${vscode.l10n.t('Extra')}: ${l.extra}`,
          ].join('\n\n'),
        );
        item.id = `${node.state.folder.uri}#${l.locale}`;
        return item;
      }
      case 'namespace': {
        const ns = node.ns;
        const count = attentionKeys(ns, separatorOf(node.state)).length;
        const sourceError = node.state.scan?.report.errors.find(
          (e) =>
            brokenSources(node.state).includes(e.file) &&
            node.state.scan?.files.some((f) => f.relPath === e.file && f.template === ns.id),
        );
        // No file because discovery refused its path (a link leading outside, a directory): say so, not "no file".
        const expected = ns.id.split('{locale}').join(node.locale.locale);
        const refusal = !ns.file
          ? node.state.scan?.report.errors.find((e) => expected === e.file || expected.startsWith(`${e.file}/`))
          : undefined;
        // Collapsible whenever the file exists: provisional values are only known on expanding.
        const item = new vscode.TreeItem(
          ns.namespace,
          count > 0 || (ns.file && !node.locale.isSource)
            ? vscode.TreeItemCollapsibleState.Collapsed
            : vscode.TreeItemCollapsibleState.None,
        );
        item.description = sourceError
          ? vscode.l10n.t(
              'source file cannot be read: {0}',
              sourceError.message.replace(/^.*?:(\d+):(\d+): /, 'line $1: '),
            )
          : ns.malformed
            ? vscode.l10n.t('malformed, skipped')
            : refusal
              ? vscode.l10n.t('refused: {0}', refusal.message)
              : !ns.file
                ? vscode.l10n.t('no file · {0} missing', ns.missing.length)
                : count > 0
                  ? vscode.l10n.t('{0} need attention', count)
                  : '';
        if (ns.file) {
          item.resourceUri = vscode.Uri.file(path.join(node.state.folder.uri.fsPath, ns.file));
          item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [item.resourceUri] };
        }
        item.iconPath =
          ns.malformed || sourceError || refusal
            ? new vscode.ThemeIcon('error')
            : ns.file
              ? vscode.ThemeIcon.File
              : new vscode.ThemeIcon('circle-slash');
        item.contextValue = ns.malformed ? 'namespace.malformed' : 'namespace';
        item.id = `${node.state.folder.uri}#${node.locale.locale}#${ns.id}`;
        return item;
      }
      case 'key': {
        const item = new vscode.TreeItem(node.key);
        item.description = reasonLabel(node.reason) + (node.detail ? ` · ${node.detail}` : '');
        item.iconPath = new vscode.ThemeIcon(
          node.reason === 'placeholder' || node.reason === 'plural'
            ? 'warning'
            : node.reason === 'missing'
              ? 'circle-outline'
              : node.reason === 'provisional'
                ? 'sparkle'
                : 'info',
        );
        item.contextValue = `key.${node.reason}`;
        // A missing key opens the source file at that key; the others the target file.
        const sourceFile = node.state.scan?.files.find(
          (f) => f.template === node.ns.id && f.locale === node.state.scan?.report.sourceLocale,
        )?.relPath;
        const file = node.reason === 'missing' || !node.ns.file ? sourceFile : node.ns.file;
        // A plural form the source lacks (Polish `_few`) is shown at the source's `_other` form.
        const form = node.reason === 'missing' ? splitPluralSuffix(node.key, separatorOf(node.state)) : undefined;
        const sourceKey = form ? pluralKey(form.base, 'other', form.ordinal, separatorOf(node.state)) : node.key;
        const args: RevealArgs = { folder: node.state.folder.uri.fsPath, file: file ?? '', key: sourceKey };
        item.command = { command: commandIds.revealKey, title: vscode.l10n.t('Reveal Key'), arguments: [args] };
        item.id = `${node.state.folder.uri}#${node.locale}#${node.ns.id}#${node.key}#${node.reason}`;
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The folder's i18next plural separator (`_` unless locale-loop.json says otherwise). */
function separatorOf(state: FolderState): string {
  return state.config?.pluralSeparator ?? '_';
}

/** Workspace-relative source-locale files the last scan could not read. */
export function brokenSources(state: FolderState): string[] {
  const scan = state.scan;
  if (!scan) return [];
  const sources = new Set(scan.files.filter((f) => f.locale === scan.report.sourceLocale).map((f) => f.relPath));
  return scan.report.errors.filter((e) => sources.has(e.file)).map((e) => e.file);
}

/**
 * Keys of a namespace that need attention, with why (capped: the tree is not a report). Plural
 * forms are named as the inventory names them, with the workspace's `pluralSeparator`.
 */
export function attentionKeys(
  ns: NamespaceReport,
  pluralSeparator: string,
  cap = 500,
): Array<[string, KeyReason, string?]> {
  const out: Array<[string, KeyReason, string?]> = [];
  const plural = new Set(
    ns.pluralFormsMissing.flatMap((g) => g.missing.map((c) => pluralKey(g.base, c, g.ordinal, pluralSeparator))),
  );
  for (const k of ns.missing) out.push([k, plural.has(k) ? 'plural' : 'missing']);
  for (const k of ns.empty) out.push([k, 'empty']);
  for (const m of ns.placeholderMismatches) {
    out.push([
      m.key,
      'placeholder',
      [m.missing.length ? `−${m.missing.join(' ')}` : '', m.extra.length ? `+${m.extra.join(' ')}` : '']
        .filter(Boolean)
        .join(' '),
    ]);
  }
  for (const k of ns.untranslated) out.push([k, 'untranslated']);
  return out.slice(0, cap);
}

function reasonLabel(r: KeyReason): string {
  switch (r) {
    case 'missing':
      return vscode.l10n.t('missing');
    case 'plural':
      return vscode.l10n.t('plural form missing');
    case 'placeholder':
      return vscode.l10n.t('placeholder mismatch');
    case 'empty':
      return vscode.l10n.t('empty');
    case 'untranslated':
      return vscode.l10n.t('untranslated');
    case 'provisional':
      return provisionalLabel();
  }
}
