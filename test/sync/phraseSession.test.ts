/**
 * Issue 13 points 5 and 6, the parts that hold today: one login per process while the token is
 * valid (a re-login only after expiry), and the jobs view's poll asking only about jobs that are
 * not final, through the list's status filter. (The rest: phraseLimits.pending.ts.)
 */
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/locales/config';
import { PhraseClient } from '../../src/phrase/client';
import { pull } from '../../src/sync/pull';
import { push } from '../../src/sync/push';
import { status } from '../../src/sync/status';
import { openWorkspace } from '../../src/sync/workspace';
import type { Harness } from './harness';
import { startHarness, user } from './harness';

describe('Phrase TMS session: logins and polling', () => {
  let h: Harness;
  afterEach(async () => h?.stop());
  const ws = async () => openWorkspace(await loadConfig(h.root));

  it('one login per process while the token is valid: push, status, polls and pull share it; an expiry costs exactly one more', async () => {
    h = await startHarness();
    const client = new PhraseClient({ baseUrl: h.phrase.url, credentials: user }, { baseMs: 20 });
    await push(await ws(), client);
    const rows = await status(await ws(), client);
    for (let i = 0; i < 5; i++) await status(await ws(), client, { previous: rows });
    h.phrase.complete();
    await pull(await ws(), client);
    assert.equal(h.phrase.logins, 1);
    h.phrase.expireTokens();
    await status(await ws(), client);
    assert.equal(h.phrase.logins, 2);
  });

  it('a poll asks only about jobs that are not final, with the status filter, per workflow step', async () => {
    h = await startHarness('sync-app', {
      projects: [
        {
          uid: 'sync-project',
          name: 'Two steps',
          sourceLang: 'en',
          targetLangs: ['de', 'pl'],
          workflowSteps: ['Translation', 'Revision'],
          shuffleJobs: true,
        },
      ],
    });
    const client = new PhraseClient({ baseUrl: h.phrase.url, credentials: user }, { baseMs: 20 });
    await push(await ws(), client);
    const first = await status(await ws(), client);
    assert.equal(first.length, 8);
    // Two jobs finish between polls.
    const done = h.phrase.complete({ filename: 'home.json', targetLang: 'de' });
    let mark = h.phrase.log.length;
    const second = await status(await ws(), client, { previous: first });
    const asked = h.phrase.log.slice(mark);
    const lists = asked.filter((x) => x.url.includes('/api2/v2/projects/sync-project/jobs?'));
    assert.equal(lists.length, 2, 'one filtered list per step');
    for (const x of lists) {
      assert.match(x.url, /status=NEW&status=ACCEPTED&status=DECLINED&status=REJECTED&status=EMAILED/);
    }
    const gets = asked
      .filter((x) => /\/jobs\/\w+$/.test(x.url.split('?')[0]!) && x.method === 'GET')
      .map((x) => x.url.split('/').at(-1));
    assert.deepEqual(gets.sort(), [...done].sort(), 'only the jobs that left the open statuses were asked one by one');
    assert.deepEqual(
      second
        .filter((r) => r.status === 'COMPLETED')
        .map((r) => r.uid)
        .sort(),
      [...done].sort(),
    );
    // Once everything is final, a poll costs the project listing nothing.
    h.phrase.complete();
    const third = await status(await ws(), client, {
      previous: await status(await ws(), client, { previous: second }),
    });
    mark = h.phrase.log.length;
    const fourth = await status(await ws(), client, { previous: third });
    assert.deepEqual(
      h.phrase.log.slice(mark).map((x) => x.url.split('?')[0]),
      ['/web/api2/v1/projects/sync-project'],
      'only the project (its steps) was read',
    );
    assert.ok(fourth.every((r) => r.status === 'COMPLETED'));
  });
});
