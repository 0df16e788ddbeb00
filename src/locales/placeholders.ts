/**
 * Placeholders in i18next values: interpolation `{{name}}`, `{{count, number}}`, unescaped
 * `{{- html}}`, nesting `$t(key)`, Trans component tags `<0>…</0>`, `<strong>`, `<br/>`, and ICU
 * arguments `{name}` where the project uses ICU. Compared as multisets, so a translation may
 * reorder placeholders but must not lose, duplicate or invent one.
 */

export type PlaceholderKind = 'interpolation' | 'unescaped' | 'nesting' | 'tag' | 'icu';

export interface Placeholder {
  readonly kind: PlaceholderKind;
  /** The placeholder as written. */
  readonly text: string;
  /** Normalised form used for comparison (`{{ count,number }}` ≡ `{{count, number}}`). */
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

export interface PlaceholderOptions {
  readonly icu?: boolean;
}

// `$t(...)` may carry options with nested parentheses-free JSON: `$t(key, { "count": 2 })`.
const nestingRe = /\$t\(([^()]*)\)/g;
const interpolationRe = /\{\{(-?)\s*([^{}]*?)\s*\}\}/g;
// Trans tags: numbered (<0>, </0>, <1/>) and simple named HTML-like ones (<strong>, <br />).
const tagRe = /<(\/?)([A-Za-z][\w-]*|\d+)\s*(\/?)>/g;

/** Every placeholder of `value`, in order of appearance. */
export function extractPlaceholders(value: string, options: PlaceholderOptions = {}): Placeholder[] {
  const out: Placeholder[] = [];
  const taken: Array<[number, number]> = [];
  const push = (p: Placeholder) => {
    out.push(p);
    taken.push([p.start, p.end]);
  };
  const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && e > a);

  if (value.includes('$t(')) {
    for (const m of value.matchAll(nestingRe)) {
      const inner = m[1]!.trim();
      const comma = inner.indexOf(',');
      const key = (comma === -1 ? inner : inner.slice(0, comma)).trim();
      const opts = comma === -1 ? '' : inner.slice(comma + 1).replace(/\s+/g, '');
      push({ kind: 'nesting', text: m[0], id: `$t(${key}${opts ? ',' + opts : ''})`, start: m.index!, end: m.index! + m[0].length });
    }
  }
  if (value.includes('{{')) {
    for (const m of value.matchAll(interpolationRe)) {
      const s = m.index!;
      if (!free(s, s + m[0].length)) continue;
      const unescaped = m[1] === '-';
      const [name = '', ...format] = m[2]!.split(',').map((x) => x.trim());
      const id = `{{${unescaped ? '- ' : ''}${name}${format.length ? ', ' + format.join(', ') : ''}}}`;
      push({ kind: unescaped ? 'unescaped' : 'interpolation', text: m[0], id, start: s, end: s + m[0].length });
    }
  }
  if (value.includes('<')) {
    for (const m of value.matchAll(tagRe)) {
      const s = m.index!;
      if (!free(s, s + m[0].length)) continue;
      const closing = m[1] === '/';
      const selfClosing = m[3] === '/';
      const id = closing ? `</${m[2]}>` : selfClosing ? `<${m[2]}/>` : `<${m[2]}>`;
      push({ kind: 'tag', text: m[0], id, start: s, end: s + m[0].length });
    }
  }
  if (options.icu && value.includes('{')) {
    for (const p of icuArguments(value)) if (free(p.start, p.end)) push(p);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * ICU MessageFormat arguments: `{name}`, `{n, number}`, `{n, date, short}`, and the heads of
 * `{n, plural, …}` / `{g, select, …}`. Branch bodies are messages themselves (translatable text
 * plus nested arguments), so `{He}` inside `select` is text, not an argument. `'{'` quoting is
 * honoured. A malformed message yields the arguments found before the error.
 */
function icuArguments(value: string): Placeholder[] {
  const out: Placeholder[] = [];
  let i = 0;
  const ws = () => {
    while (i < value.length && /\s/.test(value[i]!)) i++;
  };
  const ident = (): string => {
    const m = /^[^\s,{}#'"]+/.exec(value.slice(i));
    if (!m) return '';
    i += m[0].length;
    return m[0];
  };
  // Reads a message up to (not including) the `}` that closes it (depth > 0) or to the end.
  const message = (depth: number): boolean => {
    while (i < value.length) {
      const c = value[i]!;
      if (c === "'") {
        // '{' and '}' quote syntax; '' is a literal apostrophe.
        const close = value.indexOf("'", i + 1);
        if (close === i + 1) i += 2;
        else if (close > i && /[{}#|]/.test(value[i + 1]!)) i = close + 1;
        else i++;
      } else if (c === '{') {
        if (!argument(depth)) return false;
      } else if (c === '}') {
        return depth > 0;
      } else i++;
    }
    return depth === 0;
  };
  const argument = (depth: number): boolean => {
    const start = i;
    i++; // {
    ws();
    const name = ident();
    if (!name) return false;
    ws();
    if (value[i] === '}') {
      i++;
      out.push({ kind: 'icu', text: value.slice(start, i), id: `{${name}}`, start, end: i });
      return true;
    }
    if (value[i] !== ',') return false;
    i++;
    ws();
    const type = ident();
    ws();
    if (/^(plural|select|selectordinal)$/.test(type)) {
      if (value[i] !== ',') return false;
      i++;
      out.push({ kind: 'icu', text: value.slice(start, i), id: `{${name}, ${type}}`, start, end: i });
      // selector {message} pairs until the closing brace
      for (;;) {
        ws();
        if (value[i] === '}') {
          i++;
          return true;
        }
        if (i >= value.length) return false;
        const selector = ident() || (value.startsWith('=', i) ? ((i += 1), '=' + ident()) : '');
        if (!selector) return false;
        ws();
        if (value[i] !== '{') return false;
        i++;
        if (!message(depth + 1)) return false;
        i++; // }
      }
    }
    let style = '';
    if (value[i] === ',') {
      i++;
      const close = value.indexOf('}', i);
      if (close === -1) return false;
      style = value.slice(i, close).trim();
      i = close;
    }
    if (value[i] !== '}') return false;
    i++;
    out.push({ kind: 'icu', text: value.slice(start, i), id: `{${name}, ${type}${style ? ', ' + style : ''}}`, start, end: i });
    return true;
  };
  message(0);
  return out;
}

export interface PlaceholderComparison {
  readonly ok: boolean;
  /** In the source, absent (or fewer times) in the target. */
  readonly missing: readonly string[];
  /** In the target, absent (or more times) in the source. */
  readonly extra: readonly string[];
}

/** Compares the placeholder multisets of a source and a target value. */
export function comparePlaceholders(source: string, target: string, options: PlaceholderOptions = {}): PlaceholderComparison {
  return compareIds(
    extractPlaceholders(source, options).map((p) => p.id),
    extractPlaceholders(target, options).map((p) => p.id),
  );
}

export function compareIds(sourceIds: readonly string[], targetIds: readonly string[]): PlaceholderComparison {
  const counts = new Map<string, number>();
  for (const id of sourceIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const id of targetIds) counts.set(id, (counts.get(id) ?? 0) - 1);
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [id, n] of counts) {
    for (let i = 0; i < n; i++) missing.push(id);
    for (let i = 0; i > n; i--) extra.push(id);
  }
  return { ok: missing.length === 0 && extra.length === 0, missing, extra };
}

/** Cheap test used on hot paths: can `value` contain a placeholder at all? */
export function mayHavePlaceholders(value: string, options: PlaceholderOptions = {}): boolean {
  return value.includes('{{') || value.includes('$t(') || value.includes('<') || (!!options.icu && value.includes('{'));
}
