/**
 * `npm test`'s in-host tier (`npm run test:vscode`): the suite against a copy of a fixture
 * workspace, inside code-server (installed first when missing, see tools.ts), or desktop VS Code
 * through @vscode/test-electron where it can be downloaded (LOCALE_LOOP_VSCODE=desktop, or when
 * code-server cannot be installed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInCodeServer } from './runInCodeServer';
import { ensureTestTools, ToolsError } from './tools';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '../..');
  const workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'll-ws-'));
  await fs.cp(path.join(root, 'test/fixtures/sync-app'), workspace, { recursive: true });
  const testsPath = path.join(root, 'dist/test/integration/index');
  const extra: string[] = [];
  const fresh = async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'll-ws-'));
    extra.push(dir);
    await fs.cp(path.join(root, 'test/fixtures/sync-app'), dir, { recursive: true });
    return dir;
  };
  const started = Date.now();
  try {
    if (!existsSync(`${testsPath}.js`)) {
      console.log('• Building the extension and the in-host suite (npm run build)…');
      if (spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' }).status !== 0) {
        throw new ToolsError('The build failed (see above): fix it, then run npm test again.');
      }
    }
    const runner = await ensureTestTools({ root });
    if (runner.kind === 'desktop') {
      const { runTests } = await import('@vscode/test-electron');
      await runTests({
        extensionDevelopmentPath: root,
        extensionTestsPath: testsPath,
        launchArgs: [workspace, '--disable-extensions'],
      });
      await runTests({
        extensionDevelopmentPath: root,
        extensionTestsPath: testsPath,
        launchArgs: [await fresh(), '--disable-extensions'],
        extensionTestsEnv: { LOCALE_LOOP_SUITE: 'untrusted' },
      });
      return 0;
    }
    const { codeServer, chromium } = runner;
    const trusted = await runInCodeServer({ extensionPath: root, testsPath, workspace, codeServer, chromium });
    const untrusted = await runInCodeServer({
      extensionPath: root,
      testsPath,
      workspace: await fresh(),
      codeServer,
      chromium,
      untrusted: true,
      env: { LOCALE_LOOP_SUITE: 'untrusted' },
    });
    return trusted || untrusted;
  } catch (e) {
    // One sentence a person can act on; a stack only for what nobody foresaw.
    console.error(
      ToolsError.is(e)
        ? e.message
        : `The in-VS-Code tests could not run: ${(e as Error).message}${process.env.LOCALE_LOOP_DEBUG ? `\n${(e as Error).stack}` : ''}`,
    );
    return 1;
  } finally {
    console.log(`integration suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const dir of [workspace, ...extra]) await fs.rm(dir, { recursive: true, force: true });
  }
}

void main().then((code) => {
  process.exitCode = code;
});
