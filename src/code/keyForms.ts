/**
 * Which code keys may refer to a catalogue key: the key itself, its plural base (`item` for
 * `item_one`, with `count`), its context base (`friend` for `friend_male`, with `context`), and
 * its parent objects (`nav` for `nav.home`, read with `returnObjects`).
 */
import { splitPluralSuffix } from '../locales/plurals';

export interface Separators {
  readonly keySeparator: string | false;
  readonly pluralSeparator: string;
  readonly contextSeparator: string;
}

/** Code keys under which a catalogue key counts as used, the key itself first. */
export function referringKeys(key: string, sep: Separators): string[] {
  const base = splitPluralSuffix(key, sep.pluralSeparator)?.base ?? key;
  const out = [key];
  if (base !== key) out.push(base);
  for (const p of prefixes(base, sep.contextSeparator)) out.push(p);
  for (const p of prefixes(base, sep.keySeparator)) out.push(p);
  return [...new Set(out)];
}

function prefixes(key: string, s: string | false): string[] {
  if (s === false || s === '') return [];
  const out: string[] = [];
  for (let at = key.indexOf(s); at !== -1; at = key.indexOf(s, at + s.length)) if (at > 0) out.push(key.slice(0, at));
  return out;
}
