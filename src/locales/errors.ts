/**
 * Typed errors of the locale engine. Each has a discriminant (`kind`) so callers branch on it,
 * never on message text, and a message that names the file, line and column.
 */

/** A locale file that cannot be read as JSON (or is not a usable locale object). */
export class LocaleParseError extends Error {
  readonly kind = 'LocaleParseError' as const;
  constructor(
    /** Path of the file as the user knows it (workspace-relative where possible). */
    readonly file: string,
    /** 1-based line. */
    readonly line: number,
    /** 1-based column. */
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'LocaleParseError';
  }

  static is(e: unknown): e is LocaleParseError {
    return e instanceof Error && (e as { kind?: unknown }).kind === 'LocaleParseError';
  }
}

/** `locale-loop.json` is missing, malformed or does not match the schema. */
export class ConfigError extends Error {
  readonly kind = 'ConfigError' as const;
  constructor(
    readonly file: string,
    /** Dotted path of the offending field (`phrase.baseUrl`), or '' for the whole file. */
    readonly field: string,
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    const where = line ? `${file}:${line}:${column ?? 1}` : file;
    super(field ? `${where}: "${field}" ${reason}` : `${where}: ${reason}`);
    this.name = 'ConfigError';
  }

  static is(e: unknown): e is ConfigError {
    return e instanceof Error && (e as { kind?: unknown }).kind === 'ConfigError';
  }
}

/** A write that could not be done safely (the file on disk is not valid JSON, or kept changing). */
export class LocaleWriteError extends Error {
  readonly kind = 'LocaleWriteError' as const;
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'LocaleWriteError';
  }

  static is(e: unknown): e is LocaleWriteError {
    return e instanceof Error && (e as { kind?: unknown }).kind === 'LocaleWriteError';
  }
}
