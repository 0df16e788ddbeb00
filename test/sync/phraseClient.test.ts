/** The Phrase TMS client against the emulator: auth, paging, retries, limits, downloads. */
import assert from 'node:assert/strict';
import { PhraseClient, filenameFrom, parsePhraseDate } from '../../src/phrase/client';
import { PhraseError } from '../../src/phrase/errors';
import { MemoryLogger } from '../../src/util/logger';
import { PhraseEmulator } from '../emulators/phrase/server';

const user = { userName: 'api-user', password: 'pa55-word-XYZ' };

describe('Phrase TMS client', () => {
  let phrase: PhraseEmulator;
  let projectUid: string;
  const client = (extra: Partial<ConstructorParameters<typeof PhraseClient>[0]> = {}) =>
    new PhraseClient(
      { baseUrl: phrase.url, credentials: user, backoff: { baseMs: 10, maxMs: 50 }, ...extra },
      { baseMs: 10 },
    );

  beforeEach(async () => {
    phrase = new PhraseEmulator({ users: [user], importDelayMs: 20, exportDelayMs: 10 });
    projectUid = phrase.addProject({ name: 'Client test', sourceLang: 'en', targetLangs: ['de', 'fr', 'pt_br'] });
    await phrase.start();
  });
  afterEach(() => phrase.stop());

  it('logs in once, reuses the token, sends it only in the Authorization header, with a User-Agent', async () => {
    const c = client();
    await c.whoAmI();
    await c.listProjects();
    await c.getProject(projectUid);
    assert.equal(phrase.calls.filter((x) => x.endsWith('auth/login')).length, 1);
    for (const x of phrase.log.slice(1)) {
      assert.match(String(x.requestHeaders.authorization), /^ApiToken \S+$/);
      assert.ok(!x.url.includes('token='));
      assert.match(String(x.requestHeaders['user-agent']), /^Locale Loop\/\d+\.\d+\.\d+/);
    }
  });

  it('accepts a ready token, and says what to do when it has expired', async () => {
    const token = await client().login();
    const c = client({ credentials: { token } });
    assert.equal((await c.whoAmI()).userName, user.userName);
    phrase.expireTokens();
    await assert.rejects(c.whoAmI(), (e: unknown) => PhraseError.is(e, 'AuthUnauthorized') && e.status === 401);
  });

  it('walks every page of a list (50 per page)', async () => {
    const c = client();
    for (let i = 0; i < 3; i++) {
      await c.createJobs({
        projectUid,
        bytes: Buffer.from(JSON.stringify(Object.fromEntries(Array.from({ length: 3 }, (_, k) => [`k${k}`, `v${k}`])))),
        filename: `file${i}.json`,
        targetLangs: Array.from({ length: 1 }, () => 'de'),
      });
    }
    for (let i = 0; i < 60; i++) {
      await c.createJobs({
        projectUid,
        bytes: Buffer.from('{"a":"b"}'),
        filename: `bulk${i}.json`,
        targetLangs: ['de'],
      });
    }
    const pagesBefore = phrase.calls.filter((x) => x.endsWith('/jobs') && x.startsWith('GET')).length;
    const jobs = await c.listJobs(projectUid);
    assert.equal(jobs.length, 63);
    assert.equal(
      phrase.calls.filter((x) => x.endsWith('/jobs') && x.startsWith('GET')).length - pagesBefore,
      2,
      '63 jobs = 2 pages',
    );
    assert.ok(phrase.log.every((x) => !/pageSize=(\d+)/.test(x.url) || Number(/pageSize=(\d+)/.exec(x.url)![1]) <= 50));
  });

  it('creates jobs with a non-ASCII file name, waits for the import, and downloads once per export', async () => {
    const c = client();
    const jobs = await c.createJobs({
      projectUid,
      bytes: Buffer.from('{"hello":"Hello {{name}}"}'),
      filename: 'grüße.json',
      targetLangs: ['de', 'pt_br'],
      path: 'locales/en',
    });
    assert.deepEqual(jobs.map((j) => j.targetLang).sort(), ['de', 'pt_br']);
    assert.ok(jobs.every((j) => j.filename === 'grüße.json'));
    for (const j of jobs) {
      assert.equal((await c.getJob(projectUid, j.uid)).imported, true, 'imported before createJobs returns');
    }
    phrase.complete();
    const file = await c.downloadTargetFile(projectUid, jobs[0]!.uid);
    assert.equal(file.filename, 'grüße.json');
    assert.match(JSON.parse(file.bytes.toString('utf8')).hello, /^\[(de|pt_br)\] Héllö \{\{name\}\}$/);
    const exportId = phrase.log
      .filter((x) => x.url.includes('/downloadTargetFile/'))
      .map((x) => /downloadTargetFile\/(\d+)/.exec(x.url)![1])
      .at(-1)!;
    await assert.rejects(
      c.transport.send('GET', `/api2/v2/projects/${projectUid}/jobs/${jobs[0]!.uid}/downloadTargetFile/${exportId}`, {
        retry: 'never',
      }),
      (e: unknown) => PhraseError.is(e) && e.status === 410,
    );
  });

  it('honours Retry-After on 429 and retries 5xx with backoff; 4xx is not retried', async () => {
    const c = client();
    await c.login();
    phrase.setFaults([{ kind: 'status', status: 429, retryAfter: 1, times: 1, path: '/projects$' }]);
    const t0 = Date.now();
    await c.listProjects();
    assert.ok(Date.now() - t0 >= 950, 'waited the Retry-After second');
    phrase.setFaults([{ kind: 'status', status: 503, times: 2, path: '/projects$' }]);
    await c.listProjects();
    phrase.setFaults([
      { kind: 'status', status: 403, errorCode: 'ApiLimitReached', retryAfter: 0, times: 1, path: '/projects$' },
    ]);
    await c.listProjects();
    phrase.setFaults([]);
    const before = phrase.log.length;
    await assert.rejects(
      c.getProject('nope'),
      (e: unknown) =>
        PhraseError.is(e, 'ResourceNotFound') && e.status === 404 && /action id [0-9a-f]{32}/.test(e.message),
    );
    assert.equal(phrase.log.length - before, 1, 'a 404 is not retried');
    phrase.setFaults([{ kind: 'status', status: 500 }]);
    await assert.rejects(c.listProjects(), (e: unknown) => PhraseError.is(e) && e.status === 500);
  });

  it('a malformed body is an error with its status, not a crash', async () => {
    const c = client({ retries: 0 });
    await c.login();
    phrase.setFaults([{ kind: 'malformed', path: '/projects$', times: 1 }]);
    await assert.rejects(c.listProjects(), (e: unknown) => PhraseError.is(e, 'MalformedResponse') && e.status === 200);
  });

  it('runs 4 requests at once by default, never more', async () => {
    const c = client();
    await c.login();
    let active = 0;
    let peak = 0;
    phrase.setFaults([{ kind: 'delay', delayMs: 40, path: '/projects/' }]);
    const original = phrase['handle'].bind(phrase);
    (phrase as unknown as { handle: typeof original }).handle = async (req, res) => {
      active++;
      peak = Math.max(peak, active);
      res.on('finish', () => active--);
      return original(req, res);
    };
    await Promise.all(Array.from({ length: 12 }, () => c.getProject(projectUid)));
    // Exactly 4: a serial client (peak 1) fails this as surely as an unbounded one (peak 12).
    assert.equal(peak, 4);
  });

  it('an async request that fails becomes an error; polling can be cancelled', async () => {
    const c = client();
    const ctl = new AbortController();
    const jobs = await c.createJobs({
      projectUid,
      bytes: Buffer.from('{"a":"b"}'),
      filename: 'x.json',
      targetLangs: ['de'],
    });
    phrase.setFaults([{ kind: 'delay', delayMs: 5000, path: '/async/' }]);
    const started = await c.transport.call<{ asyncRequest: { id: string } }>(
      'PUT',
      `/api2/v2/projects/${projectUid}/jobs/${jobs[0]!.uid}/targetFile`,
    );
    setTimeout(() => ctl.abort(new Error('cancelled by the user')), 50);
    await assert.rejects(c.waitForAsync(started.asyncRequest.id, { signal: ctl.signal }), /cancelled by the user/);
  });

  it('logs every call at debug level with its action id, and never a secret', async () => {
    const logger = new MemoryLogger();
    const c = client({ logger });
    await c.listProjects();
    assert.ok(
      logger.lines.some((l) =>
        /^debug POST \/web\/api2\/v3\/auth\/login → 200 in \d+ ms \(action id [0-9a-f]{32}\)$/.test(l),
      ),
      logger.lines.join('\n'),
    );
    assert.ok(logger.lines.some((l) => l.startsWith('debug GET /web/api2/v1/projects?pageNumber=0&pageSize=50 → 200')));
    const token = c.transport.secrets()[0]!;
    assert.ok(logger.lines.every((l) => !l.includes(user.password) && !l.includes(token)));
  });

  it('parses Phrase dates in both spellings and Content-Disposition names', () => {
    assert.equal(parsePhraseDate('2026-11-22T10:00:00+0000'), Date.UTC(2026, 10, 22, 10));
    assert.equal(parsePhraseDate('2026-11-22T10:00:00.000Z'), Date.UTC(2026, 10, 22, 10));
    assert.equal(filenameFrom("attachment; filename*=UTF-8''gr%C3%BC%C3%9Fe.json"), 'grüße.json');
    assert.equal(filenameFrom('attachment; filename="plain.json"'), 'plain.json');
    assert.equal(filenameFrom(undefined), undefined);
  });
});
