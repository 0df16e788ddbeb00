/** The retry and polling policy of both clients, with an injected clock: no test waits real minutes. */
import assert from 'node:assert/strict';
import { classifyServiceUrl, admitServiceUrl, HostRefusedError } from '../../src/util/http/hostPolicy';
import { poll } from '../../src/util/http/poll';
import { parseRetryAfter, RetryBudget, retryDelay, defaultRetryTiming } from '../../src/util/http/retry';
import { shapeError } from '../../src/util/http/shape';
import { holdSecrets, redact, redactHeld } from '../../src/util/redact';

/** A clock that only moves when the code under test sleeps. */
function fakeClock(start = Date.UTC(2026, 0, 1)) {
  const slept: number[] = [];
  let now = start;
  return {
    slept,
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('network: Retry-After and backoff', () => {
  const t0 = Date.UTC(2026, 0, 1);
  const timing = { ...defaultRetryTiming, now: () => t0, random: () => 1 };

  it('parses Retry-After in both forms; negative and garbage values count as absent', () => {
    assert.equal(parseRetryAfter('120', t0), 120_000);
    assert.equal(parseRetryAfter('1.5', t0), 1500);
    assert.equal(parseRetryAfter(new Date(t0 + 30_000).toUTCString(), t0), 30_000);
    assert.equal(parseRetryAfter(new Date(t0 - 30_000).toUTCString(), t0), 0, 'a past date: now');
    assert.equal(parseRetryAfter('-5', t0), undefined);
    assert.equal(parseRetryAfter('soon', t0), undefined);
    assert.equal(parseRetryAfter(undefined, t0), undefined);
    assert.equal(parseRetryAfter(['7', '9'], t0), 7000);
  });

  it('caps Retry-After 86400 and a far date at one minute and says so; floors 0 at one second', () => {
    const day = retryDelay(0, 'rate-limit', '86400', timing);
    assert.equal(day.ms, 60_000);
    assert.match(day.note, /asked to wait 86400 s \(Retry-After\); waiting at most 60 s/);
    const far = retryDelay(0, 'rate-limit', 'Fri, 31 Dec 9999 23:59:59 GMT', timing);
    assert.equal(far.ms, 60_000, 'a date centuries ahead neither overflows a timer nor waits');
    assert.match(far.note, /at most 60 s/);
    const zero = retryDelay(0, 'server', '0', timing);
    assert.equal(zero.ms, 1000);
    assert.match(zero.note, /at least 1 s/);
    assert.equal(retryDelay(0, 'server', '12', timing).ms, 12_000, 'a reasonable Retry-After is honoured as asked');
  });

  it('429 without Retry-After backs off 2 s, doubling, at most a minute; a negative Retry-After is treated the same', () => {
    const waits = [0, 1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, 'rate-limit', undefined, timing).ms);
    assert.deepEqual(waits, [2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    assert.equal(retryDelay(1, 'rate-limit', '-3', timing).ms, 4000);
  });

  it('server errors back off exponentially with jitter, capped at 30 s', () => {
    const waits = [0, 1, 2, 5, 9].map((n) => retryDelay(n, 'server', undefined, timing).ms);
    assert.deepEqual(waits, [1000, 2000, 4000, 30_000, 30_000]);
    assert.equal(retryDelay(3, 'server', undefined, { ...timing, random: () => 0.25 }).ms, 2000);
  });

  it('one budget: at most 5 retries per operation, and no wait that ends past the operation deadline', () => {
    const clock = fakeClock();
    const budget = new RetryBudget({ now: clock.now, sleep: clock.sleep, random: () => 1 });
    const granted: number[] = [];
    for (let i = 0; i < 10; i++) {
      const d = budget.next('server');
      if (!d) break;
      granted.push(d.ms);
    }
    assert.deepEqual(granted, [1000, 2000, 4000, 8000, 16_000]);
    const slow = new RetryBudget({ now: clock.now, sleep: clock.sleep, operationDeadlineMs: 90_000 });
    assert.ok(slow.next('rate-limit', '60'), 'the first minute fits');
    void slow.wait({ ms: 60_000, note: '' });
    assert.equal(slow.next('rate-limit', '60'), undefined, 'a second minute would pass the deadline');
  });
});

describe('network: the polling helper', () => {
  it('polls with growing pauses until done', async () => {
    const clock = fakeClock();
    let calls = 0;
    const value = await poll(
      async () => (++calls === 5 ? { done: true as const, value: 'ready' } : { done: false as const, state: calls }),
      () => new Error('late'),
      { now: clock.now, sleep: clock.sleep, random: () => 1, baseMs: 500, maxMs: 5000 },
    );
    assert.equal(value, 'ready');
    assert.deepEqual(clock.slept, [500, 1000, 2000, 4000]);
  });

  it('gives up at its deadline with the last state, without sleeping past it', async () => {
    const clock = fakeClock();
    let calls = 0;
    await assert.rejects(
      poll(
        async () => ({ done: false as const, state: ++calls }),
        (last) => new Error(`still running after ${last} checks`),
        { now: clock.now, sleep: clock.sleep, random: () => 1, timeoutMs: 10_000 },
      ),
      /still running after \d+ checks/,
    );
    assert.equal(
      clock.slept.reduce((a, b) => a + b, 0),
      10_000,
      'the pauses add up to the timeout exactly',
    );
  });
});

describe('network: answer shapes', () => {
  it('names the first field that differs, down into arrays', () => {
    const shape = {
      jobs: [{ uid: 'string', targetLang: 'string' }],
      asyncRequest: { optional: { id: 'any' } },
    } as const;
    assert.equal(shapeError({ jobs: [{ uid: 'a', targetLang: 'de' }] }, shape), undefined);
    assert.equal(
      shapeError(
        {
          jobs: [
            { uid: 'a', targetLang: 'de' },
            { uid: 7, targetLang: 'fr' },
          ],
        },
        shape,
      ),
      'jobs[1].uid: expected a string, got a number',
    );
    assert.equal(shapeError({ jobs: 'none' }, shape), 'jobs: expected an array, got a string');
    assert.equal(shapeError({ jobs: [], asyncRequest: {} }, shape), 'asyncRequest.id: expected a value, got nothing');
    assert.equal(shapeError(null, shape), 'the answer: expected an object, got null');
  });
});

describe('network: where credentials may go', () => {
  it('https to known hosts; http only to loopback; other hosts need an explicit yes', () => {
    assert.equal(classifyServiceUrl('Phrase TMS', 'https://cloud.memsource.com/web').kind, 'known');
    assert.equal(classifyServiceUrl('Phrase TMS', 'https://us.cloud.memsource.com/web').kind, 'known');
    assert.equal(classifyServiceUrl('ModernMT', 'https://api.modernmt.com').kind, 'known');
    assert.equal(
      classifyServiceUrl('ModernMT', 'https://cloud.memsource.com').kind,
      'unknown',
      'a Phrase host is not a ModernMT host',
    );
    assert.equal(classifyServiceUrl('Phrase TMS', 'https://memsource.com.evil.example/web').kind, 'unknown');
    assert.equal(classifyServiceUrl('Phrase TMS', 'http://127.0.0.1:8080/web').kind, 'loopback');
    assert.equal(classifyServiceUrl('Phrase TMS', 'http://[::1]:8080/web').kind, 'loopback');
    assert.equal(classifyServiceUrl('Phrase TMS', 'http://localhost:8080/web').kind, 'loopback');
    const plain = classifyServiceUrl('Phrase TMS', 'http://cloud.memsource.com/web');
    assert.equal(plain.kind, 'refused', 'http to a real host is refused even when the host is known');
    assert.equal(classifyServiceUrl('Phrase TMS', 'https://user:pw@cloud.memsource.com/web').kind, 'refused');
  });

  it('an unknown host passes only when allowed or confirmed, and the refusal says how to allow it', async () => {
    await assert.rejects(
      admitServiceUrl('Phrase TMS', 'https://tms.example.org/web', { advice: 'Pass --allow-host.' }),
      (e: unknown) =>
        HostRefusedError.is(e) &&
        /not send your Phrase TMS credentials to tms\.example\.org.*Pass --allow-host\./.test(e.message),
    );
    await admitServiceUrl('Phrase TMS', 'https://tms.example.org/web', { allow: ['TMS.example.org'] });
    const asked: string[] = [];
    await admitServiceUrl('ModernMT', 'https://mt.example.org', { confirm: async (host) => (asked.push(host), true) });
    await assert.rejects(
      admitServiceUrl('ModernMT', 'https://mt.example.org', { confirm: async () => false }),
      HostRefusedError,
    );
    assert.deepEqual(asked, ['mt.example.org']);
    await assert.rejects(
      admitServiceUrl('Phrase TMS', 'http://tms.example.org/web', { allow: ['tms.example.org'] }),
      /not https/,
    );
  });
});

describe('network: redaction of every held secret', () => {
  it('redacts a held secret wherever it appears, also JSON- or URL-escaped; data output keeps a key named password', () => {
    const canary = 'CANARY-held/"secret"+1';
    holdSecrets(canary);
    assert.equal(
      redact(`echo: ${canary} and ${JSON.stringify(canary)} and ${encodeURIComponent(canary)}`).includes('CANARY'),
      false,
    );
    assert.equal(
      redactHeld(`{"password": "Enter your password", "x": "${canary}"}`),
      '{"password": "Enter your password", "x": "[REDACTED]"}',
    );
  });

  it('a short held secret (a six-digit two-factor code, a short password) is redacted as a whole token, never cut out of a longer word or number', () => {
    holdSecrets('804213', 'Gr4pe');
    assert.equal(
      redact('code 804213, {"code":"804213"} code=804213'),
      'code [REDACTED], {"code":"[REDACTED]"} code=[REDACTED]',
    );
    assert.equal(
      redact('action id 9a804213f1, 18042130 characters, Gr4pefruit'),
      'action id 9a804213f1, 18042130 characters, Gr4pefruit',
    );
    assert.equal(redactHeld('password Gr4pe!'), 'password [REDACTED]!');
  });
});
