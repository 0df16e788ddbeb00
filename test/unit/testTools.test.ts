import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canDownloadDesktop, ensureTestTools, ToolsError } from '../../test/integration/tools';

const root = path.resolve(__dirname, '../..');

describe('in-VS-Code test tools: found, installed, or one sentence', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'll-tools-'));
    // An empty prefix: code-server is "missing" whatever this machine has in .tools/.
    process.env.LOCALE_LOOP_TOOLS_DIR = dir;
    delete process.env.CODE_SERVER;
    delete process.env.LOCALE_LOOP_VSCODE;
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('code-server missing: announces the install in one line, runs the installer, and stops with its one sentence when nothing else works', async () => {
    const said: string[] = [];
    const calls: string[][] = [];
    await assert.rejects(
      ensureTestTools({
        root,
        say: (l) => said.push(l),
        desktopReachable: async () => false,
        install: (args) => (
          calls.push(args),
          {
            code: 3,
            message:
              'npm could not install code-server 4.100.3 (no network?): run "npm run setup:vscode-test" when the npm registry is reachable.',
          }
        ),
      }),
      (e: unknown) =>
        ToolsError.is(e) &&
        /^npm could not install code-server .*setup:vscode-test/.test(e.message) &&
        !e.message.includes('\n'),
    );
    assert.equal(calls.length, 1, 'the installer ran once');
    assert.equal(said.length, 1);
    assert.match(said[0]!, /^The in-VS-Code tests need code-server(?: and Chromium)?: installing/);
  });

  it('falls back to desktop VS Code only when its download host answers', async () => {
    const install = () => ({ code: 3, message: 'no network' });
    assert.deepEqual(
      await ensureTestTools({ root, say: () => undefined, desktopReachable: async () => true, install }),
      { kind: 'desktop' },
    );
    await assert.rejects(
      ensureTestTools({ root, say: () => undefined, desktopReachable: async () => false, install }),
      ToolsError,
    );
  });

  it('LOCALE_LOOP_VSCODE=desktop with the download host unreachable: one sentence, no download attempted', async () => {
    process.env.LOCALE_LOOP_VSCODE = 'desktop';
    await assert.rejects(
      ensureTestTools({ root, desktopReachable: async () => false, install: () => assert.fail('nothing to install') }),
      (e: unknown) => ToolsError.is(e) && /cannot be reached.*unset LOCALE_LOOP_VSCODE/.test(e.message),
    );
  });

  it('the download probe answers false for a host that does not resolve or a port that refuses (no uncaught ENOTFOUND)', async () => {
    const started = Date.now();
    assert.equal(await canDownloadDesktop('https://update.code.visualstudio.invalid/api/releases/stable', 2000), false);
    assert.equal(await canDownloadDesktop('https://127.0.0.1:9/', 2000), false);
    assert.ok(Date.now() - started < 5000, 'within the probe timeouts');
  });

  it('the install script without a reachable npm registry exits 3 with one sentence saying what to run', function () {
    this.timeout(60_000);
    const res = spawnSync('bash', [path.join(root, 'scripts/install-vscode-test-tools.sh'), '--no-browser'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        LOCALE_LOOP_TOOLS_DIR: dir,
        npm_config_registry: 'http://127.0.0.1:9/',
        npm_config_fetch_retries: '0',
        npm_config_fetch_timeout: '2000',
        npm_config_cache: path.join(dir, 'npm-cache'),
        npm_config_offline: 'false',
        // npm's scripts leave a download cache in the temp dir: keep it inside the folder removed after each test.
        TMPDIR: dir,
      },
    });
    assert.equal(res.status, 3, res.stderr);
    const lines = res.stderr.trim().split('\n');
    assert.equal(lines.length, 1, res.stderr);
    assert.match(
      lines[0]!,
      /^npm could not install code-server 4\.100\.3 into .* run "npm run setup:vscode-test" when the npm registry is reachable\.$/,
    );
    assert.match(res.stdout, /^• Installing code-server 4\.100\.3 into .* \(about 1–2 minutes, once\)…$/m);
  });
});
