/**
 * Issue 12, point 7: `kill -9` during translate-missing. The built CLI (dist/cli.js) runs as a
 * child process against the ModernMT emulator and is killed at seeded random moments; after each
 * kill every locale file parses, every value is the old or the new one, and every machine
 * translation in a file is marked provisional in the state. The next run then removes the temp
 * files the killed one left and finishes the job.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadState } from '../../src/sync/state';
import { ModernMtEmulator } from '../emulators/modernmt/server';
import { tempDir } from '../unit/helpers';
import { builtCli } from './workspace';

const namespaces = 20;
const keysPerNamespace = 65; // 1,300 source keys
const locales = ['de', 'fr', 'pl', 'ja'];
const rounds = 10;
const seed = 0x12c0ffee;

/** mulberry32: a small seeded generator, so a failing round can be replayed. */
function random(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Files = Record<string, Record<string, string>>;

/** The initial workspace: English sources; German with every other key translated by a person. */
async function makeWorkspace(dir: string): Promise<Files> {
  const initial: Files = {};
  await fs.writeFile(
    path.join(dir, 'locale-loop.json'),
    JSON.stringify({ sourceLocale: 'en', targetLocales: locales, files: 'locales/{locale}/{namespace}.json' }),
  );
  for (let n = 0; n < namespaces; n++) {
    const en: Record<string, string> = {};
    const de: Record<string, string> = {};
    for (let k = 0; k < keysPerNamespace; k++) {
      en[`key${k}`] = `Source text ${n}-${k} with {{name}}`;
      if (k % 2 === 0) de[`key${k}`] = `Von Hand ${n}-${k} mit {{name}}`;
    }
    for (const [locale, values] of [
      ['en', en],
      ['de', de],
    ] as const) {
      const rel = `locales/${locale}/ns${n}.json`;
      await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await fs.writeFile(path.join(dir, rel), JSON.stringify(values, null, 2) + '\n');
      initial[rel] = values;
    }
  }
  return initial;
}

async function localeFiles(dir: string): Promise<Files> {
  const out: Files = {};
  for (const locale of [...locales, 'en']) {
    const d = path.join(dir, 'locales', locale);
    for (const name of await fs.readdir(d).catch(() => [] as string[])) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      out[`locales/${locale}/${name}`] = JSON.parse(await fs.readFile(path.join(d, name), 'utf8')) as Record<
        string,
        string
      >; // throws if a file does not parse
    }
  }
  return out;
}

async function tempFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(path.join(d, e.name));
      else if (e.name.endsWith('.tmp')) found.push(path.relative(dir, path.join(d, e.name)));
    }
  };
  await walk(dir);
  return found;
}

describe('safety: kill -9 during translate-missing (the built CLI as a child process)', function () {
  this.timeout(300_000);
  let mmt: ModernMtEmulator;
  const dirs: string[] = [];
  const children: ChildProcess[] = [];

  before(async () => {
    builtCli();
    mmt = new ModernMtEmulator();
    await mmt.start();
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await mmt?.stop();
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
  });

  const env = () => ({
    ...process.env,
    MODERNMT_API_KEY: mmt.apiKey,
    LOCALE_LOOP_MODERNMT_URL: mmt.url,
    LOCALE_LOOP_RETRY_BASE_MS: '20',
  });
  const start = (dir: string) => {
    const child = spawn(process.execPath, [builtCli(), 'translate-missing', '--cwd', dir], {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal, output })),
    );
    return { child, done };
  };

  it(`${rounds} seeded kill points: files always parse, values are old or new, no machine translation is ever unmarked; the next run cleans up and finishes`, async () => {
    // Calibration: a full run gives the duration and the final values.
    const calibration = await tempDir('ll-crash-');
    dirs.push(calibration);
    await makeWorkspace(calibration);
    const t0 = Date.now();
    const full = await start(calibration).done;
    const duration = Date.now() - t0;
    assert.equal(full.code, 0, full.output);
    const final = await localeFiles(calibration);

    const next = random(seed);
    let checkedValues = 0;
    let machineValues = 0;
    let marksLost = 0;
    let killedMidWrite = 0;
    let orphans = 0;
    for (let round = 0; round < rounds; round++) {
      const dir = await tempDir(`ll-crash-${round}-`);
      dirs.push(dir);
      const initial = await makeWorkspace(dir);
      const at = Math.round(duration * (0.25 + 0.75 * next()));
      const run = start(dir);
      await new Promise((r) => setTimeout(r, at));
      run.child.kill('SIGKILL');
      const ended = await run.done;

      const files = await localeFiles(dir); // every file parses
      const state = await loadState(dir); // the state parses (or is recovered)
      let changed = 0;
      for (const [rel, values] of Object.entries(files)) {
        const [, locale, name] = rel.split('/');
        const marks = state.provisional?.[`locales/{locale}/${name}`]?.[locale!] ?? {};
        for (const [key, value] of Object.entries(values)) {
          checkedValues++;
          const old = initial[rel]?.[key];
          assert.ok(
            value === old || value === final[rel]?.[key],
            `round ${round} (${at} ms): ${rel} ${key} is neither old nor new: ${value}`,
          );
          if (value !== old) {
            changed++;
            machineValues++;
            if (marks[key] !== value) marksLost++;
          }
        }
        for (const key of Object.keys(initial[rel] ?? {})) {
          assert.ok(key in values, `round ${round}: ${rel} lost ${key}`);
        }
      }
      if (changed > 0 && ended.signal === 'SIGKILL') killedMidWrite++;
      orphans += (await tempFiles(dir)).length;

      // The next run removes the killed run's temp files and completes the work.
      const again = await start(dir).done;
      assert.equal(again.code, 0, again.output);
      assert.deepEqual(await tempFiles(dir), [], `round ${round}: temp files left`);
      assert.deepEqual(await localeFiles(dir), final, `round ${round}: the files after recovery equal a clean run`);
    }
    console.log(
      `      kill -9: ${rounds} rounds (${killedMidWrite} killed after writing began), ${checkedValues} values checked, ${machineValues} machine translations in files, ${marksLost} marks lost, ${orphans} temp files left by kills (all removed by the next run)`,
    );
    assert.equal(marksLost, 0, 'every machine translation in a file is marked');
    assert.ok(
      killedMidWrite > 0,
      'at least one kill landed after files were being written (else the test proves nothing)',
    );
  });
});
