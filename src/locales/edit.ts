/**
 * Format-preserving edits of locale JSON: set, insert and delete keys as minimal text edits, so
 * `git diff` shows only the keys that changed. Replacing existing values is one batched pass over
 * known offsets; inserts and deletes go through jsonc-parser's `modify`, with new keys placed
 * where the source locale's key order puts them.
 */
import type { Edit, FormattingOptions, Node } from 'jsonc-parser';
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import type { FileStyle } from './format';
import type { LocaleEntry } from './scan';
import { escapeNonAscii } from './format';

/** Set `key` to `value`; `value: undefined` deletes the key. */
export interface KeyEdit {
  readonly key: string;
  readonly value: string | undefined;
}

/** A key not written, and why (the caller reports it: see `describeRefusal`). */
export interface KeyRefusal {
  readonly key: string;
  readonly reason: string;
}

/** `"a..b": refused: …` — the key as its JSON-quoted dotted path, the word, the reason. */
export function describeRefusal(r: KeyRefusal): string {
  return `${JSON.stringify(r.key)}: refused, not written: ${r.reason}`;
}

/**
 * Why `key` cannot be written as a nested path, or undefined: a leading, trailing or doubled
 * separator (`.f`, `a.`, `a..b`, or the empty key) would need an empty property name on the way,
 * which i18next cannot look up and which the flattened key cannot tell from other spellings.
 */
export function keyPathProblem(key: string, sep: string | false): string | undefined {
  if (sep === false) return undefined;
  if (key === '') return 'the empty key cannot be written';
  if (key.split(sep).some((p) => p === '')) {
    return `the key has an empty segment (a leading, trailing or doubled "${sep}")`;
  }
  return undefined;
}

export interface EditOptions {
  /**
   * Told of each key that cannot be written (an empty segment, or a path through a string, or a
   * value where the file has an object); the other edits still apply. Without it such an edit
   * throws.
   */
  readonly onRefused?: (refusal: KeyRefusal) => void;
  readonly keySeparator: string | false;
  readonly style: FileStyle;
  /** Flattened keys in the source locale's order: where a new key goes. */
  readonly order?: readonly string[];
  /** The text's entries when the caller has parsed it already (saves building a tree). */
  readonly entries?: ReadonlyMap<string, LocaleEntry>;
}

type JsonPath = (string | number)[];

/** Applies `edits` to `text` (no BOM) and returns the new text. Unchanged keys keep every byte. */
export function applyKeyEdits(text: string, edits: readonly KeyEdit[], options: EditOptions): string {
  if (edits.length === 0) return text;
  const formatting: FormattingOptions = {
    insertSpaces: options.style.insertSpaces,
    tabSize: options.style.tabSize,
    eol: options.style.eol,
    insertFinalNewline: false,
    keepLines: true,
  };
  const encode = (value: string) =>
    options.style.escapeNonAscii ? escapeNonAscii(JSON.stringify(value)) : JSON.stringify(value);

  // Last edit of a key wins.
  const byKey = new Map<string, string | undefined>();
  for (const e of edits) byKey.set(e.key, e.value);
  const refuse = (key: string, reason: string): void => {
    if (!options.onRefused) throw new Error(describeRefusal({ key, reason }));
    options.onRefused({ key, reason });
  };

  // 1. Values of existing string/scalar keys are replaced in one pass over known offsets.
  const entries = options.entries ?? entriesOf(text, options.keySeparator);
  const replacements: Edit[] = [];
  const structural: Array<[string, string | undefined]> = [];
  for (const [key, value] of byKey) {
    const found = entries.get(key);
    if (value !== undefined && found && found.kind !== 'object' && found.kind !== 'array') {
      if (found.kind !== 'string' || found.value !== value) {
        replacements.push({ offset: found.valueOffset, length: found.valueLength, content: encode(value) });
      }
    } else if (value !== undefined || found) {
      structural.push([key, value]);
    }
  }
  let out = applyDisjointEdits(text, replacements);
  if (structural.length === 0) return out;

  // 2. Inserts and deletes change the shape; each one re-reads the shape it edits.
  const ranks = options.order ? prefixRanks(options.order, options.keySeparator) : undefined;
  let tree = parseTree(out);
  let paths = tree ? flattenPaths(tree, options.keySeparator) : new Map<string, { path: JsonPath; node: Node }>();
  for (const [key, value] of structural) {
    const found = paths.get(key);
    if (value === undefined) {
      if (!found) continue;
      out = applyEdits(out, modify(out, found.path, undefined, { formattingOptions: formatting }));
      out = pruneEmptyParents(out, found.path, formatting);
    } else {
      const path = found ? found.path : newPath(key, options.keySeparator);
      const problem =
        (found ? undefined : keyPathProblem(key, options.keySeparator)) ??
        pathConflict(tree, path, options.keySeparator);
      if (problem) {
        refuse(key, problem);
        continue;
      }
      const insertEdits = modify(out, path, value, {
        formattingOptions: formatting,
        getInsertionIndex: ranks
          ? (siblings) => insertionIndex(siblings, path, key, ranks, options.keySeparator, tree)
          : undefined,
      });
      out = applyEdits(
        out,
        options.style.escapeNonAscii
          ? insertEdits.map((e) => ({ ...e, content: escapeNonAscii(e.content) }))
          : insertEdits,
      );
    }
    tree = parseTree(out);
    paths = tree ? flattenPaths(tree, options.keySeparator) : new Map();
  }
  return out;
}

/**
 * Applies non-overlapping edits in one pass. jsonc-parser's `applyEdits` rebuilds the whole text
 * once per edit, which makes a pull that rewrites 450 values of a 40 KB file quadratic.
 */
export function applyDisjointEdits(text: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.offset < at) throw new Error(`overlapping edits at offset ${e.offset}`);
    parts.push(text.slice(at, e.offset), e.content);
    at = e.offset + e.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Entries of a text the caller did not parse (offsets of each leaf's value). */
function entriesOf(
  text: string,
  sep: string | false,
): ReadonlyMap<string, Pick<LocaleEntry, 'kind' | 'value' | 'valueOffset' | 'valueLength'>> {
  const tree = parseTree(text);
  const out = new Map<string, Pick<LocaleEntry, 'kind' | 'value' | 'valueOffset' | 'valueLength'>>();
  if (!tree) return out;
  for (const [key, { node }] of flattenPaths(tree, sep)) {
    out.set(key, {
      kind: node.type as LocaleEntry['kind'],
      value: node.value as LocaleEntry['value'],
      valueOffset: node.offset,
      valueLength: node.length,
    });
  }
  return out;
}

/** Flattened key → JSON path and node of every leaf (strings, scalars, arrays; objects in flat files). */
export function flattenPaths(root: Node, sep: string | false): Map<string, { path: JsonPath; node: Node }> {
  const out = new Map<string, { path: JsonPath; node: Node }>();
  const walk = (node: Node, prefix: string, path: JsonPath) => {
    for (const prop of node.children ?? []) {
      const name = prop.children?.[0]?.value as string;
      const value = prop.children?.[1];
      if (!value) continue;
      const key = prefix + name;
      if (value.type === 'object' && sep !== false) walk(value, key + sep, [...path, name]);
      else out.set(key, { path: [...path, name], node: value });
    }
  };
  if (root.type === 'object') walk(root, '', []);
  return out;
}

/**
 * Why a new value cannot go at `path` in the tree: a property on the way holds something other
 * than an object (`a.b` when `a` is a string), or the place itself holds an object (its keys
 * would be lost). Undefined when it can.
 */
function pathConflict(tree: Node | undefined, path: JsonPath, sep: string | false): string | undefined {
  if (!tree) return undefined;
  for (let depth = 1; depth <= path.length; depth++) {
    const node = findNodeAtLocation(tree, path.slice(0, depth));
    if (!node) return undefined;
    const at = JSON.stringify(path.slice(0, depth).join(sep === false ? '' : sep));
    if (depth < path.length && node.type !== 'object') return `${at} holds a ${node.type} in this file, not an object`;
    if (depth === path.length && (node.type === 'object' || node.type === 'array')) {
      return `${at} holds an ${node.type} in this file (its contents would be lost)`;
    }
  }
  return undefined;
}

/** JSON path of a key that does not exist yet; `modify` creates the missing parent objects. */
function newPath(key: string, sep: string | false): JsonPath {
  return sep === false ? [key] : key.split(sep);
}

/** For every key and key prefix in source order, the rank of its first appearance. */
function prefixRanks(order: readonly string[], sep: string | false): Map<string, number> {
  const ranks = new Map<string, number>();
  order.forEach((key, rank) => {
    if (!ranks.has(key)) ranks.set(key, rank);
    if (sep === false) return;
    for (let at = key.indexOf(sep); at !== -1; at = key.indexOf(sep, at + sep.length)) {
      const prefix = key.slice(0, at);
      if (!ranks.has(prefix)) ranks.set(prefix, rank);
    }
  });
  return ranks;
}

/**
 * Where among `siblings` (property names of the deepest existing object on `path`) the new
 * property goes: right after the last sibling that comes before it in source order.
 */
function insertionIndex(
  siblings: string[],
  path: JsonPath,
  key: string,
  ranks: Map<string, number>,
  sep: string | false,
  tree: Node | undefined,
): number {
  const mine = ranks.get(key);
  if (mine === undefined) return siblings.length;
  // Depth of the object the property is inserted into = the longest existing prefix of `path`.
  let depth = path.length - 1;
  while (depth > 0 && !(tree && findNodeAtLocation(tree, path.slice(0, depth))?.type === 'object')) depth--;
  const parentPrefix = path.slice(0, depth).join(sep === false ? '' : sep);
  const join = (name: string) => (parentPrefix && sep !== false ? parentPrefix + sep + name : name);
  let index = 0;
  siblings.forEach((name, i) => {
    const rank = ranks.get(join(name));
    if (rank !== undefined && rank < mine) index = i + 1;
  });
  return index;
}

/** After a delete, removes objects left empty on the way up (not the root). */
function pruneEmptyParents(text: string, path: JsonPath, formatting: FormattingOptions): string {
  let out = text;
  for (let depth = path.length - 1; depth > 0; depth--) {
    const tree = parseTree(out);
    const parent = tree && findNodeAtLocation(tree, path.slice(0, depth));
    if (!parent || parent.type !== 'object' || (parent.children?.length ?? 0) > 0) break;
    out = applyEdits(out, modify(out, path.slice(0, depth), undefined, { formattingOptions: formatting }));
  }
  return out;
}
