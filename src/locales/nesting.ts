/**
 * How deep a locale file may nest objects and arrays. No real locale file comes near the limit;
 * deeper files are refused like malformed ones, so that no parser or walk (several recurse) can
 * exhaust the call stack, and the error names the file, line and column.
 */
import { LocaleParseError } from './errors';
import { lineColumnAt } from './textPosition';

export const maxNesting = 1000;

/**
 * Throws `LocaleParseError` at the first `{` or `[` (outside strings) deeper than `maxNesting`.
 * Iterative; run only where the strict scanner gave up (it bounds depth itself).
 */
export function checkNesting(text: string, file: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: to the next quote not escaped by a backslash.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxNesting) {
        const at = lineColumnAt(text, i);
        throw new LocaleParseError(
          file,
          at.line,
          at.column,
          `nesting deeper than ${maxNesting} levels (no locale file needs that many): refused like a malformed file`,
        );
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}
