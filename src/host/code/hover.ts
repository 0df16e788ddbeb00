/**
 * Hover on a key in code: every locale's value ("fr: missing" in words), provisional machine
 * translations marked, the Phrase TMS job of each locale (status, workflow step as the Phrase TMS
 * view last fetched it), and actions: translate into the missing locales, open the key in the
 * source file, open a job. Answered from memory: no network call.
 */
import * as vscode from 'vscode';
import { commandIds } from '../commandIds';
import type { RevealArgs } from '../views/localesTree';
import type { CodeWorkspace } from './codeWorkspace';
import { toRange } from './keyAt';
import { hoverMarkdown, keyInfo } from './keyInfo';

export function commandLink(command: string, ...args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

export class KeyHoverProvider implements vscode.HoverProvider {
  constructor(private readonly code: CodeWorkspace) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const at = this.code.siteAt(document, position);
    if (!at || at.site.dynamic || !at.site.keyRange) return undefined;
    const { state, site } = at;
    const keyRange = at.site.keyRange;
    const catalog = this.code.catalogNow(state) ?? (await this.code.catalog(state));
    if (!catalog) return undefined;
    const folder = state.folder.uri.fsPath;
    const range = toRange(keyRange);
    const info = keyInfo(
      catalog,
      site.namespaces,
      site.key,
      await this.code.syncState(state),
      this.code.jobs.rowsOf(folder),
    );
    if (!info) {
      const ns = site.namespace ?? site.namespaces.join('|');
      return new vscode.Hover(
        new vscode.MarkdownString(
          vscode.l10n.t(
            '"{0}" is not in the source locale ({1}).',
            `${ns ? `${ns}:` : ''}${site.key}`,
            catalog.sourceLocale,
          ),
        ),
        range,
      );
    }
    const reveal: RevealArgs | undefined = info.ns.source
      ? { folder, file: info.ns.source.file.relPath, key: info.key }
      : undefined;
    const text = hoverMarkdown(
      info,
      {
        missing: vscode.l10n.t('missing'),
        provisional: vscode.l10n.t('machine translation (provisional)'),
        job: (status, step) =>
          step ? vscode.l10n.t('Phrase TMS: {0}, {1}', step, status) : vscode.l10n.t('Phrase TMS: {0}', status),
        translate: (locales) => vscode.l10n.t('Translate into {0} with ModernMT', locales),
        open: (file) => vscode.l10n.t('Open in {0}', file),
        openJob: (locale) => vscode.l10n.t('Open the {0} job', locale),
      },
      {
        translate: commandLink(commandIds.translateKey, { folder, namespace: info.ns.template, key: info.key }),
        open: reveal && commandLink(commandIds.revealKey, reveal),
        job: (_locale, jobUid) => commandLink(commandIds.openJobInPhrase, { folder, jobUid }),
      },
    );
    const md = new vscode.MarkdownString(text);
    md.isTrusted = { enabledCommands: [commandIds.translateKey, commandIds.revealKey, commandIds.openJobInPhrase] };
    return new vscode.Hover(md, range);
  }
}
