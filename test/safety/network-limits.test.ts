/**
 * Limits (issue 13 point 6) and answers lost on the way (issue 12, hostile server), against the
 * Phrase TMS emulator: every retry honours Retry-After (the lost-create recovery included), a
 * quota without Retry-After is reported and not retried, and a lost download asks for a new
 * export instead of resending a single-use id.
 */
import assert from 'node:assert/strict';
import { PhraseClient } from '../../src/phrase/client';
import { PhraseError } from '../../src/phrase/errors';
import { PhraseEmulator } from '../emulators/phrase/server';

const user = { userName: 'limits-tester', password: 'Pa55-limits' };

describe('network: Phrase TMS limits and lost answers', function () {
  this.timeout(30_000);
  let phrase: PhraseEmulator;
  let projectUid: string;
  let slept: number[];
  const client = () =>
    new PhraseClient(
      {
        baseUrl: phrase.url,
        credentials: user,
        retryTiming: { sleep: async (ms) => void slept.push(ms), baseMs: 5, maxMs: 20 },
      },
      { baseMs: 10 },
    );

  beforeEach(async () => {
    slept = [];
    phrase = new PhraseEmulator({ users: [user], importDelayMs: 10, exportDelayMs: 10 });
    projectUid = phrase.addProject({ name: 'Limits test', sourceLang: 'en', targetLangs: ['de', 'fr'] });
    await phrase.start();
  });
  afterEach(() => phrase.stop());

  it('a 429 with Retry-After answered to a job-create is waited out before the create is tried again', async () => {
    const c = client();
    await c.login();
    phrase.setFaults([
      { kind: 'status', status: 429, retryAfter: 7, method: 'POST', path: '/projects/[^/]+/jobs$', times: 1 },
    ]);
    const jobs = await c.createJobs({
      projectUid,
      bytes: Buffer.from('{"a":"b"}'),
      filename: 'limits.json',
      targetLangs: ['de', 'fr'],
    });
    assert.equal(jobs.length, 2);
    assert.deepEqual(slept, [7000], 'the one wait is the 7 s asked for');
    assert.equal(
      phrase.log.filter((x) => x.method === 'POST' && /\/jobs$/.test(x.url)).length,
      2,
      'one refused create, one that worked',
    );
  });

  it('429 without Retry-After backs off from 2 s, doubling', async () => {
    const c = client();
    await c.login();
    phrase.setFaults([{ kind: 'status', status: 429, path: '/projects$', times: 3 }]);
    await c.listProjects();
    assert.deepEqual(slept, [2000, 4000, 8000]);
  });

  it('ApiLimitReached without Retry-After is reported with what to do, and sent once', async () => {
    const c = client();
    await c.login();
    phrase.setFaults([{ kind: 'status', status: 403, errorCode: 'ApiLimitReached', path: '/projects$' }]);
    const before = phrase.log.length;
    await assert.rejects(
      c.listProjects(),
      (e: unknown) =>
        PhraseError.is(e, 'ApiLimitReached') &&
        /API quota of this account is used up.*wait for the quota to reset.*lower phrase\.concurrency/.test(
          e.message,
        ) &&
        /\(action id [0-9a-f]+\)/.test(e.message),
    );
    assert.equal(phrase.log.length - before, 1);
    assert.deepEqual(slept, []);
  });

  it('a download whose answer was lost asks for a new export instead of resending the used id (410)', async () => {
    const c = client();
    const [job] = await c.createJobs({
      projectUid,
      bytes: Buffer.from('{"hello":"Hello"}'),
      filename: 'lost.json',
      targetLangs: ['de'],
    });
    phrase.complete();
    phrase.setFaults([{ kind: 'drop-after', path: '/downloadTargetFile/', times: 1 }]);
    const file = await c.downloadTargetFile(projectUid, job!.uid);
    assert.match(JSON.parse(file.bytes.toString('utf8')).hello, /Héllö/);
    const statuses = phrase.log.filter((x) => x.url.includes('/downloadTargetFile/')).map((x) => x.status);
    assert.ok(!statuses.includes(410), `no 410: ${statuses.join(', ')}`);
    assert.equal(
      phrase.log.filter((x) => x.method === 'PUT' && x.url.endsWith('/targetFile')).length,
      2,
      'a second export',
    );
  });
});
