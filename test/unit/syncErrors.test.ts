/**
 * The sync flows' one error type: the CLI's exit code and advice per reason, from errors the
 * flows really throw; and no branch anywhere in src/ on an error's message text.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import { failureOf } from '../../src/cli/failure';
import { exitCode } from '../../src/cli/output';
import type { SyncErrorReason } from '../../src/sync/errors';
import { SyncError, syncErrorReasons } from '../../src/sync/errors';
import { withWorkspaceLock } from '../../src/sync/lock';
import { loadState } from '../../src/sync/state';
import { copyFixture } from './helpers';

describe('SyncError: reasons mapped by the CLI', () => {
  const dirs: string[] = [];
  let holder: ChildProcess | undefined;
  afterEach(async () => {
    holder?.kill();
    holder = undefined;
    for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
  });

  it('a busy lock (held by a live process) is reason "locked" and exit code 3, its message naming the holder', async () => {
    const root = await copyFixture('sync-app');
    dirs.push(root);
    holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await fs.mkdir(path.join(root, '.locale-loop'));
    await fs.writeFile(
      path.join(root, '.locale-loop', 'lock'),
      JSON.stringify({
        pid: holder.pid,
        host: os.hostname(),
        command: 'pull',
        since: '2026-01-01T00:00:00Z',
        token: 't',
      }),
    );
    const error = await withWorkspaceLock(root, { command: 'push', waitMs: 200 }, async () => 'ran').catch(
      (e: unknown) => e,
    );
    assert.ok(SyncError.is(error, 'locked'), String(error));
    const failure = failureOf(error);
    assert.equal(failure.code, exitCode.busy);
    assert.equal(failure.code, 3);
    assert.match(failure.text, /^locale-loop: \.locale-loop\/lock is held by pull \(pid \d+ on /);
  });

  it('a damaged state without a backup is reason "state-corrupt" and exit code 1', async () => {
    const root = await copyFixture('sync-app');
    dirs.push(root);
    await fs.mkdir(path.join(root, '.locale-loop'));
    await fs.writeFile(path.join(root, '.locale-loop', 'state.json'), '{"version": 1, "files": {');
    const error = await loadState(root).catch((e: unknown) => e);
    assert.ok(SyncError.is(error, 'state-corrupt'), String(error));
    assert.equal(failureOf(error).code, 1);
    assert.match(failureOf(error).text, /^locale-loop: \.locale-loop\/state\.json is damaged: it is not valid JSON/);
  });

  it('`pull` before any push exits 1 with the sentence, then the CLI advice to push (no request sent)', async () => {
    const root = await copyFixture('sync-app');
    dirs.push(root);
    let stdout = '';
    let stderr = '';
    const code = await main(
      ['pull', '--cwd', root],
      { write: (s) => (stdout += s) },
      { write: (s) => (stderr += s) },
      // Port 1 on loopback: a request would fail with "could not be reached", not with this sentence.
      { PHRASE_TMS_TOKEN: 'token-never-sent-0001', LOCALE_LOOP_PHRASE_URL: 'http://127.0.0.1:1/web' },
    );
    assert.equal(code, 1, stderr);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      'locale-loop: Nothing has been pushed from this workspace yet: run push first.\n  Run `locale-loop push` first.\n',
    );
  });

  it('every reason maps to an exit code: 3 for "locked" (busy, a CI job may retry), 1 for the others', () => {
    const expected: Record<SyncErrorReason, number> = {
      locked: 3,
      'state-corrupt': 1,
      'project-changed': 1,
      'not-pushed': 1,
      'no-project': 1,
      'not-signed-in': 1,
      'unknown-step': 1,
      'outside-workspace': 1,
    };
    assert.deepEqual(Object.keys(expected).sort(), [...syncErrorReasons].sort());
    for (const reason of syncErrorReasons) {
      assert.equal(failureOf(new SyncError(reason, 'The sentence.')).code, expected[reason], reason);
    }
  });

  it('an error that is not a SyncError exits 1 with its message only, even when its text reads like a reason', () => {
    const failure = failureOf(new Error('.locale-loop/lock is held by pull'));
    assert.deepEqual(failure, { code: 1, text: 'locale-loop: .locale-loop/lock is held by pull\n' });
  });
});

describe('no branch on an error message', () => {
  it('nothing in src/ decides by the text of an error message (.message.includes/startsWith/match, /re/.test(e.message), message === "…")', async () => {
    const patterns = [
      // e.message.includes('…'), err.message?.startsWith(…), e.message.match(/…/)
      /\.message\??\.(includes|startsWith|endsWith|match|matchAll|search|indexOf|lastIndexOf)\(/,
      // /not found/.test(e.message), re.exec(err.message)
      /\.(test|exec)\([^)]*\.message\b/,
      // e.message === 'x', 'x' !== e.message (a `typeof x.message === 'string'` check is not text)
      /(?<!typeof\s+[\w?.]*)\.message\s*[!=]==?\s*['"`]/,
      /['"`]\s*[!=]==?\s*[\w?.]*\.message\b/,
      // String(e).includes(…), `${e}`.includes(…)
      /String\((e|err|error)\)\.(includes|startsWith|endsWith|match)\(/,
    ];
    const offenders: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await fs.readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) await walk(full);
        else if (/\.ts$/.test(e.name)) {
          (await fs.readFile(full, 'utf8')).split('\n').forEach((line, i) => {
            if (patterns.some((p) => p.test(line))) {
              offenders.push(`${path.relative(process.cwd(), full)}:${i + 1}: ${line.trim()}`);
            }
          });
        }
      }
    };
    await walk(path.resolve(__dirname, '../../src'));
    assert.deepEqual(offenders, []);
  });
});
