/** Test helpers: fixture copies in temp dirs. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const fixturesDir = path.resolve(__dirname, '..', 'fixtures');

/** Copies `test/fixtures/<name>` to a fresh temp dir and returns its path. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `ll-${name}-`));
  await fs.cp(path.join(fixturesDir, name), dir, { recursive: true });
  return dir;
}

export async function tempDir(prefix = 'll-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}
