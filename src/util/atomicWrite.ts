/** Atomic file replacement: write a temp file beside the target, fsync, rename over it. */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { recordOwnWrite } from './ownWrites';
import { processAlive as alive } from './processAlive';

/** `.common.json.1234.0a1b2c3d.tmp`: the temp file of a write by process 1234. */
const tempName = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Writes `data` to `file` so that readers see either the old or the new content, never a part.
 * The temp file lives in the same directory (rename is atomic only within one file system) and
 * keeps the original's permissions. A symbolic link is never replaced by a regular file: the
 * caller resolves links first (see `resolveInside`).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const existing = await fs.lstat(file).catch(() => undefined);
  if (existing?.isSymbolicLink()) {
    throw new Error(`${file} is a symbolic link: not replaced (write to the file it points to)`);
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = existing ? existing.mode & 0o777 : undefined;
  const handle = await fs.open(tmp, 'wx', mode ?? 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat) recordOwnWrite(file, stat);
}

/**
 * Removes the temp files a killed write left in `dirs` (its process is gone); returns their
 * paths. Temp files of live processes, this one included, are left alone.
 */
export async function removeOrphanTemps(dirs: Iterable<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const dir of new Set(dirs)) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const m = tempName.exec(name);
      if (!m || alive(Number(m[1]))) continue;
      await fs.rm(path.join(dir, name), { force: true });
      removed.push(path.join(dir, name));
    }
  }
  return removed;
}
