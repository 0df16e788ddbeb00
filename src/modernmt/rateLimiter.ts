/**
 * The account's character rate (ModernMT: 10,000 characters per second per key by default,
 * beyond that 429): a sliding window like the service's, so a bulk run goes as fast as the
 * account allows and no faster. Callers take characters in turn (first come, first served).
 */
import { sleep } from '../util/backoff';

export class CharRateLimiter {
  private readonly sent: Array<{ at: number; chars: number }> = [];
  private queue: Promise<void> = Promise.resolve();
  private pausedUntil = 0;

  /**
   * `windowMs` is a little over a second: a request reaches the service some milliseconds after
   * it leaves, and jitter in that delay must not make two windows overlap there.
   */
  constructor(
    readonly charsPerSecond: number,
    private readonly windowMs = 1050,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Waits until `chars` more fit in the window (a request larger than the rate waits for an empty one). */
  take(chars: number, signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.wait(Math.min(chars, this.charsPerSecond), signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** After a 429: nothing more for `ms`. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private async wait(chars: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && now - this.sent[0]!.at >= this.windowMs) this.sent.shift();
      const used = this.sent.reduce((n, x) => n + x.chars, 0);
      if (now >= this.pausedUntil && used + chars <= this.charsPerSecond) {
        this.sent.push({ at: now, chars });
        return;
      }
      // Until the oldest send leaves the window (or the pause ends).
      const until = Math.max(this.pausedUntil, used + chars > this.charsPerSecond && this.sent.length ? this.sent[0]!.at + this.windowMs : now);
      await sleep(Math.max(1, Math.ceil(until - now)), signal);
    }
  }
}
