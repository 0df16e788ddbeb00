/** Temp workspaces for the safety suite: the sync harness, a folder outside it, and snapshots. */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { EmulatorOptions } from '../emulators/phrase/server';
import type { Harness } from '../sync/harness';
import { startHarness } from '../sync/harness';
import { tempDir } from '../unit/helpers';

export interface SafetyHarness extends Harness {
  /** A folder outside the workspace (links point here); removed by `stop`. */
  readonly outside: string;
  /** Writes files (relative to the workspace) creating directories. */
  put(files: Record<string, string>): Promise<void>;
  /** The state file, parsed. */
  state(): Promise<StateShape>;
}

export interface StateShape {
  files: Record<string, { jobs: Record<string, { uid: string; base: Record<string, string> }> }>;
  provisional?: Record<string, Record<string, Record<string, string>>>;
  phrase?: { projectUid: string };
}

/** The sync-app fixture against both emulators, plus `outside`. */
export async function startSafety(options: EmulatorOptions = {}): Promise<SafetyHarness> {
  const h = await startHarness('sync-app', options);
  const outside = await tempDir('ll-outside-');
  const put = async (files: Record<string, string>) => {
    for (const [rel, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(h.root, rel)), { recursive: true });
      await fs.writeFile(path.join(h.root, rel), text);
    }
  };
  return {
    ...h,
    outside,
    put,
    state: async () => JSON.parse(await h.read('.locale-loop/state.json')) as StateShape,
    async stop() {
      await h.stop();
      await fs.rm(outside, { recursive: true, force: true });
    },
  };
}

/** Every entry below `dir` (links not followed): path → bytes, or `link → target`, or `dir`. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (at: string): Promise<void> => {
    for (const e of await fs.readdir(at, { withFileTypes: true })) {
      const full = path.join(at, e.name);
      const rel = path.relative(dir, full);
      if (e.isSymbolicLink()) out[rel] = `link → ${await fs.readlink(full)}`;
      else if (e.isDirectory()) {
        out[rel] = 'dir';
        await walk(full);
      } else out[rel] = (await fs.readFile(full)).toString('base64');
    }
  };
  await walk(dir);
  return out;
}

let built = false;
/** The built CLI (dist/cli.js), built once per test process from the current sources. */
export function builtCli(): string {
  const repo = path.resolve(__dirname, '../..');
  if (!built) execFileSync(process.execPath, [path.join(repo, 'esbuild.mjs')], { cwd: repo, stdio: 'ignore' });
  built = true;
  return path.join(repo, 'dist/cli.js');
}

/** Runs the built CLI in a child process with `env` (added to this process's). */
export function runCli(
  args: readonly string[],
  env: Record<string, string>,
): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, [builtCli(), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return {
    child,
    done: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }))),
  };
}
