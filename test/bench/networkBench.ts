/**
 * The network edge under attack, as printed figures: the most memory a hostile answer can take
 * (an endless body against the default limits), and how long a trickling server can hold a
 * request and an operation (measured with shortened deadlines, the defaults computed).
 */
import { PhraseClient } from '../../src/phrase/client';
import { defaultRetryTiming } from '../../src/util/http/retry';
import { flood, hostileServer, trickle } from '../safety/hostileServers';

const MB = 1024 * 1024;

/** Peak RSS growth (MB) while `work` runs, sampled every 20 ms. */
async function peakGrowth(work: () => Promise<unknown>): Promise<{ mb: number; ms: number; error?: string }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  let error: string | undefined;
  try {
    await work();
  } catch (e) {
    error = (e as { errorCode?: string }).errorCode ?? (e as Error).message;
  }
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { mb: (peak - base) / MB, ms: performance.now() - t0, error };
}

export async function networkBench(): Promise<void> {
  console.log('');
  console.log('network edge against hostile servers (127.0.0.1)');
  const endless = await hostileServer((_req, res) => flood(res));
  try {
    const phrase = new PhraseClient({
      baseUrl: `${endless.url}/web`,
      credentials: { token: 'bench-token-1234' },
      retries: 0,
    });
    const lists = await peakGrowth(() => Promise.allSettled(Array.from({ length: 4 }, () => phrase.listProjects())));
    console.log(
      `  4 endless JSON answers  stopped at the 32 MB limit each after ${lists.ms.toFixed(0)} ms; peak memory growth ${lists.mb.toFixed(0)} MB RSS (bound: 4 × 32 MB in flight)`,
    );
    const download = await peakGrowth(() =>
      phrase.transport.send('GET', '/api2/v2/projects/p/jobs/j/downloadTargetFile/1'),
    );
    console.log(
      `  endless file download   stopped at the 256 MB limit (${download.error}) after ${download.ms.toFixed(0)} ms; peak memory growth ${download.mb.toFixed(0)} MB RSS`,
    );
  } finally {
    await endless.close();
  }
  const slow: Awaited<ReturnType<typeof hostileServer>> = await hostileServer((_req, res) =>
    trickle(res, 2000, slow.url),
  );
  try {
    const phrase = new PhraseClient({
      baseUrl: `${slow.url}/web`,
      credentials: { token: 'bench-token-1234' },
      requestTimeoutMs: 5000,
      retryTiming: { operationDeadlineMs: 12_000, baseMs: 100, maxMs: 100 },
    });
    const held = await peakGrowth(() => phrase.listProjects());
    console.log(
      `  a byte every 2 s        one operation held ${(held.ms / 1000).toFixed(1)} s with a 5 s request deadline and a 12 s operation deadline (${held.error}; ${slow.seen.length} requests)`,
    );
  } finally {
    await slow.close();
  }
  const t = defaultRetryTiming;
  console.log(
    `  defaults                a request ≤ 120 s; an operation ≤ ${t.operationDeadlineMs / 60_000} min (${t.retries} retries, waits ≤ ${t.retryAfterCapMs / 1000} s each); an answer ≤ 256 MB (file) / 32 MB (JSON)`,
  );
}
