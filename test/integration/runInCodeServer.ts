/**
 * Runs the integration suite inside a real VS Code: code-server's Node extension host, driven by
 * a headless Chromium (no clicking: the workbench is opened with `extensionDevelopmentPath` and
 * `extensionTestsPath`, and reports the suite's exit code through `codeAutomationExit`). The
 * user's own VS Code and home directory are never touched: everything lives in a temp run dir.
 * Recipe: shared/reference/e2e-recipe.md §3. Also used as the `vscodeExecutablePath` shim of
 * @vscode/test-electron on machines without desktop VS Code (it ignores the flags it does not know).
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { findChromium, findCodeServer } from './tools';

export interface RunOptions {
  readonly extensionPath: string;
  readonly testsPath: string;
  readonly workspace?: string;
  readonly env?: Record<string, string>;
  readonly timeoutMs?: number;
  /** Where code-server is (default: $CODE_SERVER, then the project's .tools install). */
  readonly codeServer?: string;
  readonly chromium?: string;
  /** Open the workspace with Workspace Trust on, not trusted (restricted mode). */
  readonly untrusted?: boolean;
}

export { findCodeServer } from './tools';

/** A port the OS just handed out on loopback; shared by the runner, the UI e2e and the sandbox. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function runInCodeServer(options: RunOptions): Promise<number> {
  const root = path.resolve(__dirname, '../..');
  const run = await fs.mkdtemp(path.join(process.env.E2E_TMP ?? os.tmpdir(), 'll-vscode-'));
  const dirs = {
    userData: path.join(run, 'user-data'),
    extensions: path.join(run, 'extensions'),
    xdg: path.join(run, 'xdg'),
    temp: path.join(run, 'temp'),
    profile: path.join(run, 'chromium'),
  };
  for (const d of Object.values(dirs)) await fs.mkdir(d, { recursive: true });
  await fs.mkdir(path.join(dirs.userData, 'User'), { recursive: true });
  await fs.writeFile(path.join(run, 'config.yaml'), 'auth: none\ncert: false\n');
  await fs.writeFile(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': !!options.untrusted,
      'security.workspace.trust.startupPrompt': 'never',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'extensions.ignoreRecommendations': true,
      'update.mode': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'git.enabled': false,
      'localeLoop.jobs.pollIntervalSeconds': 0,
    }),
  );
  const port = await freePort();
  const codeServer = options.codeServer ?? findCodeServer(root);
  const env = {
    ...process.env,
    ...options.env,
    XDG_CONFIG_HOME: dirs.xdg,
    XDG_DATA_HOME: dirs.xdg,
    XDG_CACHE_HOME: dirs.xdg,
    TMPDIR: dirs.temp,
  };
  const log = await fs.open(path.join(run, 'code-server.log'), 'w');
  const server = spawn(
    codeServer,
    [
      '--config',
      path.join(run, 'config.yaml'),
      '--user-data-dir',
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.untrusted ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env, detached: true, stdio: ['ignore', log.fd, log.fd] },
  );
  // Killing only code-server would orphan its file watcher and extension host: kill the group.
  const kill = () => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', kill);
  let browser: { close(): Promise<void> } | undefined;
  try {
    const started = Date.now();
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() - started > 30_000) {
        throw new Error(`code-server did not start: see ${path.join(run, 'code-server.log')}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(options.extensionPath)],
      ['extensionTestsPath', remote(options.testsPath)],
    ];
    const url = `http://127.0.0.1:${port}/?${options.workspace ? `folder=${encodeURIComponent(path.resolve(options.workspace))}` : 'ew=true'}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(dirs.profile, {
      executablePath: options.chromium ?? findChromium() ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(dirs.profile, 'xdg-config'),
        XDG_CACHE_HOME: path.join(dirs.profile, 'xdg-cache'),
      },
    });
    browser = context;
    const page = context.pages()[0] ?? (await context.newPage());
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
      const line = format(...(args as [unknown, ...unknown[]])).replace(/%c/g, '');
      if (!/vsda|open-vsx|Failed to load resource/.test(line)) console.log(line);
    });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>(
      (resolve) => (timer = setTimeout(() => resolve(124), options.timeoutMs ?? 300_000)),
    );
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    if (code === 124) console.error('the integration suite timed out');
    return code;
  } finally {
    await browser?.close().catch(() => undefined);
    kill();
    process.removeListener('exit', kill);
    await log.close();
    if (!process.env.KEEP_RUN_DIR) await fs.rm(run, { recursive: true, force: true }).catch(() => undefined);
  }
}
