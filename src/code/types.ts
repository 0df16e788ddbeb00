/**
 * The key resolver's public shapes (no TypeScript compiler import here, so any layer may use the
 * types without loading the parser).
 *
 * The resolver turns a document's text into call sites: each place where code looks a key up
 * (`t('…')`, `<Trans i18nKey="…">`, `t($ => $.a.b)`), resolved to (namespace, full key) with the
 * keyPrefix applied, per call site. `src/code/engine.ts` holds the entry points (loaded lazily
 * through `loadCodeEngine()` in `src/code/load.ts`): `resolveText`, `scopeAt`, `DocumentCache`,
 * `UsageIndex`.
 */

/** 0-based line and character (UTF-16 code units), as `vscode.Position` counts them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A text range: offsets into the document plus the same range as positions. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly startPos: Position;
  readonly endPos: Position;
}

/** Offsets into a document, both ends inclusive (a visible range of the editor). */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

export type SiteKind = 'call' | 'trans' | 'selector';

export interface CallSite {
  readonly kind: SiteKind;
  /**
   * Namespaces the key is looked up in, in i18next's order (the first is the namespace the key
   * belongs to). Empty when the code computes the namespace (an untyped `t` parameter, a variable
   * namespace): the key may then live in any namespace.
   */
  readonly namespaces: readonly string[];
  /** `namespaces[0]`, or undefined when the namespace is not known. */
  readonly namespace: string | undefined;
  /**
   * The full key (keyPrefix applied, `ns:` removed). For a dynamic site, the static part before
   * the first computed part (`errors.` for `` t(`errors.${code}`) ``; '' for `t(key)`).
   */
  readonly key: string;
  /** The key as written in the literal (before keyPrefix and `ns:` handling); '' when dynamic. */
  readonly written: string;
  /** The key is computed (template literal with substitutions, variable, call): `key` is a prefix. */
  readonly dynamic: boolean;
  /** The keyPrefix in force ('' when none). */
  readonly keyPrefix: string;
  /** The key text inside the quotes (or the `a.b` path of a selector); absent for a computed key. */
  readonly keyRange?: Span;
  /** The whole call (or the `<Trans …>` opening element). */
  readonly callRange: Span;
  /** `count` is passed: plural forms of the key are what is looked up. */
  readonly plural: boolean;
  /** `context` is passed: its literal value, or true when computed. */
  readonly context?: string | true;
  /** Sites of one fallback array `t(['a', 'b'])` share a group number (the call's start offset). */
  readonly fallbackGroup?: number;
}

/** What a key typed at an offset would be resolved in (for completion). */
export interface KeyScope {
  readonly kind: SiteKind;
  readonly namespaces: readonly string[];
  readonly keyPrefix: string;
  /** The text already typed inside the literal, up to the offset. */
  readonly typed: string;
  /** The range a completion should replace (the whole literal content). */
  readonly replace: Span;
}

export interface ResolverOptions {
  /** Free function names that are translation functions: `t`, `i18next.t`, `i18n.t` (`$t` always). */
  readonly functions: readonly string[];
  /** i18next `nsSeparator` (default ':'); false when keys never carry a namespace. */
  readonly nsSeparator: string | false;
  /** i18next `keySeparator` ('.' by default; false for flat keys). Joins keyPrefix and key. */
  readonly keySeparator: string | false;
  /** i18next `defaultNS`: the namespace of `useTranslation()` and of `i18next.t`. */
  readonly defaultNamespace: string;
}

export interface ResolvedDocument {
  readonly sites: readonly CallSite[];
  /** The file could not be read as code (the sites are then empty). */
  readonly parseFailed: boolean;
}
