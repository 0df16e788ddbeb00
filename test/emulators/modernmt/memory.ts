/**
 * Memories as the emulator keeps them: their pairs, TMX 1.4 parsing, and the recall of a pair whose
 * sentence matches a query tag for tag (shared/reference/modernmt-behaviour.md, memories).
 */

export interface Pair {
  readonly source: string;
  readonly target: string;
  readonly sentence: string;
  readonly translation: string;
  readonly tuid?: string;
}

export interface MemoryRec {
  id: number;
  name: string;
  description?: string;
  creationDate: string;
  pairs: Pair[];
}

export function memoryDto(m: MemoryRec): Record<string, unknown> {
  return { id: m.id, name: m.name, description: m.description, creationDate: m.creationDate };
}

export function lang(code: string): string {
  return code.toLowerCase();
}

/**
 * Text with every tag (and TMX inline element with its content) as one marker character: a pair
 * matches a query when they agree word for word and tag for tag ("a pair stored with raw
 * `{{name}}` text does not match a query where `{{name}}` travels as `<x0/>`").
 */
export function tagless(s: string, trim = true): string {
  const out = s
    .replace(/<(ph|bpt|ept|it)\b[^>]*>[\s\S]*?<\/\1>/g, '\u0001')
    .replace(/<[^>]+>/g, '\u0001')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return trim ? out.trim() : out;
}

/** TMX 1.4 translation units: the first `tuv` is the source, every other one a target. */
export function parseTmx(xml: string): Pair[] {
  const pairs: Pair[] = [];
  for (const tu of xml.matchAll(/<tu\b([^>]*)>([\s\S]*?)<\/tu>/g)) {
    const tuid = /tuid="([^"]*)"/.exec(tu[1]!)?.[1];
    const tuvs = [...tu[2]!.matchAll(/<tuv\b[^>]*xml:lang="([^"]+)"[^>]*>\s*<seg>([\s\S]*?)<\/seg>\s*<\/tuv>/g)].map(
      (m) => ({ lang: m[1]!, seg: m[2]! }),
    );
    const [src, ...targets] = tuvs;
    if (!src) continue;
    for (const t of targets) {
      pairs.push({ source: src.lang, target: t.lang, sentence: src.seg, translation: segText(t.seg), tuid });
    }
  }
  return pairs;
}

/** A TMX segment's text, inline elements as markers (so their projection follows the query). */
export function segText(seg: string): string {
  return seg
    .replace(/<(ph|bpt|ept|it)\b[^>]*>[\s\S]*?<\/\1>/g, '\u0001')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** A pair of a hinted memory whose sentence matches (tags aside) comes back with the query's tags. */
export function recall(
  memories: ReadonlyMap<number, MemoryRec>,
  hints: number[],
  source: string,
  target: string,
  q: string,
): string | undefined {
  const queryKey = tagless(q);
  for (const id of hints) {
    const mem = memories.get(id);
    const pair = mem?.pairs.find(
      (p) => lang(p.source) === lang(source) && lang(p.target) === lang(target) && tagless(p.sentence) === queryKey,
    );
    if (pair) {
      const tags: string[] = q.match(/<[^>]+>/g) ?? [];
      // A pair stored in the query's own protected form comes back as stored.
      const own = pair.translation.match(/<[^>]+>/g) ?? [];
      if (own.length > 0 && own.every((t) => tags.includes(t))) return pair.translation;
      let k = 0;
      // eslint-disable-next-line no-control-regex -- \u0001 marks where a tag was
      return tagless(pair.translation, false).replace(/\u0001/g, () => tags[k++] ?? '');
    }
  }
  return undefined;
}
