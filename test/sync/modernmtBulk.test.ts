/**
 * Bulk translation that finishes and bills once (issue 14, points 6–8), through the CLI against
 * the ModernMT emulator's realistic limits: rate, request size, billing per project.
 */
import assert from 'node:assert/strict';
import { ModernMtClient } from '../../src/modernmt/client';
import { ModernMtError } from '../../src/modernmt/errors';
import { ModernMtEmulator } from '../emulators/modernmt/server';
import type { Harness } from './harness';
import { startHarness } from './harness';

/** Replaces the fixture's English source and the config's modernmt section; Polish and German start empty. */
async function workspace(
  h: Harness,
  common: Record<string, string>,
  modernmt: Record<string, unknown> = {},
): Promise<void> {
  const config = JSON.parse(await h.read('locale-loop.json'));
  await h.write('locale-loop.json', JSON.stringify({ ...config, modernmt: { ...config.modernmt, ...modernmt } }));
  await h.write('locales/en/common.json', JSON.stringify(common, null, 2) + '\n');
  await h.write('locales/en/home.json', '{}\n');
  for (const l of ['de', 'pl']) {
    await h.write(`locales/${l}/common.json`, '{}\n');
    await h.write(`locales/${l}/home.json`, '{}\n');
  }
}

const translateCalls = (h: Harness) => h.mmt.log.filter((x) => x.path === '/translate');
const sentTexts = (h: Harness) =>
  translateCalls(h)
    .filter((x) => x.status === 200)
    .flatMap((x) => x.body.q as string[]);

describe('bulk translation: throttled, batch by batch, refusals skipped (point 6)', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('throttled to modernmt.charsPerSecond, no request exceeds the account rate: 0 answers 429', async () => {
    h = await startHarness('sync-app', {}, { charsPerSecond: 1000 });
    const common = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`k${i}`, `Sentence number ${i} with some words in it to translate now`]),
    );
    await workspace(h, common, { charsPerSecond: 1000, maxCharsPerRequest: 600 });
    const run = await h.cli('translate-missing', '--to', 'pl', '--json');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(translateCalls(h).filter((x) => x.status === 429).length, 0);
    assert.equal(Object.keys(JSON.parse(await h.read('locales/pl/common.json'))).length, 30);
  });

  it('without a throttle the emulator answers 429 beyond the rate; the client backs off and every segment is still translated', async () => {
    const mmt = new ModernMtEmulator({ charsPerSecond: 1000 });
    await mmt.start();
    try {
      const client = new ModernMtClient({
        apiKey: mmt.apiKey,
        baseUrl: mmt.url,
        concurrency: 4,
        maxChars: 400,
        backoff: { baseMs: 200, maxMs: 1000 },
        retries: 10,
      });
      const q = Array.from({ length: 20 }, (_, i) => `Segment ${i} `.padEnd(100, 'x'));
      const out = await client.translateEach('en', 'de', q);
      assert.ok(out.every((r) => r.ok));
      assert.ok(
        mmt.log.some((x) => x.status === 429),
        'the emulator did refuse some requests',
      );
      assert.equal(mmt.log.filter((x) => x.status === 200).length, 5, '2,000 characters in requests of ≤ 400');
    } finally {
      await mmt.stop();
    }
  });

  it('each batch is written as soon as it is back: a failure later keeps what was translated; the other locales go on', async () => {
    h = await startHarness();
    const common = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`k${i}`, `Text number ${i}`]));
    await workspace(h, common, { maxSegmentsPerRequest: 2, concurrency: 1 });
    h.mmt.setFaults([
      { kind: 'status', status: 401, type: 'AuthenticationException', path: '^/translate$', every: 3, times: 1 },
    ]);
    const run = await h.cli('translate-missing', '--json');
    assert.equal(run.code, 1);
    const r = JSON.parse(run.stdout);
    const de = r.locales.find((l: { locale: string }) => l.locale === 'de');
    const pl = r.locales.find((l: { locale: string }) => l.locale === 'pl');
    assert.match(de.error, /AuthenticationException/);
    assert.deepEqual(
      Object.keys(JSON.parse(await h.read('locales/de/common.json'))),
      ['k0', 'k1', 'k2', 'k3'],
      'the two batches before the failure are written',
    );
    const state = JSON.parse(await h.read('.locale-loop/state.json'));
    assert.deepEqual(
      Object.keys(state.provisional['locales/{locale}/common.json'].de),
      ['k0', 'k1', 'k2', 'k3'],
      'and recorded as provisional',
    );
    assert.equal(pl.error, undefined);
    assert.equal(Object.keys(JSON.parse(await h.read('locales/pl/common.json'))).length, 6, 'Polish is complete');
  });

  it('a segment ModernMT refuses (400, too long) is skipped and reported; the rest of the locale is written', async () => {
    h = await startHarness('sync-app', {}, { maxSegmentChars: 60 });
    await workspace(h, {
      a: 'Short one',
      long: 'A very long sentence that the engine will not take in one piece at all',
      b: 'Short two',
      c: 'Short three',
    });
    const run = await h.cli('translate-missing', '--to', 'de', '--json');
    assert.equal(run.code, 1);
    const de = JSON.parse(run.stdout).locales[0];
    assert.deepEqual(
      de.refused.map((x: { key: string }) => x.key),
      ['long'],
    );
    assert.match(de.refused[0].reason, /ModernMT refused it: .*max query length/);
    assert.deepEqual(Object.keys(JSON.parse(await h.read('locales/de/common.json'))), ['a', 'b', 'c']);
  });

  it('a text over the request limit is split by sentence and joined again; one with no sentence break is reported', async () => {
    h = await startHarness();
    const long =
      'The first sentence is here. The second sentence follows it! And a third one, with {{name}}? Yes, and a fourth sentence ends it.';
    await workspace(h, { long, word: 'x'.repeat(150) + ' y', ok: 'Fine' }, { maxCharsPerRequest: 100 });
    const run = await h.cli('translate-missing', '--to', 'de', '--json');
    const de = JSON.parse(run.stdout).locales[0];
    assert.deepEqual(
      de.refused.map((x: { key: string; reason: string }) => [
        x.key,
        /longer than one ModernMT request/.test(x.reason),
      ]),
      [['word', true]],
    );
    assert.ok(translateCalls(h).every((x) => (x.body.q as string[]).join('').length <= 100));
    const value = JSON.parse(await h.read('locales/de/common.json')).long as string;
    // Two requests' worth: as many whole sentences per piece as fit in 100 characters.
    assert.equal(
      value,
      '[de] ThE fIrst sEntEncE Is hErE. ThE sEcOnd sEntEncE fOllOws It! And A thIrd OnE, wIth {{name}}? [de] YEs, And A fOUrth sEntEncE Ends It.',
    );
  });
});

describe('bulk translation bills once (point 7) and names ModernMT when an answer is short (point 8)', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('texts with the same protected form are one segment; placeholder-only and blank texts are never sent', async () => {
    h = await startHarness();
    await workspace(h, { a: 'Hello {{name}}', b: 'Hello {{user}}', c: '{{count}}', d: '<1/>', e: '{{a}} / {{b}}' });
    const run = await h.cli('translate-missing', '--to', 'de');
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(sentTexts(h), ['Hello <x0/>']);
    assert.deepEqual(JSON.parse(await h.read('locales/de/common.json')), {
      a: '[de] HEllO {{name}}',
      b: '[de] HEllO {{user}}',
      c: '{{count}}',
      d: '<1/>',
      e: '{{a}} / {{b}}',
    });
  });

  it('a stable project_id: a request carried out whose answer was lost is sent again and billed once', async () => {
    h = await startHarness('sync-app', {}, { billOncePerProject: true });
    await workspace(h, { a: 'First text', b: 'Second text' }, { maxSegmentsPerRequest: 1, concurrency: 1 });
    h.mmt.setFaults([{ kind: 'drop-after', path: '^/translate$', every: 2, times: 1 }]);
    const run = await h.cli('translate-missing', '--to', 'de', '--json');
    assert.equal(run.code, 0, run.stderr);
    const ids = new Set(translateCalls(h).map((x) => x.body.project_id));
    assert.equal(ids.size, 1);
    assert.match(String([...ids][0]), /^locale-loop-[0-9a-f]{16}$/, 'a hash: no path is sent');
    assert.equal(
      h.mmt.billing.received,
      'First text'.length + 2 * 'Second text'.length,
      'the lost request was carried out, and sent again',
    );
    assert.equal(h.mmt.billing.billed, 'First text'.length + 'Second text'.length, 'billed once');
    const de = JSON.parse(run.stdout).locales[0];
    assert.equal(
      de.billedCharacters,
      'First text'.length,
      'what the engine reported: 0 for the resent text, billed with the lost answer',
    );
    const rerun = await h.cli('translate', '--to', 'de', 'First text');
    assert.match(rerun.stderr, /ModernMT billed 0 characters/, 'same project, sentence and target: not billed again');
  });

  it('translate prints only the translation on stdout, its outer whitespace intact; billed characters on stderr or in --json', async () => {
    h = await startHarness();
    const run = await h.cli('translate', '--to', 'de', '  Hello {{name}}\n');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '  [de] HEllO {{name}}\n\n');
    assert.match(run.stderr, /^ModernMT billed 11 characters\n$/, 'as the engine counts them: `Hello <x0/>`');
    const json = JSON.parse((await h.cli('translate', '--to', 'de', '--json', 'Hello')).stdout);
    assert.deepEqual(json, { ok: true, translation: '[de] HEllO', billedCharacters: 5 });
  });

  it('an answer with fewer translations than segments is an error naming ModernMT, and nothing of it is written', async () => {
    h = await startHarness();
    await workspace(h, { a: 'One', b: 'Two' });
    h.mmt.setFaults([{ kind: 'short', path: '^/translate$' }]);
    const run = await h.cli('translate-missing', '--to', 'de', '--json');
    assert.equal(run.code, 1);
    assert.match(JSON.parse(run.stdout).locales[0].error, /ModernMT answered 1 translations for 2 segments/);
    assert.deepEqual(JSON.parse(await h.read('locales/de/common.json')), {});
    const mmt = new ModernMtEmulator();
    await mmt.start();
    mmt.setFaults([{ kind: 'short' }]);
    await assert.rejects(
      new ModernMtClient({ apiKey: mmt.apiKey, baseUrl: mmt.url }).translate('en', 'de', ['a', 'b']),
      (e: unknown) => ModernMtError.is(e, 'InvalidResponse') && /ModernMT/.test(e.message),
    );
    await mmt.stop();
  });
});
