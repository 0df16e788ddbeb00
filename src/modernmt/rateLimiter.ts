/**
 * The account's character rate (ModernMT: 10,000 characters per second per key by default,
 * beyond that 429): a sliding window like the service's, so a bulk run goes as fast as the
 * account allows and no faster. Callers take characters in turn (first come, first served).
 *
 * The service counts a request from when it arrives, some time between our send and its answer,
 * so a request's characters leave our window one window-length after its ANSWER: never earlier
 * than they leave the service's, whatever the network's delay and jitter.
 */
import { sleep } from '../util/backoff';

interface Sent {
  /** When the answer came (undefined: still in flight, counted). */
  at?: number;
  readonly chars: number;
}

export class CharRateLimiter {
  private readonly sent: Sent[] = [];
  private queue: Promise<void> = Promise.resolve();
  private pausedUntil = 0;

  constructor(
    readonly charsPerSecond: number,
    private readonly windowMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Waits until `chars` more fit in the window (a request larger than the rate waits for an
   * empty one); the returned function is called when the answer (or failure) arrives.
   */
  async take(chars: number, signal?: AbortSignal): Promise<() => void> {
    const entry: Sent = { chars: Math.min(chars, this.charsPerSecond) };
    const turn = this.queue.then(() => this.wait(entry, signal));
    this.queue = turn.catch(() => undefined);
    await turn;
    return () => void (entry.at ??= this.now());
  }

  /** After a 429: nothing more for `ms`. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private async wait(entry: Sent, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      for (let i = this.sent.length - 1; i >= 0; i--) {
        if (this.sent[i]!.at !== undefined && now - this.sent[i]!.at! >= this.windowMs) this.sent.splice(i, 1);
      }
      const used = this.sent.reduce((n, x) => n + x.chars, 0);
      if (now >= this.pausedUntil && used + entry.chars <= this.charsPerSecond) {
        this.sent.push(entry);
        return;
      }
      // Until the earliest answered send leaves the window, the pause ends, or (all in flight) a moment.
      let earliest = Infinity;
      for (const x of this.sent) {
        if (x.at !== undefined && x.at + this.windowMs < earliest) earliest = x.at + this.windowMs;
      }
      const until = now < this.pausedUntil ? this.pausedUntil : earliest !== Infinity ? earliest : now + 10;
      await sleep(Math.max(1, Math.ceil(until - now)), signal);
    }
  }
}
