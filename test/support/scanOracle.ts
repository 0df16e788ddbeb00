/**
 * An independent, slow, obviously-correct inventory: what `scanWorkspace` must report for a
 * workspace, worked out with plain maps from each file's bytes (strict UTF-8 decoding and
 * jsonc-parser's tree). It shares no code with the scan engine (src/locales/scan/); the one
 * shared definition is `comparePlaceholders` (what "the same placeholders" means, also used by the
 * ModernMT restore), and plural categories come straight from `Intl.PluralRules`.
 */
import type { Node, ParseError } from 'jsonc-parser';
import { parseTree } from 'jsonc-parser';
import { comparePlaceholders } from '../../src/locales/placeholders';

export type Leaf = { key: string; kind: string; value: unknown };

/** A file's leaves in order, or undefined when a locale file may not look like this. */
export function oracleParse(bytes: Uint8Array, sep: string | false): Leaf[] | undefined {
  const [b0, b1] = [bytes[0], bytes[1]];
  if (
    bytes.length >= 2 &&
    ((b0 === 0) !== (b1 === 0) || (b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff))
  ) {
    return undefined; // UTF-16 (or UTF-32)
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    return undefined;
  }
  if (text.trim() === '') return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !root || root.type !== 'object' || depthOf(root) > 1000) return undefined;
  const leaves = new Map<string, Leaf>();
  const objects = new Set<string>();
  const walk = (obj: Node, prefix: string): boolean => {
    const names = new Set<string>();
    for (const prop of obj.children ?? []) {
      const [nameNode, valueNode] = prop.children ?? [];
      const name = nameNode!.value as string;
      if (names.has(name)) return false; // a duplicate key
      names.add(name);
      const key = prefix + name;
      if (leaves.has(key) || objects.has(key)) return false; // `a.b` both dotted and nested
      if (valueNode!.type === 'object' && sep !== false) {
        objects.add(key);
        if (!walk(valueNode!, key + sep)) return false;
      } else if (valueNode!.type === 'object' || valueNode!.type === 'array') {
        leaves.set(key, { key, kind: valueNode!.type, value: undefined });
      } else {
        const v = valueNode!.value as unknown;
        leaves.set(key, { key, kind: v === null ? 'null' : typeof v, value: v });
      }
    }
    return true;
  };
  return walk(root, '') ? [...leaves.values()] : undefined;
}

function depthOf(node: Node): number {
  let deepest = 0;
  const stack: Array<[Node, number]> = [[node, 1]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    const container = n.type === 'object' || n.type === 'array';
    if (container) deepest = Math.max(deepest, d);
    for (const c of n.children ?? []) stack.push([c, container ? d + 1 : d]);
  }
  return deepest;
}

const categories = ['zero', 'one', 'two', 'few', 'many', 'other'];
const formRe = /^(.+?)(_ordinal)?_(zero|one|two|few|many|other)$/;

/** CLDR categories of a locale in canonical order. */
function cats(locale: string, ordinal: boolean): string[] {
  const have = new Intl.PluralRules(locale, { type: ordinal ? 'ordinal' : 'cardinal' }).resolvedOptions()
    .pluralCategories as string[];
  return categories.filter((c) => have.includes(c));
}

const formKey = (base: string, ordinal: boolean, c: string) => `${base}${ordinal ? '_ordinal' : ''}_${c}`;

/** A plural form of a group the source has (its `_other` form exists). */
function pluralOf(key: string, source: Map<string, Leaf>) {
  const m = formRe.exec(key);
  if (!m) return undefined;
  const base = m[1]!;
  const ordinal = m[2] !== undefined;
  return source.has(formKey(base, ordinal, 'other')) ? { base, ordinal, category: m[3]! } : undefined;
}

export interface OracleFile {
  readonly file: string;
  readonly locale: string;
  readonly namespace: string;
  readonly id: string;
  readonly leaves: Leaf[] | undefined;
}

const blank = () => ({
  missing: [] as string[],
  empty: [] as string[],
  extra: [] as string[],
  untranslated: [] as string[],
  pluralFormsMissing: [] as Array<{ base: string; ordinal: boolean; missing: string[] }>,
  placeholderMismatches: [] as Array<{ key: string; missing: string[]; extra: string[] }>,
  nonStringLeaves: [] as Array<{ key: string; kind: string }>,
  brokenReferences: [] as Array<{ key: string; reference: string }>,
});

/** The source's expected keys for `locale`, in source order, each plural group once, expanded. */
function expectedKeys(source: Map<string, Leaf>, locale: string) {
  const keys: string[] = [];
  const groups: Array<{ base: string; ordinal: boolean; forms: string[] }> = [];
  const done = new Set<string>();
  for (const leaf of source.values()) {
    const p = pluralOf(leaf.key, source);
    if (!p) {
      if (leaf.kind === 'string' || leaf.kind === 'array') keys.push(leaf.key);
      continue;
    }
    const id = `${p.base}|${p.ordinal}`;
    if (done.has(id)) continue;
    done.add(id);
    const forms = cats(locale, p.ordinal);
    for (const c of forms) keys.push(formKey(p.base, p.ordinal, c));
    groups.push({ base: p.base, ordinal: p.ordinal, forms });
  }
  return { keys, groups };
}

/** One target namespace file checked against its source. */
function targetNamespace(locale: string, source: Map<string, Leaf>, leaves: Leaf[]) {
  const r = blank();
  const seen = new Set<string>();
  for (const { key, kind, value } of leaves) {
    const p = pluralOf(key, source);
    const known = source.has(key) || p !== undefined;
    const allowed = !p || (p.ordinal ? cats(locale, true) : [...cats(locale, false), 'zero']).includes(p.category);
    if (!known || !allowed) {
      r.extra.push(key);
      continue;
    }
    seen.add(key);
    if (kind !== 'string') {
      r.nonStringLeaves.push({ key, kind });
      continue;
    }
    if (value === '') {
      r.empty.push(key);
      continue;
    }
    // What it is translated from: the source's own value, or a plural group's `_other` form.
    const own = source.get(key);
    const from = own ?? source.get(formKey(p!.base, p!.ordinal, 'other'));
    if (from?.kind !== 'string') continue;
    if (value === from.value && /\p{L}/u.test(value as string)) r.untranslated.push(key);
    const cmp = comparePlaceholders(from.value as string, value as string);
    // A plural form may leave out the count ("one item" for `{{count}} items`).
    const missing = p
      ? cmp.missing.filter((id) => !/^\{\{-? ?count\b/.test(id) && !/^\{count\b/.test(id))
      : cmp.missing;
    if (missing.length || cmp.extra.length) {
      r.placeholderMismatches.push({ key, missing: [...missing], extra: [...cmp.extra] });
    }
  }
  const { keys, groups } = expectedKeys(source, locale);
  r.missing = keys.filter((k) => !seen.has(k));
  for (const g of groups) {
    const absent = g.forms.filter((c) => !seen.has(formKey(g.base, g.ordinal, c)));
    if (absent.length) r.pluralFormsMissing.push({ base: g.base, ordinal: g.ordinal, missing: absent });
  }
  return { ...r, keyCount: leaves.length };
}

/** The source namespace's own report: its plural gaps, empty values, settings, broken `$t()`. */
function sourceNamespace(source: Map<string, Leaf>) {
  const r = blank();
  const done = new Set<string>();
  for (const leaf of source.values()) {
    const p = pluralOf(leaf.key, source);
    if (!p || done.has(`${p.base}|${p.ordinal}`)) continue;
    done.add(`${p.base}|${p.ordinal}`);
    const absent = cats('en', p.ordinal).filter((c) => !source.has(formKey(p.base, p.ordinal, c)));
    if (!absent.length) continue;
    r.pluralFormsMissing.push({ base: p.base, ordinal: p.ordinal, missing: absent });
    for (const c of absent) r.missing.push(formKey(p.base, p.ordinal, c));
  }
  for (const { key, kind, value } of source.values()) {
    if (kind !== 'string') {
      r.nonStringLeaves.push({ key, kind });
      continue;
    }
    if (value === '') r.empty.push(key);
    for (const m of (value as string).matchAll(/\$t\(([^,)]*)/g)) {
      const ref = m[1]!.trim().replace(/^['"]|['"]$/g, '');
      const found =
        source.has(ref) ||
        source.has(formKey(ref, false, 'other')) ||
        [...source.keys()].some((k) => k.startsWith(ref + '.'));
      if (!found) r.brokenReferences.push({ key, reference: ref });
    }
  }
  return { ...r, keyCount: source.size };
}

/** The scan report's `locales` (source first, then `targets`), as the JSON report has them. */
export function oracleLocales(files: readonly OracleFile[], sourceLocale: string, targets: readonly string[]) {
  const sources = new Map<string, { file: OracleFile; leaves: Map<string, Leaf> }>();
  for (const f of files) {
    if (f.locale === sourceLocale) {
      sources.set(f.id, { file: f, leaves: new Map((f.leaves ?? []).map((l) => [l.key, l])) });
    }
  }
  const summarize = (locale: string, isSource: boolean, namespaces: Array<ReturnType<typeof blank> & object>) => {
    const sum = (f: (n: Record<string, unknown>) => number) =>
      namespaces.reduce((n, ns) => n + f(ns as unknown as Record<string, unknown>), 0);
    const len = (field: string) => sum((n) => (n[field] as unknown[]).length);
    return {
      locale,
      isSource,
      keyCount: sum((n) => n.keyCount as number),
      missing: len('missing'),
      empty: len('empty'),
      extra: len('extra'),
      untranslated: len('untranslated'),
      pluralFormsMissing: len('pluralFormsMissing'),
      placeholderMismatches: len('placeholderMismatches'),
      nonStringLeaves: len('nonStringLeaves'),
      brokenReferences: len('brokenReferences'),
      namespaces: [...namespaces].sort((a, b) => {
        const x = (a as unknown as { id: string }).id;
        const y = (b as unknown as { id: string }).id;
        return x < y ? -1 : x > y ? 1 : 0;
      }),
    };
  };
  const head = (f: OracleFile) => ({ id: f.id, namespace: f.namespace, file: f.file });
  const out = [
    summarize(
      sourceLocale,
      true,
      [...sources.values()].map((s) => ({
        ...head(s.file),
        ...(s.file.leaves ? {} : { malformed: true }),
        ...sourceNamespace(s.leaves),
      })),
    ),
  ];
  for (const locale of targets) {
    const namespaces = [];
    const have = new Set<string>();
    for (const f of files.filter((x) => x.locale === locale)) {
      have.add(f.id);
      const source = sources.get(f.id);
      if (!f.leaves) namespaces.push({ ...head(f), malformed: true, ...blank(), keyCount: 0 });
      // No source keys to compare with (none, or a malformed source): nothing is extra there.
      else if (source && !source.file.leaves) namespaces.push({ ...head(f), ...blank(), keyCount: f.leaves.length });
      else if (!source) {
        namespaces.push({ ...head(f), ...blank(), extra: f.leaves.map((l) => l.key), keyCount: f.leaves.length });
      } else namespaces.push({ ...head(f), ...targetNamespace(locale, source.leaves, f.leaves) });
    }
    for (const [id, s] of sources) {
      if (!have.has(id)) namespaces.push({ id, namespace: s.file.namespace, ...targetNamespace(locale, s.leaves, []) });
    }
    out.push(summarize(locale, false, namespaces));
  }
  // As `scan --json` writes it (a namespace without a file has no `file`).
  return JSON.parse(JSON.stringify(out)) as unknown;
}
