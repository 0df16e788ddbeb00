/**
 * Protected text longer than one request may carry, split into sentences (at the top level of
 * the tag tree, so every piece holds whole pairs) that are translated as separate segments and
 * joined again with the whitespace that separated them.
 */

export interface Chunk {
  /** Protected XML of the piece. */
  readonly xml: string;
  /** Whitespace that followed it in the source (put back between the translations). */
  readonly gap: string;
}

/** The pieces of `xml`, each at most `max` characters, or undefined when it cannot be split so. */
export function splitLong(xml: string, max: number): Chunk[] | undefined {
  if (xml.length <= max) return [{ xml, gap: '' }];
  // Sentence ends at depth 0: after . ! ? … (or their CJK forms), or a self-closing tag, then whitespace.
  const cuts: Array<{ end: number; next: number }> = [];
  let depth = 0;
  const token = /<(\/?)g\d+>|([.!?…。！？]|<x\d+\/>)(\s+)/g;
  for (const m of xml.matchAll(token)) {
    if (m[0].startsWith('<g')) depth++;
    else if (m[0].startsWith('</g')) depth--;
    else if (depth === 0 && m[3] !== undefined) {
      cuts.push({ end: m.index! + m[2]!.length, next: m.index! + m[0].length });
    }
  }
  const out: Chunk[] = [];
  let start = 0;
  let last: { end: number; next: number } | undefined;
  for (const cut of [...cuts, { end: xml.length, next: xml.length }]) {
    if (cut.end - start > max) {
      if (!last || last.end <= start) return undefined;
      out.push({ xml: xml.slice(start, last.end), gap: xml.slice(last.end, last.next) });
      start = last.next;
      if (cut.end - start > max) return undefined;
    }
    last = cut;
  }
  out.push({ xml: xml.slice(start), gap: '' });
  return out;
}
