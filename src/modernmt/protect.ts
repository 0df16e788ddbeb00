/**
 * Placeholder safety for machine translation. Before sending, every i18next placeholder becomes
 * an XML tag that ModernMT projects onto the translation: a self-contained one (`{{name}}`,
 * `$t(key)`, `<1/>`, ICU `{name}`, `#`) becomes `<xN/>`; a pair (`<0>…</0>`, `<strong>…</strong>`,
 * an ICU plural/select and each of its branches) becomes `<gN>…</gN>`, so the text inside is
 * translated in place. Everything else is XML-escaped (`<`, `>`, `&` in a selection come back
 * unchanged). After, tags are restored and the placeholder multiset of the result is compared
 * with the source's: a result that lost, duplicated or invented one is refused.
 */
import type { PlaceholderOptions } from '../locales/placeholders';
import { comparePlaceholders, extractPlaceholders } from '../locales/placeholders';

type Piece = { readonly text: string } | { readonly raw: string; readonly tag: string };

export interface Protected {
  /** What to send, with `format: text/xml`. */
  readonly xml: string;
  /** The original value. */
  readonly source: string;
  /** Raw text of each tag id. */
  readonly tags: ReadonlyMap<string, string>;
}

export type Restored =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly text: string; readonly missing: readonly string[]; readonly extra: readonly string[]; readonly reason: string };

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return entities[e.toLowerCase()] ?? m;
  });
}

export function protect(value: string, options: PlaceholderOptions = {}): Protected {
  const pieces: Piece[] = [];
  const tags = new Map<string, string>();
  let n = 0;
  const self = (raw: string) => {
    const tag = `<x${n++}/>`;
    tags.set(tag, raw);
    pieces.push({ raw, tag });
  };
  let at = 0;
  const text = (until: number) => {
    if (until > at) pieces.push({ text: value.slice(at, until) });
    at = until;
  };

  const placeholders = extractPlaceholders(value, { ...options, icu: false });
  // Pair Trans tags by name: <0>…</0>, <strong>…</strong>.
  const pairOf = new Map<number, number>();
  const open: Array<{ index: number; name: string }> = [];
  placeholders.forEach((p, i) => {
    if (p.kind !== 'tag') return;
    const m = /^<(\/?)([^\s/>]+)/.exec(p.text)!;
    if (p.text.endsWith('/>')) return;
    if (!m[1]) open.push({ index: i, name: m[2]! });
    else {
      const o = open.map((x) => x.name).lastIndexOf(m[2]!);
      if (o !== -1) {
        pairOf.set(open[o]!.index, i);
        pairOf.set(i, open[o]!.index);
        open.splice(o);
      }
    }
  });
  const pairTag = new Map<number, number>();
  placeholders.forEach((p, i) => {
    text(p.start);
    const partner = pairOf.get(i);
    if (partner === undefined) self(p.text);
    else if (partner > i) {
      const id = n++;
      pairTag.set(partner, id);
      tags.set(`<g${id}>`, p.text);
      pieces.push({ raw: p.text, tag: `<g${id}>` });
    } else {
      const id = pairTag.get(i)!;
      tags.set(`</g${id}>`, p.text);
      pieces.push({ raw: p.text, tag: `</g${id}>` });
    }
    at = p.end;
  });
  text(value.length);

  // ICU: arguments and plural/select structure within the text pieces.
  const finalPieces = options.icu ? pieces.flatMap((p) => ('text' in p ? icuPieces(p.text, () => n++, tags) : [p])) : pieces;
  const xml = finalPieces.map((p) => ('text' in p ? escapeXml(p.text) : p.tag)).join('');
  return { xml, source: value, tags };
}

/**
 * Splits ICU syntax out of a text: `{name}` and `{n, number}` → `<xN/>`; `{n, plural, ` … `}`
 * → `<gN>` … `</gN>`, each `one {` … `}` branch → `<gM>` … `</gM>`, `#` inside → `<xK/>`.
 */
function icuPieces(text: string, next: () => number, tags: Map<string, string>): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  let last = 0;
  const flush = (until: number) => {
    if (until > last) out.push({ text: text.slice(last, until) });
    last = until;
  };
  const add = (raw: string, tag: string) => {
    tags.set(tag, raw);
    out.push({ raw, tag });
  };
  const argument = (): boolean => {
    const start = i;
    const m = /\{\s*([^\s,{}#'"]+)\s*(?:,\s*([A-Za-z]+)\s*)?/y;
    m.lastIndex = i;
    const head = m.exec(text);
    if (!head) return false;
    i = m.lastIndex;
    const type = head[2];
    if (type === 'plural' || type === 'select' || type === 'selectordinal') {
      if (text[i] !== ',') return false;
      i++;
      flush(start);
      const g = next();
      add(text.slice(start, i), `<g${g}>`);
      last = i;
      for (;;) {
        const ws = /\s*/y;
        ws.lastIndex = i;
        ws.exec(text);
        i = ws.lastIndex;
        if (text[i] === '}') {
          flush(i);
          add('}', `</g${g}>`);
          last = ++i;
          return true;
        }
        const sel = /(=?[^\s{}]+)\s*\{/y;
        sel.lastIndex = i;
        const s = sel.exec(text);
        if (!s) return false;
        flush(i);
        const b = next();
        add(s[0], `<g${b}>`);
        i = sel.lastIndex;
        last = i;
        if (!message(true)) return false;
        flush(i);
        add('}', `</g${b}>`);
        last = ++i;
      }
    }
    // {name} or {n, number[, style]}
    const close = text.indexOf('}', i);
    if (close === -1 || /[{]/.test(text.slice(i, close))) return false;
    i = close + 1;
    flush(start);
    const x = next();
    add(text.slice(start, i), `<x${x}/>`);
    last = i;
    return true;
  };
  const message = (inPlural: boolean): boolean => {
    while (i < text.length) {
      const c = text[i];
      if (c === "'" && /[{}#]/.test(text[i + 1] ?? '')) {
        const end = text.indexOf("'", i + 1);
        i = end === -1 ? text.length : end + 1;
      } else if (c === '{') {
        if (!argument()) return false;
      } else if (c === '}') {
        return inPlural;
      } else if (c === '#' && inPlural) {
        flush(i);
        add('#', `<x${next()}/>`);
        last = ++i;
      } else i++;
    }
    return !inPlural;
  };
  if (!message(false)) return [{ text }]; // not ICU after all: send as text
  flush(text.length);
  return out;
}

/** Puts the placeholders back and checks the result carries exactly the source's. */
export function restore(p: Protected, translatedXml: string, options: PlaceholderOptions = {}): Restored {
  let unknown = 0;
  const text = translatedXml
    .split(/(<\/?g\d+>|<x\d+\s*\/>)/)
    .map((part, i) => {
      if (i % 2 === 0) return unescapeXml(part);
      const raw = p.tags.get(part.replace(/\s+\/>$/, '/>'));
      if (raw === undefined) unknown++;
      return raw ?? '';
    })
    .join('');
  const cmp = comparePlaceholders(p.source, text, options);
  if (cmp.ok && unknown === 0) return { ok: true, text };
  const reason = unknown > 0 ? 'the translation has tags the source did not' : `the translation ${[cmp.missing.length ? `lost ${cmp.missing.join(' ')}` : '', cmp.extra.length ? `added ${cmp.extra.join(' ')}` : ''].filter(Boolean).join(' and ')}`;
  return { ok: false, text, missing: cmp.missing, extra: cmp.extra, reason };
}
