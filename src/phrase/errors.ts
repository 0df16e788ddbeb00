/** Errors from Phrase TMS, with what a user needs to report them: status, code, action id. */

export interface PhraseErrorExtra {
  /** A sentence a person understands, shown before the HTTP details. */
  readonly summary?: string;
  /** The raw `Retry-After` header of the answer, when it had one. */
  readonly retryAfter?: string;
}

export class PhraseError extends Error {
  readonly kind = 'PhraseError' as const;
  readonly summary?: string;
  readonly retryAfter?: string;
  constructor(
    /** HTTP status (0 when the request never got an answer). */
    readonly status: number,
    /** Phrase's `errorCode` (`AuthUnauthorized`, `ApiLimitReached`…), or ours (`NetworkError`, `Timeout`, `LocalError`, `AsyncError`…). */
    readonly errorCode: string,
    readonly description: string,
    /** The `Phrase-Action-ID` (or legacy `memsource-action-id`) response header: quote it to Phrase support. */
    readonly actionId: string | undefined,
    readonly method: string,
    readonly path: string,
    extra: PhraseErrorExtra = {},
  ) {
    const action = actionId ? ` (action id ${actionId})` : '';
    const details = `Phrase TMS ${method} ${path}: ${status ? `HTTP ${status} ` : ''}${errorCode}${description ? `: ${description}` : ''}${action}`;
    super(extra.summary ? `${extra.summary} (${details})` : details);
    this.name = 'PhraseError';
    this.summary = extra.summary;
    this.retryAfter = extra.retryAfter;
  }

  static is(e: unknown, errorCode?: string): e is PhraseError {
    return (
      e instanceof Error &&
      (e as { kind?: unknown }).kind === 'PhraseError' &&
      (errorCode === undefined || (e as PhraseError).errorCode === errorCode)
    );
  }

  /**
   * Why another attempt may succeed: a rate limit (429, or an `ApiLimitReached` quota that says
   * when to come back), or a server fault (5xx, a lost connection, a deadline). Undefined: retrying
   * would fail the same way (4xx, a refused login, a local error, a quota with no Retry-After).
   */
  get retryReason(): 'rate-limit' | 'server' | undefined {
    if (this.status === 429) return 'rate-limit';
    if (this.status === 403 && this.errorCode === 'ApiLimitReached') {
      return this.retryAfter !== undefined ? 'rate-limit' : undefined;
    }
    if (this.status >= 500) return 'server';
    if (this.status === 0 && (this.errorCode === 'NetworkError' || this.errorCode === 'Timeout')) return 'server';
    return undefined;
  }

  /** Worth retrying (see `retryReason`). */
  get retryable(): boolean {
    return this.retryReason !== undefined;
  }
}
