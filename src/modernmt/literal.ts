/**
 * Text selected inside a string literal is source code, not text: `Say \"hi\"\n` in a JSON file
 * means `Say "hi"` and a line break. Translate Selection decodes such a selection before
 * protecting it and encodes the translation for the same literal afterwards, so a quote or a
 * line break in the translation never breaks the file. JSON strings and JS/TS string literals
 * ('…', "…", `…` on one line) are recognised.
 */

export interface StringLiteral {
  readonly kind: 'json' | 'js';
  /** The quote that delimits the literal. */
  readonly quote: '"' | "'" | '`';
}

const jsLanguages = new Set(['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'vue', 'svelte']);
const jsonLanguages = new Set(['json', 'jsonc', 'json5']);

/**
 * The string literal that holds the whole selection [`start`, `end`) of `line` (offsets within
 * that line), or undefined when the selection is not inside one.
 */
export function literalAround(line: string, start: number, end: number, languageId: string): StringLiteral | undefined {
  const kind = jsonLanguages.has(languageId) ? 'json' : jsLanguages.has(languageId) ? 'js' : undefined;
  if (!kind) return undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (kind === 'js' && c === '/' && line[i + 1] === '/') return undefined; // a comment to the end of the line
    if (c === '"' || (kind === 'js' && (c === "'" || c === '`'))) {
      let j = i + 1;
      while (j < line.length && line[j] !== c) j += line[j] === '\\' ? 2 : 1;
      if (j >= line.length) return undefined; // unterminated on this line
      if (start > i && end <= j) return { kind, quote: c };
      i = j;
    }
  }
  return undefined;
}

const simpleEscapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** The text a literal's contents stand for; undefined when the selection cuts an escape in half. */
export function decodeLiteral(raw: string, literal: StringLiteral): string | undefined {
  if (literal.kind === 'json') {
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return undefined;
    }
  }
  // A template's ${…} is code: not something to translate.
  if (literal.quote === '`' && /(?:^|[^\\])(?:\\\\)*\$\{/.test(raw)) return undefined;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      if (c === literal.quote) return undefined;
      out += c;
      continue;
    }
    const e = raw[++i];
    if (e === undefined) return undefined;
    if (e === 'x' || e === 'u') {
      const m =
        e === 'x'
          ? /^[0-9a-fA-F]{2}/.exec(raw.slice(i + 1))
          : /^(?:[0-9a-fA-F]{4}|\{[0-9a-fA-F]{1,6}\})/.exec(raw.slice(i + 1));
      if (!m) return undefined;
      out += String.fromCodePoint(parseInt(m[0].replace(/[{}]/g, ''), 16));
      i += m[0].length;
    } else if (e === '\n') {
      continue;
    } // line continuation
    else out += simpleEscapes[e] ?? e;
  }
  return out;
}

/** `text` written as the contents of the same literal. */
export function encodeLiteral(text: string, literal: StringLiteral): string {
  if (literal.kind === 'json') return JSON.stringify(text).slice(1, -1);
  let out = '';
  for (const c of text) {
    if (c === '\\' || c === literal.quote) out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c < ' ' || c === '\u2028' || c === '\u2029') out += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return literal.quote === '`' ? out.replace(/\$\{/g, '\\${') : out;
}
