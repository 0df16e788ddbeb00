/**
 * The sandbox terminal's account of what happens: the requests the emulators saw, in words (a
 * push seen, jobs completed, a pull seen, the memory fed), and what the sandbox must know to
 * clean up (whether the user changed the workspace). Kept apart from scripts/sandbox.ts so the
 * unit tier can test it.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ModernMtEmulator } from '../test/emulators/modernmt/server';
import type { PhraseEmulator } from '../test/emulators/phrase/server';

const plural = (n: number, one: string, other = `${one}s`) => `${n} ${n === 1 ? one : other}`;

/** Reads the emulators' logs from where it last stopped and returns one line per event. */
export class EmulatorEcho {
  private phraseSeen = 0;
  private mmtSeen = 0;

  constructor(
    private readonly phrase: PhraseEmulator,
    private readonly mmt: ModernMtEmulator,
  ) {}

  lines(): string[] {
    const out: string[] = [];
    for (const x of this.phrase.log.slice(this.phraseSeen)) {
      if (x.status >= 400) continue;
      const body = x.responseBody as { jobs?: Array<{ targetLang?: string; filename?: string }> } | undefined;
      if (x.method === 'POST' && /\/projects\/[^/]+\/jobs$/.test(x.url) && body?.jobs?.length) {
        out.push(
          `push seen: ${body.jobs[0]!.filename} → ${plural(body.jobs.length, 'new job')} (${body.jobs.map((j) => j.targetLang).join(', ')})`,
        );
      } else if (x.method === 'POST' && /\/jobs\/source$/.test(x.url) && body?.jobs?.length) {
        out.push(
          `push seen: ${body.jobs[0]!.filename} → source updated in ${plural(body.jobs.length, 'job')} (${body.jobs.map((j) => j.targetLang).join(', ')})`,
        );
      } else if (x.method === 'GET' && /\/downloadTargetFile\//.test(x.url)) {
        const job = this.phrase.jobs.get(/\/jobs\/([^/]+)\/downloadTargetFile/.exec(x.url)?.[1] ?? '');
        out.push(`pull seen: ${job ? `${job.filename} in ${job.targetLang}` : 'a job'} downloaded`);
      }
    }
    this.phraseSeen = this.phrase.log.length;
    // One pair per key and locale: POST adds a pair, PUT replaces the pair with that tuid.
    let added = 0;
    let replaced = 0;
    for (const x of this.mmt.log.slice(this.mmtSeen)) {
      if (x.status >= 400 || !/^\/memories\/[^/]+\/content$/.test(x.path)) continue;
      if (x.verb.toUpperCase() === 'PUT') replaced++;
      else if (x.verb.toUpperCase() === 'POST') added++;
    }
    if (added + replaced > 0) {
      out.push(`ModernMT memory fed: ${plural(added, 'translation pair')} added, ${replaced} replaced`);
    }
    this.mmtSeen = this.mmt.log.length;
    return out;
  }
}

/**
 * Plays the linguist for the jobs not completed yet, and says how many: the same count the
 * editor's "N Phrase TMS jobs completed" shows (jobs completed earlier are not counted again).
 */
export function completePending(phrase: PhraseEmulator): string {
  const pending = [...phrase.jobs.values()]
    .filter((j) => !['COMPLETED', 'DELIVERED'].includes(j.status))
    .map((j) => j.uid);
  if (pending.length === 0) {
    return phrase.jobs.size === 0
      ? 'no job yet: push from the editor first'
      : 'every job is already completed: pull them from the Phrase TMS view';
  }
  const done = phrase.complete({ jobUids: pending });
  return `jobs completed: ${done.length} (the linguist translated them; the editor shows "${plural(done.length, 'Phrase TMS job')} completed" and offers Pull)`;
}

/** sha256 of every file under `dir` by relative path. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) {
        out.set(
          path.relative(dir, full).split(path.sep).join('/'),
          createHash('sha256')
            .update(await fs.readFile(full))
            .digest('hex'),
        );
      }
    }
  };
  await walk(dir);
  return out;
}

/** Files added, changed or removed since the snapshot. */
export async function changedFiles(dir: string, before: ReadonlyMap<string, string>): Promise<string[]> {
  const now = await snapshot(dir);
  const changed = [...now].filter(([f, h]) => before.get(f) !== h).map(([f]) => f);
  const removed = [...before.keys()].filter((f) => !now.has(f));
  return [...changed, ...removed].sort();
}
