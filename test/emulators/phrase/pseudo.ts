/**
 * The emulated linguist's deterministic pseudo-translation: letters outside placeholders are
 * swapped for accented look-alikes and the target language is prefixed, so a translation is
 * recognisable in a diff and every placeholder survives untouched.
 */

const placeholder = /\{\{[^{}]*\}\}|\$t\([^()]*\)|<\/?[A-Za-z0-9]+\s*\/?>|\{[A-Za-z_][\w]*(?:,[^{}]*)?\}/g;
const accents: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ö',
  u: 'ü',
  A: 'Á',
  E: 'É',
  I: 'Í',
  O: 'Ö',
  U: 'Ü',
  c: 'ç',
  n: 'ñ',
};

export function pseudoTranslate(text: string, targetLang: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(placeholder)) {
    out += accent(text.slice(last, m.index));
    out += m[0];
    last = m.index! + m[0].length;
  }
  out += accent(text.slice(last));
  return `[${targetLang}] ${out}`;
}

function accent(s: string): string {
  return s.replace(/[aeiouAEIOUcn]/g, (c) => accents[c] ?? c);
}
