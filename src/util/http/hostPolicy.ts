/**
 * Where credentials may go. A repository's `locale-loop.json` can name any base URL; the token,
 * password or API key goes there only over https (plain http only to this machine), and only to
 * a known host of the service unless the user said so explicitly (a CLI flag or variable, or a
 * question the editor asks once per workspace).
 */

export type ServiceName = 'Phrase TMS' | 'ModernMT';

/** Hosts the services really use (and their subdomains: regional data centres). */
const knownDomains: Record<ServiceName, readonly string[]> = {
  'Phrase TMS': ['memsource.com', 'phrase.com'],
  ModernMT: ['modernmt.com'],
};

export type UrlVerdict =
  | { readonly kind: 'loopback' | 'known'; readonly host: string }
  | { readonly kind: 'unknown'; readonly host: string }
  | { readonly kind: 'refused'; readonly host: string; readonly reason: string };

export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** What kind of destination a service URL is. */
export function classifyServiceUrl(service: ServiceName, url: string): UrlVerdict {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: 'refused', host: url, reason: `${service} base URL "${url}" is not a URL` };
  }
  const host = u.hostname.toLowerCase();
  if (u.username || u.password) {
    return { kind: 'refused', host, reason: `${service} base URL must not carry a user name or password` };
  }
  if (isLoopback(host)) {
    return u.protocol === 'http:' || u.protocol === 'https:'
      ? { kind: 'loopback', host }
      : { kind: 'refused', host, reason: `${service} base URL must be http(s): ${url}` };
  }
  if (u.protocol !== 'https:') {
    return {
      kind: 'refused',
      host,
      reason: `${service} base URL ${u.origin} is not https: credentials are sent over https only (plain http only to this machine)`,
    };
  }
  const known = knownDomains[service].some((d) => host === d || host.endsWith(`.${d}`));
  return { kind: known ? 'known' : 'unknown', host };
}

/** How a caller lets an unknown host through. */
export interface HostGate {
  /** Hosts the user named explicitly (CLI flag, variable, or the editor's remembered answer). */
  readonly allow?: readonly string[];
  /** Asks the user (the editor); true lets the host through. */
  readonly confirm?: (host: string, service: ServiceName) => Promise<boolean>;
  /** How to allow it, for the refusal message (the CLI names its flag and variable). */
  readonly advice?: string;
}

export class HostRefusedError extends Error {
  readonly kind = 'HostRefusedError' as const;
  constructor(
    message: string,
    readonly host: string,
  ) {
    super(message);
    this.name = 'HostRefusedError';
  }
  static is(e: unknown): e is HostRefusedError {
    return e instanceof Error && (e as { kind?: unknown }).kind === 'HostRefusedError';
  }
}

/** Resolves when credentials may be sent to `url`; else throws `HostRefusedError` saying why and what to do. */
export async function admitServiceUrl(service: ServiceName, url: string, gate: HostGate = {}): Promise<void> {
  const v = classifyServiceUrl(service, url);
  if (v.kind === 'refused') throw new HostRefusedError(`Locale Loop did not contact ${service}: ${v.reason}.`, v.host);
  if (v.kind !== 'unknown') return;
  if (gate.allow?.some((h) => h.toLowerCase() === v.host)) return;
  if (gate.confirm && (await gate.confirm(v.host, service))) return;
  throw new HostRefusedError(
    `Locale Loop did not send your ${service} credentials to ${v.host}: it is not a known ${service} host, and nobody confirmed it.${gate.advice ? ` ${gate.advice}` : ''}`,
    v.host,
  );
}
