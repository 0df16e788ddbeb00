/**
 * Provisional values: machine translations written by Translate Missing Keys, recorded in
 * `.locale-loop/state.json` until a pull brings the human translation. A value is provisional
 * only while the file still holds exactly what was recorded (an edit makes it the user's own).
 * Marked in the Locales view, in the Problems panel (an information hint) and on hover.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import { parseLocaleText } from '../locales/scan';
import { loadState } from '../sync/state';
import type { FolderManager, FolderState } from './folders';

/** Recorded provisional values by workspace-relative target file, then key. */
export async function recordedProvisional(state: FolderState): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  const report = state.scan?.report;
  if (!report || !state.config) return out;
  const sync = await loadState(state.config.root).catch(() => undefined);
  for (const [nsId, byLocale] of Object.entries(sync?.provisional ?? {})) {
    for (const [locale, keys] of Object.entries(byLocale)) {
      const file = report.locales.find((l) => l.locale === locale)?.namespaces.find((n) => n.id === nsId)?.file;
      if (file && Object.keys(keys).length > 0) out.set(file, new Map(Object.entries(keys)));
    }
  }
  return out;
}

/** Keys of a file's text whose value is still the recorded machine translation. */
export function stillProvisional(
  text: string,
  rel: string,
  recorded: ReadonlyMap<string, string>,
  keySeparator: string | false,
): Array<{ key: string; keyOffset: number; end: number }> {
  try {
    const parsed = parseLocaleText(text.replace(/^\uFEFF/, ''), rel, { keySeparator });
    const bom = text.startsWith('\uFEFF') ? 1 : 0;
    return [...parsed.entries.values()]
      .filter((e) => e.kind === 'string' && recorded.get(e.key) === e.value)
      .map((e) => ({ key: e.key, keyOffset: e.keyOffset + bom, end: e.valueOffset + e.valueLength + bom }));
  } catch {
    return [];
  }
}

export const provisionalLabel = () => vscode.l10n.t('machine translation (provisional)');

export class ProvisionalHover implements vscode.HoverProvider {
  constructor(private readonly folders: FolderManager) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const state = this.folders.configured().find((s) => document.uri.fsPath.startsWith(s.folder.uri.fsPath + path.sep));
    if (!state?.config) return undefined;
    const rel = path.relative(state.folder.uri.fsPath, document.uri.fsPath).split(path.sep).join('/');
    const recorded = (await recordedProvisional(state)).get(rel);
    if (!recorded) return undefined;
    const at = document.offsetAt(position);
    const hit = stillProvisional(document.getText(), rel, recorded, state.config.keySeparator).find(
      (e) => at >= e.keyOffset && at <= e.end,
    );
    if (!hit) return undefined;
    const text = new vscode.MarkdownString(
      `$(sparkle) **${vscode.l10n.t('Machine translation (provisional)')}** — ${vscode.l10n.t('written by ModernMT (Translate Missing Keys). The next pull replaces it with the human translation, unless you edit it first.')}`,
      true,
    );
    return new vscode.Hover(text, new vscode.Range(document.positionAt(hit.keyOffset), document.positionAt(hit.end)));
  }
}
