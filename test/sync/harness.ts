/** End-to-end harness: a Phrase TMS emulator, a fixture workspace in a temp dir, and the CLI. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli';
import type { MmtEmulatorOptions } from '../emulators/modernmt/server';
import { ModernMtEmulator } from '../emulators/modernmt/server';
import type { EmulatorOptions } from '../emulators/phrase/server';
import { PhraseEmulator } from '../emulators/phrase/server';
import { copyFixture } from '../unit/helpers';

export const user = { userName: 'loop-tester', password: 's3cret-Passw0rd!' };

export interface Harness {
  readonly phrase: PhraseEmulator;
  readonly mmt: ModernMtEmulator;
  readonly root: string;
  readonly env: Record<string, string>;
  cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  read(rel: string): Promise<string>;
  write(rel: string, text: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(
  fixture = 'sync-app',
  options: EmulatorOptions = {},
  mmtOptions: MmtEmulatorOptions = {},
): Promise<Harness> {
  const phrase = new PhraseEmulator({
    users: [user],
    projects: [
      {
        uid: 'sync-project',
        name: 'Locale Loop sync test',
        sourceLang: 'en',
        targetLangs: ['de', 'pl', 'pt_br', 'ar', 'ja'],
      },
    ],
    importDelayMs: 30,
    exportDelayMs: 20,
    ...options,
  });
  await phrase.start();
  const mmt = new ModernMtEmulator({ importDelayMs: 30, ...mmtOptions });
  await mmt.start();
  const root = await copyFixture(fixture);
  const env = {
    PHRASE_TMS_USERNAME: user.userName,
    PHRASE_TMS_PASSWORD: user.password,
    LOCALE_LOOP_PHRASE_URL: phrase.url,
    LOCALE_LOOP_RETRY_BASE_MS: '20',
    LOCALE_LOOP_POLL_MS: '20',
    MODERNMT_API_KEY: mmt.apiKey,
    LOCALE_LOOP_MODERNMT_URL: mmt.url,
  };
  return {
    phrase,
    mmt,
    root,
    env,
    async cli(...args) {
      let stdout = '';
      let stderr = '';
      const stdin = args[0] === '--stdin' ? args.splice(0, 2)[1]! : '';
      const code = await main(
        [...args, '--cwd', root],
        { write: (s) => (stdout += s) },
        { write: (s) => (stderr += s) },
        env,
        async () => stdin,
      );
      return { code, stdout, stderr };
    },
    read: (rel) => fs.readFile(path.join(root, rel), 'utf8'),
    write: (rel, text) => fs.writeFile(path.join(root, rel), text),
    async stop() {
      await phrase.stop();
      await mmt.stop();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
