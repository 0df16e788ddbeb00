/**
 * The per-key 3-way merge of a pull: base = the target value when the source was pushed (or
 * last pulled), local = the file now, remote = the translation. Pure: decides, writes nothing.
 */

export interface Conflict {
  readonly key: string;
  readonly base: string | undefined;
  /** Undefined when the key was deleted locally. */
  readonly local: string | undefined;
  readonly remote: string;
  /** Why the translation was not written, when it is not a local edit (a broken placeholder). */
  readonly reason?: string;
}

export interface MergeResult {
  /** Keys to write, with their new values. */
  readonly apply: ReadonlyMap<string, string>;
  readonly conflicts: readonly Conflict[];
  /** Remote keys the source no longer has: not resurrected. */
  readonly skippedRemoved: readonly string[];
  /** Keys where local already equals remote. */
  readonly unchanged: number;
  /** Applied keys that had a local value (a pull shows what it replaces, not only what it adds). */
  readonly replaced: ReadonlyArray<{ readonly key: string; readonly local: string; readonly remote: string }>;
}

export interface MergeInput {
  readonly base: Readonly<Record<string, string>>;
  readonly local: ReadonlyMap<string, string>;
  readonly remote: ReadonlyMap<string, string>;
  /** Keys the source locale has now (remote keys outside it are skipped). */
  readonly sourceKeys: ReadonlySet<string>;
  /** Keys holding provisional machine translations nobody edited: remote replaces them. */
  readonly provisional?: ReadonlyMap<string, string>;
  readonly prefer?: 'local' | 'remote';
}

export function mergeTranslations(input: MergeInput): MergeResult {
  const apply = new Map<string, string>();
  const conflicts: Conflict[] = [];
  const skippedRemoved: string[] = [];
  const replaced: Array<{ key: string; local: string; remote: string }> = [];
  let unchanged = 0;
  for (const [key, remote] of input.remote) {
    if (!input.sourceKeys.has(key)) {
      skippedRemoved.push(key);
      continue;
    }
    const local = input.local.get(key);
    // Own properties only: a base read from state.json may be a plain object, where `__proto__` is not data.
    const base = Object.hasOwn(input.base, key) ? input.base[key] : undefined;
    if (local === remote) {
      unchanged++;
      continue;
    }
    const untouchedLocally = local === base || (local !== undefined && input.provisional?.get(key) === local);
    if (untouchedLocally || (local === undefined && base === undefined)) {
      apply.set(key, remote); // remote-only change, or a key new to this file
      if (local !== undefined) replaced.push({ key, local, remote });
      continue;
    }
    // The developer changed (or deleted) the key since the push: theirs wins unless told otherwise.
    conflicts.push({ key, base, local, remote });
    if (input.prefer === 'remote') apply.set(key, remote);
  }
  return { apply, conflicts, skippedRemoved, unchanged, replaced };
}
