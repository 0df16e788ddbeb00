/**
 * ModernMT figures: the tricky-input corpus × every mangling mode of the emulator (wrong results
 * accepted, refused, correct); translate-missing of ~150,000 source characters into 2 locales
 * under the account's 10,000 characters/s limit (wall time vs the limit's floor, billed ÷
 * distinct characters, requests vs ⌈segments/128⌉); and the client's overhead per request.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/locales/config';
import { ModernMtClient } from '../../src/modernmt/client';
import { protect } from '../../src/modernmt/protect';
import { translateMissing } from '../../src/sync/translateMissing';
import { ModernMtEmulator } from '../emulators/modernmt/server';
import { runCorpusModes, tally } from '../support/mtModesRun';
import { namespaceObject } from './generate';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

async function corpusFigures(): Promise<void> {
  const mmt = new ModernMtEmulator();
  await mmt.start();
  try {
    const outcomes = await runCorpusModes(mmt, new ModernMtClient({ apiKey: mmt.apiKey, baseUrl: mmt.url }));
    const t = tally(outcomes);
    console.log('');
    console.log(
      `placeholder safety: tricky-input corpus × mangling modes (${t.total} results, judged by the independent checker)`,
    );
    console.log(`  wrong accepted   ${t.wrongAccepted}   (target 0: ${t.wrongAccepted === 0 ? 'met' : 'NOT met'})`);
    console.log(`  refused          ${t.refused}`);
    console.log(`  correct          ${t.correct}`);
    const modes = [...new Set(outcomes.map((o) => o.mode))];
    for (const m of modes) {
      const x = tally(outcomes.filter((o) => o.mode === m));
      console.log(
        `    ${m.padEnd(18)} wrong ${x.wrongAccepted}  refused ${String(x.refused).padStart(2)}  correct ${String(x.correct).padStart(2)}`,
      );
    }
  } finally {
    await mmt.stop();
  }
}

async function rateLimitedRun(dir: string): Promise<void> {
  const repo = path.join(dir, 'mt-rate-repo');
  await fs.rm(repo, { recursive: true, force: true });
  await fs.mkdir(path.join(repo, 'locales', 'en'), { recursive: true });
  for (let ns = 0; ns < 6; ns++) {
    await fs.writeFile(
      path.join(repo, 'locales', 'en', `ns${ns}.json`),
      JSON.stringify(namespaceObject('en', ns, 370), null, 2) + '\n',
    );
  }
  const mmt = new ModernMtEmulator({ charsPerSecond: 10_000, billOncePerProject: true });
  await mmt.start();
  try {
    await fs.writeFile(
      path.join(repo, 'locale-loop.json'),
      JSON.stringify({
        sourceLocale: 'en',
        targetLocales: ['de', 'fr'],
        files: 'locales/{locale}/{namespace}.json',
        modernmt: { baseUrl: mmt.url, charsPerSecond: 10_000 },
      }),
    );
    const config = await loadConfig(repo);
    const client = new ModernMtClient({ apiKey: mmt.apiKey, baseUrl: mmt.url, charsPerSecond: 10_000 });
    const t0 = performance.now();
    const result = await translateMissing(config, client);
    const wall = (performance.now() - t0) / 1000;
    const calls = mmt.log.filter((x) => x.path === '/translate');
    const ok = calls.filter((x) => x.status === 200);
    const sent = ok.reduce((n, x) => n + (x.body.q as string[]).join('').length, 0);
    const source = result.locales.reduce((n, l) => n + l.characters, 0);
    // Distinct: each protected form once per locale, as the engine must see it at least.
    const distinct = result.locales.reduce((n, l) => n + (l.sentCharacters ?? 0), 0);
    const segmentsPerLocale = result.locales.map((l) =>
      ok.filter((x) => x.body.target === l.locale).reduce((n, x) => n + (x.body.q as string[]).length, 0),
    );
    const floorRequests = segmentsPerLocale.reduce((n, s) => n + Math.ceil(s / 128), 0);
    const requestsFloorByChars = result.locales.reduce((n, l) => n + Math.ceil((l.sentCharacters ?? 0) / 10_000), 0);
    console.log('');
    console.log(
      `translate-missing of ${(source / 2).toLocaleString('en')} source characters into 2 locales (de, fr), emulator limited to 10,000 characters/s, billed once per project`,
    );
    console.log(
      `  keys             ${result.locales.map((l) => `${l.locale} ${l.translated.toLocaleString('en')}`).join(', ')}; refused ${result.locales.reduce((n, l) => n + l.refused.length, 0)}`,
    );
    console.log(
      `  wall time        ${wall.toFixed(1)} s vs the limit's floor ${(sent / 10_000).toFixed(1)} s (${sent.toLocaleString('en')} characters sent ÷ 10,000/s): ${(wall / (sent / 10_000)).toFixed(2)}×`,
    );
    console.log(`  429 answers      ${calls.filter((x) => x.status === 429).length}`);
    console.log(
      `  billed           ${mmt.billing.billed.toLocaleString('en')} characters ÷ ${distinct.toLocaleString('en')} distinct = ${(mmt.billing.billed / distinct).toFixed(3)} (target ≤ 1.05: ${mmt.billing.billed / distinct <= 1.05 ? 'met' : 'NOT met'}); ${source.toLocaleString('en')} characters of source text before deduplication`,
    );
    console.log(
      `  requests         ${ok.length} vs ⌈segments/128⌉ = ${floorRequests} (segments ${segmentsPerLocale.join(' + ')}); by the 10,000-character cap: ${requestsFloorByChars}`,
    );
  } finally {
    await mmt.stop();
  }
}

export async function modernMtBench(dir: string): Promise<void> {
  await corpusFigures();
  await rateLimitedRun(dir);

  // Client overhead: sequential full batches, client wall time minus the emulator's own time.
  const mmt = new ModernMtEmulator();
  await mmt.start();
  try {
    const client = new ModernMtClient({ apiKey: mmt.apiKey, baseUrl: mmt.url });
    const batch = Array.from(
      { length: 128 },
      (_, i) => protect(`Hello {{name}}, see <0>item ${i}</0> and $t(section0.group0.label0) in the list`).xml,
    );
    const overheads: number[] = [];
    for (let i = 0; i < 60; i++) {
      const s = performance.now();
      await client.translate('en', 'de', batch, { format: 'text/xml' });
      const clientMs = performance.now() - s;
      if (i >= 10) overheads.push(clientMs - mmt.log.at(-1)!.serverMs!);
    }
    console.log(
      `  client overhead  ${median(overheads).toFixed(2)} ms median per request of 128 segments (client wall time minus emulator time, 50 requests; target < 2 ms)`,
    );
  } finally {
    await mmt.stop();
  }
}
