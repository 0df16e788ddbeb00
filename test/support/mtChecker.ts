/**
 * An independent judge of machine translations, written apart from src/modernmt (it shares no
 * code with protect/restore): is `result` a safe translation of `source`? Markup is compared as
 * a tree of its own tokenizer (every tag, interpolation, nesting and entity in the same place of
 * the tree, no pair emptied that had text, no crossing), whitespace at the ends and line breaks
 * must match, and with ICU both are parsed by formatjs (@formatjs/icu-messageformat-parser) and
 * their argument / selector / `#` skeletons compared.
 */
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { parse } from '@formatjs/icu-messageformat-parser';

export interface Verdict {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

const voidTags = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'col', 'area', 'source']);

interface Item {
  readonly raw: string;
  readonly path: string;
  /** For a pair: whether it holds non-blank text. */
  text?: boolean;
  readonly pair: boolean;
}

/** Markup items in tree order, and whether the tags cross. */
function markup(s: string): { items: Item[]; crossed: boolean } {
  const items: Item[] = [];
  const stack: Array<{ name: string; item: Item }> = [];
  let crossed = false;
  const path = () => stack.map((x) => x.item.raw).join('>');
  const token =
    /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:.-]*|\d+)((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(\/?)>|\{\{[^{}]*\}\}|&(?:[A-Za-z]\w*|#\d+|#x[0-9a-fA-F]+);|\$t\(/g;
  let i = 0;
  let m: RegExpExecArray | null;
  const markText = (text: string) => {
    if (/\S/.test(text)) for (const x of stack) x.item.text = true;
  };
  while (((token.lastIndex = i), (m = token.exec(s)))) {
    markText(s.slice(i, m.index));
    let raw = m[0];
    if (raw === '$t(') {
      // To the matching parenthesis, strings skipped.
      let depth = 0;
      let j = m.index + 2;
      for (; j < s.length; j++) {
        const c = s[j];
        if (c === '"') j = s.indexOf('"', j + 1);
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
        if (j < 0) break;
      }
      raw = j > 0 && j < s.length ? s.slice(m.index, j + 1) : raw;
    }
    i = m.index + raw.length;
    const name = m[2]?.toLowerCase();
    if (name === undefined || m[4] === '/' || voidTags.has(name)) {
      items.push({ raw, path: path(), pair: false });
    } else if (!m[1]) {
      const item: Item = { raw, path: path(), pair: true, text: false };
      items.push(item);
      stack.push({ name, item });
    } else {
      const at = stack.map((x) => x.name).lastIndexOf(name);
      if (at === -1) items.push({ raw, path: path(), pair: false });
      else {
        if (at !== stack.length - 1) crossed = true;
        items.push({
          raw,
          path: stack
            .slice(0, at)
            .map((x) => x.item.raw)
            .join('>'),
          pair: false,
        });
        stack.length = at;
      }
    }
  }
  markText(s.slice(i));
  return { items, crossed };
}

function icuShape(elements: readonly MessageFormatElement[]): string {
  const out: string[] = [];
  for (const e of elements) {
    switch (e.type) {
      case 0: // literal
        break;
      case 1:
        out.push(`arg:${e.value}`);
        break;
      case 2:
      case 3:
      case 4:
        out.push(
          `fmt${e.type}:${e.value}:${e.style === null || e.style === undefined ? '' : typeof e.style === 'string' ? e.style : JSON.stringify((e.style as { parsedOptions?: unknown }).parsedOptions ?? e.style)}`,
        );
        break;
      case 5:
        out.push(
          `select:${e.value}{${Object.keys(e.options)
            .sort()
            .map((k) => `${k}:${icuShape(e.options[k]!.value)}`)
            .join(';')}}`,
        );
        break;
      case 6:
        out.push(
          `plural:${e.value}:${e.pluralType}:${e.offset}{${Object.keys(e.options)
            .sort()
            .map((k) => `${k}:${icuShape(e.options[k]!.value)}`)
            .join(';')}}`,
        );
        break;
      case 7:
        out.push('#');
        break;
      default:
        out.push(`other${e.type}`);
    }
  }
  return `[${out.sort().join(',')}]`;
}

function parseIcu(s: string): MessageFormatElement[] | undefined {
  try {
    return parse(s, { ignoreTag: true, requiresOtherClause: false });
  } catch {
    return undefined;
  }
}

/** Whether `result` carries `source`'s markup, whitespace and (with `icu`) ICU structure. */
export function judge(source: string, result: string, icu: boolean): Verdict {
  const problems: string[] = [];
  if (/^\s*/.exec(source)![0] !== /^\s*/.exec(result)![0]) problems.push('leading whitespace differs');
  if (/\s*$/.exec(source)![0] !== /\s*$/.exec(result)![0]) problems.push('trailing whitespace differs');
  if ((source.match(/\n/g) ?? []).length !== (result.match(/\n/g) ?? []).length) problems.push('line breaks differ');
  const a = markup(source);
  const b = markup(result);
  if (b.crossed && !a.crossed) problems.push('tags cross');
  const key = (x: Item) => `${x.path}|${x.raw}`;
  const ka = a.items.map(key).sort();
  const kb = b.items.map(key).sort();
  if (ka.join('\n') !== kb.join('\n')) problems.push(`markup differs: ${JSON.stringify(ka)} vs ${JSON.stringify(kb)}`);
  else {
    const filled = (xs: Item[]) =>
      xs
        .filter((x) => x.pair)
        .map((x) => `${key(x)}=${x.text}`)
        .sort()
        .join('\n');
    if (filled(a.items) !== filled(b.items)) problems.push('a pair of tags lost its text');
  }
  if (icu) {
    const sa = parseIcu(source);
    const sb = parseIcu(result);
    if (!sb) problems.push('not valid ICU');
    else if (sa && icuShape(sa) !== icuShape(sb)) {
      problems.push(`ICU structure differs: ${icuShape(sa)} vs ${icuShape(sb)}`);
    }
  }
  return { ok: problems.length === 0, problems };
}
