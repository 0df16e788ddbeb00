/**
 * Translating one text, or a few at once (CLI `translate`, the editor's Translate Selection):
 * the workspace's locale map, ICU setting and memory hint, placeholders protected, a selection
 * inside a string literal decoded and re-encoded, the result restored strictly, and the
 * characters ModernMT billed. Both faces call this; neither protects or restores on its own.
 */
import { createHash } from 'node:crypto';
import type { LocaleLoopConfig } from '../locales/config';
import { LocaleCodes } from '../locales/localeCodes';
import type { ModernMtClient } from '../modernmt/client';
import type { StringLiteral } from '../modernmt/literal';
import { decodeLiteral, encodeLiteral } from '../modernmt/literal';
import { protect } from '../modernmt/protect';
import { restore } from '../modernmt/restore';
import { resolveMemory } from './memory';
import { loadState } from './state';

export interface TextToTranslate {
  readonly text: string;
  /** The string literal the text was selected in: decoded before, encoded after. */
  readonly literal?: StringLiteral;
}

export type TextResult =
  | { readonly ok: true; readonly source: string; readonly text: string }
  | { readonly ok: false; readonly source: string; readonly text: string; readonly reason: string };

export interface TextTranslationResult {
  readonly results: readonly TextResult[];
  /** Characters ModernMT billed for these texts (as it reported them). */
  readonly billedCharacters: number;
}

/**
 * A `project_id` that stays the same for a workspace (a hash: no path is sent), so a rerun after
 * a failure sends the same project, sentence and target, which ModernMT bills once.
 */
export function mtProjectId(config: LocaleLoopConfig): string {
  return `locale-loop-${createHash('sha256').update(`${config.root}\u0000${config.sourceLocale}`).digest('hex').slice(0, 16)}`;
}

export async function translateTexts(
  client: ModernMtClient,
  texts: readonly TextToTranslate[],
  options: {
    readonly to: string;
    readonly from?: string;
    readonly config?: LocaleLoopConfig;
    readonly signal?: AbortSignal;
  },
): Promise<TextTranslationResult> {
  const config = options.config;
  const codes = new LocaleCodes(config?.localeMap ?? {});
  const icu = { icu: config?.icu };
  const memory = config
    ? await resolveMemory(config, client, await loadState(config.root), false, options.signal).catch(() => undefined)
    : undefined;
  const decoded = texts.map((t) => (t.literal ? decodeLiteral(t.text, t.literal) : t.text));
  const prot = decoded.map((d) => (d === undefined ? undefined : protect(d, icu)));
  // Only what has words goes to the engine: a placeholder or blank alone comes back as it is.
  const send = prot
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: NonNullable<typeof x.p>; i: number } => !!x.p?.hasText);
  const source = options.from
    ? codes.toModernMt(options.from)
    : config
      ? codes.toModernMt(config.sourceLocale)
      : undefined;
  const translated = send.length
    ? await client.translate(
        source,
        codes.toModernMt(options.to),
        send.map((x) => x.p.xml),
        {
          format: 'text/xml',
          hints: memory !== undefined ? [memory] : undefined,
          projectId: config ? mtProjectId(config) : undefined,
          signal: options.signal,
        },
      )
    : [];
  const engine = new Map(send.map((x, k) => [x.i, translated[k]!]));
  const results = texts.map((t, i): TextResult => {
    const p = prot[i];
    if (!p) {
      return {
        ok: false,
        source: t.text,
        text: t.text,
        reason: 'the selection cuts an escape sequence of the string in half (or holds code, such as ${…})',
      };
    }
    const e = engine.get(i);
    const r = e ? restore(p, e.translation, icu) : { ok: true as const, text: p.source };
    const text = t.literal ? encodeLiteral(r.text, t.literal) : r.text;
    return r.ok ? { ok: true, source: t.text, text } : { ok: false, source: t.text, text, reason: r.reason };
  });
  const billedCharacters = translated.reduce((n, t) => n + (t.billedCharacters ?? t.characters ?? 0), 0);
  return { results, billedCharacters };
}
