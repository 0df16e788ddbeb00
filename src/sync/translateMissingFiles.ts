/**
 * The target files of translate-missing: whether one can be written, the text each key is
 * translated from, where a new key goes, and the provisional marks recorded for what is written.
 */
import { promises as fs } from 'node:fs';
import type { LocaleValues } from '../locales/scan';
import { findPluralGroups, pluralCategoriesOf, pluralKey, splitPluralSuffix } from '../locales/plurals';
import { dict } from '../util/dict';
import type { SyncState } from './state';
import type { Workspace } from './workspace';
import { resolveTarget } from './workspace';

/** A target file not read or written (a link leading outside, a directory, a malformed or read-only file). */
export interface SkippedFile {
  readonly file: string;
  /** A sentence naming the file and the reason. */
  readonly reason: string;
}

/** The machine-translation marks of one target file (created on first use). */
export function marksOf(state: SyncState, namespace: string, locale: string): Record<string, string> {
  const byNamespace = (state.provisional ??= dict());
  const byLocale = (byNamespace[namespace] ??= dict());
  return (byLocale[locale] ??= dict());
}

/** Drops the mark records left empty (a file whose write failed). */
export function pruneMarks(state: SyncState): void {
  for (const [namespace, byLocale] of Object.entries(state.provisional ?? {})) {
    for (const [locale, marks] of Object.entries(byLocale)) {
      if (Object.keys(marks).length === 0) delete byLocale[locale];
    }
    if (Object.keys(byLocale).length === 0) delete state.provisional![namespace];
  }
}

/**
 * The workspace-relative target file when it can be written: inside the folder by the symlink
 * rule, a file (or not there yet), and parsed by the scan (`malformed`: its error); else why not.
 */
export async function writableTarget(
  ws: Workspace,
  namespace: string,
  locale: string,
  malformed: string | undefined,
): Promise<{ file: string } | SkippedFile> {
  let target: { path: string; relPath: string };
  try {
    target = await resolveTarget(ws, namespace, locale);
  } catch (e) {
    return { file: namespace.replace('{locale}', locale), reason: (e as Error).message };
  }
  if (malformed) {
    return {
      file: target.relPath,
      reason: `${malformed} (skipped: the file is never written while it does not parse)`,
    };
  }
  const stat = await fs.stat(target.path).catch(() => undefined);
  if (stat && !stat.isFile()) {
    return {
      file: target.relPath,
      reason: `${target.relPath} is ${stat.isDirectory() ? 'a directory' : 'not a regular file'}, not a locale file: skipped`,
    };
  }
  return { file: target.relPath };
}

export function sourceOf(parsed: LocaleValues | undefined): Map<string, string> | undefined {
  if (!parsed) return undefined;
  const out = new Map<string, string>();
  for (const e of parsed.entries.values()) if (e.kind === 'string') out.set(e.key, e.value as string);
  return out;
}

/** The text a target key is translated from: its source value, or for a plural form the source lacks, `_other`. */
export function sourceText(source: Map<string, string>, key: string, separator: string): string | undefined {
  const direct = source.get(key);
  if (direct !== undefined) return direct;
  const s = splitPluralSuffix(key, separator);
  return s ? source.get(pluralKey(s.base, 'other', s.ordinal, separator)) : undefined;
}

/** Source key order with each plural group expanded to the forms `locale` uses (for placing new keys). */
export function expectedOrder(sourceKeys: readonly string[], locale: string, separator: string): string[] {
  const groups = findPluralGroups(sourceKeys, separator);
  const out: string[] = [];
  const emitted = new Set<string>();
  for (const key of sourceKeys) {
    const s = splitPluralSuffix(key, separator);
    const id = s && (s.ordinal ? `${s.base}#ordinal` : s.base);
    if (!s || !groups.has(id!)) {
      out.push(key);
      continue;
    }
    if (emitted.has(id!)) continue;
    emitted.add(id!);
    const forms = pluralCategoriesOf(locale, s.ordinal);
    const present = groups.get(id!)!.present;
    // The zero form, where the source has one, keeps its place before the others.
    for (const c of present.includes('zero') && !s.ordinal
      ? ['zero' as const, ...forms.filter((f) => f !== 'zero')]
      : forms) {
      out.push(pluralKey(s.base, c, s.ordinal, separator));
    }
  }
  return out;
}

export function countBy(items: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of items) out.set(i, (out.get(i) ?? 0) + 1);
  return out;
}
