/**
 * Inline values: after each `t('…')` call (and `<Trans i18nKey>` opening tag), the value of its
 * key in the source locale or a chosen one, cut at about 40 characters. vscode-free: the provider
 * wraps these in inlay hints, the bench times this function on a 2,000-line file.
 */
import type { CallSite, Position } from '../../code/types';
import type { Catalog } from './catalog';

export const maxInlineChars = 40;

export interface InlineHint {
  readonly position: Position;
  readonly label: string;
  /** The whole value, when the label is cut. */
  readonly full: string;
  readonly missing: boolean;
}

/** One line of text: line breaks and runs of spaces become one space, cut with an ellipsis. */
export function truncate(value: string, max = maxInlineChars): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/**
 * Hints for a document's sites. `locale`: BCP 47 (default the source). `skipLines`: lines being
 * edited (the cursor's), where a hint would move the text under the user's hands.
 */
export function inlineHints(
  sites: readonly CallSite[],
  catalog: Catalog,
  options: { locale?: string; skipLines?: ReadonlySet<number>; missingLabel: (locale: string) => string },
): InlineHint[] {
  const locale = options.locale || catalog.sourceLocale;
  const out: InlineHint[] = [];
  for (const site of sites) {
    if (site.dynamic || !site.keyRange) continue;
    const at = site.callRange.endPos;
    if (options.skipLines?.has(at.line) || options.skipLines?.has(site.keyRange.startPos.line)) continue;
    // One hint per call: the first key of a fallback array `t(['a', 'b'])` stands for the call.
    if (
      site.fallbackGroup !== undefined &&
      out.some((h) => h.position.line === at.line && h.position.character === at.character)
    ) {
      continue;
    }
    const found = catalog.find(site.namespaces, site.key);
    if (!found) continue;
    const leaf = catalog.value(found.ns, locale, found.key);
    const text = leaf?.value === undefined || leaf.value === null || leaf.value === '' ? undefined : String(leaf.value);
    if (text === undefined) out.push({ position: at, label: options.missingLabel(locale), full: '', missing: true });
    else out.push({ position: at, label: truncate(text), full: text, missing: false });
  }
  return out;
}
