/**
 * Keys used in source code, found with i18next-parser's lexers (TypeScript's parser underneath).
 * This module is bundled on its own (dist/codeLexers.js, ~3 MB with TypeScript) and loaded only
 * when a code-usage scan runs, never at activation.
 */
import { JavascriptLexer, JsxLexer } from 'i18next-parser';

export interface UsedKey {
  readonly key: string;
  /** Namespace from `ns:key`, `useTranslation('ns')` or `t('k', { ns })`, when the code says. */
  readonly namespace?: string;
  readonly plural: boolean;
  readonly context?: string;
  /** 1-based line of the first occurrence of the key's text in the file. */
  readonly line: number;
}

export interface ExtractResult {
  readonly keys: UsedKey[];
  /** Calls whose key is not a literal (`t(someVar)`): they make "never used" a guess. */
  readonly dynamicCalls: number;
}

export function extractUsedKeys(text: string, fileName: string, functions: readonly string[]): ExtractResult {
  const lower = fileName.toLowerCase();
  const fns = [...new Set([...functions, '$t'])];
  let dynamicCalls = 0;
  const warn = () => dynamicCalls++;
  let raw: ReturnType<JavascriptLexer['extract']>;
  if (lower.endsWith('.vue')) {
    raw = extractVue(text, fns, warn);
  } else {
    const lexer = /\.(jsx|tsx)$/.test(lower) ? new JsxLexer({ functions: fns }) : new JavascriptLexer({ functions: fns });
    lexer.on('warning', warn);
    raw = lexer.extract(text, fileName);
  }
  const keys = raw.map((k) => ({
    key: k.key,
    namespace: k.namespace,
    plural: k.count !== undefined,
    context: k.context,
    line: lineOf(text, k.key),
  }));
  return { keys, dynamicCalls };
}

/** Vue SFC: `<script>` blocks as TypeScript, template expressions (`{{ }}`, bindings) as JS. */
function extractVue(text: string, functions: string[], warn: () => void): ReturnType<JavascriptLexer['extract']> {
  const lexer = new JavascriptLexer({ functions });
  lexer.on('warning', warn);
  const out: ReturnType<JavascriptLexer['extract']> = [];
  // Appended one by one: a spread of a large result would exceed the engine's argument limit.
  for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) for (const k of lexer.extract(m[1]!, 'component.ts')) out.push(k);
  const template = /<template\b[^>]*>([\s\S]*)<\/template>/.exec(text)?.[1] ?? '';
  const expressions: string[] = [];
  for (const m of template.matchAll(/\{\{([\s\S]*?)\}\}/g)) expressions.push(m[1]!);
  // Bound attributes (`:title`, `v-bind:title`, `v-html`, `@click`) hold expressions.
  for (const m of template.matchAll(/\s(?::[\w.-]+|v-[\w.:-]+|@[\w.-]+)=(?:"([^"]*)"|'([^']*)')/g)) expressions.push(m[1] ?? m[2]!);
  if (expressions.length > 0) for (const k of lexer.extract(expressions.map((e) => `(${e});`).join('\n'), 'template.js')) out.push(k);
  return out;
}

function lineOf(text: string, key: string): number {
  for (const q of ["'", '"', '`']) {
    const at = text.indexOf(q + key + q);
    if (at !== -1) return text.slice(0, at).split('\n').length;
  }
  const at = text.indexOf(key);
  return at === -1 ? 1 : text.slice(0, at).split('\n').length;
}
