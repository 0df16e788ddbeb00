/**
 * `npm run sandbox`: try the whole loop without Phrase TMS or ModernMT accounts. Starts both
 * emulators on loopback (a seeded project, a user, an API key), copies a sample app to a temp
 * dir with locale-loop.json pointing at them, and opens it with the extension loaded: in desktop
 * VS Code when `code` is on PATH, otherwise in code-server at a printed http://127.0.0.1 URL
 * (SANDBOX_EDITOR=code|code-server|none chooses; none: the emulators only, for the CLI).
 * The terminal echoes what the emulators see; `c` + Enter plays the linguist; Ctrl+C stops
 * everything, removes the temp folders, and asks before deleting a workspace the user changed.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { ModernMtEmulator } from '../test/emulators/modernmt/server';
import { PhraseEmulator } from '../test/emulators/phrase/server';
import { freePort } from '../test/integration/runInCodeServer';
import { findCodeServer, toolsDir } from '../test/integration/tools';
import { changedFiles, completePending, EmulatorEcho, snapshot } from './sandboxEcho';

const root = path.resolve(__dirname, '..');
const user = { userName: 'sandbox', password: 'sandbox-password' };
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const started = Date.now();
  const phrase = new PhraseEmulator({
    users: [user],
    projects: [{ uid: 'sandbox-project', name: 'Plant Shop', sourceLang: 'en', targetLangs: ['de', 'fr'] }],
    importDelayMs: 500,
    exportDelayMs: 300,
  });
  const mmt = new ModernMtEmulator({ apiKey: 'sandbox-modernmt-key' });
  await phrase.start(Number(process.env.SANDBOX_PHRASE_PORT ?? 0));
  await mmt.start(Number(process.env.SANDBOX_MODERNMT_PORT ?? 0));

  const workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'locale-loop-sandbox-'));
  const temps: string[] = [];
  await fs.cp(path.join(root, 'test/fixtures/sandbox-app'), workspace, { recursive: true });
  const config = JSON.parse(await fs.readFile(path.join(workspace, 'locale-loop.json'), 'utf8'));
  config.phrase.baseUrl = phrase.url;
  config.modernmt.baseUrl = mmt.url;
  await fs.writeFile(path.join(workspace, 'locale-loop.json'), JSON.stringify(config, null, 2) + '\n');
  const pristine = await snapshot(workspace);

  const rl = readline.createInterface({ input: process.stdin });
  const echo = new EmulatorEcho(phrase, mmt);
  const echoTimer = setInterval(() => {
    for (const line of echo.lines()) console.log(`  ${line}`);
  }, 300);
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    clearInterval(echoTimer);
    for (const c of children) {
      try {
        // Each editor runs in its own process group: its extension host and watchers go too.
        if (c.pid) process.kill(-c.pid, 'SIGTERM');
      } catch {
        // gone
      }
    }
    await phrase.stop();
    await mmt.stop();
    for (const dir of temps) await fs.rm(dir, { recursive: true, force: true });
    await keepOrRemove(workspace, pristine, rl);
    rl.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const choice =
    process.env.SANDBOX_EDITOR ??
    (process.env.SANDBOX_CODE_SERVER
      ? 'code-server'
      : spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0
        ? 'code'
        : 'code-server');
  let where: string;
  if (choice === 'none') where = 'no editor (SANDBOX_EDITOR=none): use the CLI below';
  else if (choice === 'code') {
    const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, workspace], {
      stdio: 'ignore',
      detached: true,
    });
    children.push(child);
    where = 'a new VS Code window';
  } else {
    const codeServer = findCodeServer(root);
    if (!existsSync(codeServer)) {
      console.log(
        `First run: installing code-server 4.100.3 into ${path.relative(root, toolsDir(root)) || toolsDir(root)}/ to open VS Code in your browser (about 1–2 minutes, once; later starts take a few seconds)…`,
      );
      const res = spawnSync('bash', [path.join(root, 'scripts/install-vscode-test-tools.sh'), '--no-browser'], {
        stdio: ['ignore', 'inherit', 'pipe'],
        encoding: 'utf8',
      });
      if (res.status !== 0 || !existsSync(codeServer)) {
        console.error(
          res.stderr.trim().split('\n').at(-1) ||
            'code-server could not be installed: run "npm run setup:vscode-test" and read its output.',
        );
        console.error('Or run the emulators alone for the CLI: SANDBOX_EDITOR=none npm run sandbox');
        return stop(1);
      }
    }
    const port = Number(process.env.SANDBOX_PORT ?? (await freePort()));
    const run = await fs.mkdtemp(path.join(os.tmpdir(), 'locale-loop-sandbox-vscode-'));
    temps.push(run);
    await fs.writeFile(path.join(run, 'config.yaml'), 'auth: none\ncert: false\n');
    await fs.mkdir(path.join(run, 'user-data', 'User'), { recursive: true });
    await fs.writeFile(
      path.join(run, 'user-data', 'User', 'settings.json'),
      JSON.stringify({
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        'localeLoop.jobs.pollIntervalSeconds': 5,
      }),
    );
    const xdg = path.join(run, 'xdg');
    const child = spawn(
      codeServer,
      [
        '--config',
        path.join(run, 'config.yaml'),
        '--user-data-dir',
        path.join(run, 'user-data'),
        '--extensions-dir',
        path.join(run, 'extensions'),
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--ignore-last-opened',
      ],
      {
        stdio: 'ignore',
        detached: true,
        env: { ...process.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: xdg },
      },
    );
    children.push(child);
    const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]]);
    where = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
    for (
      let i = 0;
      i < 300 &&
      !(await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  console.log(`
Locale Loop sandbox — everything local, no accounts (ready in ${seconds(started)}).

  Open:        ${where}
  Workspace:   ${workspace}
  Phrase TMS:  ${phrase.url}   user "${user.userName}", password "${user.password}"
  ModernMT:    ${mmt.url}   API key "${mmt.apiKey}"

Try: Locale Loop view → Sign in to Phrase TMS and Set ModernMT API Key (values above) →
Push to Phrase TMS → press c + Enter here to have the linguist complete every job → Pull →
select a sentence in src/App.tsx and run "Translate Selection with ModernMT" (Ctrl+Alt+T).

The CLI against the same emulators (another terminal, in this clone; npm run build first):
  PHRASE_TMS_USERNAME=${user.userName} PHRASE_TMS_PASSWORD=${user.password} MODERNMT_API_KEY=${mmt.apiKey} \\
    npx locale-loop status --cwd ${workspace}
  (another workspace: add LOCALE_LOOP_PHRASE_URL=${phrase.url} LOCALE_LOOP_MODERNMT_URL=${mmt.url})

  c + Enter    complete the jobs not completed yet (the emulated linguist translates)
  Ctrl+C       stop everything (asks before deleting the workspace if you changed it)

What the emulators see:`);
  rl.on('line', (line) => {
    if (line.trim() === 'c') console.log(`  ${completePending(phrase)}`);
  });
}

/** Removes an unchanged workspace; a changed one is deleted only when the user says so. */
async function keepOrRemove(
  workspace: string,
  pristine: ReadonlyMap<string, string>,
  rl: readline.Interface,
): Promise<void> {
  const changed = await changedFiles(workspace, pristine).catch(() => []);
  if (changed.length === 0) {
    await fs.rm(workspace, { recursive: true, force: true });
    console.log('\nStopped; the temp folders are removed.');
    return;
  }
  const list = `${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ` (+${changed.length - 5} more)` : ''}`;
  let remove = false;
  if (process.stdin.isTTY) {
    const answer = await new Promise<string>((resolve) =>
      rl.question(`\nThe sandbox workspace has changes (${list}). Delete it? [y/N] `, resolve),
    );
    remove = /^y(es)?$/i.test(answer.trim());
  }
  if (remove) {
    await fs.rm(workspace, { recursive: true, force: true });
    console.log('Stopped; the temp folders are removed.');
  } else console.log(`\nStopped. The workspace has changes (${list}), so it was kept: ${workspace}`);
}

void main();
