/**
 * The one polling loop of both clients (Phrase async requests and imports, ModernMT import
 * jobs): growing pauses, a deadline, cancellation. Clock and sleep are injectable for tests.
 */
import { sleep as realSleep } from '../backoff';

export interface PollOptions {
  readonly signal?: AbortSignal;
  /** Give up after this long (default 10 minutes). */
  readonly timeoutMs?: number;
  /** First pause, doubling up to `maxMs` (defaults 500 ms and 5 s). */
  readonly baseMs?: number;
  readonly maxMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

/**
 * Calls `check` until it returns a value (not undefined); between calls waits 50 %–100 % of
 * min(maxMs, baseMs·2^n) so many pollers do not fall into step. After `timeoutMs`, throws what
 * `timedOut` makes of the last state seen.
 */
export async function poll<T, S>(
  check: () => Promise<{ done: true; value: T } | { done: false; state: S }>,
  timedOut: (last: S) => Error,
  options: PollOptions = {},
): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const deadline = now() + (options.timeoutMs ?? 600_000);
  for (let attempt = 0; ; attempt++) {
    const r = await check();
    if (r.done) return r.value;
    const remaining = deadline - now();
    if (remaining <= 0) throw timedOut(r.state);
    const cap = Math.min(options.maxMs ?? 5000, (options.baseMs ?? 500) * 2 ** Math.min(attempt, 30));
    await sleep(Math.min(remaining, Math.max(50, Math.round(cap * (0.5 + random() / 2)))), options.signal);
  }
}
