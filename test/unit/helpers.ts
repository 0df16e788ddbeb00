/** Test helpers: fixture copies in temp dirs (removed after the run, see test/support/tempDirs.ts). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../support/tempDirs';

export const fixturesDir = path.resolve(__dirname, '..', 'fixtures');

/** Copies `test/fixtures/<name>` to a fresh temp dir and returns its path. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await makeTempDir(`ll-${name}-`);
  await fs.cp(path.join(fixturesDir, name), dir, { recursive: true });
  return dir;
}

export async function tempDir(prefix = 'll-'): Promise<string> {
  return makeTempDir(prefix);
}
