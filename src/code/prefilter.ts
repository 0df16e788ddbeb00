/** The resolver's byte pre-filter: which files are worth parsing at all. */
import type { ResolverOptions } from './types';

/**
 * Every binding the walk resolves a call through starts at one of these words (a hook, a type, a
 * `<Trans>`, an i18next instance, `$t`) or at a configured function name: a file with none of them
 * has no site, and is not parsed (most files of an app: utilities, types, API clients). A `\u`
 * escape can spell any identifier (`\u0074` is `t`), so a file holding one is parsed too.
 */
const anchorWords = /Trans|TFunction|getFixedT|\$t|[iI]18[nN]|\\u/;
const nameTests = new Map<string, RegExp>();

export function mayHoldSites(text: string, options: ResolverOptions): boolean {
  if (anchorWords.test(text)) return true;
  const key = options.functions.join('\n');
  let names = nameTests.get(key);
  if (!names) {
    // `t` as a word: `t(…)`, `props.t(…)`, `{ t }`, `const tr = t` (an alias is made of the name).
    const words = [...new Set(options.functions.map((f) => f.slice(f.lastIndexOf('.') + 1)))];
    names = !words.length
      ? /(?!)/
      : new RegExp(`(?<![\\w$])(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w$])`);
    nameTests.set(key, names);
  }
  return names.test(text);
}
