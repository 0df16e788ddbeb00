/**
 * The files this process wrote last, with the size and modification time it left them with, so
 * the editor's file watcher can tell its own writes (a pull, translate-missing) from the user's.
 * Kept on `globalThis` under a registered symbol because the extension loads the writing code in
 * two bundles (dist/extension.js and dist/services.js), each with its own copy of this module.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

interface Written {
  readonly mtimeMs: number;
  readonly size: number;
  readonly at: number;
}

const key = Symbol.for('locale-loop.ownWrites');
/** Long enough for a watcher event to arrive; short enough that the map stays small. */
const keepMs = 30_000;

function registry(): Map<string, Written> {
  const g = globalThis as { [key]?: Map<string, Written> };
  return (g[key] ??= new Map());
}

/** Records that this process just wrote `file` (called after the rename that completes a write). */
export function recordOwnWrite(file: string, stat: { mtimeMs: number; size: number }): void {
  const map = registry();
  const now = Date.now();
  for (const [p, w] of map) if (now - w.at > keepMs) map.delete(p);
  map.set(path.resolve(file), { mtimeMs: stat.mtimeMs, size: stat.size, at: now });
}

/** Whether `file` is still exactly as this process wrote it (a later edit changes size or time). */
export function isOwnWrite(file: string): boolean {
  const w = registry().get(path.resolve(file));
  if (!w || Date.now() - w.at > keepMs) return false;
  try {
    const s = statSync(file);
    return s.mtimeMs === w.mtimeMs && s.size === w.size;
  } catch {
    return false;
  }
}
