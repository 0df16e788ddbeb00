/**
 * ICU MessageFormat as structure, for checking machine translations: a message's skeleton is
 * its arguments, plural/select selectors, `#` and nesting, with the text left out and the
 * order within a message ignored (a translation may move an argument, never add, drop or
 * re-nest one). Apostrophes follow ICU's DOUBLE_OPTIONAL mode, as formatjs and ICU4J do.
 */

/** The canonical skeleton of `message`, or undefined when it is not valid ICU. */
export function icuSkeleton(message: string): string | undefined {
  const p = new SkeletonParser(message);
  const s = p.message(false);
  return s !== undefined && p.i === message.length ? s : undefined;
}

class SkeletonParser {
  i = 0;
  constructor(private readonly s: string) {}

  /** Elements up to a `}` (left unread) or the end, sorted. */
  message(inPlural: boolean): string | undefined {
    const s = this.s;
    const parts: string[] = [];
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === "'") {
        const next = s[this.i + 1];
        if (next === "'") this.i += 2;
        else if (next === '{' || next === '}' || next === '|' || (next === '#' && inPlural)) {
          // Quoted literal: up to the next single apostrophe (to the end when unterminated, as ICU).
          let j = this.i + 1;
          for (;;) {
            const q = s.indexOf("'", j);
            if (q === -1) {
              j = s.length;
              break;
            }
            if (s[q + 1] === "'") j = q + 2;
            else {
              j = q + 1;
              break;
            }
          }
          this.i = j;
        } else this.i++;
      } else if (c === '{') {
        const a = this.argument();
        if (a === undefined) return undefined;
        parts.push(a);
      } else if (c === '}') break;
      else {
        if (c === '#' && inPlural) parts.push('#');
        this.i++;
      }
    }
    return parts.sort().join(' ');
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private word(re: RegExp): string | undefined {
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) return undefined;
    this.i = re.lastIndex;
    return m[0];
  }

  private argument(): string | undefined {
    const s = this.s;
    this.i++; // {
    this.ws();
    const name = this.word(/[^\s,{}#'"|]+/y);
    if (!name) return undefined;
    this.ws();
    if (s[this.i] === '}') {
      this.i++;
      return `{${name}}`;
    }
    if (s[this.i] !== ',') return undefined;
    this.i++;
    this.ws();
    const type = this.word(/[A-Za-z]+/y);
    if (!type) return undefined;
    this.ws();
    if (type === 'plural' || type === 'select' || type === 'selectordinal') {
      if (s[this.i] !== ',') return undefined;
      this.i++;
      this.ws();
      const offset = this.word(/offset:\s*\d+/y)?.replace(/\s+/g, '') ?? '';
      const branches: string[] = [];
      for (;;) {
        this.ws();
        if (s[this.i] === '}') break;
        const selector = this.word(/=\d+|[^\s{}=]+/y);
        if (!selector) return undefined;
        this.ws();
        if (s[this.i] !== '{') return undefined;
        this.i++;
        const inner = this.message(type !== 'select');
        if (inner === undefined || s[this.i] !== '}') return undefined;
        this.i++;
        branches.push(`${selector}[${inner}]`);
      }
      if (branches.length === 0) return undefined;
      this.i++;
      return `{${name},${type}${offset ? ',' + offset : ''}|${branches.sort().join('|')}}`;
    }
    if (s[this.i] === '}') {
      this.i++;
      return `{${name},${type}}`;
    }
    if (s[this.i] !== ',') return undefined;
    // A style: up to the brace that closes the argument (quotes honoured).
    const start = ++this.i;
    let level = 0;
    for (; this.i < s.length; this.i++) {
      const c = s[this.i];
      if (c === "'") {
        const q = s.indexOf("'", this.i + 1);
        if (q === -1) return undefined;
        this.i = q;
      } else if (c === '{') level++;
      else if (c === '}') {
        if (level === 0) break;
        level--;
      }
    }
    if (this.i >= s.length) return undefined;
    const style = s.slice(start, this.i).trim();
    this.i++;
    return `{${name},${type},${style}}`;
  }
}

/**
 * Machine-translated text made literal inside an ICU message: an apostrophe that ICU would read
 * as the start of a quote (before `{`, `}`, `#`, `|` or another apostrophe, here or at the
 * start of what follows) is doubled, and a brace the engine produced is quoted. (A `#` it
 * produced is left alone: in a plural branch the skeleton check then refuses it.)
 * `doubleAll`: the source doubles every apostrophe, so the result does too.
 */
export function icuLiteral(text: string, following: string, doubleAll: boolean): string {
  let out = '';
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    const next = k + 1 < text.length ? text[k + 1]! : (following[0] ?? '');
    if (c === "'") out += doubleAll || /['{}#|]/.test(next) ? "''" : "'";
    else if (c === '{' || c === '}') out += `'${c}'`;
    else out += c;
  }
  return out;
}
