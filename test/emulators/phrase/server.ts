/**
 * A local, stateful Phrase TMS (Memsource) on 127.0.0.1, following the real API as described in
 * shared/reference/phrase-tms-api.md, phrase-tms-behaviour.md and the Swagger definition in
 * test/contract: token login (tokens expire; 2FA codes), projects with workflow steps, jobs per
 * language and step created from a JSON file that import in the background, import settings and
 * the JSON filter on export, paged lists, update-source rules, async requests that finish after
 * a delay, single-use downloads, `{errorCode, errorDescription}` errors with action id headers,
 * request limits, and fault injection. The happy path is the default; each realistic awkwardness
 * is switched on per project (`ProjectBehaviour`) or by an option here. Admin endpoints under
 * `/__emulator/` play the linguist and steer faults; they are not part of Phrase's API.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultBook, LoopbackServer } from '../common';
import { Accounts } from './accounts';
import type { CompleteFilter, Reply } from './jobs';
import { JobBook } from './jobs';
import { AsyncBook } from './asyncRequests';
import { SettingsBook } from './importSettings';
import type { LimitOptions } from './limits';
import { Limits } from './limits';
import type { ImportSettings, Job, Project, ProjectSeed } from './model';
import { projectDto } from './model';
import type { EmulatorOptions, Exchange, FaultRule } from './options';
import { JobHandlers } from './jobHandlers';
import { writeJobPage } from './jobPage';
import { page } from './paging';
import { parseBody } from './requestBody';
import type { Handler, RouteMatch } from './router';
import { compileRoute, matchRoute } from './router';
import { wireJson } from './wire';

export type { ProjectSeed } from './model';
export type { EmulatorOptions, Exchange, FaultRule } from './options';
export { leaves } from './model';

export class PhraseEmulator {
  private readonly server = new LoopbackServer((req, res) => this.handle(req, res));
  private readonly faults = new FaultBook<FaultRule>();
  private readonly accounts: Accounts;
  private readonly projects = new Map<string, Project>();
  private readonly book = new JobBook(() => this.options.importDelayMs ?? 100);
  readonly jobs: Map<string, Job> = this.book.jobs;
  private readonly async: AsyncBook;
  private readonly settings = new SettingsBook();
  private readonly handlers: JobHandlers;
  /** Import settings created through the API, by uid. */
  readonly importSettings: ReadonlyMap<string, ImportSettings> = this.settings.all;
  readonly limits: Limits;
  private nextId = 1000;
  /** Every exchange, for contract tests. */
  readonly log: Exchange[] = [];
  /** Requests per method and path template, for the benchmark's call counts. */
  readonly calls: string[] = [];

  constructor(private readonly options: EmulatorOptions = {}) {
    this.accounts = new Accounts(
      options.users ?? [{ userName: 'linguist-admin', password: 'correct horse battery staple' }],
      () => this.options.tokenTtlMs ?? 24 * 3600_000,
      () => this.nextId++,
    );
    for (const p of options.projects ?? []) this.addProject(p);
    this.async = new AsyncBook(
      () => this.nextId++,
      () => this.accounts.userDto('linguist-admin'),
      (uid) => this.projects.get(uid)?.name,
    );
    this.limits = new Limits(options.limits ?? {}, options.maxConcurrent ?? 10);
    this.handlers = new JobHandlers(this.projects, this.book, this.async, this.importSettings);
  }

  addProject(p: ProjectSeed): string {
    const uid = p.uid ?? `proj${randomBytes(6).toString('hex')}`;
    this.projects.set(uid, {
      ...p,
      uid,
      id: String(this.nextId++),
      targetLangs: [...p.targetLangs],
      dateCreated: Date.now(),
    });
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
    return [...this.accounts.tokens.keys()];
  }

  /** Tokens still valid (not expired, not logged out). */
  liveTokens(): string[] {
    return [...this.accounts.tokens].filter(([, t]) => t.expires >= Date.now()).map(([k]) => k);
  }

  /** Successful logins so far (tests of "one login per process"). */
  get logins(): number {
    return this.accounts.logins;
  }

  get refusedLogins(): number {
    return this.accounts.refusedLogins;
  }

  expireTokens(): void {
    this.accounts.expireAll();
  }

  /** Plays the linguist (see JobBook.complete); returns the uids of the jobs it completed. */
  complete(filter: CompleteFilter = {}): string[] {
    return this.book.complete(filter);
  }

  /** Splits a job in two parts (S24 `splitJob`): update source refuses split jobs. */
  split(jobUid: string): string {
    const job = this.jobs.get(jobUid)!;
    job.split = true;
    const part: Job = { ...job, uid: randomBytes(10).toString('hex') };
    this.jobs.set(part.uid, part);
    return part.uid;
  }

  /** Tampers with a job (tests of a hostile or buggy server). */
  setJobFilename(jobUid: string, filename: string): void {
    this.jobs.get(jobUid)!.filename = filename;
  }

  // ——— HTTP ———

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const exchange = {
      at,
      method: req.method ?? 'GET',
      url: url.pathname + url.search,
      requestHeaders: req.headers,
      requestBody: parseBody(req, raw),
    };
    let injected = false;
    let extraHeaders: Record<string, string> = {};
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      const id = randomBytes(16).toString('hex');
      const which = this.options.actionIdHeader ?? 'memsource';
      const h: Record<string, string> = {
        ...(which !== 'phrase' ? { 'memsource-action-id': id } : {}),
        ...(which !== 'memsource' ? { 'phrase-action-id': id } : {}),
        ...extraHeaders,
        ...headers,
      };
      let payload: Buffer;
      if (Buffer.isBuffer(body)) payload = body;
      else if (body === undefined) payload = Buffer.alloc(0);
      else {
        h['content-type'] ??= 'application/json';
        payload = Buffer.from(wireJson(body, this.options));
      }
      res.writeHead(status, h);
      res.end(payload);
      const logged =
        Buffer.isBuffer(body) || body === undefined ? payload.toString('utf8') : JSON.parse(payload.toString('utf8'));
      if (!url.pathname.startsWith('/web/__emulator')) {
        this.log.push({ ...exchange, status, responseHeaders: h, responseBody: logged, injected });
      }
    };

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
      return send(
        fault.status ?? 503,
        {
          errorCode: fault.errorCode ?? (fault.status === 429 ? 'TooManyRequests' : 'InternalError'),
          errorDescription: 'injected fault',
        },
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
      );
    }
    if (fault?.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"totalElements": 1, "content": [');
      return;
    }

    const route = this.route(req.method ?? 'GET', url.pathname.replace(/^\/web/, ''));
    if (!route) {
      return send(404, {
        errorCode: 'ResourceNotFound',
        errorDescription: `No endpoint ${req.method} ${url.pathname}`,
      });
    }
    this.calls.push(route.template);
    let user = 'anonymous';
    if (!route.template.endsWith('/auth/login')) {
      if (url.searchParams.has('token')) {
        return send(401, {
          errorCode: 'AuthUnauthorized',
          errorDescription: 'Send the token in the Authorization header',
        });
      }
      const who = this.accounts.userOf(req.headers.authorization);
      if (!who) return send(401, { errorCode: 'AuthUnauthorized', errorDescription: 'provided API key is not valid' });
      user = who;
    }
    const refusal = this.limits.admit(user);
    if (refusal) {
      return send(
        refusal.status,
        { errorCode: refusal.errorCode, errorDescription: refusal.errorDescription },
        refusal.headers,
      );
    }
    extraHeaders = this.limits.headers(user);
    try {
      if (this.options.latencyMs) await new Promise((r) => setTimeout(r, this.options.latencyMs));
      const [status, body, headers] = route.handler(route.params, url, exchange.requestBody, req.headers, raw, user);
      if (fault?.kind === 'drop-after') {
        req.socket.destroy();
        return;
      }
      send(status, body, headers);
    } catch (e) {
      send(500, { errorCode: 'InternalError', errorDescription: (e as Error).message });
    } finally {
      this.limits.release(user);
    }
  }

  private jobPage(uid: string, res: ServerResponse): void {
    const job = this.jobs.get(uid);
    writeJobPage(uid, job, job && this.book.files.get(job.sourceFileUid), res);
  }

  private admin(url: URL, body: unknown, send: (status: number, body: unknown) => void): void {
    const b = (body ?? {}) as Record<string, unknown>;
    switch (url.pathname) {
      case '/web/__emulator/complete':
        return send(200, { completed: this.complete(b as CompleteFilter) });
      case '/web/__emulator/faults':
        this.setFaults((b.rules as FaultRule[]) ?? []);
        return send(200, { ok: true });
      case '/web/__emulator/limits':
        this.limits.set(b as LimitOptions);
        return send(200, { ok: true });
      case '/web/__emulator/split':
        return send(200, { part: this.split(String(b.jobUid)) });
      case '/web/__emulator/expire-tokens':
        this.expireTokens();
        return send(200, { ok: true });
      case '/web/__emulator/projects':
        return send(200, { uid: this.addProject(b as unknown as ProjectSeed) });
      case '/web/__emulator/state':
        return send(200, {
          projects: [...this.projects.values()].map(projectDto),
          jobs: [...this.jobs.values()].map((j) => this.handlers.dto(j, true)),
          logins: this.accounts.logins,
        });
      default:
        return send(404, { error: 'unknown emulator endpoint' });
    }
  }

  private route(method: string, path: string): RouteMatch | undefined {
    return matchRoute(this.routes, method, path);
  }

  /** The API's routes, first match wins (an HTML page for "Open Job" can be added here too). */
  private readonly routes = (
    [
      ['POST', '/api2/v3/auth/login', (_p, _u, body) => this.accounts.login(body)],
      ['POST', '/api2/v1/auth/login', (_p, _u, body) => this.accounts.login(body)],
      ['POST', '/api2/v1/auth/logout', (_p, _u, _b, headers) => this.accounts.logout(headers.authorization)],
      ['GET', '/api2/v1/auth/whoAmI', (_p, _u, _b, _h, _r, user) => this.accounts.whoAmI(user)],
      ['GET', '/api2/v1/importSettings', (_p, url) => page(this.settings.list(url.searchParams.get('name')), url)],
      ['POST', '/api2/v1/importSettings', (_p, _u, body) => this.settings.create(body)],
      ['GET', '/api2/v1/importSettings/default', () => this.settings.get('default')],
      ['GET', '/api2/v1/importSettings/{uid}', (p) => this.settings.get(p.uid!)],
      ['DELETE', '/api2/v1/importSettings/{uid}', (p) => this.settings.delete(p.uid!)],
      [
        'GET',
        '/api2/v1/projects',
        (_p, url) =>
          page(
            [...this.projects.values()]
              .filter((p) => !url.searchParams.get('name') || p.name.includes(url.searchParams.get('name')!))
              .map(projectDto),
            url,
          ),
      ],
      [
        'GET',
        '/api2/v1/projects/{projectUid}',
        (p) => this.withProject(p.projectUid!, (proj) => [200, projectDto(proj)]),
      ],
      [
        'GET',
        '/api2/v2/projects/{projectUid}/jobs',
        (p, url) => this.withProject(p.projectUid!, () => this.handlers.listJobs(p.projectUid!, url)),
      ],
      [
        'POST',
        '/api2/v1/projects/{projectUid}/jobs',
        (p, _u, _b, headers, raw) =>
          this.withProject(p.projectUid!, (proj) => this.handlers.createJobs(proj, headers, raw)),
      ],
      [
        'POST',
        '/api2/v1/projects/{projectUid}/jobs/source',
        (p, _u, _b, headers, raw) =>
          this.withProject(p.projectUid!, (proj) => this.handlers.updateSource(proj, headers, raw)),
      ],
      [
        'POST',
        '/api2/v1/projects/{projectUid}/jobs/segmentsCount',
        (p, _u, body) => this.withProject(p.projectUid!, () => this.handlers.segmentsCount(p.projectUid!, body)),
      ],
      [
        'GET',
        '/api2/v1/projects/{projectUid}/jobs/{jobUid}',
        (p) => this.withJob(p, (job) => [200, this.handlers.dto(job, true)]),
      ],
      [
        'POST',
        '/api2/v1/projects/{projectUid}/jobs/{jobUid}/setStatus',
        (p, _u, body) => this.withJob(p, (job) => this.handlers.setStatus(job, body)),
      ],
      [
        'PUT',
        '/api2/v2/projects/{projectUid}/jobs/{jobUid}/targetFile',
        (p) => this.withJob(p, (job) => this.async.export(job, this.options.exportDelayMs ?? 50)),
      ],
      [
        'GET',
        '/api2/v2/projects/{projectUid}/jobs/{jobUid}/downloadTargetFile/{asyncRequestId}',
        (p) => this.withJob(p, (job) => this.async.download(job, p.asyncRequestId!, this.book)),
      ],
      ['GET', '/api2/v1/async/{asyncRequestId}', (p) => this.async.get(p.asyncRequestId!)],
    ] as Array<[string, string, Handler]>
  ).map(compileRoute);

  // ——— handlers ———

  private withProject(uid: string, fn: (p: Project) => Reply): Reply {
    const p = this.projects.get(uid);
    return p ? fn(p) : [404, { errorCode: 'ResourceNotFound', errorDescription: `Project ${uid} not found` }];
  }

  private withJob(params: Record<string, string>, fn: (job: Job) => Reply): Reply {
    const job = this.jobs.get(params.jobUid!);
    if (!job || job.projectUid !== params.projectUid) {
      return [404, { errorCode: 'ResourceNotFound', errorDescription: `Job ${params.jobUid} not found` }];
    }
    return fn(job);
  }
}
