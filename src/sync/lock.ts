/**
 * One writer per workspace folder: pull, translate-missing, push and memory sync read, change and
 * write the locale files and `.locale-loop/state.json`; two at once (two terminals, or the CLI
 * beside the editor) would interleave and lose each other's changes. They take
 * `.locale-loop/lock` (created exclusively; holder's pid, host and command inside). A lock whose
 * process is gone is taken over at once; one from another host, when its heartbeat is older than
 * `staleMs`. A second writer waits, saying so once, and gives up after `waitMs` naming the lock.
 * Read-only commands (scan, status, translate) take none.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../util/logger';
import { silentLogger } from '../util/logger';
import { SyncError } from './errors';
import { stateDir } from './state';
import { processAlive as alive } from '../util/processAlive';

export const lockFileName = 'lock';
const shownLock = path.posix.join(stateDir, lockFileName);

export interface LockOptions {
  /** The command taking the lock (shown to a second writer). */
  readonly command: string;
  /** How long a second writer waits before giving up (default 60 s). */
  readonly waitMs?: number;
  /** Age of the heartbeat after which another host's lock is taken over (default 2 min). */
  readonly staleMs?: number;
  readonly logger?: Logger;
  /** Told once when the lock is busy and the command waits (default: the logger's warning). */
  readonly onWait?: (message: string) => void;
  readonly signal?: AbortSignal;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
  readonly token: string;
}

/** Commands of this process queue per folder before the file lock (the file names a process). */
const inProcess = new Map<string, Promise<unknown>>();

/** Runs `fn` holding the folder's lock; releases it however `fn` ends. */
export async function withWorkspaceLock<T>(root: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(root);
  const before = inProcess.get(key) ?? Promise.resolve();
  const run = before
    .catch(() => undefined)
    .then(async () => {
      const release = await acquire(root, options);
      try {
        return await fn();
      } finally {
        await release();
      }
    });
  const tail = run.catch(() => undefined);
  inProcess.set(key, tail);
  void tail.then(() => inProcess.get(key) === tail && inProcess.delete(key));
  return run;
}

function describeHolder(h: Holder): string {
  return `${h.command} (pid ${h.pid} on ${h.host}, since ${h.since})`;
}

async function readHolder(file: string): Promise<{ holder?: Holder; text: string; mtimeMs: number } | undefined> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    let holder: Holder | undefined;
    try {
      const h = JSON.parse(text) as Partial<Holder>;
      if (typeof h.pid === 'number' && typeof h.host === 'string') holder = h as Holder;
    } catch {
      holder = undefined; // being written, or cut short by a kill: judged by age
    }
    return { holder, text, mtimeMs: stat.mtimeMs };
  } catch {
    return undefined; // released meanwhile
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason as Error)), { once: true });
  });

async function acquire(root: string, options: LockOptions): Promise<() => Promise<void>> {
  const log = options.logger ?? silentLogger;
  const dir = path.join(root, stateDir);
  const file = path.join(dir, lockFileName);
  await fs.mkdir(dir, { recursive: true });
  const me: Holder = {
    pid: process.pid,
    host: os.hostname(),
    command: options.command,
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const mine = JSON.stringify(me);
  const deadline = Date.now() + (options.waitMs ?? 60_000);
  const staleMs = options.staleMs ?? 120_000;
  let told = false;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      await fs.writeFile(file, mine, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const seen = await readHolder(file);
    if (!seen) continue;
    const h = seen.holder;
    const age = Date.now() - seen.mtimeMs;
    const stale = h ? (h.host === me.host ? !alive(h.pid) : age > staleMs) : age > 5_000;
    if (stale) {
      // Taken over only if it is still the lock judged stale (another taker may have been first).
      const again = await readHolder(file);
      if (again?.text === seen.text) {
        await fs.rm(file, { force: true });
        log.warn(
          `took over ${shownLock}, left by ${h ? describeHolder(h) : 'a command that was killed while taking it'}, which is no longer running`,
        );
      }
      continue;
    }
    const what = h ? describeHolder(h) : 'another command';
    if (Date.now() >= deadline) {
      throw new SyncError(
        'locked',
        `${shownLock} is held by ${what}: another command is writing in this folder. Nothing was done; run again when it has finished (a lock whose process has ended is taken over automatically).`,
        file,
      );
    }
    if (!told) {
      told = true;
      (options.onWait ?? ((m) => log.warn(m)))(`waiting for ${shownLock}: ${what} is writing in this folder`);
    }
    await sleep(Math.min(200, Math.max(1, deadline - Date.now())), options.signal);
  }
  // The heartbeat keeps the lock fresh for other hosts while a long command runs.
  const beat = setInterval(
    () => void fs.utimes(file, new Date(), new Date()).catch(() => undefined),
    Math.max(1000, staleMs / 4),
  );
  beat.unref();
  return async () => {
    clearInterval(beat);
    const now = await readHolder(file);
    if (now?.text === mine) await fs.rm(file, { force: true });
  };
}
