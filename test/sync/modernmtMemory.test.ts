/**
 * The memory that learns (issue 14, points 9–10) and the emulator's memory semantics: POST adds,
 * a TMX import ignores tuids, PUT replaces the pair with that tuid.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../src/locales/config';
import { ModernMtClient } from '../../src/modernmt/client';
import { ModernMtError } from '../../src/modernmt/errors';
import { buildTmx } from '../../src/modernmt/tmx';
import { feedMemory, memoryDescription, resolveMemory } from '../../src/sync/memory';
import { loadState } from '../../src/sync/state';
import { openWorkspace } from '../../src/sync/workspace';
import { MemoryLogger } from '../../src/util/logger';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('the ModernMT emulator holds memories as the service does', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('POST content adds (the same pair twice is two pairs), a TMX import ignores tuids, PUT replaces the pair with that tuid', async () => {
    h = await startHarness();
    const c = new ModernMtClient({ apiKey: h.mmt.apiKey, baseUrl: h.mmt.url });
    const mem = await c.createMemory('m');
    const pair = { source: 'en', target: 'de', sentence: 'Save', translation: 'Sichern', tuid: 'ns#save' };
    await c.waitForImport((await c.addToMemory(mem.id, pair)).id, { baseMs: 10 });
    await c.waitForImport((await c.addToMemory(mem.id, pair)).id, { baseMs: 10 });
    assert.equal(h.mmt.pairsOf(Number(mem.id)).length, 2);
    const tmx = buildTmx(
      [{ tuid: 'ns#open', source: { lang: 'en', text: 'Open' }, targets: [{ lang: 'de', text: 'Öffnen' }] }],
      'en',
    );
    await c.waitForImport((await c.importTmx(mem.id, gzipSync(Buffer.from(tmx)), { gzip: true })).id, { baseMs: 10 });
    assert.equal(h.mmt.pairsOf(Number(mem.id)).find((p) => p.sentence === 'Open')?.tuid, undefined);
    await c.waitForImport(
      (
        await c.replaceInMemory(mem.id, {
          tuid: 'ns#open',
          source: 'en',
          target: 'de',
          sentence: 'Open',
          translation: 'Aufmachen',
        })
      ).id,
      { baseMs: 10 },
    );
    assert.equal(
      h.mmt.pairsOf(Number(mem.id)).filter((p) => p.sentence === 'Open').length,
      2,
      'the imported pair had no tuid to replace',
    );
    await c.waitForImport(
      (
        await c.replaceInMemory(mem.id, {
          tuid: 'ns#save',
          source: 'en',
          target: 'de',
          sentence: 'Save',
          translation: 'Speichern',
        })
      ).id,
      { baseMs: 10 },
    );
    assert.deepEqual(
      h.mmt
        .pairsOf(Number(mem.id))
        .filter((p) => p.sentence === 'Save')
        .map((p) => p.translation)
        .sort(),
      ['Sichern', 'Speichern'],
      'one of the two pairs with that tuid replaced',
    );
  });
});

describe('feeding the memory (points 9–10)', () => {
  let h: Harness;
  afterEach(async () => h?.stop());
  const setup = async () => {
    h = await startHarness();
    const ws = await openWorkspace(await loadConfig(h.root));
    const client = new ModernMtClient({ apiKey: h.mmt.apiKey, baseUrl: h.mmt.url });
    return { ws, client };
  };

  it('a pair per key and locale (tuid namespace#key) in the protected form of the translate requests; a changed translation replaces its pair', async () => {
    const { ws, client } = await setup();
    const ns = 'locales/{locale}/common.json';
    const logger = new MemoryLogger();
    const first = await feedMemory(
      ws,
      client,
      [
        { namespace: ns, key: 'greeting', locale: 'de', text: 'Hallo, {{name}}!' },
        { namespace: ns, key: 'greeting', locale: 'pl', text: 'Cześć, {{name}}!' },
      ],
      { logger },
    );
    assert.deepEqual([first.added, first.replaced], [2, 0]);
    const pairs = () => h.mmt.pairsOf(Number(first.memoryId));
    assert.deepEqual(
      pairs()
        .map((p) => [p.tuid, p.target, p.sentence, p.translation])
        .sort(),
      [
        [`${ns}#greeting`, 'de', 'Hello, <x0/>!', 'Hallo, <x0/>!'],
        [`${ns}#greeting`, 'pl', 'Hello, <x0/>!', 'Cześć, <x0/>!'],
      ],
    );
    const second = await feedMemory(
      ws,
      client,
      [
        { namespace: ns, key: 'greeting', locale: 'de', text: 'Servus, {{name}}!' },
        { namespace: ns, key: 'greeting', locale: 'pl', text: 'Cześć, {{name}}!' },
      ],
      { logger },
    );
    assert.deepEqual([second.added, second.replaced, second.unchanged], [0, 1, 1]);
    assert.deepEqual(
      pairs()
        .map((p) => [p.target, p.translation])
        .sort(),
      [
        ['de', 'Servus, <x0/>!'],
        ['pl', 'Cześć, <x0/>!'],
      ],
      'replaced, not added',
    );
    const puts = h.mmt.log.filter((x) => x.path.endsWith('/content') && x.verb.toUpperCase() === 'PUT');
    assert.equal(puts.length, 1);
    assert.match(
      logger.lines.join('\n'),
      /0 pairs added, 1 replaced, 1 unchanged/,
      'the log says what was added and replaced',
    );
    // The same protected form: an exact match comes back for another key's text with the same words.
    const t = await h.cli('translate', '--to', 'de', 'Hello, {{user}}!');
    assert.equal(t.stdout, 'Servus, {{user}}!\n');
  });

  it('human translations identical to the source are fed too; translations whose placeholders differ are not', async () => {
    const { ws, client } = await setup();
    const ns = 'locales/{locale}/common.json';
    const r = await feedMemory(ws, client, [
      { namespace: ns, key: 'nav.home', locale: 'de', text: 'Home' },
      { namespace: ns, key: 'greeting', locale: 'de', text: 'Hallo!' },
    ]);
    assert.deepEqual([r.added, r.notFed], [1, 1]);
    assert.deepEqual(
      h.mmt.pairsOf(Number(r.memoryId)).map((p) => [p.sentence, p.translation]),
      [['Home', 'Home']],
    );
  });

  it('the memory description holds no local path; a renamed memoryName is resolved again', async () => {
    const { ws, client } = await setup();
    await feedMemory(ws, client, [
      { namespace: 'locales/{locale}/home.json', key: 'title', locale: 'de', text: 'Willkommen' },
    ]);
    const [mem] = [...h.mmt.memories.values()];
    assert.equal(mem!.description, memoryDescription);
    assert.ok(!mem!.description!.includes(h.root));
    const config = JSON.parse(await h.read('locale-loop.json'));
    await h.write('locale-loop.json', JSON.stringify({ ...config, modernmt: { memoryName: 'renamed memory' } }));
    const renamed = await loadConfig(h.root);
    const state = await loadState(h.root);
    assert.equal(state.modernmt?.memoryName, 'sync-app human translations');
    const id = await resolveMemory(renamed, client, state, true);
    assert.notEqual(id, mem!.id);
    assert.deepEqual(
      [...h.mmt.memories.values()].map((m) => m.name),
      ['sync-app human translations', 'renamed memory'],
    );
  });

  it('create memory and add content are not sent again after a lost answer: the memory is looked up, the pair replaced by tuid next time', async () => {
    const { ws, client } = await setup();
    h.mmt.setFaults([
      { kind: 'drop-after', method: 'POST', path: '^/memories$', times: 1 },
      { kind: 'drop-after', path: '/content$', times: 1 },
    ]);
    const ns = 'locales/{locale}/home.json';
    const r = await feedMemory(ws, client, [{ namespace: ns, key: 'title', locale: 'de', text: 'Willkommen' }]);
    assert.equal(h.mmt.memories.size, 1, 'one memory: found by name after the lost answer, not created twice');
    assert.equal(h.mmt.log.filter((x) => x.path === '/memories' && x.verb.toUpperCase() === 'POST').length, 1);
    assert.deepEqual([r.added, r.uncertain], [0, 1]);
    await new Promise((resolve) => setTimeout(resolve, 60)); // the emulator's import delay
    assert.equal(h.mmt.pairsOf(Number(r.memoryId)).length, 1, 'the add did happen, once');
    const again = await feedMemory(ws, client, [{ namespace: ns, key: 'title', locale: 'de', text: 'Willkommen' }]);
    assert.deepEqual([again.added, again.replaced], [0, 1], 'replaced by tuid, not added again');
    assert.equal(h.mmt.pairsOf(Number(r.memoryId)).length, 1);
  });

  it('a ModernMT answering 5xx after the retries fails the feed (the user hears of it); the pair is replaced by tuid next time, not added', async () => {
    const { ws } = await setup();
    const ns = 'locales/{locale}/home.json';
    const pair = { namespace: ns, key: 'title', locale: 'de', text: 'Willkommen' };
    h.mmt.setFaults([{ kind: 'status', status: 500, path: '/content$' }]);
    const failing = new ModernMtClient({
      apiKey: h.mmt.apiKey,
      baseUrl: h.mmt.url,
      retries: 1,
      backoff: { baseMs: 1, maxMs: 1 },
    });
    await assert.rejects(feedMemory(ws, failing, [pair]), (e: unknown) => ModernMtError.is(e) && e.status === 500);
    h.mmt.setFaults([]);
    const again = await feedMemory(ws, new ModernMtClient({ apiKey: h.mmt.apiKey, baseUrl: h.mmt.url }), [pair]);
    assert.deepEqual([again.added, again.replaced], [0, 1], 'sent by tuid (PUT): a 500 may have stored it');
    assert.equal(h.mmt.pairsOf(Number(again.memoryId)).length, 1);
  });
});
