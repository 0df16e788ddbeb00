/**
 * The scan engine's leaf, value and report types, in a module of their own: every other module of
 * the engine imports them from here, so none needs another's implementation for a type.
 */
import type { FileStyle } from '../format';
import type { PlaceholderOptions, PlaceholderProfile } from '../placeholders';
import type { PluralCategory, PluralGroup } from '../plurals';

export type LeafKind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** A leaf of a locale file: what the inventory and the sync flows read. */
export interface LocaleValue {
  /** Flattened key (`nav.home.title`, or the raw key in flat files). */
  readonly key: string;
  readonly kind: LeafKind;
  /** The value for strings, numbers, booleans and null; undefined for arrays and objects. */
  readonly value: string | number | boolean | null | undefined;
}

/** A leaf with where it is written (to edit it, or to reveal it in an editor). */
export interface LocaleEntry extends LocaleValue {
  /** Offset of the property's key (its opening quote). */
  readonly keyOffset: number;
  /** Offset and length of the value's text. */
  readonly valueOffset: number;
  readonly valueLength: number;
}

/** A locale file's leaves in file order, without positions (the scan's source files). */
export interface LocaleValues {
  /** Text without BOM. */
  readonly text: string;
  readonly style: FileStyle;
  readonly entries: ReadonlyMap<string, LocaleValue>;
}

export interface ParsedLocaleFile extends LocaleValues {
  /** Text without BOM: offsets and positions are relative to it (as editors see the file). */
  readonly text: string;
  readonly entries: ReadonlyMap<string, LocaleEntry>;
  /** 0-based line and character of an offset (for revealing a key in an editor); computed lazily. */
  positionAt(offset: number): { line: number; character: number };
}

export interface ParseOptions {
  /** i18next keySeparator; `false` for flat files (nested objects are then reported, not walked). */
  readonly keySeparator: string | false;
}

/**
 * What a target key is checked against: one record per source key, and one per plural form a
 * locale may have that the source lacks (`item_few` for Polish). Shared by every target locale;
 * which of them a file has is the check's own business (`TargetCheck`), never written here.
 */
export interface KeyInfo {
  readonly key: string;
  /** Dense number within its source namespace: the index of the check's "seen" bitmap. */
  readonly index: number;
  /** Whether a target file must have this key (text, not a number/boolean/null setting). */
  readonly translatable: boolean;
  readonly plural?: { readonly category: PluralCategory; readonly ordinal: boolean; readonly group: PluralGroup };
  /** The plural form as one bit (see `formBit`), 0 for other keys: locale checks are mask tests. */
  readonly bit: number;
  /** The source value it is translated from (a plural form without a source twin: `_other`). */
  readonly from?: { readonly key: string; readonly value: string };
  /** The source value's placeholders, computed on first use and cached for every locale. */
  raw?: readonly string[];
  /** For the fast exact test "same placeholders as the source" (null: use the full compare). */
  profile?: PlaceholderProfile | null;
}

/** What the native walk hands each target leaf to (`TargetCheck`). */
export interface LeafSink {
  /** `info`: the source's record when the key pool matched the key in place. */
  take(key: string, value: LocaleValue['value'], info: KeyInfo | undefined, kind?: LeafKind): void;
}

export interface InventoryOptions extends PlaceholderOptions {
  readonly pluralSeparator: string;
  /** i18next nsSeparator for `$t(ns:key)`. */
  readonly nsSeparator?: string;
}

/** One namespace of one locale as parsed. */
export interface NamespaceInput {
  /** Same for a namespace's file in every locale (the path template). */
  readonly id: string;
  readonly namespace: string;
  readonly file: string;
  /** Undefined for a malformed file. */
  readonly parsed?: LocaleValues;
}

/** A file the scan skipped: malformed (where), or a path refused (a link leading outside). */
export interface ScanError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface PluralGap {
  readonly base: string;
  readonly ordinal: boolean;
  readonly missing: readonly PluralCategory[];
}

export interface PlaceholderMismatch {
  readonly key: string;
  readonly missing: readonly string[];
  readonly extra: readonly string[];
}

export interface NamespaceReport {
  /** Identity across locales: the file's path with its locale replaced by `{locale}`. */
  readonly id: string;
  readonly namespace: string;
  /** Workspace-relative path; undefined when the locale has no file for this namespace. */
  readonly file?: string;
  /** The file exists but could not be parsed (see the scan's errors); nothing else is reported. */
  readonly malformed?: boolean;
  readonly keyCount: number;
  /** Expected keys absent from the file, plural forms this locale needs included, in source order. */
  readonly missing: readonly string[];
  /** Keys present with an empty string value. */
  readonly empty: readonly string[];
  /** Keys the source does not have (and plural forms this locale does not use). */
  readonly extra: readonly string[];
  /** String values equal to the source's (and containing a letter). */
  readonly untranslated: readonly string[];
  readonly pluralFormsMissing: readonly PluralGap[];
  readonly placeholderMismatches: readonly PlaceholderMismatch[];
  readonly nonStringLeaves: ReadonlyArray<{ readonly key: string; readonly kind: LeafKind }>;
  /** `$t(key)` references (source locale only) to keys that exist in no namespace. */
  readonly brokenReferences: ReadonlyArray<{ readonly key: string; readonly reference: string }>;
}

export interface LocaleReport {
  readonly locale: string;
  readonly isSource: boolean;
  readonly keyCount: number;
  readonly missing: number;
  readonly empty: number;
  readonly extra: number;
  readonly untranslated: number;
  readonly pluralFormsMissing: number;
  readonly placeholderMismatches: number;
  readonly nonStringLeaves: number;
  readonly brokenReferences: number;
  readonly namespaces: readonly NamespaceReport[];
}
