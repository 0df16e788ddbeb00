/**
 * How Phrase TMS writes things on the wire: its dates, JSON in a header, file names in
 * `Content-Disposition`, job directories, and path segments.
 */

/** Phrase writes dates as `2026-11-22T10:00:00+0000`; Date.parse wants `+00:00`. */
export function parsePhraseDate(s: string): number {
  const t = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? 0 : t;
}

/**
 * JSON for a header: non-ASCII escaped as `\uXXXX` (still the same JSON), since header values
 * are bytes and undici refuses characters outside Latin-1.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A job's directory as Phrase may echo it (`./a/`, backslashes, a trailing `/`), in one spelling to compare. */
export function normaliseDir(dir: string | null | undefined): string {
  const d = (dir ?? '').replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  return d === '.' ? '' : d;
}

export function enc(s: string): string {
  return encodeURIComponent(s);
}

/** RFC 5987: non-ASCII names work (`filename*=UTF-8''na%C3%AFve.json`). */
export function contentDisposition(filename: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `filename*=UTF-8''${encoded}`;
}

/** The file name of a `Content-Disposition` header, decoded. */
export function filenameFrom(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(value);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      return undefined;
    }
  }
  return /filename="?([^";]+)"?/i.exec(value)?.[1];
}
