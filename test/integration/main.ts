/**
 * `npm run test:integration`: the in-host suite against a copy of a fixture workspace, inside
 * code-server here (or desktop VS Code through @vscode/test-electron where it can be downloaded
 * and LOCALE_LOOP_VSCODE=desktop).
 */
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findCodeServer, runInCodeServer } from './runInCodeServer';

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
    const codeServer = findCodeServer(root);
    // Chosen automatically: code-server where it is installed (this machine, CI), else desktop
    // VS Code downloaded by @vscode/test-electron (a machine with internet access).
    if (process.env.LOCALE_LOOP_VSCODE === 'desktop' || !existsSync(codeServer)) {
      const { runTests } = await import('@vscode/test-electron');
      await runTests({ extensionDevelopmentPath: root, extensionTestsPath: testsPath, launchArgs: [workspace, '--disable-extensions'] });
      await runTests({ extensionDevelopmentPath: root, extensionTestsPath: testsPath, launchArgs: [await fresh(), '--disable-extensions'], extensionTestsEnv: { LOCALE_LOOP_SUITE: 'untrusted' } });
      return 0;
    }
    const trusted = await runInCodeServer({ extensionPath: root, testsPath, workspace, codeServer });
    const untrusted = await runInCodeServer({ extensionPath: root, testsPath, workspace: await fresh(), codeServer, untrusted: true, env: { LOCALE_LOOP_SUITE: 'untrusted' } });
    return trusted || untrusted;
  } finally {
    console.log(`integration suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const dir of [workspace, ...extra]) await fs.rm(dir, { recursive: true, force: true });
  }
}

void main().then((code) => {
  process.exitCode = code;
});
