/**
 * One target file checked against its source namespace, a leaf at a time. Every path (the native
 * walk, the strict parser's entries) feeds the same `take`, so they cannot disagree.
 */
import {
  compareIds,
  matchesProfile,
  mayHavePlaceholders,
  placeholderIds,
  rawPlaceholders,
  sameIds,
} from '../placeholders';
import type { LocaleLookup, SourceNamespace } from './sourceNamespace';
import type {
  InventoryOptions,
  KeyInfo,
  LeafKind,
  LeafSink,
  LocaleValue,
  NamespaceReport,
  PlaceholderMismatch,
  PluralGap,
} from './types';

const hasLetter = /\p{L}/u;

function kindOf(value: LocaleValue['value']): LeafKind {
  return value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean');
}

export class TargetCheck implements LeafSink {
  private readonly lookup: LocaleLookup;
  /**
   * The source records this file has, by `KeyInfo.index`: the check's own marks (records are
   * shared by every locale and never written to). Grows if a plural form's record is made later.
   */
  private seen: Uint8Array;
  private keyCount = 0;
  /** Expected keys seen: when it reaches the expected count nothing is missing. */
  private expectedSeen = 0;
  private readonly empty: string[] = [];
  private readonly extra: string[] = [];
  private readonly untranslated: string[] = [];
  private readonly mismatches: PlaceholderMismatch[] = [];
  private readonly nonStringLeaves: Array<{ key: string; kind: LeafKind }> = [];

  constructor(
    private readonly source: SourceNamespace,
    private readonly locale: string,
    private readonly options: InventoryOptions,
  ) {
    this.lookup = source.lookupFor(locale);
    this.seen = new Uint8Array(source.infoCount + 16);
  }

  /**
   * One leaf of the target file; `info` is the source's record when the key pool matched the key,
   * `kind` is given for arrays and objects in flat files (their value is undefined). One method on
   * the hot path, not a wrapper around another (each call costs as much as a check until V8 inlines).
   */
  take(key: string, value: LocaleValue['value'], matched: KeyInfo | undefined, kind?: LeafKind): void {
    this.keyCount++;
    const lookup = this.lookup;
    const info = matched ?? lookup.find(key);
    const bit = info ? info.bit : 0;
    // No record, or a plural form this locale does not use (`item_one` in Japanese): extra.
    if (!info || (bit !== 0 && (lookup.allowedForms & bit) === 0)) {
      this.extra.push(key);
      return;
    }
    if (info.index >= this.seen.length) this.grow(info.index);
    this.seen[info.index] = 1;
    if (bit === 0 ? info.translatable : (lookup.requiredForms & bit) !== 0) this.expectedSeen++;
    if (typeof value !== 'string') {
      this.nonStringLeaves.push({ key, kind: kind ?? kindOf(value) });
      return;
    }
    if (value === '') {
      this.empty.push(key);
      return;
    }
    const src = info.from;
    if (!src) return;
    if (value === src.value && hasLetter.test(value)) this.untranslated.push(key);
    if (info.profile === undefined) this.source.preparePlaceholders(info);
    const profile = info.profile;
    const options = this.options;
    if (
      profile
        ? matchesProfile(value, profile)
        : (info.raw!.length === 0 && !mayHavePlaceholders(value, options)) ||
          sameIds(info.raw!, rawPlaceholders(value, options))
    ) {
      return;
    }
    // Written differently: compare normalised forms (`{{ name }}` ≡ `{{name}}`).
    const cmp = compareIds(placeholderIds(src.value, options), placeholderIds(value, options));
    if (cmp.ok) return;
    // A plural form may leave out the count ("one item" for `{{count}} items`).
    const missingIds = info.plural
      ? cmp.missing.filter((id) => !/^\{\{-? ?count\b/.test(id) && !/^\{count\b/.test(id))
      : cmp.missing;
    if (missingIds.length > 0 || cmp.extra.length > 0) {
      this.mismatches.push({ key, missing: missingIds, extra: cmp.extra });
    }
  }

  private grow(index: number): void {
    const seen = new Uint8Array(Math.max(index + 1, this.seen.length * 2));
    seen.set(this.seen);
    this.seen = seen;
  }

  private has(info: KeyInfo): boolean {
    return info.index < this.seen.length && this.seen[info.index] === 1;
  }

  /** The report once every leaf is in; `file` undefined: the locale has no file for it. */
  report(file: string | undefined): NamespaceReport {
    const missing: string[] = [];
    const gaps: PluralGap[] = [];
    if (this.expectedSeen < this.lookup.expectedCount) {
      const { expected, groups } = this.source.forms(this.locale);
      for (const info of expected) if (!this.has(info)) missing.push(info.key);
      for (const { group, required } of groups) {
        const absent = required.filter((info) => !this.has(info));
        if (absent.length === 0) continue;
        gaps.push({ base: group.base, ordinal: group.ordinal, missing: absent.map((info) => info.plural!.category) });
      }
    }
    return {
      id: this.source.input.id,
      namespace: this.source.input.namespace,
      file,
      keyCount: this.keyCount,
      missing,
      empty: this.empty,
      extra: this.extra,
      untranslated: this.untranslated,
      pluralFormsMissing: gaps,
      placeholderMismatches: this.mismatches,
      nonStringLeaves: this.nonStringLeaves,
      brokenReferences: [],
    };
  }
}
