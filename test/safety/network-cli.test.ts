/**
 * The CLI at the network edge: credentials only where meant (issue 12 point 12), and the small
 * ones — an unknown `--to` locale, `| head`, flags a command does not take.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli';
import { copyFixture } from '../unit/helpers';
import type { HostileServer } from './hostileServers';
import { hostileServer, json } from './hostileServers';

async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    args,
    { write: (s) => (stdout += s) },
    { write: (s) => (stderr += s) },
    { LOCALE_LOOP_RETRY_BASE_MS: '5', ...env },
  );
  return { code, stdout, stderr };
}

describe('network: credentials go only where the user meant (CLI)', function () {
  this.timeout(30_000);
  let root: string;
  let server: HostileServer | undefined;
  beforeEach(async () => {
    root = await copyFixture('sync-app');
    // status asks Phrase TMS only about jobs pushed from here: record one, so it makes requests.
    const job = {
      uid: 'job-de',
      phraseLang: 'de',
      filename: 'common.json',
      base: {},
      pushedAt: '2026-01-01T00:00:00Z',
    };
    const file = {
      sourceFile: 'locales/en/common.json',
      sourceHash: '',
      pushedAt: job.pushedAt,
      source: {},
      jobs: { de: job },
    };
    await fs.mkdir(path.join(root, '.locale-loop'));
    await fs.writeFile(
      path.join(root, '.locale-loop/state.json'),
      JSON.stringify({ version: 1, files: { 'locales/{locale}/common.json': file } }),
    );
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await fs.rm(root, { recursive: true, force: true });
  });

  async function setBaseUrls(phraseUrl: string, mmtUrl = 'https://api.modernmt.com'): Promise<void> {
    const file = path.join(root, 'locale-loop.json');
    const config = JSON.parse(await fs.readFile(file, 'utf8'));
    config.phrase.baseUrl = phraseUrl;
    config.modernmt = { ...config.modernmt, baseUrl: mmtUrl };
    await fs.writeFile(file, JSON.stringify(config, null, 2));
  }

  it('a repository pointing phrase.baseUrl at an unknown host gets nothing without --allow-host, and says how to allow it', async () => {
    await setBaseUrls('https://tms.attacker.example/web', 'https://mt.attacker.example');
    const env = {
      PHRASE_TMS_USERNAME: 'u',
      PHRASE_TMS_PASSWORD: 'CANARY-host-pw',
      MODERNMT_API_KEY: 'CANARY-host-key',
    };
    const status = await run(['status', '--cwd', root], env);
    assert.equal(status.code, 1);
    assert.match(
      status.stderr,
      /did not send your Phrase TMS credentials to tms\.attacker\.example: it is not a known Phrase TMS host.*--allow-host HOST.*LOCALE_LOOP_PHRASE_URL/,
    );
    const translate = await run(['translate', '--to', 'de', 'Hello', '--cwd', root], env);
    assert.equal(translate.code, 1);
    assert.match(
      translate.stderr,
      /did not send your ModernMT credentials to mt\.attacker\.example.*LOCALE_LOOP_MODERNMT_URL/,
    );
  });

  it('plain http to a non-loopback host is refused even with --allow-host; loopback needs no confirmation', async () => {
    await setBaseUrls('http://tms.attacker.example/web');
    const r = await run(['status', '--cwd', root, '--allow-host', 'tms.attacker.example'], {
      PHRASE_TMS_TOKEN: 'CANARY-http-token',
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not https: credentials are sent over https only/);
    server = await hostileServer((_req, res) => json(res, 200, { totalPages: 1, content: [] }));
    await setBaseUrls(`${server.url}/web`);
    const ok = await run(['status', '--cwd', root], { PHRASE_TMS_TOKEN: 'CANARY-loopback-token' });
    assert.doesNotMatch(ok.stderr, /did not send/);
    assert.ok(server.seen.length > 0, 'the loopback server was contacted');
  });

  it('--allow-host, LOCALE_LOOP_ALLOW_HOSTS and LOCALE_LOOP_PHRASE_URL each count as explicit', async () => {
    await setBaseUrls('https://tms.partner.invalid/web');
    const env = { PHRASE_TMS_TOKEN: 'CANARY-allowed-token', LOCALE_LOOP_TIMEOUT_S: '2' };
    for (const r of [
      await run(['status', '--cwd', root, '--allow-host', 'tms.partner.invalid'], env),
      await run(['status', '--cwd', root], { ...env, LOCALE_LOOP_ALLOW_HOSTS: 'other.example,tms.partner.invalid' }),
      await run(['status', '--cwd', root], { ...env, LOCALE_LOOP_PHRASE_URL: 'https://tms.partner.invalid/web' }),
    ]) {
      // Allowed, so the request went out, and failed on the network (.invalid never resolves).
      assert.equal(r.code, 1);
      assert.doesNotMatch(r.stderr, /did not send/);
      assert.match(r.stderr, /could not be reached|did not answer in time/);
    }
  });
});

describe('network: small CLI ones', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(async () => {
    root = await copyFixture('sync-app');
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('translate-missing --to klingon is a usage error (exit 2) naming the target locales; nothing is sent', async () => {
    const r = await run(['translate-missing', '--to', 'klingon', '--cwd', root], {
      MODERNMT_API_KEY: 'k-unused-1234',
      LOCALE_LOOP_MODERNMT_URL: 'http://127.0.0.1:9/',
    });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--to klingon: not a target locale of this workspace \(target locales: de, pl\)/);
    const ok = await run(['translate-missing', '--to', 'DE', '--dry-run', '--cwd', root]);
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('flags a command does not take are refused (exit 2), not silently ignored', async () => {
    const cases: Array<[string[], string]> = [
      [['push', '--prefer', 'remote'], 'push does not take --prefer'],
      [['status', '--dry-run'], 'status does not take --dry-run'],
      [['scan', '--to', 'de'], 'scan does not take --to'],
      [['pull', '--code'], 'pull does not take --code'],
      [['translate-missing', '--from', 'en'], 'translate-missing does not take --from'],
      [['memory', 'sync', '--dry-run'], 'memory does not take --dry-run'],
      [['check', '--json'], 'check does not take --json'],
      [['translate', '--to', 'de', '--dry-run', 'Hi'], 'translate does not take --dry-run'],
    ];
    for (const [args, message] of cases) {
      const r = await run([...args, '--cwd', root]);
      assert.equal(r.code, 2, args.join(' '));
      assert.ok(r.stderr.startsWith(`locale-loop: ${message}\n`), r.stderr);
    }
  });

  it('`locale-loop scan --json | head` ends quietly when the reader leaves: no EPIPE stack, the usual exit code', async () => {
    const cli = path.resolve(__dirname, '../../dist/cli.js');
    assert.ok(existsSync(cli), `the test runs the built CLI: npm run build first (npm test does) — ${cli} is missing`);
    // Many keys, so the output is far larger than what the pipe takes before the reader leaves.
    const big = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`key${i}`, `Value number ${i}`]));
    await fs.writeFile(path.join(root, 'locales/en/common.json'), JSON.stringify(big));
    const node = spawn(process.execPath, [cli, 'scan', '--json', '--cwd', root], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    node.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let got = 0;
    node.stdout.on('data', (c: Buffer) => {
      got += c.length;
      // The reader leaves after the first chunk, like `head`.
      if (got > 0) node.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => node.on('close', resolve));
    assert.doesNotMatch(stderr, /EPIPE|Error:|at .*\.js:\d+/);
    assert.equal(code, 0, stderr);
  });
});
