/**
 * Issue 12, point 8: two runs at once. Writing commands take `.locale-loop/lock`; a second writer
 * waits with a message or refuses naming the lock; a lock whose process is gone is taken over at
 * once (another host's, by age); read-only commands take none.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SyncError } from '../../src/sync/errors';
import { withWorkspaceLock } from '../../src/sync/lock';
import { MemoryLogger } from '../../src/util/logger';
import type { SafetyHarness } from './workspace';
import { runCli, startSafety } from './workspace';

/** A live process that is not this one (the lock's holder in these tests). */
function holderProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

async function deadPid(): Promise<number> {
  const p = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => p.on('exit', r));
  return p.pid!;
}

async function writeLock(
  root: string,
  holder: { pid: number; host?: string; command?: string },
  ageMs = 0,
): Promise<string> {
  const file = path.join(root, '.locale-loop', 'lock');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(
    file,
    JSON.stringify({
      pid: holder.pid,
      host: holder.host ?? os.hostname(),
      command: holder.command ?? 'pull',
      since: '2026-01-01T00:00:00.000Z',
      token: 'test',
    }),
  );
  if (ageMs) await fs.utimes(file, new Date(Date.now() - ageMs), new Date(Date.now() - ageMs));
  return file;
}

describe('safety: one writer per workspace folder', () => {
  let h: SafetyHarness;
  const holders: ChildProcess[] = [];
  afterEach(async () => {
    for (const p of holders.splice(0)) p.kill('SIGKILL');
    await h?.stop();
  });

  it('a lock held by a live process: a second writer waits, then refuses naming the lock and its holder, doing nothing', async () => {
    h = await startSafety();
    const holder = holderProcess();
    holders.push(holder);
    await writeLock(h.root, { pid: holder.pid!, command: 'translate-missing' });
    const log = new MemoryLogger();
    let ran = false;
    const started = Date.now();
    await assert.rejects(
      withWorkspaceLock(h.root, { command: 'pull', waitMs: 400, logger: log }, async () => (ran = true)),
      (e: unknown) =>
        SyncError.is(e, 'locked') &&
        e.message.startsWith(`.locale-loop/lock is held by translate-missing (pid ${holder.pid} on ${os.hostname()}`) &&
        /Nothing was done/.test(e.message),
    );
    assert.ok(Date.now() - started >= 400, 'it waited');
    assert.equal(ran, false);
    assert.deepEqual(log.lines, [
      `warn waiting for .locale-loop/lock: translate-missing (pid ${holder.pid} on ${os.hostname()}, since 2026-01-01T00:00:00.000Z) is writing in this folder`,
    ]);
  });

  it('the CLI waits for a live holder with a message, and runs once the lock is released', async () => {
    h = await startSafety();
    const holder = holderProcess();
    holders.push(holder);
    const lock = await writeLock(h.root, { pid: holder.pid! });
    setTimeout(() => void fs.rm(lock), 800);
    const run = await h.cli('translate-missing', '--to', 'pl');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, new RegExp(`warning: waiting for \\.locale-loop/lock: pull \\(pid ${holder.pid} `));
    assert.match(await h.read('locales/pl/home.json'), /\[pl\]/);
  });

  it('a lock left by a process that is gone is taken over at once, with a message', async () => {
    h = await startSafety();
    const pid = await deadPid();
    await writeLock(h.root, { pid });
    const started = Date.now();
    const run = await h.cli('translate-missing', '--to', 'pl');
    assert.equal(run.code, 0, run.stderr);
    assert.ok(Date.now() - started < 10_000);
    assert.match(
      run.stderr,
      new RegExp(
        `warning: took over \\.locale-loop/lock, left by pull \\(pid ${pid} .*\\), which is no longer running`,
      ),
    );
    await assert.rejects(fs.stat(path.join(h.root, '.locale-loop/lock')), 'released afterwards');
  });

  it('a lock from another host is taken over only once its heartbeat is older than the limit', async () => {
    h = await startSafety();
    await writeLock(h.root, { pid: 1, host: 'build-agent-7' });
    await assert.rejects(
      withWorkspaceLock(h.root, { command: 'push', waitMs: 100, staleMs: 60_000 }, async () => 1),
      (e: unknown) => SyncError.is(e, 'locked') && /pid 1 on build-agent-7/.test(e.message),
    );
    await writeLock(h.root, { pid: 1, host: 'build-agent-7' }, 120_000);
    assert.equal(
      await withWorkspaceLock(h.root, { command: 'push', waitMs: 100, staleMs: 60_000 }, async () => 'ran'),
      'ran',
    );
  });

  it('read-only commands (scan, status, translate, a dry run) take no lock: they run while a writer holds it', async () => {
    h = await startSafety();
    assert.equal((await h.cli('push')).code, 0);
    const holder = holderProcess();
    holders.push(holder);
    await writeLock(h.root, { pid: holder.pid! });
    const started = Date.now();
    for (const args of [
      ['scan'],
      ['status'],
      ['translate', '--to', 'de', 'Hello'],
      ['translate-missing', '--dry-run'],
      ['pull', '--dry-run'],
    ]) {
      const run = await h.cli(...args);
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
      assert.doesNotMatch(run.stderr, /waiting for/);
    }
    assert.ok(Date.now() - started < 30_000, 'none of them waited for the lock');
  });

  it('pull and translate-missing started at once in two processes: both finish, and the state keeps what each recorded', async function () {
    this.timeout(120_000);
    h = await startSafety();
    assert.equal((await h.cli('push')).code, 0);
    h.phrase.complete({ targetLang: 'de' });
    const [pull, tm] = await Promise.all([
      runCli(['pull', '--cwd', h.root], h.env).done,
      runCli(['translate-missing', '--to', 'pl', '--cwd', h.root], h.env).done,
    ]);
    assert.equal(pull.code, 0, pull.stdout + pull.stderr);
    assert.equal(tm.code, 0, tm.stdout + tm.stderr);
    const state = await h.state();
    assert.ok(
      Object.keys(state.provisional?.['locales/{locale}/home.json']?.pl ?? {}).length > 0,
      'the machine-translation marks survived',
    );
    assert.ok(
      Object.values(state.files).every((f) => f.jobs.de && 'pulledAt' in f.jobs.de),
      'the pull was recorded',
    );
    assert.match(await h.read('locales/de/home.json'), /\[de\] Stárt/);
    assert.match(await h.read('locales/pl/home.json'), /"cta": "\[pl\] /);
  });
});
