/**
 * What the in-VS-Code tiers need before they run: code-server (in `.tools/`, or $CODE_SERVER) and a
 * Chromium to drive it. Missing tools are installed here (scripts/install-vscode-test-tools.sh,
 * one line per step) so that `npm test` works on a fresh clone; where that is impossible (no
 * permission, no network) the run stops with one sentence saying what to run. Desktop VS Code
 * through @vscode/test-electron is used only when asked for, or as the last resort, and only
 * after a short probe shows its download host answers (never an uncaught ENOTFOUND).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';

/** A failure a person can act on: `message` is the one sentence printed, nothing else. */
export class ToolsError extends Error {
  readonly kind = 'ToolsError' as const;
  static is(e: unknown): e is ToolsError {
    return e instanceof Error && (e as { kind?: unknown }).kind === 'ToolsError';
  }
}

export const desktopDownloadHost = 'https://update.code.visualstudio.com/api/releases/stable';

/** Where the tools live: $LOCALE_LOOP_TOOLS_DIR (a temp prefix in tests) or the project's .tools/. */
export function toolsDir(root: string): string {
  return path.resolve(process.env.LOCALE_LOOP_TOOLS_DIR ?? path.join(root, '.tools'));
}

export function findCodeServer(root: string): string {
  return process.env.CODE_SERVER ?? path.join(toolsDir(root), 'node_modules', '.bin', 'code-server');
}

/** $CHROMIUM, else the first Chromium or Chrome on PATH. */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM) return existsSync(process.env.CHROMIUM) ? process.env.CHROMIUM : undefined;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
  }
  return undefined;
}

/** Whether desktop VS Code could be downloaded: a HEAD to its update host, answered within `timeoutMs`. */
export function canDownloadDesktop(url = desktopDownloadHost, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.request(url, { method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

export type Runner = { kind: 'code-server'; codeServer: string; chromium: string } | { kind: 'desktop' };

export interface EnsureOptions {
  readonly root: string;
  /** Prints the one-line progress messages (default console.log). */
  readonly say?: (line: string) => void;
  /** Injected in tests; default: the HEAD probe above. */
  readonly desktopReachable?: () => Promise<boolean>;
  /** Runs the install script and returns its exit code and last stderr line (injected in tests). */
  readonly install?: (args: string[]) => { code: number; message: string };
}

/** The install script's exit code when it cannot install for lack of permission or network. */
export const cannotInstall = 3;

/**
 * Finds, or installs, what the in-VS-Code tiers need, and says which runner to use. Throws a
 * ToolsError (one sentence) when neither code-server nor desktop VS Code can be had.
 */
export async function ensureTestTools(options: EnsureOptions): Promise<Runner> {
  const say = options.say ?? ((l: string) => console.log(l));
  const reachable = options.desktopReachable ?? (() => canDownloadDesktop());
  if (process.env.LOCALE_LOOP_VSCODE === 'desktop') {
    if (await reachable()) return { kind: 'desktop' };
    throw new ToolsError(
      `LOCALE_LOOP_VSCODE=desktop asks for desktop VS Code, but ${new URL(desktopDownloadHost).host} cannot be reached to download it: unset LOCALE_LOOP_VSCODE to use code-server instead.`,
    );
  }
  let codeServer = findCodeServer(options.root);
  let chromium = findChromium();
  if (existsSync(codeServer) && chromium) return { kind: 'code-server', codeServer, chromium };
  const missing = [existsSync(codeServer) ? '' : 'code-server', chromium ? '' : 'Chromium']
    .filter(Boolean)
    .join(' and ');
  say(`The in-VS-Code tests need ${missing}: installing ${missing.includes(' and ') ? 'them' : 'it'} now (once).`);
  const run = options.install ?? runInstallScript(options.root);
  const result = run(chromium ? ['--no-browser'] : []);
  codeServer = findCodeServer(options.root);
  chromium = findChromium();
  if (result.code === 0 && existsSync(codeServer) && chromium) return { kind: 'code-server', codeServer, chromium };
  // Only where desktop VS Code can actually be downloaded is it a way out.
  if (await reachable()) {
    say(
      `${result.message || `could not install ${missing}`}; using desktop VS Code through @vscode/test-electron instead.`,
    );
    return { kind: 'desktop' };
  }
  throw new ToolsError(
    result.message ||
      `Could not install ${missing} for the in-VS-Code tests: run "npm run setup:vscode-test" and read its output.`,
  );
}

function runInstallScript(root: string): (args: string[]) => { code: number; message: string } {
  return (args) => {
    const res = spawnSync('bash', [path.join(root, 'scripts/install-vscode-test-tools.sh'), ...args], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, LOCALE_LOOP_TOOLS_DIR: toolsDir(root) },
    });
    const lines = (res.stderr ?? '').trim().split('\n').filter(Boolean);
    return { code: res.status ?? 1, message: lines.at(-1) ?? '' };
  };
}
