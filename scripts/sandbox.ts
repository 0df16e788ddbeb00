/**
 * `npm run sandbox`: try the whole loop without Phrase TMS or ModernMT accounts. Starts both
 * emulators on loopback (a seeded project, a user, an API key), copies a sample app to a temp
 * dir with locale-loop.json pointing at them, and opens it with the extension loaded: in desktop
 * VS Code when `code` is on PATH, otherwise in code-server at a printed http://127.0.0.1 URL.
 * Press `c` + Enter to play the linguist (complete every job); Ctrl+C stops everything.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { ModernMtEmulator } from '../test/emulators/modernmt/server';
import { PhraseEmulator } from '../test/emulators/phrase/server';
import { findCodeServer, freePort } from '../test/integration/runInCodeServer';

const root = path.resolve(__dirname, '..');
const user = { userName: 'sandbox', password: 'sandbox-password' };

async function main(): Promise<void> {
  const phrase = new PhraseEmulator({ users: [user], projects: [{ uid: 'sandbox-project', name: 'Plant Shop', sourceLang: 'en', targetLangs: ['de', 'fr'] }], importDelayMs: 500, exportDelayMs: 300 });
  const mmt = new ModernMtEmulator({ apiKey: 'sandbox-modernmt-key' });
  await phrase.start(Number(process.env.SANDBOX_PHRASE_PORT ?? 0));
  await mmt.start(Number(process.env.SANDBOX_MODERNMT_PORT ?? 0));

  const workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'locale-loop-sandbox-'));
  await fs.cp(path.join(root, 'test/fixtures/sandbox-app'), workspace, { recursive: true });
  const config = JSON.parse(await fs.readFile(path.join(workspace, 'locale-loop.json'), 'utf8'));
  config.phrase.baseUrl = phrase.url;
  config.modernmt.baseUrl = mmt.url;
  await fs.writeFile(path.join(workspace, 'locale-loop.json'), JSON.stringify(config, null, 2) + '\n');

  const children: Array<{ pid?: number }> = [];
  const stop = async () => {
    for (const c of children) {
      try {
        if (c.pid) process.kill(-c.pid, 'SIGTERM');
      } catch {
        // gone
      }
    }
    await phrase.stop();
    await mmt.stop();
    await fs.rm(workspace, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0 && !process.env.SANDBOX_CODE_SERVER;
  let where: string;
  if (hasCode) {
    const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, workspace], { stdio: 'ignore', detached: true });
    children.push(child);
    where = 'a new VS Code window';
  } else {
    const codeServer = findCodeServer(root);
    if (!existsSync(codeServer)) {
      console.log('Installing code-server into .tools/ (once)…');
      spawnSync('bash', [path.join(root, 'scripts/install-vscode-test-tools.sh'), '--code-server-only'], { stdio: 'inherit' });
    }
    const port = Number(process.env.SANDBOX_PORT ?? (await freePort()));
    const run = await fs.mkdtemp(path.join(os.tmpdir(), 'locale-loop-sandbox-vscode-'));
    await fs.writeFile(path.join(run, 'config.yaml'), 'auth: none\ncert: false\n');
    await fs.mkdir(path.join(run, 'user-data', 'User'), { recursive: true });
    await fs.writeFile(path.join(run, 'user-data', 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false, 'localeLoop.jobs.pollIntervalSeconds': 5 }));
    const xdg = path.join(run, 'xdg');
    const child = spawn(
      codeServer,
      ['--config', path.join(run, 'config.yaml'), '--user-data-dir', path.join(run, 'user-data'), '--extensions-dir', path.join(run, 'extensions'), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--ignore-last-opened'],
      { stdio: 'ignore', detached: true, env: { ...process.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: xdg } },
    );
    children.push(child);
    const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]]);
    where = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
    for (let i = 0; i < 300 && !(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
  }

  console.log(`
Locale Loop sandbox — everything local, no accounts.

  Open:        ${where}
  Workspace:   ${workspace}
  Phrase TMS:  ${phrase.url}   user "${user.userName}", password "${user.password}"
  ModernMT:    ${mmt.url}   API key "${mmt.apiKey}"

Try: Locale Loop view → Sign in to Phrase TMS and Set ModernMT API Key (values above) →
Push to Phrase TMS → press c + Enter here to have the linguist complete every job → Pull →
select a sentence in src/App.tsx and run "Translate Selection with ModernMT" (Ctrl+Alt+T).

  c + Enter    complete every job (the emulated linguist translates)
  Ctrl+C       stop everything
`);
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'c') console.log(`completed ${phrase.complete().length} job(s): pull them from the Phrase TMS view`);
  });
}

void main();
