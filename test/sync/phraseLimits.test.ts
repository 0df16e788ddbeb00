/**
 * Issue 13 points 5 and 6 against the Phrase TMS emulator's logins and limits. PENDING: not
 * picked up by mocha (`.pending.ts`) until the transport rewrite (branch "network") is merged;
 * then rename to `phraseLimits.test.ts`. Each test states the behaviour the issue asks for.
 */
import assert from 'node:assert/strict';
import { PhraseClient } from '../../src/phrase/client';
import { PhraseEmulator } from '../emulators/phrase/server';
import type { Harness } from './harness';
import { startHarness, user } from './harness';

const fa = { userName: 'two-factor', password: 'pa55-word-2FA' };

describe('Phrase TMS logins and limits (issue 13 points 5 and 6)', function () {
  this.timeout(60_000);
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('phrase.concurrency 1 works when the token must be renewed mid-run (the login does not wait for the request slot)', async () => {
    h = await startHarness('sync-app', { tokenTtlMs: 60_000 });
    const config = JSON.parse(await h.read('locale-loop.json'));
    await h.write('locale-loop.json', JSON.stringify({ ...config, phrase: { ...config.phrase, concurrency: 1 } }));
    h.phrase.setFaults([{ kind: 'expire-tokens', path: '/async/', times: 1 }]);
    const run = h.cli('push');
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('push did not finish: deadlock')), 10_000),
    );
    const res = await Promise.race([run, timeout]);
    assert.equal(res.code, 0, res.stderr);
  });

  it('refused credentials are never retried, however many calls were waiting for the login', async () => {
    const phrase = new PhraseEmulator({ users: [user] });
    const projectUid = phrase.addProject({ name: 'p', sourceLang: 'en', targetLangs: ['de'] });
    await phrase.start();
    try {
      const client = new PhraseClient({
        baseUrl: phrase.url,
        credentials: { ...user, password: 'not-the-password' },
        backoff: { baseMs: 10, maxMs: 20 },
      });
      const calls = [
        client.listProjects(),
        client.getProject(projectUid),
        client.listJobs(projectUid),
        client.whoAmI(),
      ];
      for (const r of await Promise.allSettled(calls)) assert.equal(r.status, 'rejected');
      await client.listProjects().catch(() => undefined);
      assert.equal(phrase.refusedLogins, 1, 'one refused login, remembered');
    } finally {
      await phrase.stop();
    }
  });

  it('2FA: without PHRASE_TMS_2FA_CODE the CLI says to set it; a used code is refused and the CLI says the code must be fresh', async () => {
    h = await startHarness('sync-app', { users: [{ ...fa, twoFactorCodes: ['123456'] }] });
    h.env.PHRASE_TMS_USERNAME = fa.userName;
    h.env.PHRASE_TMS_PASSWORD = fa.password;
    const none = await h.cli('push');
    assert.equal(none.code, 1);
    assert.match(none.stderr, /PHRASE_TMS_2FA_CODE/);
    assert.match(none.stderr, /two-factor/i);
    h.env.PHRASE_TMS_2FA_CODE = '123456';
    assert.equal((await h.cli('push')).code, 0);
    await h.write('locales/en/home.json', (await h.read('locales/en/home.json')).replace('Start now', 'Begin'));
    const stale = await h.cli('push');
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /PHRASE_TMS_2FA_CODE.*fresh|fresh.*PHRASE_TMS_2FA_CODE/i);
    assert.equal(h.phrase.refusedLogins, 2, 'each refusal once, never retried');
  });

  it('sign-out revokes the token (logout)', async () => {
    h = await startHarness();
    const client = new PhraseClient({ baseUrl: h.phrase.url, credentials: user });
    await client.whoAmI();
    assert.equal(h.phrase.liveTokens().length, 1);
    await (client as unknown as { logout(): Promise<void> }).logout();
    assert.equal(h.phrase.liveTokens().length, 0);
    assert.ok(h.phrase.calls.includes('POST /api2/v1/auth/logout'));
  });

  it('a 429 answered to a job-create is followed by the next attempt no sooner than its Retry-After', async () => {
    h = await startHarness();
    h.phrase.setFaults([{ kind: 'status', status: 429, retryAfter: 2, method: 'POST', path: '/jobs$', times: 1 }]);
    const push = await h.cli('push');
    assert.equal(push.code, 0, push.stderr);
    const refused = h.phrase.log.find((x) => x.method === 'POST' && x.url.endsWith('/jobs') && x.status === 429)!;
    const creates = h.phrase.log.filter(
      (x) =>
        x.method === 'POST' &&
        x.url.endsWith('/jobs') &&
        x.requestHeaders['content-disposition'] === refused.requestHeaders['content-disposition'],
    );
    const times = creates.map((x) => x.at);
    assert.ok(times.length >= 2);
    assert.ok(times[1]! - times[0]! >= 2000, `the retry came ${times[1]! - times[0]!} ms after the 429`);
  });

  it('a 429 without Retry-After backs off from a few seconds, doubling (at most a minute)', async () => {
    const phrase = new PhraseEmulator({ users: [user] });
    const projectUid = phrase.addProject({ name: 'p', sourceLang: 'en', targetLangs: ['de'] });
    await phrase.start();
    try {
      phrase.setFaults([{ kind: 'status', status: 429, path: '/jobs$', method: 'GET', times: 2 }]);
      const client = new PhraseClient({ baseUrl: phrase.url, credentials: user });
      const started = Date.now();
      await client.listJobs(projectUid);
      assert.ok(Date.now() - started >= 2000 + 4000, `two backoffs took ${Date.now() - started} ms`);
    } finally {
      await phrase.stop();
    }
  });

  it('ApiLimitReached is reported with what to do, not retried blindly', async () => {
    h = await startHarness('sync-app', { limits: { apiLimit: 3 } });
    const res = await h.cli('push');
    assert.equal(res.code, 1);
    assert.match(res.stderr, /ApiLimitReached/);
    assert.match(res.stderr, /quota|limit/i);
    assert.match(res.stderr, /try again|wait|administrator|plan/i);
    assert.ok(h.phrase.log.filter((x) => x.status === 403).length <= 1, 'not retried');
  });

  it('under the per-minute quota (429 with and without Retry-After) push and pull finish with the same files as without it', async () => {
    h = await startHarness('sync-app', { limits: { perMinute: 4, windowMs: 1000, quotaRetryAfter: false } });
    const res = await h.cli('push');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(h.phrase.jobs.size, 4);
    assert.ok(h.phrase.limits.refused > 0, 'the quota was hit');
  });
});
