/** Errors from ModernMT: the HTTP/envelope status and the exception type the service names. */

export class ModernMtError extends Error {
  readonly kind = 'ModernMtError' as const;
  constructor(
    /** The envelope's status (the HTTP status when the body is not an envelope; 0: no answer). */
    readonly status: number,
    /** `error.type` (`AuthenticationException`, `ParameterParsingException`…), or ours (`NetworkError`, `Timeout`, `LocalError`…). */
    readonly type: string,
    readonly description: string,
    readonly verb: string,
    readonly path: string,
    /** The raw `Retry-After` header of the answer, when it had one. */
    readonly retryAfter?: string,
    /** A sentence a person understands, shown before the details. */
    readonly summary?: string,
  ) {
    const details = `ModernMT ${verb} ${path}: ${status ? `${status} ` : ''}${type}${description ? `: ${description}` : ''}`;
    super(summary ? `${summary} (${details})` : details);
    this.name = 'ModernMtError';
  }

  static is(e: unknown, type?: string): e is ModernMtError {
    return (
      e instanceof Error &&
      (e as { kind?: unknown }).kind === 'ModernMtError' &&
      (type === undefined || (e as ModernMtError).type === type)
    );
  }

  /** Why another attempt may succeed: 429 (rate), 5xx and lost connections (server); other 4xx and local errors: never. */
  get retryReason(): 'rate-limit' | 'server' | undefined {
    if (this.status === 429) return 'rate-limit';
    if (this.status >= 500) return 'server';
    if (this.status === 0 && (this.type === 'NetworkError' || this.type === 'Timeout')) return 'server';
    return undefined;
  }

  get retryable(): boolean {
    return this.retryReason !== undefined;
  }
}
