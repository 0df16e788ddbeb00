/**
 * Temp folders for the mocha tiers: each one made here is removed after the run by the root hook
 * below (loaded through .mocharc.json), even when its test failed before its own cleanup.
 * `tempGuard.ts` then proves nothing else was left behind.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made = new Set<string>();

/** A fresh folder under os.tmpdir(), removed after the run if the test does not remove it first. */
export async function makeTempDir(prefix = 'll-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  for (const dir of made) await fs.rm(dir, { recursive: true, force: true });
  made.clear();
}

// Mocha root hook: the folders go when the run ends, whatever the tests' outcome.
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await removeTempDirs();
  },
};
