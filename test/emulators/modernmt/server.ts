/**
 * A local ModernMT (cloud API) on 127.0.0.1, as described in shared/reference/modernmt-api.md:
 * every call a POST with `X-HTTP-Method-Override` (any case; the real method when absent), JSON
 * or multipart bodies (chunked or not), the `{status, data}` / `{status, error:{type,message}}`
 * envelope, `MMT-ApiKey` auth, limits (over 128 segments or 10,000 characters → 400), a
 * deterministic pseudo-translation that treats XML tags as the engine does (tags kept, text
 * XML-escaped) with the ways a real engine gets tags wrong as opt-in modes (engine.ts), the
 * account's rate limit and billing (limits.ts, opt-in), memories whose content changes the
 * output (a pair in a hinted memory comes back verbatim, its tags projected) and that add or
 * replace as the service does, TMX imports that progress over time, and fault injection.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { FaultBook, LoopbackServer } from '../common';
import type { TagMode } from './engine';
import { pseudoMt } from './engine';
import { BillingLedger, RateWindow } from './limits';
import type { MemoryRec, Pair } from './memory';
import { lang, memoryDto, parseTmx, recall } from './memory';
import { parseMultipart } from './multipart';
import type { MmtEmulatorOptions, MmtExchange, MmtFault } from './options';
import { queryLimitMessage, supported } from './options';

export { pseudoMt } from './engine';
export type { TagMode } from './engine';
export type { MmtEmulatorOptions, MmtExchange, MmtFault } from './options';

export class ModernMtEmulator {
  private readonly server = new LoopbackServer((req, res) => this.handle(req, res));
  private readonly faults = new FaultBook<MmtFault>();
  readonly memories = new Map<number, MemoryRec>();
  private readonly imports = new Map<
    string,
    { memory: number; size: number; readyAt: number; pairs: Pair[]; applied: boolean; replace: boolean }
  >();
  private nextMemory = 1;
  readonly log: MmtExchange[] = [];
  private modes: readonly TagMode[];
  private readonly rate?: RateWindow;
  readonly billing: BillingLedger;

  constructor(private readonly options: MmtEmulatorOptions = {}) {
    this.modes = options.tagModes ?? [];
    this.rate = options.charsPerSecond ? new RateWindow(options.charsPerSecond) : undefined;
    this.billing = new BillingLedger(!!options.billOncePerProject);
  }

  /** The engine's ways of getting tags wrong from now on (an admin switch, for tests). */
  setTagModes(modes: readonly TagMode[]): void {
    this.modes = modes;
  }

  get apiKey(): string {
    return this.options.apiKey ?? 'mmt-test-key-0123456789';
  }

  async start(port = 0): Promise<string> {
    await this.server.start(port);
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  get port(): number {
    return this.server.port;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  setFaults(rules: readonly MmtFault[]): void {
    this.faults.set(rules);
  }

  private readonly started = new WeakMap<ServerResponse, number>();

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.started.set(res, performance.now());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const override = req.headers['x-http-method-override'];
    const verbAsSent = typeof override === 'string' ? override : (req.method ?? 'GET');
    const verb = verbAsSent.toUpperCase();
    let body: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const type = String(req.headers['content-type'] ?? '');
    try {
      if (type.startsWith('multipart/form-data')) body = { ...body, ...(await parseMultipart(raw, type)) };
      else if (raw.length > 0) body = { ...body, ...JSON.parse(raw.toString('utf8')) };
    } catch {
      return this.reply(res, url.pathname, verbAsSent, req.headers, body, 400, {
        status: 400,
        error: { type: 'ParameterParsingException', message: 'Malformed request body' },
      });
    }

    const fault = this.faults.take(verb, url.pathname);
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
    if (fault?.kind === 'html') {
      res.writeHead(fault.status ?? 502, { 'content-type': 'text/html' });
      return void res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    }
    if (fault?.kind === 'no-error') {
      return this.reply(res, url.pathname, verbAsSent, req.headers, body, fault.status ?? 500, {
        status: fault.status ?? 500,
      });
    }
    if (fault?.kind === 'status') {
      const status = fault.status ?? 503;
      const headers: Record<string, string> =
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      return this.reply(
        res,
        url.pathname,
        verbAsSent,
        req.headers,
        body,
        status,
        {
          status,
          error: {
            type: fault.type ?? (status === 429 ? 'TooManyRequestsException' : 'ServiceUnavailableException'),
            message: 'injected fault',
          },
        },
        headers,
      );
    }

    if (req.headers['mmt-apikey'] !== this.apiKey) {
      return this.reply(res, url.pathname, verbAsSent, req.headers, body, 401, {
        status: 401,
        error: { type: 'AuthenticationException', message: 'Invalid API key' },
      });
    }
    let result: [number, unknown];
    try {
      result = this.route(verb, url.pathname, body, String(req.headers['mmt-apikey']));
    } catch (e) {
      result = [500, { status: 500, error: { type: 'InternalErrorException', message: (e as Error).message } }];
    }
    if (fault?.kind === 'drop-after') {
      // Carried out, the answer lost: logged with status 0.
      this.log.push({
        path: url.pathname,
        verb: verbAsSent,
        headers: req.headers,
        body,
        status: 0,
        response: undefined,
      });
      return void req.socket.destroy();
    }
    if (fault?.kind === 'short' && Array.isArray((result[1] as { data?: unknown }).data)) {
      (result[1] as { data: unknown[] }).data.pop();
    }
    if (fault?.kind === 'split-utf8') {
      // The body in tiny pieces, splitting multi-byte characters: a client must decode it whole.
      const payload = Buffer.from(JSON.stringify(result[1]));
      this.log.push({
        path: url.pathname,
        verb: verbAsSent,
        headers: req.headers,
        body,
        status: result[0],
        response: result[1],
      });
      res.writeHead(result[0], { 'content-type': 'application/json; charset=utf-8' });
      for (let i = 0; i < payload.length; i += 3) res.write(payload.subarray(i, i + 3));
      return void res.end();
    }
    this.reply(res, url.pathname, verbAsSent, req.headers, body, result[0], result[1]);
  }

  private reply(
    res: ServerResponse,
    path: string,
    verb: string,
    headers: IncomingMessage['headers'],
    body: Record<string, unknown>,
    status: number,
    envelope: unknown,
    extra: Record<string, string> = {},
  ): void {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'access-control-allow-origin': '*',
      ...extra,
    });
    res.end(JSON.stringify(envelope) + '\n');
    this.log.push({
      path,
      verb,
      headers,
      body,
      status,
      response: envelope,
      serverMs: performance.now() - (this.started.get(res) ?? performance.now()),
    });
  }

  private ok(data: unknown): [number, unknown] {
    return [200, { status: 200, data }];
  }

  private error(status: number, type: string, message: string): [number, unknown] {
    return [status, { status, error: { type, message } }];
  }

  private route(verb: string, path: string, b: Record<string, unknown>, apiKey: string): [number, unknown] {
    let m: RegExpExecArray | null;
    if (verb === 'GET' && path === '/translate') return this.translate(b, apiKey);
    if (verb === 'GET' && path === '/translate/languages') return this.ok(this.options.languages ?? supported);
    if (verb === 'GET' && path === '/context-vector') return this.contextVector(b);
    if (verb === 'GET' && path === '/memories') return this.ok([...this.memories.values()].map(memoryDto));
    if (verb === 'POST' && path === '/memories') {
      if (typeof b.name !== 'string' || !b.name) {
        return this.error(400, 'ParameterParsingException', 'Missing parameter name');
      }
      const mem: MemoryRec = {
        id: this.nextMemory++,
        name: b.name,
        description: typeof b.description === 'string' ? b.description : undefined,
        creationDate: new Date().toISOString(),
        pairs: [],
      };
      this.memories.set(mem.id, mem);
      return this.ok(memoryDto(mem));
    }
    if ((m = /^\/memories\/([^/]+)$/.exec(path))) {
      const mem = this.memories.get(Number(m[1]));
      if (!mem) return this.error(404, 'NotFoundException', 'Requested resource not found');
      if (verb === 'GET') return this.ok(memoryDto(mem));
      if (verb === 'PUT') {
        if (typeof b.name === 'string') mem.name = b.name;
        if (typeof b.description === 'string') mem.description = b.description;
        return this.ok(memoryDto(mem));
      }
      if (verb === 'DELETE') {
        this.memories.delete(mem.id);
        return this.ok(memoryDto(mem));
      }
    }
    if ((m = /^\/memories\/([^/]+)\/content$/.exec(path)) && (verb === 'POST' || verb === 'PUT')) {
      const mem = this.memories.get(Number(m[1]));
      if (!mem) return this.error(404, 'NotFoundException', 'Requested resource not found');
      let pairs: Pair[];
      if (b.tmx && typeof b.tmx === 'object') {
        // "a TMX import (tuids in the TMX are ignored, per the doc)": modernmt-behaviour.md, Memories.
        const file = b.tmx as { content: Buffer };
        const bytes = b.compression === 'gzip' ? gunzipSync(file.content) : file.content;
        pairs = parseTmx(bytes.toString('utf8')).map((p) => ({ ...p, tuid: undefined }));
      } else {
        for (const f of ['source', 'target', 'sentence', 'translation']) {
          if (typeof b[f] !== 'string') return this.error(400, 'ParameterParsingException', `Missing parameter ${f}`);
        }
        if (verb === 'PUT' && typeof b.tuid !== 'string') {
          return this.error(400, 'ParameterParsingException', 'Missing parameter tuid');
        }
        pairs = [
          {
            source: b.source as string,
            target: b.target as string,
            sentence: b.sentence as string,
            translation: b.translation as string,
            tuid: b.tuid as string | undefined,
          },
        ];
      }
      const id = randomUUID();
      this.imports.set(id, {
        memory: mem.id,
        size: pairs.length,
        readyAt: Date.now() + (this.options.importDelayMs ?? 50),
        pairs,
        applied: false,
        replace: verb === 'PUT',
      });
      return this.ok({ id, memory: mem.id, size: pairs.length, progress: 0 });
    }
    if ((m = /^\/import-jobs\/([^/]+)$/.exec(path)) && verb === 'GET') {
      const job = this.imports.get(m[1]!);
      if (!job) return this.error(404, 'NotFoundException', 'Requested resource not found');
      const progress = Math.min(1, 1 - (job.readyAt - Date.now()) / (this.options.importDelayMs ?? 50));
      if (progress >= 1) this.applyImport(job);
      return this.ok({
        id: m[1],
        memory: job.memory,
        size: job.size,
        progress: Math.max(0, progress >= 1 ? 1 : Number(progress.toFixed(2))),
      });
    }
    return this.error(404, 'ApiNotFoundException', 'Invalid API endpoint');
  }

  /**
   * "`POST /memories/{id}/content` adds … Posting the same pair again adds it again";
   * "`PUT /memories/{id}/content` replaces the pair with that `tuid`" (modernmt-behaviour.md,
   * Memories). A PUT whose tuid the memory lacks adds the pair (inferred: the docs say nothing).
   */
  private applyImport(job: { memory: number; pairs: Pair[]; applied: boolean; replace: boolean }): void {
    if (job.applied) return;
    job.applied = true;
    const mem = this.memories.get(job.memory);
    if (!mem) return;
    for (const p of job.pairs) {
      const at = job.replace
        ? mem.pairs.findIndex(
            (x) => x.tuid === p.tuid && lang(x.source) === lang(p.source) && lang(x.target) === lang(p.target),
          )
        : -1;
      if (at >= 0) mem.pairs[at] = p;
      else mem.pairs.push(p);
    }
  }

  /** The pairs a memory holds now (imports that finished included). */
  pairsOf(memoryId: number): readonly Pair[] {
    for (const job of this.imports.values()) if (Date.now() >= job.readyAt) this.applyImport(job);
    return this.memories.get(memoryId)?.pairs ?? [];
  }

  private translate(b: Record<string, unknown>, apiKey: string): [number, unknown] {
    if (typeof b.target !== 'string' || !b.target) {
      return this.error(400, 'ParameterParsingException', 'Missing parameter target');
    }
    const many = Array.isArray(b.q);
    const q = (many ? (b.q as unknown[]) : [b.q]).map((x) => (typeof x === 'string' ? x : undefined));
    if (q.some((x) => x === undefined)) return this.error(400, 'ParameterParsingException', 'Missing parameter q');
    const segments = q as string[];
    const chars = segments.reduce((n, s) => n + s.length, 0);
    const tooLong = queryLimitMessage(segments, chars, this.options);
    if (tooLong) return this.error(400, 'ParameterParsingException', tooLong);
    const target = b.target;
    const source = typeof b.source === 'string' ? b.source : undefined;
    if (!supported.some((l) => l.toLowerCase() === target.toLowerCase() || l.split('-')[0] === target.split('-')[0])) {
      return this.error(
        400,
        'UnsupportedLanguageException',
        `Language pair not supported: ${source ?? 'auto'} > ${target}`,
      );
    }
    if (this.rate && !this.rate.take(apiKey, chars)) {
      return this.error(
        429,
        'TooManyRequestsException',
        `Too many characters per second (limit ${this.options.charsPerSecond})`,
      );
    }
    const hints = (Array.isArray(b.hints) ? b.hints : typeof b.hints === 'string' ? b.hints.split(',') : []).map((h) =>
      Number(h),
    );
    // Memory imports become visible as they finish.
    for (const job of this.imports.values()) if (Date.now() >= job.readyAt) this.applyImport(job);
    const xml = b.format === 'text/xml' || b.format === 'text/html' || /<[A-Za-z/][^>]*>/.test(segments.join(''));
    const projectId = typeof b.project_id === 'string' ? b.project_id : undefined;
    const out = segments.map((s) => {
      const remembered = recall(this.memories, hints, source ?? 'en', target, s);
      const translation = remembered ?? pseudoMt(s, target, xml, this.modes);
      return {
        translation,
        characters: s.length,
        billedCharacters: this.billing.bill(projectId, target, s),
        billed: true,
        ...(source ? {} : { detectedLanguage: 'en' }),
      };
    });
    return this.ok(many ? out : out[0]);
  }

  /** A pair of a hinted memory whose sentence matches (tags aside) comes back with the query's tags. */
  private contextVector(b: Record<string, unknown>): [number, unknown] {
    const targets = (Array.isArray(b.targets) ? b.targets : String(b.targets ?? '').split(',')).filter(
      Boolean,
    ) as string[];
    const vectors: Record<string, string> = {};
    for (const t of targets) {
      const mems = [...this.memories.values()].filter((m) => m.pairs.some((p) => lang(p.target) === lang(t)));
      vectors[t] = mems.map((m) => `${m.id}:0.5`).join(',');
    }
    return this.ok({ vectors });
  }
}
