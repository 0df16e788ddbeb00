/**
 * The extension's weight and start: VSIX size, what activation loads (dist/extension.js) next to
 * what loads on first use, and `activate()` measured inside a real extension host (code-server),
 * when one is installed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findCodeServer, runInCodeServer } from '../integration/runInCodeServer';

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

export async function extensionBench(root: string): Promise<void> {
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root });
  const vsix = path.join(os.tmpdir(), `locale-loop-bench-${process.pid}.vsix`);
  execFileSync(
    process.execPath,
    [
      require.resolve('@vscode/vsce/vsce'),
      'package',
      '--no-dependencies',
      '--baseImagesUrl',
      'https://example.invalid/locale-loop/raw/main/',
      '-o',
      vsix,
    ],
    { cwd: root, stdio: 'ignore' },
  );
  const size = (await fs.stat(vsix)).size;
  await fs.rm(vsix, { force: true });
  const file = async (f: string) => (await fs.stat(path.join(root, 'dist', f))).size;
  console.log('');
  console.log('extension');
  console.log(
    `  VSIX             ${(size / 1048576).toFixed(2)} MB   (target < 2 MB, lexers with TypeScript included)`,
  );
  console.log(`  loaded at activation  dist/extension.js ${kb(await file('extension.js'))}   (target < 300 KB)`);
  console.log(
    `  loaded on first use   dist/services.js ${kb(await file('services.js'))} (network), dist/codeLexers.js ${kb(await file('codeLexers.js'))} (t() usage)`,
  );
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root });

  const codeServer = findCodeServer(root);
  if (!existsSync(codeServer)) {
    console.log(`  activate()       not measured: no code-server at ${codeServer}`);
    return;
  }
  const workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'll-bench-ws-'));
  await fs.cp(path.join(root, 'test/fixtures/sync-app'), workspace, { recursive: true });
  const metrics = path.join(workspace, '..', `ll-metrics-${process.pid}.json`);
  const log = console.log;
  console.log = () => undefined; // the suite's own output is not part of the figures
  try {
    await runInCodeServer({
      extensionPath: root,
      testsPath: path.join(root, 'dist/test/integration/index'),
      workspace,
      codeServer,
      env: { LOCALE_LOOP_METRICS: metrics },
    });
  } finally {
    console.log = log;
  }
  const m = JSON.parse(await fs.readFile(metrics, 'utf8').catch(() => '{}')) as { activationMs?: number };
  console.log(
    `  activate()       ${m.activationMs?.toFixed(1) ?? '?'} ms inside code-server's extension host, no network, no scan   (target < 50 ms)`,
  );
  await fs.rm(workspace, { recursive: true, force: true });
  await fs.rm(metrics, { force: true });
}
