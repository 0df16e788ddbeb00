/**
 * What the editor shows about one key: every locale's value (or that it is missing), whether a
 * value is a provisional machine translation, and the Phrase TMS job of each locale. Read from
 * memory only (the catalog, the sync state already loaded, the job rows the Phrase TMS view
 * last fetched): hover never waits on the network. vscode-free so the bench runs it as is.
 */
import type { SyncState } from '../../sync/state';
import type { JobStatusRow } from '../../sync/status';
import type { Catalog, CatalogNamespace } from './catalog';

export interface LocaleLine {
  readonly locale: string;
  readonly isSource: boolean;
  /** The value as text (numbers and booleans too); undefined when missing. */
  readonly value?: string;
  /** Written by translate-missing and not edited since. */
  readonly provisional: boolean;
  readonly job?: { readonly uid: string; readonly status: string; readonly step?: string };
}

export interface KeyInfo {
  readonly ns: CatalogNamespace;
  /** The code key as resolved (namespace removed, keyPrefix applied). */
  readonly codeKey: string;
  /** The catalogue key shown (the code key, its `_other` form, or its first form or child). */
  readonly key: string;
  readonly lines: readonly LocaleLine[];
  /** Target locales without a value. */
  readonly missing: readonly string[];
}

export function keyInfo(
  catalog: Catalog,
  namespaces: readonly string[],
  codeKey: string,
  state?: SyncState,
  rows?: readonly JobStatusRow[],
): KeyInfo | undefined {
  const found = catalog.find(namespaces, codeKey);
  if (!found) return undefined;
  const { ns, key } = found;
  const provisional = state?.provisional?.[ns.template];
  const jobs = state?.files[ns.template]?.jobs;
  const lines: LocaleLine[] = [];
  for (const locale of [catalog.sourceLocale, ...catalog.targetLocales]) {
    const leaf = catalog.value(ns, locale, key);
    const value =
      leaf && leaf.value !== undefined && leaf.value !== null && leaf.value !== '' ? String(leaf.value) : undefined;
    const job = jobs?.[locale];
    // The row of the step a pull waits for (a project with workflow steps has one job per step).
    const row =
      job && (rows?.find((r) => r.jobUid === job.uid && r.pullStep) ?? rows?.find((r) => r.jobUid === job.uid));
    lines.push({
      locale,
      isSource: locale === catalog.sourceLocale,
      value,
      provisional: value !== undefined && provisional?.[locale]?.[key] === value,
      job: job ? { uid: job.uid, status: row?.status ?? job.status ?? 'NEW', step: row?.step } : undefined,
    });
  }
  return {
    ns,
    codeKey,
    key,
    lines,
    missing: lines.filter((l) => !l.isSource && l.value === undefined).map((l) => l.locale),
  };
}

/** Markdown-safe text (a value may hold `*`, `<0>`, backticks). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]|<>]/g, '\\$&');
}

export interface HoverLinks {
  readonly translate?: string;
  readonly open?: string;
  readonly job?: (locale: string, uid: string) => string;
}

/** Labels the caller localizes (the host passes vscode.l10n.t results). */
export interface HoverWords {
  readonly missing: string;
  readonly provisional: string;
  readonly job: (status: string, step: string | undefined) => string;
  readonly translate: (locales: string) => string;
  readonly open: (file: string) => string;
  readonly openJob: (locale: string) => string;
}

/** The hover's markdown: a heading, one line per locale, then the actions as command links. */
export function hoverMarkdown(info: KeyInfo, words: HoverWords, links: HoverLinks): string {
  const out = [`**${escapeMarkdown(info.ns.namespace)}:${escapeMarkdown(info.key)}**`, ''];
  for (const l of info.lines) {
    const value =
      l.value === undefined
        ? words.missing
        : escapeMarkdown(l.value.length > 200 ? `${l.value.slice(0, 200)}…` : l.value);
    const marks = [
      l.provisional ? `*${words.provisional}*` : '',
      l.job ? words.job(l.job.status, l.job.step) : '',
    ].filter(Boolean);
    out.push(
      `- ${l.isSource ? '**' : ''}${l.locale}${l.isSource ? '**' : ''}: ${value}${marks.length ? ` — ${marks.join(' · ')}` : ''}`,
    );
  }
  const actions: string[] = [];
  if (info.missing.length > 0 && links.translate) {
    actions.push(`[${words.translate(info.missing.join(', '))}](${links.translate})`);
  }
  if (links.open && info.ns.source) actions.push(`[${words.open(info.ns.source.file.relPath)}](${links.open})`);
  if (links.job) {
    for (const l of info.lines) {
      if (l.job) actions.push(`[${words.openJob(l.locale)}](${links.job(l.locale, l.job.uid)})`);
    }
  }
  if (actions.length) out.push('', actions.join(' · '));
  return out.join('\n');
}
