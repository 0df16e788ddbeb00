/** Errors from Phrase TMS, with what a user needs to report them: status, code, action id. */

/** Status-0 errors that are decisions of ours, not network faults: retrying changes nothing. */
const notSent = new Set(['InvalidRequest', 'AmbiguousCreate']);

export class PhraseError extends Error {
  readonly kind = 'PhraseError' as const;
  constructor(
    /** HTTP status (0 when the request never got an answer). */
    readonly status: number,
    /** Phrase's `errorCode` (`AuthUnauthorized`, `ApiLimitReached`…), or ours (`NetworkError`, `AsyncError`). */
    readonly errorCode: string,
    readonly description: string,
    /** The `memsource-action-id` or `phrase-action-id` response header: quote it to Phrase support. */
    readonly actionId: string | undefined,
    readonly method: string,
    readonly path: string,
  ) {
    const action = actionId ? ` (action id ${actionId})` : '';
    super(`Phrase TMS ${method} ${path}: ${status ? `HTTP ${status} ` : ''}${errorCode}${description ? `: ${description}` : ''}${action}`);
    this.name = 'PhraseError';
  }

  static is(e: unknown, errorCode?: string): e is PhraseError {
    return e instanceof Error && (e as { kind?: unknown }).kind === 'PhraseError' && (errorCode === undefined || (e as PhraseError).errorCode === errorCode);
  }

  /** Worth retrying: rate limits, server errors, dropped connections. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500 || (this.status === 0 && !notSent.has(this.errorCode)) || (this.status === 403 && this.errorCode === 'ApiLimitReached');
  }
}
