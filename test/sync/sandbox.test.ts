/** `npm run sandbox`: what its terminal echoes, and how it stops (temp folders, an edited workspace). */
import assert from 'node:assert/strict';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, promises as fs, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { completePending, EmulatorEcho } from '../../scripts/sandboxEcho';
import type { Harness } from './harness';
import { startHarness } from './harness';

const root = path.resolve(__dirname, '../..');

describe('sandbox terminal echo', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('echoes each push seen, the jobs completed (the count the editor shows), each pull seen and the memory fed', async () => {
    h = await startHarness();
    const echo = new EmulatorEcho(h.phrase, h.mmt);
    assert.equal(completePending(h.phrase), 'no job yet: push from the editor first');
    await h.cli('push');
    assert.deepEqual(echo.lines(), [
      'push seen: common.json → 2 new jobs (de, pl)',
      'push seen: home.json → 2 new jobs (de, pl)',
    ]);
    assert.equal(
      completePending(h.phrase),
      'jobs completed: 4 (the linguist translated them; the editor shows "4 Phrase TMS jobs completed" and offers Pull)',
    );
    assert.equal(
      completePending(h.phrase),
      'every job is already completed: pull them from the Phrase TMS view',
      'completed jobs are not counted twice',
    );
    await h.cli('pull', '--prefer', 'remote');
    const lines = echo.lines();
    assert.deepEqual(lines.filter((l) => l.startsWith('pull seen')).sort(), [
      'pull seen: common.json in de downloaded',
      'pull seen: common.json in pl downloaded',
      'pull seen: home.json in de downloaded',
      'pull seen: home.json in pl downloaded',
    ]);
    assert.match(lines.at(-1)!, /^ModernMT memory fed: \d+ translation pairs added, 0 replaced$/);
    assert.deepEqual(echo.lines(), [], 'each event once');
  });
});

describe('sandbox process: start and stop', function () {
  this.timeout(120_000);
  const children: ChildProcessWithoutNullStreams[] = [];
  afterEach(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  /** Starts the sandbox with the emulators only (no editor) and waits for its banner. */
  async function start(env: Record<string, string> = {}): Promise<{
    child: ChildProcessWithoutNullStreams;
    out: () => string;
    workspace?: string;
    exited: Promise<number>;
  }> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/sandbox.ts')], {
      cwd: root,
      env: { ...process.env, SANDBOX_EDITOR: 'none', ...env },
    });
    children.push(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    const ready = await Promise.race([
      new Promise<boolean>((resolve) =>
        child.stdout.on('data', () => /What the emulators see:/.test(out) && resolve(true)),
      ),
      exited.then(() => false),
    ]);
    return { child, out: () => out, workspace: ready ? /Workspace:\s+(\S+)/.exec(out)?.[1] : undefined, exited };
  }

  it('Ctrl+C on an unchanged workspace removes it and stops with exit 0', async () => {
    const s = await start();
    assert.ok(s.workspace && existsSync(s.workspace), s.out());
    assert.match(s.out(), /ready in \d+\.\d s/);
    assert.match(s.out(), /npx locale-loop status --cwd /);
    s.child.kill('SIGINT');
    assert.equal(await s.exited, 0);
    assert.ok(!existsSync(s.workspace), 'the workspace is gone');
    assert.match(s.out(), /Stopped; the temp folders are removed\./);
  });

  it('Ctrl+C on an edited workspace keeps it (no terminal to ask) and says where', async () => {
    const s = await start();
    try {
      await fs.writeFile(path.join(s.workspace!, 'locales/de/common.json'), '{ "app": { "title": "Mein Laden" } }\n');
      s.child.kill('SIGINT');
      assert.equal(await s.exited, 0);
      assert.ok(existsSync(s.workspace!), 'kept');
      assert.match(
        s.out(),
        new RegExp(
          `The workspace has changes \\(locales/de/common\\.json\\), so it was kept: ${s.workspace!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
        ),
      );
    } finally {
      await fs.rm(s.workspace!, { recursive: true, force: true });
    }
  });

  it('first run without code-server: says what it installs and how long; if that fails, one sentence and the temp folders removed', async () => {
    const tools = mkdtempSync(path.join(os.tmpdir(), 'll-sandbox-tools-'));
    const tmp = path.join(tools, 'tmp');
    await fs.mkdir(tmp);
    try {
      // Its own TMPDIR: the sandbox's temp folders can be counted there; npm cannot reach a registry.
      const s = await start({
        TMPDIR: tmp,
        SANDBOX_EDITOR: 'code-server',
        LOCALE_LOOP_TOOLS_DIR: tools,
        npm_config_registry: 'http://127.0.0.1:9/',
        npm_config_fetch_retries: '0',
        npm_config_fetch_timeout: '2000',
        npm_config_cache: path.join(tools, 'npm-cache'),
      });
      assert.equal(await s.exited, 1);
      assert.match(
        s.out(),
        /First run: installing code-server 4\.100\.3 into .* \(about 1–2 minutes, once; later starts take a few seconds\)…/,
      );
      assert.match(
        s.out(),
        /npm could not install code-server 4\.100\.3 .* run "npm run setup:vscode-test" when the npm registry is reachable\./,
      );
      assert.doesNotMatch(s.out(), /\n\s+at /, 'no stack trace');
      assert.deepEqual(
        (await fs.readdir(tmp)).filter((f) => f.startsWith('locale-loop-sandbox-')),
        [],
        'no temp folder left',
      );
    } finally {
      rmSync(tools, { recursive: true, force: true });
    }
  });
});
