/**
 * The Phrase TMS login policy (issue 13 point 5, issue 11 defect 4): no deadlock at concurrency
 * 1, one login per process while the token is valid, re-login only after a 401 or expiry, refused
 * credentials sent once, a fresh two-factor code for a re-login, one retry budget for a login
 * inside a request, and sign-out revoking the token.
 */
import assert from 'node:assert/strict';
import { PhraseClient } from '../../src/phrase/client';
import { PhraseError } from '../../src/phrase/errors';
import { PhraseEmulator } from '../emulators/phrase/server';
import type { HostileServer } from './hostileServers';
import { hostileServer, json, phraseLogin } from './hostileServers';

const user = { userName: 'login-tester', password: 'Pa55-login-CANARY' };

describe('network: Phrase TMS login policy', function () {
  this.timeout(30_000);
  let phrase: PhraseEmulator;
  let projectUid: string;
  const logins = () => phrase.log.filter((x) => x.url.endsWith('/auth/login')).length;
  const client = (extra: Partial<ConstructorParameters<typeof PhraseClient>[0]> = {}) =>
    new PhraseClient(
      { baseUrl: phrase.url, credentials: user, backoff: { baseMs: 5, maxMs: 20 }, ...extra },
      { baseMs: 10 },
    );

  beforeEach(async () => {
    phrase = new PhraseEmulator({ users: [user] });
    projectUid = phrase.addProject({ name: 'Login test', sourceLang: 'en', targetLangs: ['de'] });
    await phrase.start();
  });
  afterEach(() => phrase.stop());

  it('phrase.concurrency 1 does not deadlock: the login is not queued behind the request that needs it', async () => {
    const c = client({ concurrency: 1 });
    const timeout = new Promise((_r, reject) =>
      setTimeout(() => reject(new Error('deadlock: no answer in 5 s')), 5000).unref(),
    );
    const results = await Promise.race([
      Promise.all([c.getProject(projectUid), c.listProjects(), c.whoAmI()]),
      timeout,
    ]);
    assert.equal((results as unknown[]).length, 3);
    assert.equal(logins(), 1);
  });

  it('one login for many concurrent calls; a 401 (token revoked) brings exactly one more', async () => {
    const c = client();
    await Promise.all(Array.from({ length: 8 }, () => c.getProject(projectUid)));
    await c.listProjects();
    assert.equal(logins(), 1);
    phrase.expireTokens();
    await Promise.all(Array.from({ length: 4 }, () => c.getProject(projectUid)));
    assert.equal(logins(), 2);
  });

  it('a token from an earlier sign-in is used without a login while valid', async () => {
    const first = client();
    const token = await first.login();
    const before = logins();
    const c = client({ initialToken: { token, expires: new Date(Date.now() + 3600_000).toISOString() } });
    await c.listProjects();
    assert.equal(logins(), before, 'no new login');
  });

  it('refused credentials are sent once, never retried, and every later call fails at once with a clear sentence', async () => {
    const refused: PhraseError[] = [];
    const c = client({
      credentials: { ...user, password: 'wrong-password' },
      onCredentialsRefused: (e) => refused.push(e),
    });
    const check = (e: unknown) =>
      PhraseError.is(e, 'AuthInvalidCredentials') &&
      /^Phrase TMS refused the sign-in of login-tester: wrong user name, password or two-factor code\. It was tried once and is not retried, so the account is not locked\. If the account uses two-factor authentication, a fresh code is needed \(PHRASE_TMS_2FA_CODE for the CLI\)\./.test(
        e.message,
      );
    await assert.rejects(c.listProjects(), check);
    await assert.rejects(c.getProject(projectUid), check);
    await assert.rejects(Promise.all([c.whoAmI(), c.whoAmI()]), check);
    assert.equal(logins(), 1, 'one login request in all');
    assert.equal(refused.length, 1);
  });

  it('a refused login with a two-factor code says the code must be fresh', async () => {
    const c = client({ credentials: { ...user, password: 'not-the-password', code: '123456' } });
    await assert.rejects(
      c.whoAmI(),
      (e: unknown) =>
        PhraseError.is(e) &&
        /A two-factor code works only once and for a short time: use a fresh one \(the CLI takes it from PHRASE_TMS_2FA_CODE\)\./.test(
          e.message,
        ),
    );
  });

  it('a re-login never reuses a spent two-factor code: it asks for a fresh one', async () => {
    const asked: string[] = [];
    const c = client({
      credentials: { ...user, code: '111111' },
      twoFactorCode: async () => (asked.push('asked'), '222222'),
    });
    await c.whoAmI();
    phrase.expireTokens();
    await c.whoAmI();
    const codes = phrase.log
      .filter((x) => x.url.endsWith('/auth/login'))
      .map((x) => (x.requestBody as { code?: string }).code);
    assert.deepEqual(codes, ['111111', '222222']);
    assert.equal(asked.length, 1);
  });

  it('a 503 storm during login costs one retry budget (6 requests), not retries of retries (36)', async () => {
    phrase.setFaults([{ kind: 'status', status: 503, path: '/auth/login$' }]);
    const c = client();
    await assert.rejects(c.listProjects(), (e: unknown) => PhraseError.is(e) && e.status === 503);
    assert.equal(logins(), 6);
    assert.equal(
      phrase.log.filter((x) => !x.url.endsWith('/auth/login')).length,
      0,
      'the request itself was never sent without a token',
    );
  });
});

describe('network: sign-out revokes the token', () => {
  let server: HostileServer;
  afterEach(() => server.close());

  it('logout sends POST /api2/v1/auth/logout with the token; the next call logs in again', async () => {
    server = await hostileServer((req, res) => {
      if (req.url.endsWith('/auth/login')) return phraseLogin(res, `session-token-${server.seen.length}`);
      if (req.url.endsWith('/auth/logout')) return void res.writeHead(204).end();
      return json(res, 200, { user: { userName: 'hostile-user' } });
    });
    const c = new PhraseClient({
      baseUrl: `${server.url}/web`,
      credentials: { userName: 'u', password: 'Password-for-logout' },
    });
    await c.whoAmI();
    await c.logout();
    await c.whoAmI();
    assert.deepEqual(
      server.seen.map((r) => `${r.method} ${r.url}`),
      [
        'POST /web/api2/v3/auth/login',
        'GET /web/api2/v1/auth/whoAmI',
        'POST /web/api2/v1/auth/logout',
        'POST /web/api2/v3/auth/login',
        'GET /web/api2/v1/auth/whoAmI',
      ],
    );
    assert.equal(server.seen[2]!.headers.authorization, 'ApiToken session-token-1');
  });
});
