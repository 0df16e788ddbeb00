/**
 * `tsx test/support/tempGuard.ts <command> [args…]`: runs one test tier with TMPDIR pointing at a
 * fresh folder of its own, then fails naming whatever the tier left in it. A folder per run keeps
 * the check exact while other processes on the machine use the system temp dir at the same time.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Runs `command` with its own TMPDIR; resolves to its exit code, or 1 when it left temp entries. */
export async function runGuarded(
  command: string,
  args: readonly string[],
  report: (line: string) => void = (l) => console.error(l),
): Promise<number> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'll-tier-'));
  // tsx keeps its compile cache in <tmpdir>/tsx-<uid>: the tier uses the shared one through a link.
  const tsxCache = `tsx-${process.geteuid?.() ?? os.userInfo().username}`;
  await fs.mkdir(path.join(os.tmpdir(), tsxCache), { recursive: true });
  await fs.symlink(path.join(os.tmpdir(), tsxCache), path.join(tmp, tsxCache));
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(command, args, {
        stdio: 'inherit',
        env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp },
      });
      child.once('error', reject);
      child.once('exit', (status, signal) => resolve(status ?? (signal ? 128 : 1)));
    });
    const left = (await fs.readdir(tmp)).filter((e) => e !== tsxCache).sort();
    if (left.length === 0) return code;
    report(
      `The tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in the temp dir; the test that made each must remove it:\n` +
        left.map((e) => `  ${e}`).join('\n'),
    );
    return code === 0 ? 1 : code;
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('Usage: tsx test/support/tempGuard.ts <command> [args…]');
    process.exitCode = 2;
  } else {
    runGuarded(command, args).then(
      (code) => (process.exitCode = code),
      (e: unknown) => {
        console.error(`The tier could not start: ${command}: ${(e as Error).message}`);
        process.exitCode = 1;
      },
    );
  }
}
