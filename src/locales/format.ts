/**
 * The byte-level style of a locale file (BOM, line endings, indentation, final newline, escaped
 * non-ASCII), detected once so edits can write new lines the way the file already looks.
 */

export interface FileStyle {
  readonly bom: boolean;
  readonly eol: '\n' | '\r\n';
  readonly insertSpaces: boolean;
  readonly tabSize: number;
  readonly finalNewline: boolean;
  /** The file writes non-ASCII characters as `\u00e9` escapes rather than raw. */
  readonly escapeNonAscii: boolean;
}

/** Detects the style of `text` (without BOM); `bom` says whether the bytes had one. */
export function detectStyle(text: string, bom: boolean): FileStyle {
  const crlf = text.indexOf('\r\n');
  const lf = text.indexOf('\n');
  const eol = crlf !== -1 && crlf + 1 === lf ? '\r\n' : '\n';
  // The first indented line tells tabs vs spaces and the unit.
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  const insertSpaces = !indent.startsWith('\t');
  const tabSize = insertSpaces ? Math.max(1, Math.min(indent.length, 8)) : 1;
  const finalNewline = text.endsWith('\n');
  // Escaped style: the file has \uXXXX escapes of non-ASCII and no raw non-ASCII characters.
  // eslint-disable-next-line no-control-regex
  const hasRawNonAscii = /[^\u0000-\u007f]/.test(text);
  const escapeNonAscii =
    !hasRawNonAscii &&
    /\\u00[89a-fA-F][0-9a-fA-F]|\\u0[1-9a-fA-F][0-9a-fA-F]{2}|\\u[1-9a-fA-F][0-9a-fA-F]{3}/.test(text);
  return { bom, eol, insertSpaces, tabSize, finalNewline, escapeNonAscii };
}

/** `é` → `\u00e9` for files written in the escaped style (only valid inside JSON strings). */
export function escapeNonAscii(jsonText: string): string {
  return jsonText.replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
