/**
 * One Phrase TMS request as it goes on the wire: the query on the URL, the headers (the token
 * only in `Authorization: ApiToken …`), and a JSON or binary body.
 */
import { productName, version } from '../version';
import type { CallOptions } from './transportOptions';

const userAgent = `${productName}/${version} (VS Code extension and CLI; https://github.com/locale-loop)`;

/** Adds `options.query` to `url` (arrays as repeated parameters) and builds headers and body. */
export function buildRequest(
  url: URL,
  options: CallOptions,
  token: string | undefined,
): { headers: Record<string, string>; body: string | Uint8Array | undefined } {
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, item);
    else url.searchParams.set(k, String(v));
  }
  const headers: Record<string, string> = { 'user-agent': userAgent, accept: 'application/json', ...options.headers };
  if (token) headers.authorization = `ApiToken ${token}`;
  let body: string | Uint8Array | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.bytes) {
    headers['content-type'] = 'application/octet-stream';
    body = options.bytes;
  }
  return { headers, body };
}
