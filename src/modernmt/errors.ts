/** Errors from ModernMT: the HTTP/envelope status and the exception type the service names. */

export class ModernMtError extends Error {
  readonly kind = 'ModernMtError' as const;
  constructor(
    /** The envelope's status (the HTTP status when the body is not an envelope; 0: no answer). */
    readonly status: number,
    /** `error.type` (`AuthenticationException`, `ParameterParsingException`…), or ours. */
    readonly type: string,
    readonly description: string,
    readonly verb: string,
    readonly path: string,
    readonly retryAfterMs?: number,
  ) {
    super(`ModernMT ${verb} ${path}: ${status ? `${status} ` : ''}${type}${description ? `: ${description}` : ''}`);
    this.name = 'ModernMtError';
  }

  static is(e: unknown, type?: string): e is ModernMtError {
    return e instanceof Error && (e as { kind?: unknown }).kind === 'ModernMtError' && (type === undefined || (e as ModernMtError).type === type);
  }

  /** 429, 5xx and lost connections are worth another try; other 4xx are not. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500 || this.status === 0;
  }
}
