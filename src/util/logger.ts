/**
 * The vscode-free logger the core writes to. The extension backs it with a LogOutputChannel (so
 * the user's log level applies), the CLI with stderr, tests with an array. Every message goes
 * through `redact` first.
 */
import { redact } from './redact';

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Wraps a sink so that nothing it receives can carry a known secret. */
export function redactingLogger(sink: Logger, secrets: () => readonly string[]): Logger {
  const clean = (m: string) => redact(m, secrets());
  return {
    trace: (m) => sink.trace(clean(m)),
    debug: (m) => sink.debug(clean(m)),
    info: (m) => sink.info(clean(m)),
    warn: (m) => sink.warn(clean(m)),
    error: (m) => sink.error(clean(m)),
  };
}

/** Collects messages (tests, and the CLI's --verbose). */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  trace(m: string): void {
    this.lines.push(`trace ${m}`);
  }
  debug(m: string): void {
    this.lines.push(`debug ${m}`);
  }
  info(m: string): void {
    this.lines.push(`info ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${m}`);
  }
  error(m: string): void {
    this.lines.push(`error ${m}`);
  }
}
