/**
 * i18next's own key arithmetic, reproduced so that a key resolves here as it does at run time:
 * keyPrefix joined with the key (getFixedT), then the namespace split off (`extractFromKey`),
 * skipped for natural-language keys (`looksLikeObjectPath`). Sources: i18next 24
 * `Translator.extractFromKey`, `I18n.getFixedT`, `utils.looksLikeObjectPath`.
 */

const naturalChars = [' ', ',', '?', '!', ';'];

/** False for keys such as "Hello, world: again" that i18next does not split at ':'. */
export function looksLikeObjectPath(key: string, nsSeparator: string, keySeparator: string | false): boolean {
  const ks = keySeparator || '';
  const possible = naturalChars.filter((c) => !nsSeparator.includes(c) && !ks.includes(c));
  if (possible.length === 0) return true;
  const has = (s: string) => possible.some((c) => s.includes(c));
  if (!has(key)) return true;
  const ki = ks ? key.indexOf(ks) : -1;
  return ki > 0 && !has(key.slice(0, ki));
}

/** keyPrefix + key as getFixedT joins them (its separator falls back to '.'). */
export function withPrefix(prefix: string, key: string, keySeparator: string | false): string {
  return prefix ? `${prefix}${keySeparator || '.'}${key}` : key;
}

/** Splits `ns:key`; undefined when the key names no namespace. */
export function splitNamespace(
  key: string,
  nsSeparator: string | false,
  keySeparator: string | false,
): { namespace: string; key: string } | undefined {
  if (!nsSeparator || !key.includes(nsSeparator) || !looksLikeObjectPath(key, nsSeparator, keySeparator)) {
    return undefined;
  }
  const parts = key.split(nsSeparator);
  const namespace = parts.shift()!;
  return { namespace, key: parts.join(keySeparator || '.') };
}
