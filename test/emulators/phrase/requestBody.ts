/** Request bodies and headers as the emulator reads them. */
import type { IncomingMessage } from 'node:http';

export function parseBody(req: IncomingMessage, raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      return raw.toString('utf8');
    }
  }
  return raw.toString('utf8');
}

export function parseDisposition(h: string | string[] | undefined): string | undefined {
  const v = Array.isArray(h) ? h[0] : h;
  if (!v || !/^((inline|attachment); )?(filename\*=UTF-8''(.+)|filename="?(.+)"?)$/.test(v)) return undefined;
  const star = /filename\*=UTF-8''(.+)$/.exec(v);
  if (star) return decodeURIComponent(star[1]!);
  return /filename="?([^"]+)"?/.exec(v)?.[1];
}
