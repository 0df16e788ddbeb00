/**
 * The emulator's "engine": a deterministic pseudo-translation (vowels upper-cased, `[target] `
 * in front) that treats XML tags as a real engine does (kept, text XML-escaped), and the ways a
 * real engine gets tags, whitespace and ICU wrong, each opt-in. Every mode is from
 * shared/reference/modernmt-behaviour.md, "Tags in translation" (the engine projects tags back
 * by word alignment, statistically; it tokenises and detokenises text), quoted beside it.
 */

export type TagMode =
  /** "a tag dropped or duplicated": the first self-closing tag (else the first closing tag) is dropped. */
  | 'drop-tag'
  /** "a tag dropped or duplicated": the first self-closing tag (else the first opening tag) appears twice. */
  | 'duplicate-tag'
  /** "self-closing tags can move to the start or end": the first one moves to the end. */
  | 'move-tag'
  /** "a pair emptied (`<a>Click</a> here` → `<a></a> Hier klicken`)": the first pair with text. */
  | 'empty-pair'
  /** "pairs misnested": a pair inside another is moved out, after its parent. */
  | 'misnest-pair'
  /** "pairs … crossed": the first two pairs end in each other (`<a>x<b>y</a>z</b>`). */
  | 'cross-pairs'
  /** "`&` and `<` in the text escaped as entities in the output": also quotes, apostrophes and `>`, even in plain text. */
  | 'escape-entities'
  /** "leading and trailing whitespace trimmed". */
  | 'trim-whitespace'
  /** "runs of spaces or newlines collapsed". */
  | 'collapse-newlines'
  /** "text inside what the client meant as protected spans translated, if the spans are not tags": `{…}`, `$t(…)`, entities in text. */
  | 'translate-spans'
  /** "in ICU messages sent as text: `#` dropped". */
  | 'drop-hash'
  /** "… or duplicated". */
  | 'duplicate-hash'
  /** "a branch dropped": the last `selector {…}` in text, or the last pair of tags with what it holds. */
  | 'drop-branch'
  /** "French elision before an argument (`L'{item}`…)": `the`/`le`/`la` before an argument or tag becomes `L'` (French targets). */
  | 'elide-article';

export const tagModes: readonly TagMode[] = [
  'drop-tag',
  'duplicate-tag',
  'move-tag',
  'empty-pair',
  'misnest-pair',
  'cross-pairs',
  'escape-entities',
  'trim-whitespace',
  'collapse-newlines',
  'translate-spans',
  'drop-hash',
  'duplicate-hash',
  'drop-branch',
  'elide-article',
];

const vowels: Record<string, string> = { a: 'A', e: 'E', i: 'I', o: 'O', u: 'U' };

/** Spans a polite engine leaves alone when they come as text: `{…}`, `$t(…)`, entities. */
const spanRe = /(\{[^{}]*\}|\$t\([^()]*\)|&[#\w]+;)/;

function translateText(text: string, spans: boolean): string {
  const up = (s: string) => s.replace(/[aeiou]/g, (c) => vowels[c]!);
  if (spans) return up(text);
  return text
    .split(spanRe)
    .map((part, i) => (i % 2 === 1 ? part : up(part)))
    .join('');
}

function escapeText(text: string, extra: boolean): string {
  const s = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return extra ? s.replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;') : s.replace(/>/g, '&gt;');
}

function unescapeText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Deterministic "translation" of one segment, then the opted-in ways of getting it wrong. */
export function pseudoMt(q: string, target: string, xml: boolean, modes: readonly TagMode[] = []): string {
  const has = (m: TagMode) => modes.includes(m);
  const parts = xml ? q.split(/(<[^>]+>)/) : [q];
  let body = parts
    .map((part, i) => {
      if (xml && i % 2 === 1) return part;
      const translated = translateText(xml ? unescapeText(part) : part, has('translate-spans'));
      return xml || has('escape-entities') ? escapeText(translated, has('escape-entities')) : translated;
    })
    .join('');
  for (const m of modes) body = mangle(body, m, target, xml);
  return `[${target}] ${body}`;
}

type Tok = { tag: string; id?: string; close?: boolean; self?: boolean } | { text: string };

function tokens(s: string): Tok[] {
  return s
    .split(/(<[^>]+>)/)
    .map((p, i): Tok => {
      if (i % 2 === 0) return { text: p };
      const m = /^<(\/?)[A-Za-z]+(\d*)\s*(\/?)>$/.exec(p);
      return { tag: p, id: m?.[2], close: m?.[1] === '/', self: m?.[3] === '/' };
    })
    .filter((t) => !('text' in t) || t.text !== '');
}

const join = (ts: readonly Tok[]) => ts.map((t) => ('text' in t ? t.text : t.tag)).join('');
const isTag = (t: Tok): t is Extract<Tok, { tag: string }> => 'tag' in t;

/** The index of the close tag of the pair opened at `k`. */
function closeOf(ts: readonly Tok[], k: number): number {
  const open = ts[k] as Extract<Tok, { tag: string }>;
  return ts.findIndex((t, j) => j > k && isTag(t) && t.close && t.id === open.id);
}

function firstPair(ts: readonly Tok[], from = 0, withText = false): number {
  return ts.findIndex(
    (t, k) =>
      k >= from &&
      isTag(t) &&
      !t.close &&
      !t.self &&
      closeOf(ts, k) > k &&
      (!withText || ts.slice(k + 1, closeOf(ts, k)).some((x) => 'text' in x && /\S/.test(x.text))),
  );
}

function mangle(body: string, mode: TagMode, target: string, xml: boolean): string {
  const ts = tokens(body);
  const self = ts.findIndex((t) => isTag(t) && t.self);
  switch (mode) {
    case 'drop-tag': {
      const k = self >= 0 ? self : ts.findIndex((t) => isTag(t) && t.close);
      if (k >= 0) ts.splice(k, 1);
      return join(ts);
    }
    case 'duplicate-tag': {
      const k = self >= 0 ? self : ts.findIndex((t) => isTag(t) && !t.close);
      if (k >= 0) ts.splice(k + 1, 0, { text: ' ' }, ts[k]!);
      return join(ts);
    }
    case 'move-tag': {
      if (self >= 0) ts.push(...ts.splice(self, 1));
      return join(ts);
    }
    case 'empty-pair': {
      const k = firstPair(ts, 0, true);
      if (k < 0) return body;
      const c = closeOf(ts, k);
      const inner = ts.splice(k + 1, c - k - 1);
      ts.splice(k + 2, 0, { text: ' ' }, ...inner);
      return join(ts);
    }
    case 'misnest-pair': {
      for (let k = firstPair(ts); k >= 0; k = firstPair(ts, k + 1)) {
        const c = closeOf(ts, k);
        const inner = firstPair(ts, k + 1);
        if (inner > k && inner < c) {
          const moved = ts.splice(inner, closeOf(ts, inner) - inner + 1);
          ts.splice(closeOf(ts, k) + 1, 0, ...moved);
          return join(ts);
        }
      }
      return body;
    }
    case 'cross-pairs': {
      const a = firstPair(ts);
      const b = a >= 0 ? firstPair(ts, a + 1) : -1;
      if (b < 0) return body;
      const ca = closeOf(ts, a);
      const cb = closeOf(ts, b);
      if (cb < ca) [ts[ca], ts[cb]] = [ts[cb]!, ts[ca]!];
      else ts.splice(b + 1, 0, ...ts.splice(ca, 1));
      return join(ts);
    }
    case 'escape-entities':
      return body; // applied while translating
    case 'trim-whitespace':
      return body.trim();
    case 'collapse-newlines':
      return join(ts.map((t) => ('text' in t ? { text: t.text.replace(/\s*\n\s*/g, ' ').replace(/ {2,}/g, ' ') } : t)));
    case 'translate-spans':
      return body; // applied while translating
    case 'drop-hash':
      return body.replace(/#/, '');
    case 'duplicate-hash':
      return body.replace(/#/, '# #');
    case 'drop-branch': {
      const text = body.replace(/\s*[^\s{}]+\s*\{[^{}]*\}(?=[^{}]*\}[^{}]*$)/, '');
      if (text !== body || !xml) return text;
      const pairs = ts
        .map((_, k) => k)
        .filter(
          (k) =>
            isTag(ts[k]!) &&
            !(ts[k] as { close?: boolean }).close &&
            !(ts[k] as { self?: boolean }).self &&
            closeOf(ts, k) > k,
        );
      const k = pairs.at(-1);
      if (k === undefined) return body;
      ts.splice(k, closeOf(ts, k) - k + 1);
      return join(ts);
    }
    case 'elide-article':
      return target.toLowerCase().startsWith('fr')
        ? body.replace(/\b(?:[Tt]h[eE]|[Ll][eEaA])\s+(?=<[xg]\d+\s*\/?>|\{)/g, "L'")
        : body;
  }
}
