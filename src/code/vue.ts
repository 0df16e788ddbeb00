/**
 * A Vue single-file component as one script the resolver can parse, at the same offsets: every
 * character outside `<script>` blocks and template expressions becomes a space (line breaks
 * kept), `{{ expr }}` becomes `;(expr);` and a bound attribute `:title="expr"` becomes
 * `;(expr)`. Positions found in the result are positions in the .vue file.
 */
export function vueAsScript(text: string): string {
  const out = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text[i] === '\n' || text[i] === '\r' ? text[i]! : ' ';
  const copy = (from: number, to: number) => {
    for (let i = from; i < to; i++) out[i] = text[i]!;
  };
  for (const m of text.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)) {
    const start = m.index + m[1]!.length;
    copy(start, start + m[2]!.length);
  }
  const tpl = /<template\b[^>]*>([\s\S]*)<\/template>/.exec(text);
  if (tpl) {
    const base = tpl.index + tpl[0].indexOf(tpl[1]!);
    const body = tpl[1]!;
    for (const m of body.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
      const at = base + m.index;
      out[at] = ';';
      out[at + 1] = '(';
      copy(at + 2, at + 2 + m[1]!.length);
      out[at + 2 + m[1]!.length] = ')';
      out[at + 3 + m[1]!.length] = ';';
    }
    // Bound attributes (`:title`, `v-bind:title`, `v-html`, `v-if`, `@click`) hold expressions.
    for (const m of body.matchAll(/\s((?::[\w.-]+|v-[\w.:-]+|@[\w.-]+)=)(?:"([^"]*)"|'([^']*)')/g)) {
      const expr = m[2] ?? m[3]!;
      const quote = base + m.index + 1 + m[1]!.length;
      out[quote - 1] = ';';
      out[quote] = '(';
      copy(quote + 1, quote + 1 + expr.length);
      out[quote + 1 + expr.length] = ')';
    }
  }
  return out.join('');
}
