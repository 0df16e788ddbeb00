/**
 * Secrets (issue 12 point 11): recognisable canaries for every secret the process holds — the
 * Phrase password, the session token Phrase hands out, PHRASE_TMS_TOKEN, the ModernMT key — and
 * every CLI command, with --verbose, --json, and servers that answer 401/500 with an error body
 * echoing everything they were sent. Not one canary may reach stdout or stderr.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli';
import { ModernMtClient } from '../../src/modernmt/client';
import { PhraseClient } from '../../src/phrase/client';
import { redactingLogger, MemoryLogger } from '../../src/util/logger';
import { ModernMtEmulator } from '../emulators/modernmt/server';
import { PhraseEmulator } from '../emulators/phrase/server';
import { copyFixture } from '../unit/helpers';
import type { HostileServer } from './hostileServers';
import { echoProxy } from './hostileServers';

const canary = {
  password: 'CANARY-PASSWORD-5f1e',
  mmtKey: 'CANARY-MMT-KEY-a9c3',
};
const user = { userName: 'canary-user', password: canary.password };

describe('network: no secret in any output (canaries, echoing servers)', function () {
  this.timeout(60_000);
  let phrase: PhraseEmulator;
  let mmt: ModernMtEmulator;
  let root: string;
  const proxies: HostileServer[] = [];
  /** Every session token Phrase handed out, read from the emulator's log. */
  const sessionTokens = () =>
    phrase.log
      .filter((x) => x.url.endsWith('/auth/login') && x.status === 200)
      .map((x) => (x.responseBody as { token: string }).token);

  before(async () => {
    phrase = new PhraseEmulator({
      users: [user],
      projects: [{ uid: 'sync-project', name: 'Canary', sourceLang: 'en', targetLangs: ['de', 'pl'] }],
      importDelayMs: 10,
      exportDelayMs: 10,
    });
    await phrase.start();
    mmt = new ModernMtEmulator({ apiKey: canary.mmtKey, importDelayMs: 10 });
    await mmt.start();
    root = await copyFixture('sync-app');
  });
  after(async () => {
    for (const p of proxies) await p.close();
    await phrase.stop();
    await mmt.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  function env(over: Record<string, string> = {}): Record<string, string> {
    return {
      PHRASE_TMS_USERNAME: user.userName,
      PHRASE_TMS_PASSWORD: canary.password,
      LOCALE_LOOP_PHRASE_URL: phrase.url,
      MODERNMT_API_KEY: canary.mmtKey,
      LOCALE_LOOP_MODERNMT_URL: mmt.url,
      LOCALE_LOOP_RETRY_BASE_MS: '5',
      LOCALE_LOOP_POLL_MS: '10',
      ...over,
    };
  }

  async function cli(args: string[], e: Record<string, string>): Promise<{ code: number; output: string }> {
    let output = '';
    const code = await main(
      [...args, '--cwd', root],
      { write: (s) => (output += s) },
      { write: (s) => (output += s) },
      e,
      async () => 'Hello {{name}}',
    );
    return { code, output };
  }

  /** Fails naming the canary when any secret of the run shows in the output. */
  function assertClean(output: string, extra: readonly string[] = []): void {
    for (const secret of [canary.password, canary.mmtKey, ...sessionTokens(), ...extra]) {
      assert.ok(!output.includes(secret), `secret ${secret.slice(0, 12)}… leaked in:\n${output}`);
    }
  }

  async function proxy(target: string, match: RegExp, status: number, format: 'phrase' | 'modernmt'): Promise<string> {
    const p = await echoProxy(target, match, status, format);
    proxies.push(p);
    return p.url + new URL(target).pathname.replace(/\/$/, '');
  }

  it('scan, push, translate-missing, translate, memory sync and a clean pull print no secret with --verbose and --json', async () => {
    for (const args of [
      ['scan', '--verbose'],
      ['push', '--verbose'],
      ['push', '--json', '--verbose'],
      ['translate-missing', '--verbose'],
      ['translate', '--to', 'de', '--verbose'],
      ['memory', 'sync', '--verbose'],
    ]) {
      const r = await cli(args, env());
      assertClean(r.output);
    }
    phrase.complete();
    const r = await cli(['pull', '--verbose', '--json'], env());
    assert.equal(r.code, 0, r.output);
    assertClean(r.output);
    assert.ok(sessionTokens().length > 0, 'sessions were opened, so their tokens were there to leak');
  });

  it('a login answered 401 with the password echoed: one clean sentence, exit 1', async () => {
    const url = await proxy(phrase.url, /\/auth\/login$/, 401, 'phrase');
    const r = await cli(['status', '--verbose'], env({ LOCALE_LOOP_PHRASE_URL: url }));
    assert.equal(r.code, 1);
    assert.match(r.output, /refused the sign-in of canary-user/);
    assert.match(r.output, /you sent/, 'the echo reached the message');
    assertClean(r.output);
  });

  it('status and push against a server echoing the session token in 401 and 500 bodies', async () => {
    const u401 = await proxy(phrase.url, /\/jobs$/, 401, 'phrase');
    const s = await cli(['status', '--verbose', '--json'], env({ LOCALE_LOOP_PHRASE_URL: u401 }));
    assert.match(s.output, /you sent/);
    assertClean(s.output);
    await fs.writeFile(
      path.join(root, 'locales/en/common.json'),
      JSON.stringify({ greeting: 'Hello again {{name}}' }, null, 2),
    );
    const u500 = await proxy(phrase.url, /\/jobs(\/source)?$/, 500, 'phrase');
    for (const args of [
      ['push', '--verbose'],
      ['push', '--json', '--verbose'],
    ]) {
      const p = await cli(args, env({ LOCALE_LOOP_PHRASE_URL: u500 }));
      assert.match(p.output, /you sent/);
      assertClean(p.output);
    }
  });

  it("pull's per-file errors (text and --json) with PHRASE_TMS_TOKEN and a session token echoed", async () => {
    const token = sessionTokens()[0]!;
    const url = await proxy(phrase.url, /\/targetFile$/, 500, 'phrase');
    phrase.complete();
    for (const args of [
      ['pull', '--verbose'],
      ['pull', '--json'],
    ]) {
      for (const e of [
        env({ LOCALE_LOOP_PHRASE_URL: url }),
        { ...env({ LOCALE_LOOP_PHRASE_URL: url }), PHRASE_TMS_TOKEN: token },
      ]) {
        const r = await cli(args, e);
        assert.equal(r.code, 1);
        assert.match(r.output, /you sent/);
        assertClean(r.output, [token]);
      }
    }
  });

  it('translate, translate-missing and memory sync against a ModernMT echoing its key in 403/500 bodies', async () => {
    const u403 = await proxy(mmt.url, /^\/translate$/, 403, 'modernmt');
    const u500 = await proxy(mmt.url, /^\/memories/, 500, 'modernmt');
    await fs.writeFile(
      path.join(root, 'locales/en/common.json'),
      JSON.stringify({ greeting: 'Hello {{name}}', added: 'A new key' }, null, 2),
    );
    for (const [args, url] of [
      [['translate', '--to', 'de', '--verbose'], u403],
      [['translate-missing', '--verbose'], u403],
      [['translate-missing', '--json'], u403],
      [['memory', 'sync', '--verbose'], u500],
    ] as const) {
      const r = await cli([...args], env({ LOCALE_LOOP_MODERNMT_URL: url }));
      assert.equal(r.code, 1, r.output);
      assert.match(r.output, /you sent/);
      assertClean(r.output);
    }
  });

  it('the memory-feed warning after a pull, with the key echoed', async () => {
    const url = await proxy(mmt.url, /^\/memories/, 500, 'modernmt');
    await fs.writeFile(
      path.join(root, 'locales/en/common.json'),
      JSON.stringify({ greeting: 'Hello {{name}}', added: 'Another text' }, null, 2),
    );
    await cli(['push'], env());
    phrase.complete();
    const r = await cli(['pull', '--verbose'], env({ LOCALE_LOOP_MODERNMT_URL: url }));
    assert.match(r.output, /feeding the ModernMT memory failed/);
    assert.match(r.output, /you sent/);
    assertClean(r.output);
  });

  it("the extension's log path (the core redacting logger behind the log channel) redacts every secret a client holds", () => {
    // Clients built in the extension host from SecretStorage values hold them for redaction.
    const stored = {
      token: 'CANARY-STORED-TOKEN-77c1',
      key: 'CANARY-STORED-KEY-19be',
      password: 'CANARY-STORED-PW-4d2a',
    };
    new PhraseClient({
      baseUrl: phrase.url,
      credentials: { userName: 'x', password: stored.password },
      initialToken: { token: stored.token },
    });
    new ModernMtClient({ apiKey: stored.key, baseUrl: mmt.url });
    const sink = new MemoryLogger();
    // The extension wraps its log channel so, with only SecretStorage's current values (none here).
    const log = redactingLogger(sink, () => []);
    for (const level of ['trace', 'debug', 'info', 'warn', 'error'] as const) {
      log[level](`${level}: ${stored.token} ${stored.key} ${stored.password}`);
    }
    assert.equal(sink.lines.length, 5);
    for (const line of sink.lines) assertClean(line, Object.values(stored));
  });
});
