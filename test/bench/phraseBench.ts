/**
 * Push and pull of the benchmark repository against the Phrase TMS emulator with Phrase's own
 * limits: a quota of 6,000 requests per user per minute (DEV-LIM) and the emulator's default
 * concurrency cap (10 per user, 429 beyond). Prints API calls by operation next to the floor,
 * 429s, wall time and its ratio to the time the quota allows for the same number of calls, and
 * the time pull spends merging and writing.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/locales/config';
import { LocaleCodes } from '../../src/locales/localeCodes';
import { PhraseClient } from '../../src/phrase/client';
import { applyTranslation, pull } from '../../src/sync/pull';
import type { SyncState } from '../../src/sync/state';
import { push } from '../../src/sync/push';
import { openWorkspace } from '../../src/sync/workspace';
import { PhraseEmulator } from '../emulators/phrase/server';
import { benchLocales } from './generate';

const user = { userName: 'bench', password: 'bench-password-1' };

function count(calls: readonly string[], since: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of calls.slice(since)) out.set(c, (out.get(c) ?? 0) + 1);
  return out;
}

export async function phraseBench(repo: string): Promise<void> {
  const targets = benchLocales.filter((l) => l !== 'en');
  const codes = new LocaleCodes();
  const quota = 6000;
  // 30 ms of server time per request, so that requests overlap and the concurrency cap is real.
  const phrase = new PhraseEmulator({
    users: [user],
    importDelayMs: 100,
    exportDelayMs: 0,
    latencyMs: 30,
    limits: { perMinute: quota },
  });
  /** The quota allows `calls` requests in calls / 6,000 minutes; ratio < 1: the quota did not bind. */
  const quotaLine = (calls: number, ms: number) =>
    `  quota            ${calls} calls ÷ ${quota}/min = ${((calls / quota) * 60).toFixed(2)} s allowed; wall time ÷ that = ${(ms / ((calls / quota) * 60_000)).toFixed(2)}×; 429s ${phrase.limits.refused}, peak concurrent ${phrase.limits.peakConcurrent}`;
  const projectUid = phrase.addProject({
    name: 'bench',
    sourceLang: 'en',
    targetLangs: targets.map((l) => codes.toPhrase(l)),
  });
  await phrase.start();
  try {
    const configFile = path.join(repo, 'locale-loop.json');
    const config = JSON.parse(await fs.readFile(configFile, 'utf8'));
    await fs.writeFile(
      configFile,
      JSON.stringify({ ...config, targetLocales: targets, phrase: { baseUrl: phrase.url, projectUid } }, null, 2),
    );
    await fs.rm(path.join(repo, '.locale-loop'), { recursive: true, force: true });
    const ws = await openWorkspace(await loadConfig(repo));
    const client = new PhraseClient({ baseUrl: phrase.url, credentials: user }, { baseMs: 100 });

    let mark = phrase.calls.length;
    let t0 = performance.now();
    await push(ws, client);
    const pushMs = performance.now() - t0;
    const p = count(phrase.calls, mark);
    const creates = p.get('POST /api2/v1/projects/{projectUid}/jobs') ?? 0;
    console.log('');
    console.log(
      `push of ${ws.sourceFiles.length} source files × ${targets.length} target locales (emulator: 100 ms imports, 30 ms per request)`,
    );
    console.log(`  job-create calls ${creates}   (floor: one per source file = ${ws.sourceFiles.length}; target ≤ 25)`);
    console.log(`  login            ${p.get('POST /api2/v3/auth/login') ?? 0}`);
    console.log(`  import polls     ${p.get('GET /api2/v1/async/{asyncRequestId}') ?? 0}`);
    console.log(
      `  other calls      ${[...p].filter(([k]) => !/auth\/login|async|\/jobs$/.test(k) || k.startsWith('GET')).reduce((n, [, v]) => n + v, 0) - (p.get('GET /api2/v1/async/{asyncRequestId}') ?? 0)}`,
    );
    console.log(`  wall time        ${(pushMs / 1000).toFixed(2)} s, ${phrase.jobs.size} jobs`);
    console.log(`  calls in all     ${[...p.values()].reduce((a, b) => a + b, 0)}`);
    console.log(
      quotaLine(
        [...p.values()].reduce((a, b) => a + b, 0),
        pushMs,
      ),
    );

    mark = phrase.calls.length;
    await push(await openWorkspace(await loadConfig(repo)), client);
    const again = count(phrase.calls, mark);
    const uploads =
      (again.get('POST /api2/v1/projects/{projectUid}/jobs') ?? 0) +
      (again.get('POST /api2/v1/projects/{projectUid}/jobs/source') ?? 0);
    console.log(
      `  repeated push of the unchanged repository: ${uploads} upload calls, ${phrase.calls.length - mark} calls in all   (target 0 uploads)`,
    );

    phrase.complete();
    // Keep the files as they were before the pull, to replay the merge apart from the network.
    const before = new Map<string, Buffer>();
    for (const f of ws.files) if (f.locale !== ws.sourceLocale) before.set(f.path, await fs.readFile(f.path));
    const stateBefore = await fs.readFile(path.join(repo, '.locale-loop', 'state.json'));
    const downloads: Array<[string, string, Buffer]> = [];
    mark = phrase.calls.length;
    t0 = performance.now();
    const result = await pull(await openWorkspace(await loadConfig(repo)), client, {
      onDownload: (ns, locale, bytes) => downloads.push([ns, locale, bytes]),
    });
    const pullMs = performance.now() - t0;
    // Replay: the same 475 merges and writes, one after the other, with no network in between.
    for (const [file, bytes] of before) await fs.writeFile(file, bytes);
    const replayWs = await openWorkspace(await loadConfig(repo));
    const state = JSON.parse(stateBefore.toString('utf8')) as SyncState;
    const r0 = performance.now();
    for (const [ns, locale, bytes] of downloads) {
      await applyTranslation(replayWs, ns, locale, state.files[ns]!.jobs[locale]!, bytes);
    }
    const replayMs = performance.now() - r0;
    const q = count(phrase.calls, mark);
    const jobs = result.files.length;
    const listPages = q.get('GET /api2/v2/projects/{projectUid}/jobs') ?? 0;
    const exports = q.get('PUT /api2/v2/projects/{projectUid}/jobs/{jobUid}/targetFile') ?? 0;
    const polls = q.get('GET /api2/v1/async/{asyncRequestId}') ?? 0;
    const downloadCalls =
      q.get('GET /api2/v2/projects/{projectUid}/jobs/{jobUid}/downloadTargetFile/{asyncRequestId}') ?? 0;
    console.log('');
    console.log(
      `pull of ${jobs} completed jobs (${result.files.filter((f) => f.written).length} files written, ${result.files.reduce((n, f) => n + f.applied, 0).toLocaleString('en')} keys)`,
    );
    console.log(`  job list pages   ${listPages}   (floor ${Math.ceil(phrase.jobs.size / 50)})`);
    console.log(`  export requests  ${exports}   (floor ${jobs})`);
    console.log(`  export polls     ${polls}   (floor ${jobs}: one each when the export is ready at once)`);
    console.log(`  downloads        ${downloadCalls}   (floor ${jobs})`);
    console.log(
      `  calls in all     ${[...q.values()].reduce((a, b) => a + b, 0)} vs floor ${1 + Math.ceil(jobs / 50) + 3 * jobs} (the project's steps, the list of the pull step, 3 per job)`,
    );
    console.log(`  wall time        ${(pullMs / 1000).toFixed(2)} s`);
    console.log(
      quotaLine(
        [...q.values()].reduce((a, b) => a + b, 0),
        pullMs,
      ),
    );
    console.log(
      `  merge + write    ${(replayMs / 1000).toFixed(2)} s for ${downloads.length} target files, replayed one after the other without the network   (target < 3 s)`,
    );
    if (result.errors || result.conflicts) console.log(`  (errors ${result.errors}, conflicts ${result.conflicts})`);
  } finally {
    await phrase.stop();
  }
}
