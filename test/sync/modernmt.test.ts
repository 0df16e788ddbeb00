/** ModernMT: the client against the emulator, placeholder safety, translate-missing, the adaptive loop. */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { batch, ModernMtClient } from '../../src/modernmt/client';
import { ModernMtError } from '../../src/modernmt/errors';
import { protect } from '../../src/modernmt/protect';
import { restore } from '../../src/modernmt/restore';
import { buildTmx } from '../../src/modernmt/tmx';
import { MemoryLogger } from '../../src/util/logger';
import { ModernMtEmulator } from '../emulators/modernmt/server';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('ModernMT client', () => {
  let mmt: ModernMtEmulator;
  const client = (extra: Partial<ConstructorParameters<typeof ModernMtClient>[0]> = {}) =>
    new ModernMtClient({ apiKey: mmt.apiKey, baseUrl: mmt.url, backoff: { baseMs: 10, maxMs: 50 }, ...extra });
  beforeEach(async () => {
    mmt = new ModernMtEmulator({ importDelayMs: 30 });
    await mmt.start();
  });
  afterEach(() => mmt.stop());

  it('sends POST with the override verb, key and platform headers; decodes the envelope', async () => {
    const [t] = await client().translate('en', 'de', ['Hello world']);
    assert.equal(t!.translation, '[de] HEllO wOrld');
    const x = mmt.log.at(-1)!;
    assert.equal(x.verb, 'GET');
    assert.equal(x.headers['mmt-apikey'], mmt.apiKey);
    assert.equal(x.headers['mmt-platform'], 'locale-loop');
    assert.match(String(x.headers['mmt-platformversion']), /^\d+\.\d+\.\d+$/);
    assert.deepEqual(Object.keys(x.body).sort(), ['q', 'source', 'target']);
  });

  it('splits into requests of at most 128 segments and 10,000 characters, and keeps the order', async () => {
    const q = Array.from({ length: 300 }, (_, i) => `segment ${i}`);
    const out = await client().translate('en', 'fr', q);
    assert.deepEqual(
      out.map((t) => t.translation),
      q.map((s) => `[fr] sEgmEnt ${s.slice(8)}`),
    );
    assert.equal(mmt.log.length, 3, 'ceil(300 / 128)');
    assert.deepEqual(batch(['a'.repeat(6000), 'b'.repeat(6000), 'c'], 128, 10_000), [[0], [1, 2]]);
    const long = Array.from({ length: 25 }, () => 'x'.repeat(1000));
    await client().translate('en', 'fr', long);
    assert.ok(mmt.log.slice(3).every((x) => (x.body.q as string[]).join('').length <= 10_000));
    assert.equal(mmt.log.length - 3, 3, '25,000 characters in requests of ≤ 10,000');
  });

  it('refuses over-limit requests with 400 (the emulator enforces the limits too)', async () => {
    const c = client({ maxSegments: 500 });
    await assert.rejects(
      c.translate(
        'en',
        'de',
        Array.from({ length: 200 }, () => 'x'),
      ),
      (e: unknown) => ModernMtError.is(e, 'ParameterParsingException') && e.status === 400,
    );
  });

  it('retries 429 and 5xx, not 4xx; HTML from a proxy and an error without `error` are errors with their status', async () => {
    mmt.setFaults([
      { kind: 'status', status: 429, retryAfter: 0, times: 1 },
      { kind: 'status', status: 503, times: 1 },
    ]);
    assert.equal((await client().translate('en', 'de', ['a']))[0]!.translation, '[de] A');
    const before = mmt.log.length;
    await assert.rejects(
      client({ apiKey: 'wrong-key-999' }).languages(),
      (e: unknown) =>
        ModernMtError.is(e, 'AuthenticationException') && e.status === 401 && !e.message.includes('wrong-key-999'),
    );
    assert.equal(mmt.log.length - before, 1, '401 not retried');
    mmt.setFaults([{ kind: 'html', status: 502 }]);
    await assert.rejects(
      client({ retries: 0 }).languages(),
      (e: unknown) => ModernMtError.is(e, 'InvalidResponse') && e.status === 502,
    );
    mmt.setFaults([{ kind: 'no-error', status: 500 }]);
    await assert.rejects(
      client({ retries: 0 }).languages(),
      (e: unknown) => ModernMtError.is(e, 'UnknownException') && e.status === 500,
    );
  });

  it('decodes UTF-8 correctly however the bytes are chunked', async () => {
    mmt.setFaults([{ kind: 'split-utf8' }]);
    const [t] = await client().translate('en', 'ja', ['100 € — 日本語 😀']);
    assert.equal(t!.translation, '[ja] 100 € — 日本語 😀');
  });

  it('manages memories, imports a gzipped TMX and polls the import job until done', async () => {
    const c = client();
    const mem = await c.createMemory('team', 'terms');
    assert.deepEqual(
      (await c.listMemories()).map((m) => m.name),
      ['team'],
    );
    assert.equal((await c.editMemory(mem.id, { name: 'team2' })).name, 'team2');
    const tmx = buildTmx(
      [{ tuid: 't1', source: { lang: 'en', text: 'Save' }, targets: [{ lang: 'de', text: 'Sichern' }] }],
      'en',
    );
    const job = await c.importTmx(mem.id, gzipSync(Buffer.from(tmx)), { gzip: true });
    assert.equal(job.progress, 0);
    assert.equal((await c.waitForImport(job.id, { baseMs: 10 })).progress, 1);
    assert.equal((await c.translate('en', 'de', ['Save'], { hints: [mem.id] }))[0]!.translation, 'Sichern');
    const added = await c.addToMemory(mem.id, {
      source: 'en',
      target: 'de',
      sentence: 'Open',
      translation: 'Öffnen',
      tuid: 't2',
    });
    await c.waitForImport(added.id, { baseMs: 10 });
    assert.equal((await c.translate('en', 'de', ['Open'], { hints: [mem.id] }))[0]!.translation, 'Öffnen');
    assert.deepEqual(await c.contextVector('en', ['de'], 'Save the file'), { de: `${mem.id}:0.5` });
    await c.deleteMemory(mem.id);
    await assert.rejects(c.getMemory(mem.id), (e: unknown) => ModernMtError.is(e) && e.status === 404);
  });

  it('cancels through an AbortSignal; the key never reaches a log line', async () => {
    const logger = new MemoryLogger();
    mmt.setFaults([{ kind: 'delay', delayMs: 5000 }]);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new Error('cancelled')), 50);
    await assert.rejects(client({ logger }).languages({ signal: ctl.signal }), /cancelled/);
    mmt.setFaults([]);
    await client({ logger }).languages();
    assert.ok(logger.lines.length > 0 && logger.lines.every((l) => !l.includes(mmt.apiKey)));
  });
});

describe('placeholder-safe machine translation (through the emulator)', () => {
  let mmt: ModernMtEmulator;
  let c: ModernMtClient;
  beforeEach(async () => {
    mmt = new ModernMtEmulator();
    await mmt.start();
    c = new ModernMtClient({ apiKey: mmt.apiKey, baseUrl: mmt.url });
  });
  afterEach(() => mmt.stop());

  const roundTrip = async (value: string, icu = false) => {
    const p = protect(value, { icu });
    const [t] = await c.translate('en', 'de', [p.xml], { format: 'text/xml' });
    return restore(p, t!.translation, { icu });
  };

  it('round-trips every placeholder kind', async () => {
    const cases: Array<[string, boolean, string]> = [
      [
        'Hello {{name}}, {{count, number}} new and {{- html}}',
        false,
        '[de] HEllO {{name}}, {{count, number}} nEw And {{- html}}',
      ],
      ['See $t(app.title) and $t(items, {"count": 2})', false, '[de] SEE $t(app.title) And $t(items, {"count": 2})'],
      [
        'Click <0>here</0> or <1/> to <strong>go</strong>',
        false,
        '[de] ClIck <0>hErE</0> Or <1/> tO <strong>gO</strong>',
      ],
      [
        '{count, plural, one {# item} other {# items}} for {name}',
        true,
        '[de] {count, plural, one {# ItEm} other {# ItEms}} fOr {name}',
      ],
      [
        '{gender, select, male {He} female {She} other {They}} liked it',
        true,
        '[de] {gender, select, male {HE} female {ShE} other {ThEy}} lIkEd It',
      ],
    ];
    for (const [value, icu, expected] of cases) {
      const r = await roundTrip(value, icu);
      assert.ok(r.ok, `${value}: ${!r.ok && r.reason}`);
      assert.equal(r.text, expected);
    }
  });

  it('plain text with <, >, &, emoji and CJK comes back intact around the translation', async () => {
    for (const [value, expected] of [
      ['if (a < b && c > d) return "x";', '[de] If (A < b && c > d) rEtUrn "x";'],
      ['Tom & Jerry 😀 日本語', '[de] TOm & JErry 😀 日本語'],
    ]) {
      const r = await roundTrip(value!);
      assert.ok(r.ok);
      assert.equal(r.text, expected);
    }
  });

  it('a result that lost, duplicated or invented a placeholder is refused, with source and result', () => {
    const p = protect('Hello {{name}}, see <0>this</0>');
    assert.deepEqual(restore(p, 'Hallo, siehe <g1>das</g1>'), {
      ok: false,
      text: 'Hallo, siehe <0>das</0>',
      missing: ['{{name}}'],
      extra: [],
      reason: 'the translation lost {{name}}',
    });
    const dup = restore(p, 'Hallo <x0/> <x0/>, siehe <g1>das</g1>');
    assert.equal(dup.ok, false);
    assert.match(!dup.ok ? dup.reason : '', /repeated \{\{name\}\}/);
    const invented = restore(p, 'Hallo <x0/> <x9/>, siehe <g1>das</g1>');
    assert.equal(invented.ok, false);
  });
});

describe('translate-missing and the adaptive loop (CLI, both emulators)', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('fills every missing key and Polish plural form, records them as provisional, and a pull replaces them', async () => {
    h = await startHarness();
    const dry = await h.cli('translate-missing', '--dry-run', '--json');
    assert.equal(dry.code, 0, dry.stderr);
    const plan = JSON.parse(dry.stdout);
    const pl = plan.locales.find((l: { locale: string }) => l.locale === 'pl');
    assert.deepEqual(pl.files.map((f: { file: string; keys: number }) => [f.file, f.keys]).sort(), [
      ['locales/pl/common.json', 6],
      ['locales/pl/home.json', 2],
    ]);
    assert.equal(h.mmt.log.length, 0, 'a dry run calls nothing');

    const run = await h.cli('translate-missing');
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const plText = await h.read('locales/pl/common.json');
    const plFile = JSON.parse(plText);
    assert.deepEqual(
      Object.keys(plFile),
      ['nav', 'greeting', 'cart_one', 'cart_few', 'cart_many', 'cart_other', 'terms'],
      'plural forms in CLDR order where the source has its group',
    );
    assert.equal(plFile.cart_few, '[pl] {{count}} ItEms In yOUr cArt', 'from the source _other');
    assert.equal(plFile.greeting, '[pl] HEllO, {{name}}!');
    assert.equal(plFile.nav.home, 'Strona główna', 'existing translations untouched');
    assert.match(plText, /^\{\n\t"nav"/, 'tabs kept');
    const state = JSON.parse(await h.read('.locale-loop/state.json'));
    assert.equal(state.provisional['locales/{locale}/common.json'].pl.greeting, '[pl] HEllO, {{name}}!');
    const translateCalls = h.mmt.log.filter((x) => x.path === '/translate');
    assert.ok(
      translateCalls.length > 0 &&
        translateCalls.every((x) => x.body.format === 'text/xml' && (x.body.q as string[]).length <= 128),
    );

    const scan = JSON.parse((await h.cli('scan', '--json')).stdout);
    assert.equal(scan.locales.find((l: { locale: string }) => l.locale === 'pl').missing, 0);

    // Push, a linguist translates, pull: human translations replace untouched provisional ones.
    await h.cli('push');
    await h.write(
      'locales/pl/home.json',
      (await h.read('locales/pl/home.json')).replace('[pl] StArt nOw', 'Zacznij teraz (poprawione)'),
    );
    h.phrase.complete();
    const pull = await h.cli('pull');
    assert.equal(pull.code, 1, 'the edited machine translation is a conflict');
    const after = JSON.parse(await h.read('locales/pl/common.json'));
    assert.equal(after.greeting, '[pl] Héllö, {{name}}!', 'provisional MT replaced by the human translation');
    assert.equal(
      after.cart_few,
      '[pl] {{count}} ItEms In yOUr cArt',
      'forms Phrase does not send stay machine-translated',
    );
    assert.equal(
      JSON.parse(await h.read('locales/pl/home.json')).cta,
      'Zacznij teraz (poprawione)',
      'an edited machine translation is kept',
    );
    const state2 = JSON.parse(await h.read('.locale-loop/state.json'));
    assert.equal(state2.provisional['locales/{locale}/common.json'].pl.greeting, undefined, 'no longer provisional');
    assert.equal(state2.provisional['locales/{locale}/common.json'].pl.cart_few, '[pl] {{count}} ItEms In yOUr cArt');
  });

  it('the adaptive loop: a human translation pulled from Phrase TMS comes back from inline MT', async () => {
    h = await startHarness();
    const before = await h.cli('translate', '--to', 'de', 'Start now');
    assert.equal(before.stdout, '[de] StArt nOw\n', 'the engine alone');
    await h.cli('push');
    const state = JSON.parse(await h.read('.locale-loop/state.json'));
    const job = state.files['locales/{locale}/home.json'].jobs.de.uid;
    h.phrase.complete({ translations: { [job]: { cta: 'Jetzt loslegen' } } });
    const pull = await h.cli('pull');
    assert.equal(pull.code, 0, pull.stderr);
    assert.match(
      pull.stdout,
      /ModernMT memory 1: 16 pairs added, 0 replaced\./,
      'the summary says what was added and replaced',
    );
    assert.equal(
      h.mmt.log.filter((x) => x.path === '/memories/1/content').length,
      16,
      'one pair per key and locale that arrived',
    );
    const after = await h.cli('translate', '--to', 'de', 'Start now');
    assert.equal(after.code, 0, after.stderr);
    assert.equal(after.stdout, 'Jetzt loslegen\n');
    assert.deepEqual(h.mmt.log.at(-1)!.body.hints, [1], 'inline translation passes the memory as a hint');
    const stdin = await h.cli('--stdin', 'Start now\n', 'translate', '--to', 'de');
    assert.equal(stdin.stdout, 'Jetzt loslegen\n', 'text from stdin');
  });

  it('memory sync sends every current human translation once (a second sync sends nothing); feedback can be switched off', async () => {
    h = await startHarness();
    const sync = await h.cli('memory', 'sync', '--json');
    assert.equal(sync.code, 0, sync.stderr);
    const r = JSON.parse(sync.stdout);
    assert.deepEqual(
      [r.added, r.replaced, r.unchanged],
      [5, 0, 0],
      'de: nav.home, greeting, home.title; pl: nav.home, nav.settings',
    );
    const again = JSON.parse((await h.cli('memory', 'sync', '--json')).stdout);
    assert.deepEqual([again.added, again.replaced, again.unchanged], [0, 0, 5]);
    assert.equal(h.mmt.log.filter((x) => x.path === '/memories/1/content').length, 5, 'nothing sent the second time');
    const config = JSON.parse(await h.read('locale-loop.json'));
    await h.write('locale-loop.json', JSON.stringify({ ...config, modernmt: { ...config.modernmt, feedback: false } }));
    const off = await h.cli('memory', 'sync');
    assert.equal(off.code, 1);
    assert.match(off.stdout, /modernmt\.feedback is off/);
  });
});
