import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { loadConfig } from '../../src/locales/config';
import type { ScanResult, ScanStats } from '../../src/locales/scan';
import { parseLocaleBytes, scanWorkspace, updateScan } from '../../src/locales/scan';
import { LocaleParseError } from '../../src/locales/errors';
import type { OracleFile } from '../support/scanOracle';
import { oracleLocales, oracleParse } from '../support/scanOracle';

/**
 * A file as written: properties as name/value pairs (so that a name can appear twice), leaves,
 * arrays, a tower of nested objects, and how the text is then damaged or decorated.
 */
type Value = string | number | boolean | null | unknown[] | Obj | { tower: number };
type Obj = { props: Array<[string, Value]> };
interface FileSpec {
  readonly root: Obj;
  readonly indent: 0 | 2 | '\t';
  readonly bom: boolean;
  readonly damage: 'none' | 'duplicate' | 'invalidByte' | 'replacementChar' | 'trailingComma';
  /** A property the native walk declines: a dotted key, a key starting with a digit, an array. */
  readonly special: [string, Value] | null;
}
const special = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<[string, Value]>(
      ['menu.open', 'Open'],
      ['a.b', 'x'],
      ['1st', 'First'],
      ['2', 'x'],
      ['list', ['a', 1]],
      ['none', []],
    ),
  },
);

const name = fc.constantFrom(
  'title',
  'menu',
  'open',
  'close',
  'items_one',
  'items_other',
  'items_few',
  'items_many',
  'items_zero',
  'place_ordinal_one',
  'place_ordinal_other',
  'place_ordinal_few',
  'count',
  'x:y',
  'é',
  // Hostile names: NFD of 'é' (a different key), prototype names, the empty key, a lone surrogate.
  'e\u0301',
  '__proto__',
  'constructor',
  '',
  '\ud800',
);
const text = fc.constantFrom(
  'Hello',
  'Hello {{name}}',
  'Hallo {{ name }}',
  '{{count}} items',
  'one item',
  'See <0>docs</0>',
  '$t(title)',
  '$t(nope)',
  '',
  'x: y',
  '<b>{{count}}</b>',
  '12',
);
const leaf: fc.Arbitrary<Value> = fc.oneof(
  { weight: 40, arbitrary: text },
  { weight: 3, arbitrary: fc.constantFrom<Value>(3, true, null) },
);
const obj: fc.Arbitrary<Obj> = fc.letrec<{ obj: Obj }>((tie) => ({
  obj: fc
    .uniqueArray(fc.tuple(name, fc.oneof({ depthSize: 'small', maxDepth: 3 }, leaf, leaf, tie('obj'))), {
      maxLength: 7,
      selector: ([n]) => n,
    })
    .map((props) => ({ props: props as Array<[string, Value]> })),
})).obj;
// Now and then a tower of objects at or just beyond the nesting limit (1000 levels with the root).
const root: fc.Arbitrary<Obj> = fc.oneof(
  { weight: 40, arbitrary: obj.filter((o) => o.props.length > 0) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(obj, fc.constantFrom(998, 999, 1000))
      .map(([o, tower]) => ({ props: [...o.props, ['deep', { tower }] as [string, Value]] })),
  },
);
const fileSpec = (damage: fc.Arbitrary<FileSpec['damage']>): fc.Arbitrary<FileSpec> =>
  fc.record({ root, indent: fc.constantFrom<FileSpec['indent']>(0, 2, '\t'), bom: fc.boolean(), damage, special });
const targetDamage = fc.oneof(
  { weight: 12, arbitrary: fc.constant<FileSpec['damage']>('none') },
  { weight: 1, arbitrary: fc.constantFrom<FileSpec['damage']>('duplicate', 'invalidByte', 'replacementChar') },
  { weight: 1, arbitrary: fc.constant<FileSpec['damage']>('trailingComma') },
);
const sourceDamage = fc.oneof(
  { weight: 20, arbitrary: fc.constant<FileSpec['damage']>('none') },
  { weight: 1, arbitrary: fc.constantFrom<FileSpec['damage']>('duplicate', 'invalidByte', 'replacementChar') },
);

/** Serialises by hand: `JSON.stringify` cannot write a duplicate key. */
function write(v: Value, indent: FileSpec['indent'], depth: number): string {
  const pad = (d: number) => (indent === 0 ? '' : '\n' + (indent === 2 ? '  ' : '\t').repeat(d));
  if (v !== null && typeof v === 'object' && 'tower' in v) {
    return '{"t":'.repeat(v.tower) + '"top"' + '}'.repeat(v.tower);
  }
  if (v !== null && typeof v === 'object' && 'props' in v) {
    if (v.props.length === 0) return '{}';
    const body = v.props.map(([k, x]) => `${pad(depth + 1)}${JSON.stringify(k)}: ${write(x, indent, depth + 1)}`);
    return `{${body.join(',')}${pad(depth)}}`;
  }
  return JSON.stringify(v);
}

function bytesOf(spec: FileSpec): Buffer {
  const props = [...spec.root.props];
  if (spec.special) props.splice(props.length >> 1, 0, spec.special);
  let body = write({ props }, spec.indent, 0);
  const first = spec.root.props[0];
  const close = body.lastIndexOf('}');
  if (spec.damage === 'duplicate' && first) {
    body = `${body.slice(0, close)}, ${JSON.stringify(first[0])}: "again"${body.slice(close)}`;
  } else if (spec.damage === 'trailingComma' && first) {
    body = `${body.slice(0, close)},${body.slice(close)}`;
  } else if (spec.damage === 'replacementChar') {
    body = `${body.slice(0, close)}${first ? ',' : ''} "r": "a \uFFFD b"${body.slice(close)}`;
  }
  let bytes = Buffer.from(body);
  if (spec.damage === 'invalidByte') {
    const at = body.lastIndexOf('}');
    bytes = Buffer.concat([
      Buffer.from(body.slice(0, at)),
      Buffer.from(`${first ? ',' : ''} "z": "a`),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
  }
  return spec.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

const locales = ['en', 'de', 'pl', 'ja', 'ar'] as const;
const template = (ns: string) => `locales/{locale}/${ns}.json`;

interface Workspace {
  readonly sep: '.' | false;
  readonly targetLocales: string[] | null;
  /** Per locale, per namespace: the file, or null when the locale has none. */
  readonly files: Record<string, { common: FileSpec | null; extra: FileSpec | null }>;
}

const workspace: fc.Arbitrary<Workspace> = fc.record({
  sep: fc.oneof({ weight: 8, arbitrary: fc.constant<'.'>('.') }, { weight: 1, arbitrary: fc.constant(false as const) }),
  targetLocales: fc.option(fc.subarray(['de', 'pl', 'ja', 'ar'], { minLength: 1 }), { freq: 2 }),
  files: fc.record(
    Object.fromEntries(
      locales.map((l) => [
        l,
        fc.record({
          common: l === 'en' ? fileSpec(sourceDamage) : fc.option(fileSpec(targetDamage), { freq: 8 }),
          extra: fc.option(fileSpec(l === 'en' ? sourceDamage : targetDamage), { freq: 2 }),
        }),
      ]),
    ) as Record<string, fc.Arbitrary<{ common: FileSpec | null; extra: FileSpec | null }>>,
  ),
});

/** Writes the workspace into `dir` and returns what the oracle needs. */
async function materialise(dir: string, ws: Workspace): Promise<{ files: OracleFile[]; targets: string[] }> {
  await fs.rm(path.join(dir, 'locales'), { recursive: true, force: true });
  const targets = ws.targetLocales ?? locales.filter((l) => l !== 'en' && (ws.files[l]!.common || ws.files[l]!.extra));
  const files: OracleFile[] = [];
  for (const locale of locales) {
    for (const ns of ['common', 'extra'] as const) {
      const spec = ws.files[locale]![ns];
      if (!spec) continue;
      const bytes = bytesOf(spec);
      const rel = `locales/${locale}/${ns}.json`;
      await fs.mkdir(path.join(dir, 'locales', locale), { recursive: true });
      await fs.writeFile(path.join(dir, rel), bytes);
      if (locale === 'en' || targets.includes(locale)) {
        files.push({ file: rel, locale, namespace: ns, id: template(ns), leaves: oracleParse(bytes, ws.sep) });
      }
    }
  }
  await fs.writeFile(
    path.join(dir, 'locale-loop.json'),
    JSON.stringify({
      sourceLocale: 'en',
      files: 'locales/{locale}/{namespace}.json',
      keySeparator: ws.sep,
      codeUsage: { enabled: false },
      ...(ws.targetLocales ? { targetLocales: ws.targetLocales } : {}),
    }),
  );
  return { files, targets: [...targets].sort((a, b) => (ws.targetLocales ? 0 : a.localeCompare(b))) };
}

/** Asserts a scan's report equals the oracle's; returns how many target leaves were compared. */
function compare(result: ScanResult, files: readonly OracleFile[], targets: readonly string[]): number {
  const { report } = result;
  assert.deepEqual(report.targetLocales, targets);
  assert.deepEqual(JSON.parse(JSON.stringify(report.locales)), oracleLocales(files, 'en', targets));
  // Every file the oracle refuses is among the scan's errors, and no other.
  assert.deepEqual(
    [...new Set(report.errors.map((e) => e.file))].sort(),
    files
      .filter((f) => !f.leaves)
      .map((f) => f.file)
      .sort(),
  );
  assert.deepEqual(
    report.files.map((f) => [f.file, f.keys]).sort(),
    files.map((f) => [f.file, f.leaves?.length ?? 0]).sort(),
  );
  return files.filter((f) => f.locale !== 'en').reduce((n, f) => n + (f.leaves?.length ?? 0), 0);
}

function add(total: ScanStats, s: ScanStats): void {
  for (const k of Object.keys(total) as Array<keyof ScanStats>) total[k] += s[k];
}

const runs = 150;

describe('scan ≡ an independent oracle (plain maps from each file’s bytes)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'll-scan-oracle-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reports what the oracle works out, in runs that compare target leaves, through both steps of every kind of file', async () => {
    const stats: ScanStats = { sourceNative: 0, sourceStrict: 0, targetNative: 0, targetStrict: 0, malformed: 0 };
    let runsWithLeaves = 0;
    let leavesCompared = 0;
    await fc.assert(
      fc.asyncProperty(workspace, async (ws) => {
        const { files, targets } = await materialise(dir, ws);
        const result = await scanWorkspace(await loadConfig(dir));
        const compared = compare(result, files, targets);
        add(stats, result.stats);
        leavesCompared += compared;
        if (compared > 0) runsWithLeaves++;
      }),
      { numRuns: runs },
    );
    // Non-vacuous: most runs compare target leaves, and every step of each kind was taken.
    assert.ok(runsWithLeaves >= 0.9 * runs, `only ${runsWithLeaves} of ${runs} runs compared target leaves`);
    for (const [path, n] of Object.entries(stats)) {
      assert.ok(n >= 20, `${path} taken only ${n} times: ${JSON.stringify(stats)}`);
    }
    console.log(
      `      paths taken: ${JSON.stringify(stats)}; ${leavesCompared} target leaves compared in ${runsWithLeaves}/${runs} runs`,
    );
  });

  it('updates a changed target file incrementally to what the oracle works out for the new workspace', async () => {
    const stats: ScanStats = { sourceNative: 0, sourceStrict: 0, targetNative: 0, targetStrict: 0, malformed: 0 };
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        workspace,
        fileSpec(targetDamage),
        fc.constantFrom('de', 'pl', 'ja', 'ar'),
        async (ws, spec, locale) => {
          const before = await materialise(dir, ws);
          if (!before.targets.includes(locale) || !ws.files[locale]!.common) {
            // The file must exist and be scanned for an incremental update: make it so.
            ws = {
              ...ws,
              targetLocales: null,
              files: { ...ws.files, [locale]: { ...ws.files[locale]!, common: spec } },
            };
            await materialise(dir, ws);
          }
          const first = await scanWorkspace(await loadConfig(dir));
          const changed = { ...ws, files: { ...ws.files, [locale]: { ...ws.files[locale]!, common: spec } } };
          const after = await materialise(dir, changed);
          const updated = await updateScan(first, [path.join(dir, 'locales', locale, 'common.json')]);
          add(stats, updated.stats);
          compared += compare(updated, after.files, after.targets) > 0 ? 1 : 0;
        },
      ),
      { numRuns: 60 },
    );
    assert.ok(compared >= 0.9 * 60, `only ${compared} of 60 updates compared target leaves`);
    assert.ok(stats.targetNative >= 10 && stats.targetStrict >= 3, `paths: ${JSON.stringify(stats)}`);
  });

  it('parses with positions what the oracle reads, through the fast scanner and the visitor alike', () => {
    let compared = 0;
    // The fast scanner declines arrays and malformed files: those go to the visitor.
    let toVisitor = 0;
    let toScanner = 0;
    fc.assert(
      fc.property(fileSpec(targetDamage), fc.constantFrom<'.' | false>('.', '.', false), (spec, sep) => {
        const bytes = bytesOf(spec);
        const expected = oracleParse(bytes, sep);
        const hasArray = bytes.includes(0x5b); // no text of the generator holds a `[`
        if (!expected || hasArray) toVisitor++;
        else toScanner++;
        let parsed;
        try {
          parsed = parseLocaleBytes(bytes, 'x.json', { keySeparator: sep });
        } catch (e) {
          if (!LocaleParseError.is(e)) throw e;
          assert.equal(expected, undefined, e.message);
          return;
        }
        assert.ok(expected, 'the oracle refuses a file the parser accepted');
        assert.deepEqual(
          [...parsed.entries.values()].map((e) => ({ key: e.key, kind: e.kind, value: e.value })),
          expected,
        );
        // The positions: each key's quote, and each scalar value's exact text.
        for (const e of parsed.entries.values()) {
          assert.equal(parsed.text[e.keyOffset], '"');
          const written = parsed.text.slice(e.valueOffset, e.valueOffset + e.valueLength);
          if (e.kind === 'array' || e.kind === 'object') assert.match(written, /^[[{][\s\S]*[\]}]$/);
          else assert.deepEqual(JSON.parse(written), e.value);
        }
        compared++;
      }),
      { numRuns: 400 },
    );
    assert.ok(compared >= 0.75 * 400, `only ${compared} of 400 runs compared entries`);
    assert.ok(toScanner >= 100 && toVisitor >= 40, `scanner ${toScanner}, visitor ${toVisitor}`);
    console.log(
      `      ${compared}/400 runs compared entries; ${toScanner} files for the fast scanner, ${toVisitor} for the visitor`,
    );
  });
});
