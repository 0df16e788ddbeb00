/**
 * ModernMT's account limits and billing as the emulator applies them (opt-in), from
 * shared/reference/modernmt-behaviour.md, "Limits and billing": "a default rate limit of 10,000
 * characters per second per account … Excess answers 429", and "requests with the same
 * `project_id`, sentence and target within a limited time are billed once".
 */

/** Characters accepted in the last second, per API key: a request that would exceed the rate is refused. */
export class RateWindow {
  private readonly sent = new Map<string, Array<{ at: number; chars: number }>>();

  constructor(private readonly charsPerSecond: number) {}

  /** Whether `chars` more fit in the second before `now`; if so they are counted. */
  take(key: string, chars: number, now = performance.now()): boolean {
    const log = (this.sent.get(key) ?? []).filter((x) => now - x.at < 1000);
    this.sent.set(key, log);
    const used = log.reduce((n, x) => n + x.chars, 0);
    if (used + chars > this.charsPerSecond) return false;
    log.push({ at: now, chars });
    return true;
  }
}

/** What was billed: each translated sentence once per project and target (when a project is named). */
export class BillingLedger {
  private readonly seen = new Set<string>();
  /** Characters billed so far. */
  billed = 0;
  /** Characters received for translation so far (billed or not). */
  received = 0;

  constructor(private readonly oncePerProject: boolean) {}

  bill(projectId: string | undefined, target: string, sentence: string): number {
    this.received += sentence.length;
    if (this.oncePerProject && projectId !== undefined) {
      const id = `${projectId}\u0000${target.toLowerCase()}\u0000${sentence}`;
      if (this.seen.has(id)) return 0;
      this.seen.add(id);
    }
    this.billed += sentence.length;
    return sentence.length;
  }
}
