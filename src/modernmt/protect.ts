/**
 * Placeholder safety for machine translation, the sending half. A value becomes XML that
 * ModernMT projects onto its translation: anything the engine must not touch is a self-closing
 * tag `<xN/>` (`{{name}}`, `$t(key, {…})` with nested options, `<br/>`, an entity `&nbsp;`, a
 * line break, ICU `{name}`, `#`, a quoted ICU literal), and anything with translatable text
 * inside is a pair `<gN>…</gN>` (`<0>…</0>`, `<a href="…">…</a>` — attributes stay in the raw
 * tag and are never sent —, an ICU plural/select and each of its branches). Everything else is
 * XML-escaped text. Outer whitespace is kept aside and restored exactly (restore.ts).
 */
import type { PlaceholderOptions } from '../locales/placeholders';

/** A token of a protected value. Pairs share the id of their open and close tags. */
export type Token =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'self'; readonly id: number; readonly raw: string }
  | { readonly kind: 'open' | 'close'; readonly id: number; readonly raw: string };

export interface Protected {
  /** What to send, with `format: text/xml` (outer whitespace excluded). */
  readonly xml: string;
  /** The original value. */
  readonly source: string;
  /** Leading and trailing whitespace of the source, put back as they were. */
  readonly lead: string;
  readonly trail: string;
  readonly tokens: readonly Token[];
  /** Raw text of each tag as sent (`<x0/>`, `<g1>`, `</g1>`). */
  readonly tags: ReadonlyMap<string, string>;
  /** The pair each tag id sits in (-1: top level): the tree a result must keep. */
  readonly parent: ReadonlyMap<number, number>;
  /** Pairs with non-blank text inside in the source (a result must not empty them). */
  readonly pairsWithText: ReadonlySet<number>;
  /** Whether the value was read as ICU MessageFormat (the result is then re-checked as ICU). */
  readonly icu: boolean;
  /** The source wrote plain apostrophes doubled (`it''s`): the result follows that style. */
  readonly doubledApostrophes: boolean;
  /** Whether the value has any text with a letter or digit (else it is not worth sending). */
  readonly hasText: boolean;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const xmlEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five entities and numeric references; anything else stays as written. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return xmlEntities[e.toLowerCase()] ?? m;
  });
}

type Raw =
  | { readonly kind: 'text'; text: string }
  | { readonly kind: 'self'; readonly raw: string }
  | { readonly kind: 'open' | 'close'; readonly raw: string; readonly name: string };

const interpolationRe = /\{\{-?\s*[^{}]*?\s*\}\}/y;
const tagRe = /<(\/?)([A-Za-z][\w:.-]*|\d+)((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(\/?)>/y;
const commentRe = /<!--[\s\S]*?-->/y;
const entityRe = /&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});/y;
const lineBreakRe = /[^\S\r\n]*(?:\r?\n[^\S\r\n]*)+/y;

function at(re: RegExp, s: string, i: number): string | undefined {
  re.lastIndex = i;
  return re.exec(s)?.[0];
}

/** `$t(key, {…})` with nested parentheses, braces and quoted strings; undefined when unbalanced. */
function nestingAt(s: string, i: number): string | undefined {
  if (!s.startsWith('$t(', i)) return undefined;
  let depth = 0;
  for (let j = i + 2; j < s.length; j++) {
    const c = s[j]!;
    if (c === '"' || c === "'") {
      const end = s.indexOf(c, j + 1);
      if (end === -1) return undefined;
      j = end;
    } else if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') {
      depth--;
      if (depth === 0) return c === ')' ? s.slice(i, j + 1) : undefined;
      if (depth < 0) return undefined;
    }
  }
  return undefined;
}

/**
 * Splits a value into text and raw pieces. In ICU mode `{…}` syntax is read too; a value that
 * does not parse as ICU is read without it (its arguments then travel as text, and the
 * placeholder comparison still guards them).
 */
function scan(value: string, icu: boolean): { pieces: Raw[]; icu: boolean; doubled: boolean } {
  if (icu) {
    const r = new Scanner(value, true);
    if (r.message(0, false) && r.i === value.length) return { pieces: r.out, icu: true, doubled: r.doubled };
  }
  const r = new Scanner(value, false);
  r.message(0, false);
  return { pieces: r.out, icu: false, doubled: false };
}

class Scanner {
  i = 0;
  readonly out: Raw[] = [];
  doubled = false;
  private icuPairs = 0;

  constructor(
    private readonly s: string,
    private readonly icu: boolean,
  ) {}

  private text(t: string): void {
    const last = this.out.at(-1);
    if (last?.kind === 'text') last.text += t;
    else this.out.push({ kind: 'text', text: t });
  }

  private raw(raw: string): void {
    this.out.push({ kind: 'self', raw });
    this.i += raw.length;
  }

  /** Reads until the `}` closing a branch (depth > 0, left unread) or the end. */
  message(depth: number, inPlural: boolean): boolean {
    const s = this.s;
    while (this.i < s.length) {
      const i = this.i;
      const c = s[i]!;
      let m: string | undefined;
      let t: RegExpExecArray | null;
      if (c === '{' && (m = at(interpolationRe, s, i))) this.raw(m);
      else if (c === '$' && (m = nestingAt(s, i))) this.raw(m);
      else if (c === '<' && (m = at(commentRe, s, i))) this.raw(m);
      else if (c === '<' && ((tagRe.lastIndex = i), (t = tagRe.exec(s)))) {
        if (t[4] === '/') this.raw(t[0]);
        else {
          this.out.push({ kind: t[1] ? 'close' : 'open', raw: t[0], name: t[2]! });
          this.i += t[0].length;
        }
      } else if (c === '&' && (m = at(entityRe, s, i))) this.raw(m);
      else if ((c === '\n' || c === '\r' || c === ' ' || c === '\t') && (m = at(lineBreakRe, s, i))) this.raw(m);
      else if (this.icu && c === "'") this.apostrophe(inPlural);
      else if (this.icu && c === '{') {
        if (!this.argument(depth)) return false;
      } else if (this.icu && c === '}') return depth > 0;
      else if (this.icu && c === '#' && inPlural) this.raw('#');
      else {
        this.text(c);
        this.i++;
      }
    }
    return depth === 0;
  }

  /** `''` is an apostrophe; `'{…}'` (also `}`, `#` in plural, `|`) quotes syntax: kept raw. */
  private apostrophe(inPlural: boolean): void {
    const s = this.s;
    const next = s[this.i + 1];
    if (next === "'") {
      this.doubled = true;
      this.text("'");
      this.i += 2;
      return;
    }
    if (next === '{' || next === '}' || next === '|' || (next === '#' && inPlural)) {
      let j = this.i + 1;
      for (;;) {
        const q = s.indexOf("'", j);
        if (q === -1) return this.raw(s.slice(this.i));
        if (s[q + 1] === "'") j = q + 2;
        else return this.raw(s.slice(this.i, q + 1));
      }
    }
    this.text("'");
    this.i++;
  }

  /** `{name}`, `{n, number, …}` → one raw piece; `{n, plural, …}` → head and branch pairs. */
  private argument(depth: number): boolean {
    const s = this.s;
    const start = this.i;
    const head = /\{\s*([^\s,{}#'"]+)\s*(?:,\s*([A-Za-z]+)\s*)?/y;
    head.lastIndex = start;
    const h = head.exec(s);
    if (!h) return false;
    const type = h[2];
    if (type === 'plural' || type === 'select' || type === 'selectordinal') {
      const comma = /,\s*(?:offset:\s*\d+\s*)?/y;
      comma.lastIndex = head.lastIndex;
      const c = comma.exec(s);
      if (!c) return false;
      const name = `\u0000icu${this.icuPairs++}`;
      this.out.push({ kind: 'open', raw: s.slice(start, comma.lastIndex), name });
      this.i = comma.lastIndex;
      const selector = /\s*(=\d+|[^\s{}=]+)\s*\{/y;
      for (let branches = 0; ; branches++) {
        const end = /\s*\}/y;
        end.lastIndex = this.i;
        if (branches > 0 && end.exec(s)) {
          this.out.push({ kind: 'close', raw: s.slice(this.i, end.lastIndex), name });
          this.i = end.lastIndex;
          return true;
        }
        selector.lastIndex = this.i;
        const sel = selector.exec(s);
        if (!sel) return false;
        const branch = `\u0000icu${this.icuPairs++}`;
        this.out.push({ kind: 'open', raw: sel[0], name: branch });
        this.i = selector.lastIndex;
        if (!this.message(depth + 1, type !== 'select') || s[this.i] !== '}') return false;
        this.out.push({ kind: 'close', raw: '}', name: branch });
        this.i++;
      }
    }
    // {name} or {n, number[, style]}: up to the matching brace.
    let level = 0;
    for (let j = start; j < s.length; j++) {
      if (s[j] === "'") {
        const q = s.indexOf("'", j + 1);
        if (q === -1) return false;
        j = q;
      } else if (s[j] === '{') level++;
      else if (s[j] === '}' && --level === 0) {
        this.raw(s.slice(start, j + 1));
        return true;
      }
    }
    return false;
  }
}

/** Pairs open and close tags by name; an unpaired one travels as a self-closing tag. */
function pairUp(pieces: readonly Raw[]): Token[] {
  const partner = new Map<number, number>();
  const stack: number[] = [];
  pieces.forEach((p, k) => {
    if (p.kind === 'open') stack.push(k);
    else if (p.kind === 'close') {
      // Never across an ICU boundary: a Trans tag closes within its branch.
      let o = stack.length - 1;
      while (
        o >= 0 &&
        (pieces[stack[o]!] as { name: string }).name !== p.name &&
        !(pieces[stack[o]!] as { name: string }).name.startsWith('\u0000')
      ) {
        o--;
      }
      if (o >= 0 && (pieces[stack[o]!] as { name: string }).name === p.name) {
        partner.set(stack[o]!, k);
        partner.set(k, stack[o]!);
        stack.length = o;
      }
    }
  });
  const ids = new Map<number, number>();
  let n = 0;
  return pieces.map((p, k): Token => {
    if (p.kind === 'text') return { kind: 'text', text: p.text };
    if (p.kind === 'self' || !partner.has(k)) return { kind: 'self', id: n++, raw: p.raw };
    if (p.kind === 'open') {
      ids.set(k, n);
      return { kind: 'open', id: n++, raw: p.raw };
    }
    return { kind: 'close', id: ids.get(partner.get(k)!)!, raw: p.raw };
  });
}

export function tagOf(t: Token): string {
  return t.kind === 'self' ? `<x${t.id}/>` : t.kind === 'open' ? `<g${t.id}>` : t.kind === 'close' ? `</g${t.id}>` : '';
}

export function protect(value: string, options: PlaceholderOptions = {}): Protected {
  const lead = /^\s*/.exec(value)![0];
  const core = value.slice(lead.length);
  const trail = /\s*$/.exec(core)![0];
  const body = core.slice(0, core.length - trail.length);
  const scanned = scan(body, !!options.icu);
  const tokens = pairUp(scanned.pieces);
  const tags = new Map<string, string>();
  const parent = new Map<number, number>();
  const pairsWithText = new Set<number>();
  const stack: number[] = [];
  let xml = '';
  for (const t of tokens) {
    if (t.kind === 'text') {
      xml += escapeXml(t.text);
      if (/\S/.test(t.text)) for (const p of stack) pairsWithText.add(p);
      continue;
    }
    const tag = tagOf(t);
    tags.set(tag, t.raw);
    xml += tag;
    if (t.kind === 'close') stack.pop();
    else {
      parent.set(t.id, stack.at(-1) ?? -1);
      if (t.kind === 'open') stack.push(t.id);
    }
  }
  const hasText = tokens.some((t) => t.kind === 'text' && /[\p{L}\p{N}]/u.test(t.text));
  return {
    xml,
    source: value,
    lead,
    trail,
    tokens,
    tags,
    parent,
    pairsWithText,
    icu: scanned.icu,
    doubledApostrophes: scanned.doubled,
    hasText,
  };
}

/**
 * `target` in the same protected form as `source` (its placeholders numbered as the source's),
 * so a memory pair matches the translate requests; undefined when their placeholders differ.
 */
export function protectLike(source: Protected, target: string, options: PlaceholderOptions = {}): string | undefined {
  const t = protect(target, options);
  const free = new Map<string, string[]>();
  for (const [tag, raw] of source.tags) (free.get(raw) ?? free.set(raw, []).get(raw)!).push(tag);
  const byId = new Map<number, number>();
  let xml = '';
  for (const tok of t.tokens) {
    if (tok.kind === 'text') {
      xml += escapeXml(tok.text);
      continue;
    }
    let tag: string | undefined;
    if (tok.kind === 'close') {
      const id = byId.get(tok.id);
      tag = id === undefined ? undefined : `</g${id}>`;
      if (tag === undefined || source.tags.get(tag) !== tok.raw) return undefined;
    } else {
      const candidates = free
        .get(tok.raw)
        ?.filter((c) => (tok.kind === 'self' ? c.startsWith('<x') : c.startsWith('<g')));
      tag = candidates?.[0];
      if (tag === undefined) return undefined;
      free.get(tok.raw)!.splice(free.get(tok.raw)!.indexOf(tag), 1);
      if (tok.kind === 'open') byId.set(tok.id, Number(tag.slice(2, -1)));
    }
    xml += tag;
  }
  return [...free.values()].every((l) => l.every((tag) => tag.startsWith('</'))) ? xml : undefined;
}
