/**
 * Issue 13 point 4: a job-create whose answer was lost is recovered only from jobs of the very
 * same file (name, `path`, created since the attempt), never from another folder's file of the
 * same name, and not at all when it is ambiguous; non-ASCII in the `Memsource` header; a request
 * undici refuses to send is not retried as a network fault.
 */
import assert from 'node:assert/strict';
import { PhraseClient } from '../../src/phrase/client';
import { PhraseError } from '../../src/phrase/errors';
import { PhraseEmulator } from '../emulators/phrase/server';

const user = { userName: 'api-user', password: 'pa55-word-XYZ' };
const bytes = Buffer.from('{"hello": "Hello"}');

describe('Phrase TMS client: lost create answers and headers', () => {
  let phrase: PhraseEmulator;
  let projectUid: string;
  const client = () =>
    new PhraseClient({ baseUrl: phrase.url, credentials: user, backoff: { baseMs: 10, maxMs: 50 } }, { baseMs: 10 });

  beforeEach(async () => {
    phrase = new PhraseEmulator({ users: [user], importDelayMs: 20, exportDelayMs: 10 });
    projectUid = phrase.addProject({
      name: 'Recovery',
      sourceLang: 'en',
      targetLangs: ['de', 'fr'],
      workflowSteps: ['Translation', 'Revision'],
      shuffleJobs: true,
    });
    await phrase.start();
  });
  afterEach(() => phrase.stop());

  it('after a lost answer, adopts the jobs of the same name and path (every step), not another folder’s common.json', async () => {
    const c = client();
    const a = await c.createJobs({
      projectUid,
      bytes,
      filename: 'common.json',
      path: 'apps/a/locales/en',
      targetLangs: ['de', 'fr'],
      workflowLevels: 2,
    });
    phrase.setFaults([{ kind: 'drop-after', method: 'POST', path: '/jobs$', times: 1 }]);
    // The caller knows a's jobs from its state; b's create is answered by a dropped connection.
    const b = await c.createJobs({
      projectUid,
      bytes,
      filename: 'common.json',
      path: 'apps/b/locales/en',
      targetLangs: ['de', 'fr'],
      workflowLevels: 2,
    });
    assert.equal(
      phrase.calls.filter((x) => x === 'POST /api2/v1/projects/{projectUid}/jobs').length,
      2,
      'b was not created twice',
    );
    assert.equal(b.length, 4, 'two languages × two steps');
    assert.ok(
      b.every((j) => phrase.jobs.get(j.uid)!.path === 'apps/b/locales/en'),
      'b adopted its own jobs',
    );
    assert.deepEqual(b.map((j) => j.workflowLevel).sort(), [1, 1, 2, 2]);
    assert.ok(!b.some((j) => a.some((x) => x.uid === j.uid)));
  });

  it('refuses to adopt when two sets of new jobs match the same file', async () => {
    const c = client();
    // Another push of the same file (not known to this caller) lands at the same time.
    await c.createJobs({ projectUid, bytes, filename: 'common.json', path: 'locales/en', targetLangs: ['de', 'fr'] });
    phrase.setFaults([{ kind: 'drop-after', method: 'POST', path: '/jobs$', times: 1 }]);
    await assert.rejects(
      c.createJobs({ projectUid, bytes, filename: 'common.json', path: 'locales/en', targetLangs: ['de', 'fr'] }),
      (e: unknown) => {
        assert.ok(PhraseError.is(e, 'AmbiguousCreate'));
        assert.match(
          e.message,
          /the answer to creating jobs for locales\/en\/common\.json was lost, and the project now holds jobs for that file that cannot be told apart .*none was adopted/,
        );
        assert.equal(e.retryable, false);
        return true;
      },
    );
    assert.equal(
      phrase.calls.filter((x) => x === 'POST /api2/v1/projects/{projectUid}/jobs').length,
      2,
      'not sent a third time',
    );
  });

  it('non-ASCII in the Memsource header is sent as \\uXXXX escapes and arrives intact', async () => {
    const jobs = await client().createJobs({
      projectUid,
      bytes,
      filename: 'naïve.json',
      path: 'locales/日本語/ünï',
      targetLangs: ['de'],
    });
    const header = String(
      phrase.log.find((x) => x.method === 'POST' && x.url.endsWith('/jobs'))!.requestHeaders.memsource,
    );
    assert.match(header, /^[\x20-\x7e]+$/, 'ASCII only');
    assert.ok(header.includes('\\u65e5\\u672c\\u8a9e'));
    assert.equal(phrase.jobs.get(jobs[0]!.uid)!.path, 'locales/日本語/ünï');
  });

  it('a request undici refuses to send is an error at once, not a network fault retried', async () => {
    const c = client();
    await c.login();
    const started = performance.now();
    await assert.rejects(
      c.transport.call('GET', '/api2/v1/auth/whoAmI', { headers: { 'x-note': 'caf\u00e9 \u65e5\n' } }),
      (e: unknown) => {
        assert.ok(PhraseError.is(e, 'LocalError'), String(e));
        assert.match(e.message, /could not send the request/);
        assert.equal(e.retryable, false);
        return true;
      },
    );
    assert.equal(phrase.log.filter((x) => x.url.includes('whoAmI')).length, 0);
    assert.ok(performance.now() - started < 40, 'no backoff pause');
  });
});
