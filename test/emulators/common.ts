/** What both emulators share: a loopback HTTP server's lifecycle, and fault rules. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a fault applies, and how often. */
export interface FaultMatch {
  readonly method?: string;
  /** Regular expression on the path (without query). */
  readonly path?: string;
  /** Applies to every `every`-th matching request (default every one). */
  readonly every?: number;
  /** How many times it may apply (default unlimited). */
  readonly times?: number;
}

/** Fault rules; the first matching rule with budget left applies. */
export class FaultBook<T extends FaultMatch> {
  private rules: Array<T & { seen: number; used: number }> = [];

  set(rules: readonly T[]): void {
    this.rules = rules.map((r) => ({ ...r, seen: 0, used: 0 }));
  }

  take(method: string, path: string): T | undefined {
    for (const f of this.rules) {
      if (f.method && f.method.toUpperCase() !== method.toUpperCase()) continue;
      if (f.path && !new RegExp(f.path).test(path)) continue;
      if (f.times !== undefined && f.used >= f.times) continue;
      f.seen++;
      if (f.seen % (f.every ?? 1) !== 0) continue;
      f.used++;
      return f;
    }
    return undefined;
  }
}

/** A server on 127.0.0.1 (a free port unless given), closed with all its connections. */
export class LoopbackServer {
  private server?: Server;

  constructor(private readonly handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {}

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => void this.handler(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
