/**
 * Contract: the official `modernmt` client (exactly 1.5.3, ModernMT's own encoding of the cloud
 * wire format) and Locale Loop's client run the same scenarios against the emulator, for every
 * endpoint Locale Loop uses. Both must parse to the same values, the emulator must log equivalent
 * requests, and error envelopes must surface the same status and type.
 *
 * The official client has no base-URL option: its production `https` transport is routed to the
 * emulator by swapping `https.globalAgent` for one whose sockets connect to the emulator's port
 * (shared/reference/modernmt-api.md §6, method B). Restored after the suite.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ModernMtClient } from '../../src/modernmt/client';
import { ModernMtError } from '../../src/modernmt/errors';
import { buildTmx } from '../../src/modernmt/tmx';
import type { MmtExchange } from '../emulators/modernmt/server';
import { ModernMtEmulator } from '../emulators/modernmt/server';

// The package's root export drops its named exports at run time (reference §5.4): import the class.
const { ModernMT } = require('modernmt') as {
  ModernMT: new (key: string, platform?: string, version?: string) => Official;
};

interface Official {
  translate(
    source: string,
    target: string,
    q: string | string[],
    hints?: Array<number | string>,
    cv?: string,
    options?: Record<string, unknown>,
  ): Promise<unknown>;
  listSupportedLanguages(): Promise<string[]>;
  getContextVector(
    source: string,
    targets: string | string[],
    text: string,
    hints?: Array<number | string>,
    limit?: number,
  ): Promise<unknown>;
  memories: {
    list(): Promise<unknown[]>;
    get(id: number | string): Promise<unknown>;
    create(name: string, description?: string): Promise<{ id: number }>;
    edit(id: number | string, name?: string, description?: string): Promise<unknown>;
    delete(id: number | string): Promise<unknown>;
    add(
      id: number | string,
      source: string,
      target: string,
      sentence: string,
      translation: string,
      tuid?: string,
    ): Promise<{ id: string }>;
    replace(
      id: number | string,
      tuid: string,
      source: string,
      target: string,
      sentence: string,
      translation: string,
    ): Promise<{ id: string }>;
    import(id: number | string, tmx: string, compression?: string): Promise<{ id: string }>;
    getImportStatus(uuid: string): Promise<{ progress: number }>;
  };
}

/** Plain data of whatever a client returned (class instances → own enumerable fields). */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** What makes two logged requests equivalent: path, verb (any case), and the field names sent. */
function shape(x: MmtExchange): string {
  const fields = Object.entries(x.body)
    .map(([k, v]) => (v && typeof v === 'object' && 'filename' in (v as object) ? `${k}:file` : k))
    .sort();
  return `${x.verb.toUpperCase()} ${x.path} ${fields.join(',')}`;
}

describe('contract: the official modernmt client and ours against the ModernMT emulator', function () {
  this.timeout(30_000);
  let mmt: ModernMtEmulator;
  let official: Official;
  let ours: ModernMtClient;
  let savedAgent: https.Agent;
  let tmp: string;

  before(async () => {
    mmt = new ModernMtEmulator({ importDelayMs: 20 });
    await mmt.start();
    savedAgent = https.globalAgent;
    const agent = new https.Agent();
    (agent as unknown as { createConnection: unknown }).createConnection = (
      _o: unknown,
      cb?: (err: Error | null, s: net.Socket) => void,
    ) => {
      const s = net.connect(mmt.port, '127.0.0.1');
      if (cb) s.once('connect', () => cb(null, s));
      return s;
    };
    https.globalAgent = agent;
    official = new ModernMT(mmt.apiKey, 'locale-loop-contract', '1.0.0');
    ours = new ModernMtClient({ apiKey: mmt.apiKey, baseUrl: mmt.url, retries: 0 });
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'll-mmt-'));
  });
  after(async () => {
    https.globalAgent = savedAgent;
    await mmt.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  /** Runs a scenario through both clients; returns both results and both logged requests. */
  async function both<A, B>(
    theirs: () => Promise<A>,
    mine: () => Promise<B>,
  ): Promise<{ theirs: unknown; mine: unknown; requests: [string, string] }> {
    const a = mmt.log.length;
    const t = plain(await theirs());
    const b = mmt.log.length;
    const m = plain(await mine());
    assert.equal(mmt.log.length - b, 1, 'our client made one request');
    assert.equal(b - a, 1, 'the official client made one request');
    return { theirs: t, mine: m, requests: [shape(mmt.log[a]!), shape(mmt.log[b]!)] };
  }

  it('the official client really went through its https transport to the emulator', async () => {
    await official.listSupportedLanguages();
    const x = mmt.log.at(-1)!;
    assert.equal(x.headers.host, 'api.modernmt.com');
    assert.equal(x.verb, 'get', 'the official client sends the verb lower case; the emulator accepts any case');
    assert.equal(x.headers['mmt-platform'], 'locale-loop-contract');
  });

  it('translate: one segment, many segments, hints and options parse to the same values', async () => {
    const one = await both(
      () => official.translate('en', 'de', ['Hello world']),
      () => ours.translate('en', 'de', ['Hello world']),
    );
    assert.deepEqual(one.mine, one.theirs);
    assert.equal(one.requests[0], one.requests[1]);
    const q = ['Save', 'Open <x0/> file', 'Tom &amp; Jerry'];
    const options = { priority: 'background', multiline: false, format: 'text/xml', timeout: 5000 } as const;
    const many = await both(
      () => official.translate('en', 'it', q, [1, 2], '1:0.5', options),
      () =>
        ours.translate('en', 'it', q, {
          hints: [1, 2],
          contextVector: '1:0.5',
          priority: 'background',
          multiline: false,
          format: 'text/xml',
          timeoutMs: 5000,
        }),
    );
    assert.deepEqual(many.mine, many.theirs);
    assert.equal(many.requests[0], many.requests[1]);
    assert.deepEqual(
      (many.mine as Array<{ translation: string }>).map((t) => t.translation),
      ['[it] SAvE', '[it] OpEn <x0/> fIlE', '[it] TOm &amp; JErry'],
    );
  });

  it('languages and context vectors', async () => {
    const langs = await both(
      () => official.listSupportedLanguages(),
      () => ours.languages(),
    );
    assert.deepEqual(langs.mine, langs.theirs);
    assert.equal(langs.requests[0], langs.requests[1]);
    const cv = await both(
      () => official.getContextVector('en', ['de', 'fr'], 'Save the file'),
      () => ours.contextVector('en', ['de', 'fr'], 'Save the file'),
    );
    assert.deepEqual(cv.mine, cv.theirs);
    assert.equal(cv.requests[0], cv.requests[1]);
  });

  it('memories: create, list, get, edit, add, replace, TMX import (gzip), import status, delete', async () => {
    const created = await both(
      () => official.memories.create('contract', 'by the official client'),
      () => ours.createMemory('contract', 'by the official client'),
    );
    const a = (created.theirs as { id: number }).id;
    const b = (created.mine as { id: number }).id;
    assert.deepEqual(
      { ...(created.mine as object), id: 0, creationDate: 0 },
      { ...(created.theirs as object), id: 0, creationDate: 0 },
    );
    assert.equal(created.requests[0], created.requests[1]);
    for (const [theirs, mine] of [
      [() => official.memories.list(), () => ours.listMemories()],
      [() => official.memories.get(a), () => ours.getMemory(a)],
      [() => official.memories.edit(a, 'renamed'), () => ours.editMemory(a, { name: 'renamed' })],
    ] as Array<[() => Promise<unknown>, () => Promise<unknown>]>) {
      const r = await both(theirs, mine);
      assert.deepEqual(r.mine, r.theirs);
      assert.equal(r.requests[0], r.requests[1]);
    }
    const added = await both(
      () => official.memories.add(a, 'en', 'de', 'Save', 'Sichern', 'tu-1'),
      () => ours.addToMemory(b, { source: 'en', target: 'de', sentence: 'Save', translation: 'Sichern', tuid: 'tu-1' }),
    );
    assert.deepEqual(Object.keys(added.mine as object).sort(), Object.keys(added.theirs as object).sort());
    assert.equal(added.requests[0], added.requests[1].replace(`/memories/${b}/`, `/memories/${a}/`));
    const replaced = await both(
      () => official.memories.replace(a, 'tu-1', 'en', 'de', 'Save', 'Speichern'),
      () =>
        ours.replaceInMemory(b, {
          tuid: 'tu-1',
          source: 'en',
          target: 'de',
          sentence: 'Save',
          translation: 'Speichern',
        }),
    );
    assert.equal(replaced.requests[0], replaced.requests[1].replace(`/memories/${b}/`, `/memories/${a}/`));

    const tmx = gzipSync(
      Buffer.from(
        buildTmx(
          [
            {
              tuid: 'k1',
              source: { lang: 'en', text: 'Hello {{name}}' },
              targets: [{ lang: 'de', text: 'Hallo {{name}}' }],
            },
          ],
          'en',
        ),
      ),
    );
    const file = path.join(tmp, 'memory.tmx.gz');
    await fs.writeFile(file, tmx);
    const imported = await both(
      () => official.memories.import(a, file, 'gzip'),
      () => ours.importTmx(b, tmx, { gzip: true }),
    );
    assert.equal(
      imported.requests[0],
      imported.requests[1].replace(`/memories/${b}/`, `/memories/${a}/`),
      'multipart: the same part names (tmx file, compression)',
    );
    const status = await both(
      () => official.memories.getImportStatus((imported.theirs as { id: string }).id),
      () => ours.getImportJob((imported.mine as { id: string }).id),
    );
    assert.deepEqual(Object.keys(status.mine as object).sort(), Object.keys(status.theirs as object).sort());
    await ours.waitForImport((imported.mine as { id: string }).id, { baseMs: 10 });
    await new Promise((r) => setTimeout(r, 30));
    const recall = await both(
      () => official.translate('en', 'de', 'Hello <x0/>', [a]),
      () => ours.translate('en', 'de', ['Hello <x0/>'], { hints: [b] }),
    );
    assert.deepEqual(
      [
        (recall.theirs as { translation: string }).translation,
        (recall.mine as Array<{ translation: string }>)[0]!.translation,
      ],
      ['Hallo <x0/>', 'Hallo <x0/>'],
      'both memories now hold the imported pair',
    );

    const deleted = await both(
      () => official.memories.delete(a),
      () => ours.deleteMemory(b),
    );
    assert.equal(deleted.requests[0], deleted.requests[1].replace(`/memories/${b}`, `/memories/${a}`));
  });

  it('error envelopes (400, 401, 404, 429, 5xx) surface the same status and type in both', async () => {
    const err = async (p: () => Promise<unknown>): Promise<[number, string]> => {
      try {
        await p();
      } catch (e) {
        if (ModernMtError.is(e)) return [e.status, e.type];
        const o = e as { status?: number; name?: string };
        return [o.status ?? -1, o.name ?? '?'];
      }
      assert.fail('expected an error');
    };
    const wrongOfficial = new ModernMT('wrong-key', 'x', '1');
    const wrongOurs = new ModernMtClient({ apiKey: 'wrong-key', baseUrl: mmt.url, retries: 0 });
    const cases: Array<[string, () => Promise<unknown>, () => Promise<unknown>, (() => void)?]> = [
      ['400', () => official.translate('en', 'xx-Nowhere', 'a'), () => ours.translate('en', 'xx-Nowhere', ['a'])],
      ['401', () => wrongOfficial.listSupportedLanguages(), () => wrongOurs.languages()],
      ['404', () => official.memories.get(987654), () => ours.getMemory(987654)],
      [
        '429',
        () => official.listSupportedLanguages(),
        () => ours.languages(),
        () => mmt.setFaults([{ kind: 'status', status: 429, times: 2 }]),
      ],
      [
        '503',
        () => official.listSupportedLanguages(),
        () => ours.languages(),
        () => mmt.setFaults([{ kind: 'status', status: 503, times: 2 }]),
      ],
    ];
    for (const [name, theirs, mine, arrange] of cases) {
      arrange?.();
      const t = await err(theirs);
      const m = await err(mine);
      assert.deepEqual(m, t, name);
      assert.equal(String(t[0]), name);
    }
    mmt.setFaults([]);
  });
});
