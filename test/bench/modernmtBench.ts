/**
 * translate-missing of 10,000 keys into one locale against the ModernMT emulator: requests next
 * to the floor, wall time, and the client's overhead per request (its wall time minus the time the
 * emulator reports spending on the request).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/locales/config';
import { ModernMtClient } from '../../src/modernmt/client';
import { protect } from '../../src/modernmt/protect';
import { translateMissing } from '../../src/sync/translateMissing';
import { ModernMtEmulator } from '../emulators/modernmt/server';
import { namespaceObject } from './generate';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

export async function modernMtBench(dir: string): Promise<void> {
  const repo = path.join(dir, 'mt-repo');
  await fs.rm(repo, { recursive: true, force: true });
  await fs.mkdir(path.join(repo, 'locales', 'en'), { recursive: true });
  for (let ns = 0; ns < 25; ns++) await fs.writeFile(path.join(repo, 'locales', 'en', `ns${ns}.json`), JSON.stringify(namespaceObject('en', ns, 400), null, 2) + '\n');
  const mmt = new ModernMtEmulator();
  await mmt.start();
  try {
    await fs.writeFile(path.join(repo, 'locale-loop.json'), JSON.stringify({ sourceLocale: 'en', targetLocales: ['de'], files: 'locales/{locale}/{namespace}.json', modernmt: { baseUrl: mmt.url } }));
    const config = await loadConfig(repo);
    const client = new ModernMtClient({ apiKey: mmt.apiKey, baseUrl: mmt.url });
    const t0 = performance.now();
    const result = await translateMissing(config, client);
    const wall = performance.now() - t0;
    const calls = mmt.log.filter((x) => x.path === '/translate');
    const segments = calls.reduce((n, x) => n + (x.body.q as string[]).length, 0);
    const chars = calls.reduce((n, x) => n + (x.body.q as string[]).join('').length, 0);
    const floor = Math.max(Math.ceil(segments / 128), Math.ceil(chars / 10_000));
    const keys = result.locales[0]!.translated;
    console.log('');
    console.log(`translate-missing of ${keys.toLocaleString('en')} keys into de (emulator; identical source texts sent once)`);
    console.log(`  requests         ${calls.length}   (floor ${floor} = max(ceil(${segments} segments / 128), ceil(${chars.toLocaleString('en')} characters / 10,000)); target within 10%: ${calls.length <= Math.ceil(floor * 1.1) ? 'met' : 'not met'})`);
    console.log(`  wall time        ${(wall / 1000).toFixed(2)} s (scan, protect, translate, restore, write 25 files)`);

    // Client overhead: sequential full batches, client wall time minus the emulator's own time.
    const batch = Array.from({ length: 128 }, (_, i) => protect(`Hello {{name}}, see <0>item ${i}</0> and $t(section0.group0.label0) in the list`).xml);
    const overheads: number[] = [];
    for (let i = 0; i < 60; i++) {
      const s = performance.now();
      await client.translate('en', 'de', batch, { format: 'text/xml' });
      const clientMs = performance.now() - s;
      if (i >= 10) overheads.push(clientMs - mmt.log.at(-1)!.serverMs!);
    }
    console.log(`  client overhead  ${median(overheads).toFixed(2)} ms median per request of 128 segments (client wall time minus emulator time, 50 requests; target < 2 ms)`);
  } finally {
    await mmt.stop();
  }
}
