/**
 * The JSON import filter as Phrase TMS applies it to what a job exports (`JsonSettingsDto`, S24;
 * SUP-JSON ".JSON (TMS)"): keys outside `includeKeyRegexp` / inside `excludeKeyRegexp` are not
 * segments (they keep the source text), and with `htmlSubFilter` (default **true**) the text is
 * read as HTML, so `&` and a `<` that opens no HTML tag come back as `&amp;` and `&lt;`.
 */

export interface JsonSettings {
  readonly tagRegexp?: string;
  /** Default true (S24: "Default: true"). */
  readonly htmlSubFilter?: boolean;
  /** Default false. */
  readonly icuSubFilter?: boolean;
  readonly includeKeyRegexp?: string;
  readonly excludeKeyRegexp?: string;
  readonly contextNotePath?: string;
  readonly maxLenPath?: string;
  readonly contextKeyPath?: string;
}

/** A few HTML elements, enough to tell `<strong>` (a tag to the HTML filter) from i18next's `<0>`. */
const htmlTag = /^<\/?(a|b|br|code|div|em|hr|i|img|li|ol|p|small|span|strong|sub|sup|u|ul)\b[^<>]*>/i;

/** Why Phrase would refuse these settings, or undefined. */
export function settingsProblem(json: JsonSettings | undefined): string | undefined {
  for (const field of ['tagRegexp', 'includeKeyRegexp', 'excludeKeyRegexp'] as const) {
    const re = json?.[field];
    if (re === undefined) continue;
    if (typeof re !== 'string') return `${field} must be a string`;
    try {
      new RegExp(re);
    } catch (e) {
      return `${field} is not a valid regular expression: ${(e as Error).message}`;
    }
    // Phrase rejects tag regexps with nested quantifiers (phrase-tms-behaviour.md, help pages).
    if (/\((?:[^()\\]|\\.)*[+*}]\)[+*{]/.test(re)) return `${field} has a nested quantifier`;
  }
  return undefined;
}

/** Whether the key path is a segment under these settings. */
export function isSegment(path: string, json: JsonSettings): boolean {
  if (json.includeKeyRegexp && !new RegExp(`^(?:${json.includeKeyRegexp})$`).test(path)) return false;
  if (json.excludeKeyRegexp && new RegExp(`^(?:${json.excludeKeyRegexp})$`).test(path)) return false;
  return true;
}

/** The exported text of one segment. */
export function exportText(text: string, json: JsonSettings): string {
  if (json.htmlSubFilter === false) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '&') out += '&amp;';
    else if (c === '<') {
      const tag = htmlTag.exec(text.slice(i));
      if (tag) {
        out += tag[0];
        i += tag[0].length - 1;
      } else out += '&lt;';
    } else out += c;
  }
  return out;
}
