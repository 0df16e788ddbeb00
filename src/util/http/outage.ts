/**
 * After one operation spent its whole retry budget on server faults (5xx, lost connections,
 * deadlines), later requests of the same client fail at once for a while: a dead or hostile
 * server then holds a command for one operation's budget, not for one budget per file.
 */
export class Outage {
  private until = 0;
  private cause?: Error;

  constructor(
    private readonly holdMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The fault that stopped an earlier operation, while it still counts; undefined otherwise. */
  current(): Error | undefined {
    return this.cause && this.now() < this.until ? this.cause : undefined;
  }

  record(cause: Error): void {
    this.cause = cause;
    this.until = this.now() + this.holdMs;
  }

  clear(): void {
    this.cause = undefined;
  }
}
