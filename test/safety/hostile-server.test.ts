/**
 * A hostile or broken server, against both clients through the shared transport: bodies that
 * never end or never stop, absurd Retry-After values, redirects, wrong-shaped JSON, secrets
 * echoed back, headers undici refuses. Every loop here is bounded in count and time.
 */
import assert from 'node:assert/strict';
import { ModernMtClient } from '../../src/modernmt/client';
import { ModernMtError } from '../../src/modernmt/errors';
import { PhraseClient } from '../../src/phrase/client';
import { PhraseError } from '../../src/phrase/errors';
import { MemoryLogger } from '../../src/util/logger';
import type { HostileServer } from './hostileServers';
import { flood, hostileServer, json, trickle } from './hostileServers';

const token = 'HOSTILE-TOKEN-0b5e1c';
const apiKey = 'HOSTILE-MMT-KEY-77aa';

describe('hostile server: bounded time and memory (both clients)', function () {
  this.timeout(30_000);
  let server: HostileServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('a body that never ends (one byte every 2 s) fails at the request deadline with the endpoint named', async () => {
    server = await hostileServer((_req, res) => trickle(res, 2000, server!.url));
    const phrase = new PhraseClient({
      baseUrl: `${server.url}/web`,
      credentials: { token },
      requestTimeoutMs: 3000,
      retries: 0,
    });
    const t0 = Date.now();
    await assert.rejects(
      phrase.listProjects(),
      (e: unknown) =>
        PhraseError.is(e, 'Timeout') && /did not answer in time.*GET \/api2\/v1\/projects/.test(e.message),
    );
    const mmt = new ModernMtClient({ apiKey, baseUrl: server.url, requestTimeoutMs: 3000, retries: 0 });
    await assert.rejects(
      mmt.languages(),
      (e: unknown) => ModernMtError.is(e, 'Timeout') && /GET \/translate\/languages/.test(e.message),
    );
    const elapsed = Date.now() - t0;
    assert.ok(elapsed < 2 * 3000 + 2000, `both gave up at their 3 s deadline (took ${elapsed} ms)`);
  });

  it('retries of a trickling server stop at the operation deadline: the longest a server can hold one operation', async () => {
    server = await hostileServer((_req, res) => trickle(res, 500, server!.url));
    const phrase = new PhraseClient({
      baseUrl: `${server.url}/web`,
      credentials: { token },
      requestTimeoutMs: 1500,
      retryTiming: { operationDeadlineMs: 4000, baseMs: 10, maxMs: 10 },
    });
    const t0 = Date.now();
    await assert.rejects(phrase.listProjects(), (e: unknown) => PhraseError.is(e, 'Timeout'));
    const elapsed = Date.now() - t0;
    assert.ok(elapsed >= 3500 && elapsed < 4000 + 1500, `held ${elapsed} ms for a 4 s operation deadline`);
    assert.ok(server.seen.length >= 2 && server.seen.length <= 4, `${server.seen.length} attempts within the deadline`);
    // The next operation of the same command is not held again: it fails at once, unsent.
    const sent = server.seen.length;
    const t1 = Date.now();
    await assert.rejects(
      phrase.getProject('p1'),
      (e: unknown) =>
        PhraseError.is(e, 'Timeout') &&
        /^Not sent: Phrase TMS failed every retry of another request a moment ago/.test(e.message) &&
        /GET \/api2\/v1\/projects\/p1/.test(e.message),
    );
    assert.ok(Date.now() - t1 < 500);
    assert.equal(server.seen.length, sent);
  });

  it('an endless body is cut at the size limit, fails clearly, and is not retried', async () => {
    server = await hostileServer((_req, res) => flood(res));
    const phrase = new PhraseClient({
      baseUrl: `${server.url}/web`,
      credentials: { token },
      maxJsonBytes: 4 * 1024 * 1024,
      maxResponseBytes: 8 * 1024 * 1024,
    });
    await assert.rejects(
      phrase.listProjects(),
      (e: unknown) =>
        PhraseError.is(e, 'ResponseTooLarge') &&
        /larger than the 4 MB allowed/.test(e.message) &&
        /GET \/api2\/v1\/projects/.test(e.message),
    );
    await assert.rejects(
      phrase.transport.send('GET', '/api2/v2/projects/p/jobs/j/downloadTargetFile/1'),
      (e: unknown) => PhraseError.is(e, 'ResponseTooLarge') && /8 MB/.test(e.message),
    );
    const mmt = new ModernMtClient({ apiKey, baseUrl: server.url, maxResponseBytes: 4 * 1024 * 1024 });
    await assert.rejects(mmt.languages(), (e: unknown) => ModernMtError.is(e, 'ResponseTooLarge'));
    assert.equal(server.seen.length, 3, 'one request each: a too-large answer is not retried');
  });

  it('an announced 1 GB body is refused before a byte of it is read', async () => {
    server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(1024 ** 3) });
      res.write('[');
    });
    const phrase = new PhraseClient({ baseUrl: `${server.url}/web`, credentials: { token } });
    const t0 = Date.now();
    await assert.rejects(
      phrase.listProjects(),
      (e: unknown) => PhraseError.is(e, 'ResponseTooLarge') && /1024 MB announced/.test(e.message),
    );
    assert.ok(Date.now() - t0 < 2000);
  });
});

describe('hostile server: Retry-After, redirects, shapes, echoes, local errors', function () {
  this.timeout(30_000);
  let server: HostileServer | undefined;
  let other: HostileServer | undefined;
  afterEach(async () => {
    await server?.close();
    await other?.close();
    server = other = undefined;
  });

  /** A server that answers the first request 429 with this Retry-After, then an empty project list. */
  async function retryAfterServer(value: string): Promise<HostileServer> {
    let n = 0;
    return hostileServer((_req, res) =>
      n++ === 0
        ? json(res, 429, { errorCode: 'TooManyRequests' }, { 'retry-after': value })
        : json(res, 200, { totalPages: 1, content: [] }),
    );
  }

  it('Retry-After 86400, a far date, 0 and -5: capped at a minute (said in the log), floored at a second, a negative one ignored', async () => {
    const cases: Array<[string, number]> = [
      ['86400', 60_000],
      ['Fri, 31 Dec 9999 23:59:59 GMT', 60_000],
      ['0', 1000],
      ['-5', 2000],
    ];
    for (const [value, expected] of cases) {
      server = await retryAfterServer(value);
      const slept: number[] = [];
      const logger = new MemoryLogger();
      const phrase = new PhraseClient({
        baseUrl: `${server.url}/web`,
        credentials: { token },
        logger,
        retryTiming: { sleep: async (ms) => void slept.push(ms) },
      });
      await phrase.listProjects();
      assert.deepEqual(slept, [expected], `Retry-After: ${value}`);
      if (expected === 60_000) {
        assert.ok(
          logger.lines.some((l) => /waiting at most 60 s/.test(l)),
          logger.lines.join('\n'),
        );
      }
      await server.close();
      server = undefined;
    }
    server = await hostileServer((_req, res) =>
      json(
        res,
        429,
        { status: 429, error: { type: 'TooManyRequestsException', message: 'slow down' } },
        { 'retry-after': '86400' },
      ),
    );
    const slept: number[] = [];
    const mmt = new ModernMtClient({
      apiKey,
      baseUrl: server.url,
      retryTiming: { sleep: async (ms) => void slept.push(ms) },
    });
    await assert.rejects(mmt.languages(), (e: unknown) => ModernMtError.is(e) && e.status === 429);
    assert.deepEqual(slept, [60_000, 60_000, 60_000, 60_000], 'ModernMT: four capped waits, not four days');
  });

  it('a 3xx answer is an error naming the endpoint; the redirect target never sees a request or a credential', async () => {
    other = await hostileServer((_req, res) => json(res, 200, { totalPages: 1, content: [] }));
    server = await hostileServer((_req, res) => {
      res.writeHead(302, { location: `${other!.url}/steal` });
      res.end();
    });
    const phrase = new PhraseClient({ baseUrl: `${server.url}/web`, credentials: { token } });
    await assert.rejects(
      phrase.listProjects(),
      (e: unknown) =>
        PhraseError.is(e, 'Redirect') &&
        e.status === 302 &&
        /redirect.*check phrase\.baseUrl.*GET \/api2\/v1\/projects/.test(e.message),
    );
    const mmt = new ModernMtClient({ apiKey, baseUrl: server.url });
    await assert.rejects(
      mmt.languages(),
      (e: unknown) => ModernMtError.is(e, 'Redirect') && /modernmt\.baseUrl/.test(e.message),
    );
    assert.equal(server.seen.length, 2, 'not retried');
    assert.equal(other.seen.length, 0, 'not followed');
  });

  it('wrong-shaped JSON is an error naming service, endpoint, field and action id (no TypeError)', async () => {
    server = await hostileServer((req, res) => {
      if (req.url.includes('/jobs')) return json(res, 201, { jobs: null }, { 'memsource-action-id': 'def456' });
      if (req.url.includes('/projects')) {
        return json(res, 200, { totalPages: 1, content: [{ uid: 5, name: 'x' }] }, { 'phrase-action-id': 'abc123' });
      }
      return json(res, 200, { status: 200, data: [{ translation: null }] });
    });
    const phrase = new PhraseClient({ baseUrl: `${server.url}/web`, credentials: { token } });
    await assert.rejects(
      phrase.listProjects(),
      (e: unknown) =>
        PhraseError.is(e, 'UnexpectedResponse') &&
        /Phrase TMS GET \/api2\/v1\/projects: HTTP 200 UnexpectedResponse: content\[0\]\.uid: expected a string, got a number \(action id abc123\)/.test(
          e.message,
        ),
    );
    await assert.rejects(
      phrase.createJobs({ projectUid: 'p', bytes: Buffer.from('{}'), filename: 'a.json', targetLangs: ['de'] }),
      (e: unknown) =>
        PhraseError.is(e, 'UnexpectedResponse') &&
        /jobs: expected an array, got null \(action id def456\)/.test(e.message),
    );
    const mmt = new ModernMtClient({ apiKey, baseUrl: server.url });
    await assert.rejects(
      mmt.translate('en', 'de', ['Hello']),
      (e: unknown) =>
        ModernMtError.is(e, 'UnexpectedResponse') &&
        /ModernMT GET \/translate: 200 UnexpectedResponse: data\[0\]\.translation: expected a string, got null/.test(
          e.message,
        ),
    );
  });

  it('a server that echoes the token or key in its error body gets neither into a message or log', async () => {
    server = await hostileServer((req, res) =>
      json(res, 500, {
        errorCode: 'InternalError',
        errorDescription: `you sent ${JSON.stringify(req.headers)}`,
        status: 500,
        error: { type: 'Echo', message: `you sent ${JSON.stringify(req.headers)}` },
      }),
    );
    const logger = new MemoryLogger();
    const phrase = new PhraseClient({
      baseUrl: `${server.url}/web`,
      credentials: { token },
      logger,
      retries: 1,
      backoff: { baseMs: 1, maxMs: 1 },
    });
    const mmt = new ModernMtClient({
      apiKey,
      baseUrl: server.url,
      logger,
      retries: 1,
      backoff: { baseMs: 1, maxMs: 1 },
    });
    const messages: string[] = [];
    await phrase.listProjects().catch((e: Error) => messages.push(e.message));
    await mmt.languages().catch((e: Error) => messages.push(e.message));
    assert.equal(messages.length, 2);
    assert.ok(
      messages.every((m) => m.includes('you sent')),
      'the echo is there',
    );
    for (const text of [...messages, ...logger.lines]) {
      assert.ok(!text.includes(token) && !text.includes(apiKey), text);
    }
  });

  it('a header undici refuses is a local error: nothing is sent, nothing retried', async () => {
    server = await hostileServer((_req, res) => json(res, 200, {}));
    const phrase = new PhraseClient({
      baseUrl: `${server.url}/web`,
      credentials: { token },
      backoff: { baseMs: 1000, maxMs: 1000 },
    });
    const t0 = Date.now();
    await assert.rejects(
      phrase.transport.send('GET', '/api2/v1/projects', { headers: { 'x-bad': 'a\r\nInjected: 1' } }),
      (e: unknown) => PhraseError.is(e, 'LocalError') && /could not send the request.*not retried/.test(e.message),
    );
    assert.ok(Date.now() - t0 < 900, 'no backoff wait');
    assert.equal(server.seen.length, 0);
  });
});
