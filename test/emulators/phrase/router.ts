/** Route templates such as `/api2/v1/projects/{projectUid}` matched against a request path. */
import type { IncomingMessage } from 'node:http';
import type { Reply } from './jobs';

export type Handler = (
  params: Record<string, string>,
  url: URL,
  body: unknown,
  headers: IncomingMessage['headers'],
  raw: Buffer,
  user: string,
) => Reply;

export interface Route {
  method: string;
  path: string;
  handler: Handler;
  regex: RegExp;
}

export interface RouteMatch {
  template: string;
  params: Record<string, string>;
  handler: Handler;
}

export function compileRoute([method, path, handler]: [string, string, Handler]): Route {
  return { method, path, handler, regex: new RegExp(`^${path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`) };
}

/** The first route of the method whose template matches, its parameters URL-decoded. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | undefined {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.regex.exec(path);
    if (m) {
      return {
        template: `${r.method} ${r.path}`,
        params: Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])),
        handler: r.handler,
      };
    }
  }
  return undefined;
}
