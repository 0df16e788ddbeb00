/**
 * Placeholder safety for machine translation, the receiving half: the engine's XML back into a
 * value, accepted only when every tag came back exactly once in the same tree (pairs still
 * pairs, nothing moved into or out of a pair, no pair emptied that had text), the outer
 * whitespace is the source's, and — for ICU — the result parses with the source's arguments,
 * selectors, `#` and nesting. Anything else is refused with a reason and never written.
 */
import type { PlaceholderOptions } from '../locales/placeholders';
import { comparePlaceholders } from '../locales/placeholders';
import { icuLiteral, icuSkeleton } from './icu';
import type { Protected } from './protect';
import { unescapeXml } from './protect';

export type Restored =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      readonly text: string;
      readonly missing: readonly string[];
      readonly extra: readonly string[];
      readonly reason: string;
    };

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tag'; readonly tag: string; readonly raw?: string };

/** Anything tag-like in the engine's output; ours are `<xN/>`, `<gN>` and `</gN>`. */
const tagLike = /<\/?[A-Za-z][^<>]*>/g;

function normaliseTag(tag: string): string {
  return tag.replace(/\s+/g, '').replace(/^<x(\d+)\/>$/, '<x$1/>');
}

export function restore(p: Protected, translatedXml: string, options: PlaceholderOptions = {}): Restored {
  const parts: Part[] = [];
  let last = 0;
  for (const m of translatedXml.matchAll(tagLike)) {
    if (m.index! > last) parts.push({ kind: 'text', text: unescapeXml(translatedXml.slice(last, m.index)) });
    const tag = normaliseTag(m[0]);
    parts.push({ kind: 'tag', tag, raw: p.tags.get(tag) });
    last = m.index! + m[0].length;
  }
  if (last < translatedXml.length) parts.push({ kind: 'text', text: unescapeXml(translatedXml.slice(last)) });

  const text = assemble(p, parts);
  const problem = treeProblem(p, parts);
  if (problem) return { ok: false, text, ...problem };
  // The source's core has no outer whitespace: a line break the engine moved to an end would add some.
  if (/^\s|\s$/.test(text.slice(p.lead.length, text.length - p.trail.length))) {
    return {
      ok: false,
      text,
      missing: [],
      extra: [],
      reason: 'the translation moved a line break to its start or end',
    };
  }
  if (p.icu) {
    const want = icuSkeleton(p.source);
    const got = icuSkeleton(text);
    if (got === undefined) {
      return { ok: false, text, missing: [], extra: [], reason: 'the translation is not a valid ICU message' };
    }
    if (got !== want) {
      return {
        ok: false,
        text,
        missing: [],
        extra: [],
        reason: 'the translation changed the ICU structure (arguments, plural or select branches, # or nesting)',
      };
    }
  }
  const cmp = comparePlaceholders(p.source, text, options);
  if (!cmp.ok) {
    return { ok: false, text, missing: cmp.missing, extra: cmp.extra, reason: lostAdded(cmp.missing, cmp.extra) };
  }
  return { ok: true, text };
}

function lostAdded(missing: readonly string[], extra: readonly string[]): string {
  return `the translation ${[missing.length ? `lost ${missing.join(' ')}` : '', extra.length ? `added ${extra.join(' ')}` : ''].filter(Boolean).join(' and ')}`;
}

/** The value: engine text unescaped (ICU-literal where needed), tags as written in the source. */
function assemble(p: Protected, parts: readonly Part[]): string {
  const pieces = parts.map((x) => (x.kind === 'text' ? x.text : (x.raw ?? '')));
  // The source's outer whitespace, whatever the engine did with its own.
  if (parts[0]?.kind === 'text') pieces[0] = pieces[0]!.replace(/^\s+/, '');
  if (parts.at(-1)?.kind === 'text') pieces[pieces.length - 1] = pieces.at(-1)!.replace(/\s+$/, '');
  if (p.icu) {
    parts.forEach((x, k) => {
      if (x.kind === 'text') {
        pieces[k] = icuLiteral(pieces[k]!, pieces.slice(k + 1).join('') || p.trail, p.doubledApostrophes);
      }
    });
  }
  return p.lead + pieces.join('') + p.trail;
}

/** The first way the result's tags differ from the source's tree, if any. */
function treeProblem(
  p: Protected,
  parts: readonly Part[],
): { missing: string[]; extra: string[]; reason: string } | undefined {
  const seen = new Map<string, number>();
  const stack: number[] = [];
  const withText = new Set<number>();
  const shape = (tag: string) =>
    tag.startsWith('</g') ? `${p.tags.get(`<g${tag.slice(3)}`)}…${p.tags.get(tag)}` : (p.tags.get(tag) ?? tag);
  for (const x of parts) {
    if (x.kind === 'text') {
      if (/\S/.test(x.text)) for (const id of stack) withText.add(id);
      continue;
    }
    if (x.raw === undefined) {
      return { missing: [], extra: [x.tag], reason: `the translation has a tag the source did not: ${x.tag}` };
    }
    seen.set(x.tag, (seen.get(x.tag) ?? 0) + 1);
    if (seen.get(x.tag)! > 1) {
      return { missing: [], extra: [x.raw], reason: `the translation repeated ${shape(x.tag)}` };
    }
    const id = Number(/\d+/.exec(x.tag)![0]);
    if (x.tag.startsWith('</')) {
      if (stack.at(-1) !== id) {
        return { missing: [], extra: [], reason: `the translation crossed or broke the pair ${shape(x.tag)}` };
      }
      stack.pop();
      if (p.pairsWithText.has(id) && !withText.has(id)) {
        return { missing: [], extra: [], reason: `the translation emptied ${shape(x.tag)}, which had text` };
      }
      continue;
    }
    if ((stack.at(-1) ?? -1) !== p.parent.get(id)) {
      return {
        missing: [],
        extra: [],
        reason: `the translation moved ${x.raw} ${p.parent.get(id) === -1 ? 'into a pair of tags' : 'out of its pair of tags'}`,
      };
    }
    if (x.tag.startsWith('<g')) stack.push(id);
  }
  if (stack.length > 0) {
    return { missing: [], extra: [], reason: `the translation left ${shape(`</g${stack.at(-1)}>`)} unclosed` };
  }
  const lost = [...p.tags.keys()].filter((tag) => !seen.has(tag));
  if (lost.length > 0) {
    return {
      missing: lost.map((tag) => p.tags.get(tag)!),
      extra: [],
      reason: `the translation lost ${lost.map(shape).join(' ')}`,
    };
  }
  return undefined;
}
