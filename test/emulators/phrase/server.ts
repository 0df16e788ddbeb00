/**
 * A local, stateful Phrase TMS (Memsource) on 127.0.0.1, following the real API as described in
 * shared/reference/phrase-tms-api.md and the Swagger definition in shared/contracts: token login
 * (tokens expire), projects, jobs created from a JSON file that import in the background, paged
 * lists, update-source rules, async requests that finish after a delay, single-use downloads,
 * `{errorCode, errorDescription}` errors with `memsource-action-id` headers, a concurrency limit
 * (429 with Retry-After), and fault injection. Admin endpoints under `/__emulator/` play the
 * linguist and steer faults; they are not part of Phrase's API.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultMatch } from '../common';
import { FaultBook, LoopbackServer } from '../common';
import { pseudoTranslate } from './pseudo';

export interface EmulatorOptions {
  /** How long a job import takes (jobs are `imported: false` meanwhile). */
  readonly importDelayMs?: number;
  /** How long an export (target file) takes. */
  readonly exportDelayMs?: number;
  /** Token lifetime (the real one: 24 h). */
  readonly tokenTtlMs?: number;
  /** Requests served at once before answering 429. */
  readonly maxConcurrent?: number;
  readonly users?: ReadonlyArray<{ userName: string; password: string }>;
  readonly projects?: ReadonlyArray<{ uid?: string; name: string; sourceLang: string; targetLangs: string[] }>;
}

/** A rule of fault injection; the first matching rule with budget left applies. */
export interface FaultRule extends FaultMatch {
  /**
   * `status`: answer with an error; `drop`: close the connection unanswered; `drop-after`: do the
   * work, then close the connection unanswered (the client cannot know it happened);
   * `malformed`: a truncated JSON body; `delay`: answer late; `expire-tokens`: every token
   * expires before this request is handled.
   */
  readonly kind: 'status' | 'drop' | 'drop-after' | 'malformed' | 'delay' | 'expire-tokens';
  readonly status?: number;
  readonly errorCode?: string;
  readonly retryAfter?: number;
  readonly delayMs?: number;
}

interface Job {
  uid: string;
  innerId: string;
  projectUid: string;
  targetLang: string;
  filename: string;
  path?: string;
  status: string;
  readyAt: number;
  dateCreated: string;
  dateDue?: string;
  sourceFileUid: string;
  /** The source file: leaves (path → text) and the parsed document. */
  source: unknown;
  translations?: Map<string, string>;
  updateSourceDate?: string;
}

interface AsyncReq {
  id: string;
  action: string;
  dateCreated: string;
  readyAt: number;
  projectUid?: string;
  errorCode?: string;
  download?: { jobUid: string; used: boolean };
}

export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or the raw text of other bodies. */
  readonly requestBody: unknown;
  readonly status: number;
  readonly responseHeaders: Record<string, string>;
  readonly responseBody: unknown;
  /** An injected fault (what a proxy or a failing node would send), not an answer of the API. */
  readonly injected?: boolean;
}

/** RFC 3339 with milliseconds, the `date-time` the definition validates against. */
const fmt = (ms: number) => new Date(ms).toISOString();

/** The definition has no nullable fields: an absent value is left out, never sent as null. */
const withoutNulls = (_key: string, value: unknown) => {
  if (value && typeof value === 'object' && !Array.isArray(value)) return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
  return value;
};

export class PhraseEmulator {
  private readonly server = new LoopbackServer((req, res) => this.handle(req, res));
  private readonly faults = new FaultBook<FaultRule>();
  private readonly users = new Map<string, { password: string; uid: string; id: string }>();
  private readonly tokens = new Map<string, { userName: string; expires: number }>();
  private readonly projects = new Map<string, { uid: string; id: string; name: string; sourceLang: string; targetLangs: string[]; dateCreated: string }>();
  readonly jobs = new Map<string, Job>();
  private readonly asyncRequests = new Map<string, AsyncReq>();
  private active = 0;
  private nextId = 1000;
  /** Every exchange, for contract tests. */
  readonly log: Exchange[] = [];
  /** Requests per method and path template, for the benchmark's call counts. */
  readonly calls: string[] = [];

  constructor(private readonly options: EmulatorOptions = {}) {
    for (const u of options.users ?? [{ userName: 'linguist-admin', password: 'correct horse battery staple' }]) {
      this.users.set(u.userName, { password: u.password, uid: `user-${u.userName}`, id: String(this.nextId++) });
    }
    for (const p of options.projects ?? []) this.addProject(p);
  }

  addProject(p: { uid?: string; name: string; sourceLang: string; targetLangs: string[] }): string {
    const uid = p.uid ?? `proj${randomBytes(6).toString('hex')}`;
    this.projects.set(uid, { uid, id: String(this.nextId++), name: p.name, sourceLang: p.sourceLang, targetLangs: [...p.targetLangs], dateCreated: fmt(Date.now()) });
    return uid;
  }

  async start(port = 0): Promise<string> {
    await this.server.start(port);
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.port}/web`;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  setFaults(rules: readonly FaultRule[]): void {
    this.faults.set(rules);
  }

  /** Every token issued so far (tests check none leaks into files). */
  issuedTokens(): string[] {
    return [...this.tokens.keys()];
  }

  expireTokens(): void {
    for (const t of this.tokens.values()) t.expires = Date.now() - 1;
  }

  /** Plays the linguist: sets jobs' status and translation (default: a pseudo-translation). */
  complete(filter: { projectUid?: string; jobUids?: readonly string[]; targetLang?: string; status?: string; translations?: Record<string, Record<string, string>> } = {}): string[] {
    const done: string[] = [];
    for (const job of this.jobs.values()) {
      if (filter.projectUid && job.projectUid !== filter.projectUid) continue;
      if (filter.jobUids && !filter.jobUids.includes(job.uid)) continue;
      if (filter.targetLang && job.targetLang !== filter.targetLang) continue;
      const given = filter.translations?.[job.uid] ?? {};
      const translations = new Map<string, string>();
      for (const [p, text] of leaves(job.source)) translations.set(p, given[p] ?? pseudoTranslate(text, job.targetLang));
      job.translations = translations;
      job.status = filter.status ?? 'COMPLETED';
      done.push(job.uid);
    }
    return done;
  }

  // ——— HTTP ———

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const exchange = { method: req.method ?? 'GET', url: url.pathname + url.search, requestHeaders: req.headers, requestBody: parseBody(req, raw) };
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      const h: Record<string, string> = { 'memsource-action-id': randomBytes(16).toString('hex'), ...headers };
      let payload: Buffer;
      if (Buffer.isBuffer(body)) payload = body;
      else if (body === undefined) payload = Buffer.alloc(0);
      else {
        h['content-type'] ??= 'application/json';
        payload = Buffer.from(JSON.stringify(body, withoutNulls));
      }
      res.writeHead(status, h);
      res.end(payload);
      const logged = Buffer.isBuffer(body) || body === undefined ? payload.toString('utf8') : JSON.parse(payload.toString('utf8'));
      if (!url.pathname.startsWith('/web/__emulator')) this.log.push({ ...exchange, status, responseHeaders: h, responseBody: logged, injected });
    };
    let injected = false;

    if (url.pathname.startsWith('/web/__emulator/')) return this.admin(url, exchange.requestBody, send);
    // The web editor's page of a job, where "Open Job in Phrase TMS" points ({baseUrl}/job/{uid}/translate,
    // the browser link of the real service; its API counterpart is POST /api2/v2/projects/{p}/jobs/webEditor
    // in the vendored definition). A browser sends no API token: a small read-only HTML page.
    const page = req.method === 'GET' ? /^\/web\/job\/([^/]+)\/translate$/.exec(url.pathname) : null;
    if (page) return this.jobPage(decodeURIComponent(page[1]!), res);

    const fault = this.faults.take(req.method ?? 'GET', url.pathname);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
    if (fault?.kind === 'expire-tokens') this.expireTokens();
    if (fault?.kind === 'status') {
      injected = true;
      return send(fault.status ?? 503, { errorCode: fault.errorCode ?? (fault.status === 429 ? 'TooManyRequests' : 'InternalError'), errorDescription: 'injected fault' }, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
    }
    if (fault?.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"totalElements": 1, "content": [');
      return;
    }

    if (this.active >= (this.options.maxConcurrent ?? 10)) return send(429, { errorCode: 'TooManyRequests', errorDescription: 'Too many concurrent requests' }, { 'retry-after': '1' });
    this.active++;
    try {
      const route = this.route(req.method ?? 'GET', url.pathname.replace(/^\/web/, ''));
      if (!route) return send(404, { errorCode: 'ResourceNotFound', errorDescription: `No endpoint ${req.method} ${url.pathname}` });
      this.calls.push(route.template);
      if (route.template !== 'POST /api2/v3/auth/login' && route.template !== 'POST /api2/v1/auth/login') {
        if (url.searchParams.has('token')) return send(401, { errorCode: 'AuthUnauthorized', errorDescription: 'Send the token in the Authorization header' });
        const auth = /^ApiToken (.+)$/.exec(String(req.headers.authorization ?? ''));
        const token = auth && this.tokens.get(auth[1]!);
        if (!token || token.expires < Date.now()) return send(401, { errorCode: 'AuthUnauthorized', errorDescription: 'provided API key is not valid' });
      }
      const [status, body, headers] = route.handler(route.params, url, exchange.requestBody, req.headers, raw);
      if (fault?.kind === 'drop-after') {
        req.socket.destroy();
        return;
      }
      send(status, body, headers);
    } catch (e) {
      send(500, { errorCode: 'InternalError', errorDescription: (e as Error).message });
    } finally {
      this.active--;
    }
  }

  private jobPage(uid: string, res: ServerResponse): void {
    const job = this.jobs.get(uid);
    const esc = (t: string) => t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
    const rows = job ? leaves(job.source).map(([p, text]) => `<tr><td><code>${esc(p)}</code></td><td>${esc(text)}</td><td>${esc(job.translations?.get(p) ?? '')}</td></tr>`).join('\n') : '';
    const body = job
      ? `<h1>${esc(job.filename)} → ${esc(job.targetLang)}</h1><p>Job <code>${esc(job.uid)}</code> · status <b>${esc(job.status)}</b> · project <code>${esc(job.projectUid)}</code></p><table border="1" cellpadding="4"><tr><th>key</th><th>source</th><th>translation</th></tr>\n${rows}\n</table>`
      : `<h1>No job ${esc(uid)}</h1><p>This emulated Phrase TMS has no such job.</p>`;
    res.writeHead(job ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Phrase TMS (emulator) · job ${esc(uid)}</title></head><body style="font-family: sans-serif">\n<p><i>Phrase TMS emulator — the web editor of the real service opens here.</i></p>\n${body}\n</body></html>\n`);
  }

  private admin(url: URL, body: unknown, send: (status: number, body: unknown) => void): void {
    const b = (body ?? {}) as Record<string, unknown>;
    switch (url.pathname) {
      case '/web/__emulator/complete':
        return send(200, { completed: this.complete(b as Parameters<PhraseEmulator['complete']>[0]) });
      case '/web/__emulator/faults':
        this.setFaults((b.rules as FaultRule[]) ?? []);
        return send(200, { ok: true });
      case '/web/__emulator/expire-tokens':
        this.expireTokens();
        return send(200, { ok: true });
      case '/web/__emulator/projects':
        return send(200, { uid: this.addProject(b as { name: string; sourceLang: string; targetLangs: string[] }) });
      case '/web/__emulator/state':
        return send(200, { projects: [...this.projects.values()], jobs: [...this.jobs.values()].map((j) => this.jobDto(j)) });
      default:
        return send(404, { error: 'unknown emulator endpoint' });
    }
  }

  private route(method: string, path: string): { template: string; params: Record<string, string>; handler: Handler } | undefined {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.regex.exec(path);
      if (m) return { template: `${r.method} ${r.path}`, params: Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])), handler: r.handler };
    }
    return undefined;
  }

  private readonly routes = (
    [
      ['POST', '/api2/v3/auth/login', (_p, _u, body) => this.login(body)],
      ['GET', '/api2/v1/auth/whoAmI', (_p, _u, _b, headers) => this.whoAmI(headers)],
      ['GET', '/api2/v1/projects', (_p, url) => this.page([...this.projects.values()].filter((p) => !url.searchParams.get('name') || p.name.includes(url.searchParams.get('name')!)).map((p) => this.projectDto(p)), url)],
      ['GET', '/api2/v1/projects/{projectUid}', (p) => this.withProject(p.projectUid!, (proj) => [200, this.projectDto(proj)])],
      ['GET', '/api2/v2/projects/{projectUid}/jobs', (p, url) => this.withProject(p.projectUid!, () => this.listJobs(p.projectUid!, url))],
      ['POST', '/api2/v1/projects/{projectUid}/jobs', (p, _u, _b, headers, raw) => this.withProject(p.projectUid!, (proj) => this.createJobs(proj, headers, raw))],
      ['POST', '/api2/v1/projects/{projectUid}/jobs/source', (p, _u, _b, headers, raw) => this.withProject(p.projectUid!, (proj) => this.updateSource(proj, headers, raw))],
      ['POST', '/api2/v1/projects/{projectUid}/jobs/segmentsCount', (p, _u, body) => this.withProject(p.projectUid!, () => this.segmentsCount(p.projectUid!, body))],
      ['GET', '/api2/v1/projects/{projectUid}/jobs/{jobUid}', (p) => this.withJob(p, (job) => [200, this.jobDto(job, true)])],
      ['POST', '/api2/v1/projects/{projectUid}/jobs/{jobUid}/setStatus', (p, _u, body) => this.withJob(p, (job) => this.setStatus(job, body))],
      ['PUT', '/api2/v2/projects/{projectUid}/jobs/{jobUid}/targetFile', (p) => this.withJob(p, (job) => this.exportTarget(job))],
      ['GET', '/api2/v2/projects/{projectUid}/jobs/{jobUid}/downloadTargetFile/{asyncRequestId}', (p) => this.withJob(p, (job) => this.download(job, p.asyncRequestId!))],
      ['GET', '/api2/v1/async/{asyncRequestId}', (p) => this.getAsync(p.asyncRequestId!)],
    ] as Array<[string, string, Handler]>
  ).map(([method, path, handler]) => ({ method, path, handler, regex: new RegExp(`^${path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`) }));

  // ——— handlers ———

  private login(body: unknown): Reply {
    const b = body as { userName?: unknown; password?: unknown } | undefined;
    const user = typeof b?.userName === 'string' ? this.users.get(b.userName) : undefined;
    if (!user || user.password !== b!.password) return [401, { errorCode: 'AuthInvalidCredentials', errorDescription: 'Invalid credentials' }];
    const token = randomBytes(24).toString('base64url');
    const expires = Date.now() + (this.options.tokenTtlMs ?? 24 * 3600_000);
    this.tokens.set(token, { userName: b!.userName as string, expires });
    return [200, { user: this.userDto(b!.userName as string), token, expires: fmt(expires), lastInvalidateAllSessionsPerformed: null }];
  }

  private whoAmI(headers: IncomingMessage['headers']): Reply {
    const token = this.tokens.get(/^ApiToken (.+)$/.exec(String(headers.authorization))![1]!)!;
    return [200, { user: this.userDto(token.userName), csrfToken: randomUUID(), edition: { type: 'ULTIMATE', name: 'Ultimate' }, features: [] }];
  }

  private userDto(userName: string): Record<string, unknown> {
    const u = this.users.get(userName)!;
    return { firstName: 'Emulated', lastName: 'User', userName, email: `${userName}@example.invalid`, role: 'ADMIN', id: u.id, uid: u.uid };
  }

  private projectDto(p: { uid: string; id: string; name: string; sourceLang: string; targetLangs: string[]; dateCreated: string }): Record<string, unknown> {
    return { uid: p.uid, id: p.id, internalId: Number(p.id), name: p.name, dateCreated: p.dateCreated, sourceLang: p.sourceLang, targetLangs: p.targetLangs, userRole: 'ADMIN', status: 'NEW', workflowSteps: [] };
  }

  private withProject(uid: string, fn: (p: NonNullable<ReturnType<PhraseEmulator['projects']['get']>>) => Reply): Reply {
    const p = this.projects.get(uid);
    return p ? fn(p) : [404, { errorCode: 'ResourceNotFound', errorDescription: `Project ${uid} not found` }];
  }

  private withJob(params: Record<string, string>, fn: (job: Job) => Reply): Reply {
    const job = this.jobs.get(params.jobUid!);
    if (!job || job.projectUid !== params.projectUid) return [404, { errorCode: 'ResourceNotFound', errorDescription: `Job ${params.jobUid} not found` }];
    return fn(job);
  }

  private page(items: unknown[], url: URL): Reply {
    const size = Number(url.searchParams.get('pageSize') ?? 50);
    const number = Number(url.searchParams.get('pageNumber') ?? 0);
    if (!Number.isInteger(size) || size < 1 || size > 50) return [400, { errorCode: 'InvalidArguments', errorDescription: 'pageSize must be between 1 and 50' }];
    const content = items.slice(number * size, (number + 1) * size);
    return [200, { totalElements: items.length, totalPages: Math.ceil(items.length / size), pageSize: size, pageNumber: number, numberOfElements: content.length, content, sort: { orders: [] } }];
  }

  private listJobs(projectUid: string, url: URL): Reply {
    const statuses = url.searchParams.getAll('status');
    const targetLang = url.searchParams.get('targetLang');
    const filename = url.searchParams.get('filename');
    const jobs = [...this.jobs.values()].filter(
      (j) => j.projectUid === projectUid && (statuses.length === 0 || statuses.includes(j.status)) && (!targetLang || j.targetLang === targetLang) && (!filename || j.filename === filename),
    );
    return this.page(jobs.map((j) => this.jobDto(j)), url);
  }

  private jobDto(j: Job, extended = false): Record<string, unknown> {
    const imported = Date.now() >= j.readyAt;
    const base: Record<string, unknown> = {
      uid: j.uid,
      innerId: j.innerId,
      status: j.status,
      providers: [],
      targetLang: j.targetLang,
      workflowStep: null,
      filename: j.filename,
      originalFileDirectory: j.path ?? null,
      dateDue: j.dateDue ?? null,
      dateCreated: j.dateCreated,
      importStatus: { status: imported ? 'OK' : 'RUNNING' },
      continuous: false,
      sourceFileUid: j.sourceFileUid,
      split: false,
      imported,
    };
    if (extended) Object.assign(base, { sourceLang: this.projects.get(j.projectUid)!.sourceLang, workflowLevel: 1, lastWorkflowLevel: 1, wordsCount: wordCount(j.source), project: { uid: j.projectUid, name: this.projects.get(j.projectUid)!.name }, updateSourceDate: j.updateSourceDate ?? null, isParentJobSplit: false });
    return base;
  }

  private createJobs(proj: { uid: string; sourceLang: string; targetLangs: string[] }, headers: IncomingMessage['headers'], raw: Buffer): Reply {
    const filename = parseDisposition(headers['content-disposition']);
    if (!filename) return [400, { errorCode: 'InvalidArguments', errorDescription: 'Content-Disposition with a filename is required' }];
    let memsource: { targetLangs?: string[]; path?: string; due?: string };
    try {
      memsource = JSON.parse(String(headers.memsource ?? '{}'));
    } catch {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'Memsource header is not JSON' }];
    }
    if (!memsource.targetLangs?.length) return [400, { errorCode: 'InvalidArguments', errorDescription: 'targetLangs is required' }];
    const unknown = memsource.targetLangs.filter((l) => !proj.targetLangs.includes(l));
    if (unknown.length) return [400, { errorCode: 'JobCreateError', errorDescription: `targetLangs must match project: ${unknown.join(', ')}` }];
    let source: unknown;
    try {
      source = JSON.parse(raw.toString('utf8'));
    } catch {
      return [200, { unsupportedFiles: [filename], jobs: [], asyncRequest: null }];
    }
    const now = Date.now();
    const readyAt = now + (this.options.importDelayMs ?? 100);
    const sourceFileUid = randomBytes(8).toString('hex');
    const innerId = String(this.nextId++);
    const jobs = memsource.targetLangs.map((lang) => {
      const job: Job = { uid: randomBytes(10).toString('hex'), innerId, projectUid: proj.uid, targetLang: lang, filename, path: memsource.path, status: 'NEW', readyAt, dateCreated: fmt(now), dateDue: memsource.due, sourceFileUid, source };
      this.jobs.set(job.uid, job);
      return job;
    });
    const asyncReq = this.newAsync('IMPORT_JOB', proj.uid, readyAt);
    return [201, { unsupportedFiles: [], jobs: jobs.map((j) => ({ ...this.jobDto(j), workflowLevel: 1 })), asyncRequest: { id: asyncReq.id, dateCreated: asyncReq.dateCreated, action: asyncReq.action } }];
  }

  private updateSource(proj: { uid: string }, headers: IncomingMessage['headers'], raw: Buffer): Reply {
    let memsource: { jobs?: Array<{ uid: string }> };
    try {
      memsource = JSON.parse(String(headers.memsource ?? '{}'));
    } catch {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'Memsource header is not JSON' }];
    }
    const jobs = (memsource.jobs ?? []).map((j) => this.jobs.get(j.uid));
    if (jobs.length === 0 || jobs.length > 100) return [400, { errorCode: 'InvalidArguments', errorDescription: 'jobs: 1 to 100 job uids are required' }];
    if (jobs.some((j) => !j || j.projectUid !== proj.uid)) return [400, { errorCode: 'InvalidArguments', errorDescription: 'Every job must belong to the project' }];
    const final = jobs.find((j) => ['COMPLETED', 'CANCELLED'].includes(j!.status));
    if (final) return [400, { errorCode: 'InvalidArguments', errorDescription: `Job ${final.uid} is in a final status (${final.status}); its source cannot be updated` }];
    let source: unknown;
    try {
      source = JSON.parse(raw.toString('utf8'));
    } catch {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'Unsupported file' }];
    }
    const now = Date.now();
    const readyAt = now + (this.options.importDelayMs ?? 100);
    // Updating one job of a file updates every job of that file.
    const files = new Set(jobs.map((j) => j!.sourceFileUid));
    const affected = [...this.jobs.values()].filter((j) => files.has(j.sourceFileUid));
    for (const j of affected) {
      j.source = source;
      j.readyAt = readyAt;
      j.updateSourceDate = fmt(now);
      j.translations = undefined;
    }
    const asyncReq = this.newAsync('UPDATE_SOURCE', proj.uid, readyAt);
    return [200, { asyncRequest: { id: asyncReq.id, dateCreated: asyncReq.dateCreated, action: asyncReq.action }, jobs: affected.map((j) => ({ uid: j.uid, status: j.status, targetLang: j.targetLang, filename: j.filename, workflowLevel: 1 })) }];
  }

  private segmentsCount(projectUid: string, body: unknown): Reply {
    const refs = (body as { jobs?: Array<{ uid?: string }> } | undefined)?.jobs;
    if (!Array.isArray(refs) || refs.length < 1 || refs.length > 100) return [400, { errorCode: 'InvalidArguments', errorDescription: 'jobs: 1 to 100 job uids are required' }];
    const results = [];
    for (const ref of refs) {
      const job = ref.uid ? this.jobs.get(ref.uid) : undefined;
      if (!job || job.projectUid !== projectUid) return [404, { errorCode: 'ResourceNotFound', errorDescription: `Job ${ref.uid} not found` }];
      const segments = leaves(job.source);
      const words = segments.reduce((n, [, t]) => n + (t.match(/\p{L}+/gu)?.length ?? 0), 0);
      const done = job.translations ? segments.length : 0;
      results.push({ jobPartUid: job.uid, counts: { segmentsCount: segments.length, completedSegmentsCount: done, translatedSegmentsCount: done, wordsCount: words, completedWordsCount: job.translations ? words : 0, allConfirmed: done === segments.length } });
    }
    return [200, { segmentsCountsResults: results }];
  }

  private setStatus(job: Job, body: unknown): Reply {
    const status = (body as { requestedStatus?: string } | undefined)?.requestedStatus;
    if (!status) return [400, { errorCode: 'InvalidArguments', errorDescription: 'requestedStatus is required' }];
    job.status = status;
    return [204, undefined];
  }

  private exportTarget(job: Job): Reply {
    if (Date.now() < job.readyAt) return [400, { errorCode: 'JobNotReady', errorDescription: `Job ${job.uid} is still being imported` }];
    const req = this.newAsync('EXPORT_COMPLETE_FILE', job.projectUid, Date.now() + (this.options.exportDelayMs ?? 50));
    req.download = { jobUid: job.uid, used: false };
    return [202, { asyncRequest: { id: req.id, dateCreated: req.dateCreated, action: req.action } }];
  }

  private download(job: Job, id: string): Reply {
    const req = this.asyncRequests.get(id);
    if (!req?.download || req.download.jobUid !== job.uid) return [404, { errorCode: 'ResourceNotFound', errorDescription: `No download ${id} for job ${job.uid}` }];
    if (Date.now() < req.readyAt) return [400, { errorCode: 'AsyncRequestNotFinished', errorDescription: 'The export is not finished yet' }];
    if (req.download.used) return [410, { errorCode: 'AsyncRequestExpired', errorDescription: `Download ${id} was already used` }];
    req.download.used = true;
    const translated = translate(job.source, job.translations);
    return [200, Buffer.from(JSON.stringify(translated, null, 2) + '\n'), { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(job.filename)}` }];
  }

  private getAsync(id: string): Reply {
    const req = this.asyncRequests.get(id);
    if (!req) return [404, { errorCode: 'ResourceNotFound', errorDescription: `Async request ${id} not found` }];
    const done = Date.now() >= req.readyAt;
    return [
      200,
      {
        id: req.id,
        createdBy: this.userDto([...this.users.keys()][0]!),
        dateCreated: req.dateCreated,
        action: req.action,
        asyncResponse: done ? { dateCreated: fmt(req.readyAt), errorCode: req.errorCode ?? null, errorDesc: null, errorDetails: [], warnings: [] } : null,
        parent: null,
        project: req.projectUid ? { uid: req.projectUid, name: this.projects.get(req.projectUid)?.name } : null,
      },
    ];
  }

  private newAsync(action: string, projectUid: string, readyAt: number): AsyncReq {
    const req: AsyncReq = { id: String(this.nextId++), action, dateCreated: fmt(Date.now()), readyAt, projectUid };
    this.asyncRequests.set(req.id, req);
    return req;
  }

  /** Tampers with a job (tests of a hostile or buggy server). */
  setJobFilename(jobUid: string, filename: string): void {
    this.jobs.get(jobUid)!.filename = filename;
  }
}

type Reply = [number, unknown, Record<string, string>?];
type Handler = (params: Record<string, string>, url: URL, body: unknown, headers: IncomingMessage['headers'], raw: Buffer) => Reply;

function parseBody(req: IncomingMessage, raw: Buffer): unknown {
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

function parseDisposition(h: string | string[] | undefined): string | undefined {
  const v = Array.isArray(h) ? h[0] : h;
  if (!v || !/^((inline|attachment); )?(filename\*=UTF-8''(.+)|filename="?(.+)"?)$/.test(v)) return undefined;
  const star = /filename\*=UTF-8''(.+)$/.exec(v);
  if (star) return decodeURIComponent(star[1]!);
  return /filename="?([^"]+)"?/.exec(v)?.[1];
}

/** String leaves of a JSON document with their `/`-joined key paths (Phrase's key path syntax). */
export function leaves(doc: unknown, prefix = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (typeof doc === 'string') out.push([prefix, doc]);
  else if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...leaves(v, `${prefix}[${i}]`)));
  else if (doc && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) out.push(...leaves(v, prefix ? `${prefix}/${k}` : k));
  return out;
}

function translate(doc: unknown, translations: Map<string, string> | undefined, prefix = ''): unknown {
  if (typeof doc === 'string') return translations?.get(prefix) ?? doc;
  if (Array.isArray(doc)) return doc.map((v, i) => translate(v, translations, `${prefix}[${i}]`));
  if (doc && typeof doc === 'object') return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, translate(v, translations, prefix ? `${prefix}/${k}` : k)]));
  return doc;
}

function wordCount(doc: unknown): number {
  return leaves(doc).reduce((n, [, text]) => n + (text.match(/\p{L}+/gu)?.length ?? 0), 0);
}
