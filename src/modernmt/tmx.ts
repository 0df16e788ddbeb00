/**
 * TMX 1.4 for ModernMT memory imports: one translation unit per key (a stable `tuid`), the source
 * segment first, then each target. Placeholders become TMX inline elements (`<ph>`, and
 * `<bpt>`/`<ept>` for paired Trans tags), so the engine treats them as tags, not words.
 */
import type { PlaceholderOptions } from '../locales/placeholders';
import { escapeXml, protect } from './protect';

export interface TmxUnit {
  readonly tuid: string;
  readonly source: { readonly lang: string; readonly text: string };
  readonly targets: ReadonlyArray<{ readonly lang: string; readonly text: string }>;
}

/** A segment's text with placeholders as TMX inline elements. */
export function tmxSegment(text: string, options: PlaceholderOptions = {}): string {
  const p = protect(text, options);
  return p.xml.replace(/<x(\d+)\/>|<g(\d+)>|<\/g(\d+)>/g, (tag, x?: string, open?: string, close?: string) => {
    const raw = escapeXml(p.tags.get(tag) ?? '');
    if (x !== undefined) return `<ph x="${x}">${raw}</ph>`;
    if (open !== undefined) return `<bpt i="${open}">${raw}</bpt>`;
    return `<ept i="${close}">${raw}</ept>`;
  });
}

export function buildTmx(units: readonly TmxUnit[], sourceLang: string, options: PlaceholderOptions = {}): string {
  const attr = (s: string) => escapeXml(s).replace(/"/g, '&quot;');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    `  <header creationtool="Locale Loop" creationtoolversion="1" segtype="sentence" o-tmf="i18next-json" adminlang="en" srclang="${attr(sourceLang)}" datatype="plaintext"/>`,
    '  <body>',
  ];
  for (const u of units) {
    lines.push(`    <tu tuid="${attr(u.tuid)}">`);
    lines.push(`      <tuv xml:lang="${attr(u.source.lang)}"><seg>${tmxSegment(u.source.text, options)}</seg></tuv>`);
    for (const t of u.targets) {
      lines.push(`      <tuv xml:lang="${attr(t.lang)}"><seg>${tmxSegment(t.text, options)}</seg></tuv>`);
    }
    lines.push('    </tu>');
  }
  lines.push('  </body>', '</tmx>', '');
  return lines.join('\n');
}
