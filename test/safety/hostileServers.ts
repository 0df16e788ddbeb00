/**
 * Small standalone hostile servers on 127.0.0.1 for the network-edge attacks: each answers
 * every request through one handler, counts what it got, and closes with all its connections
 * (a trickling body must not keep the test process alive).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { request } from 'undici';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly raw: Buffer;
}

export interface HostileServer {
  /** `http://127.0.0.1:PORT` (append `/web` for a Phrase TMS base URL). */
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

export async function hostileServer(handler: Handler): Promise<HostileServer> {
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const r = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: raw.toString('utf8'),
        raw,
      };
      seen.push(r);
      void Promise.resolve(handler(r, res)).catch(() => res.destroy());
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  trickleTimers.set(url, timers);
  return {
    url,
    seen,
    async close() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const trickleTimers = new Map<string, Set<NodeJS.Timeout>>();

/** A JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** A body that never ends: one byte every `everyMs` (an idle timeout never fires). */
export function trickle(res: ServerResponse, everyMs: number, serverUrl: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{');
  const t = setInterval(() => res.write(' '), everyMs);
  trickleTimers.get(serverUrl)?.add(t);
  res.on('close', () => clearInterval(t));
}

/** A body that never ends and comes as fast as the client reads it. */
export function flood(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  res.write('[');
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  pump();
}

/** A successful Phrase TMS login answer carrying `token`. */
export function phraseLogin(res: ServerResponse, token: string): void {
  json(res, 200, {
    token,
    expires: new Date(Date.now() + 3600_000).toISOString(),
    user: { uid: 'u1', userName: 'hostile-user' },
  });
}

/**
 * A reverse proxy in front of an emulator that, for requests whose path matches `match`,
 * answers `status` with an error body echoing everything the client sent (headers and body),
 * as a careless or hostile server might; everything else is forwarded unchanged.
 */
export async function echoProxy(
  target: string,
  match: RegExp,
  status: number,
  format: 'phrase' | 'modernmt',
): Promise<HostileServer> {
  const origin = new URL(target).origin;
  return hostileServer(async (req, res) => {
    if (match.test(req.url.split('?')[0]!)) {
      // Bare values too: a pattern for `Authorization: …` must not be what saves the day.
      const bare = [
        String(req.headers.authorization ?? '').replace(/^ApiToken /, ''),
        String(req.headers['mmt-apikey'] ?? ''),
      ].join(' and ');
      const echo = `you sent ${JSON.stringify(req.headers)} with ${req.body}; unknown credentials ${bare}`;
      return json(
        res,
        status,
        format === 'phrase'
          ? { errorCode: status === 401 ? 'AuthUnauthorized' : 'InternalError', errorDescription: echo }
          : { status, error: { type: 'EchoException', message: echo } },
      );
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([k]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(k),
      ),
    ) as Record<string, string>;
    const up = await request(origin + req.url, {
      method: req.method as 'GET',
      headers,
      body: req.method === 'GET' ? undefined : req.raw,
    });
    const body = Buffer.from(await up.body.arrayBuffer());
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(up.headers)) {
      if (v !== undefined && !['connection', 'transfer-encoding', 'content-length', 'keep-alive'].includes(k)) {
        out[k] = v;
      }
    }
    res.writeHead(up.statusCode, { ...out, 'content-length': String(body.length) });
    res.end(body);
  });
}
