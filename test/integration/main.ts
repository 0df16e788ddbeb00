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
  const started = Date.now();
  try {
    if (process.env.LOCALE_LOOP_VSCODE === 'desktop') {
      const { runTests } = await import('@vscode/test-electron');
      await runTests({ extensionDevelopmentPath: root, extensionTestsPath: testsPath, launchArgs: [workspace, '--disable-extensions'] });
      return 0;
    }
    const codeServer = findCodeServer(root);
    if (!existsSync(codeServer)) {
      console.error(`code-server is not installed at ${codeServer}: run npm run setup:vscode-test (or set CODE_SERVER)`);
      return 2;
    }
    return await runInCodeServer({ extensionPath: root, testsPath, workspace, codeServer });
  } finally {
    console.log(`integration suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await fs.rm(workspace, { recursive: true, force: true });
  }
}

void main().then((code) => {
  process.exitCode = code;
});
