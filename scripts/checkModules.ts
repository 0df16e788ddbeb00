/**
 * `npm run check:modules`: no import cycle in src/ (type-only imports count), no import upward or
 * sideways between the layers, no module over 400 lines in src/ or test/ (test/fixtures/ and
 * generated ones aside). dependency-cruiser reads the imports; this file holds the layer table and
 * the two allow-lists, whose entries fail the check as soon as they are no longer needed ("stale
 * exception"), so none outlives its reason.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ICruiseResult, IForbiddenRuleType, IViolation } from 'dependency-cruiser';

export interface Layer {
  name: string;
  /** Lower imports nothing higher; equal ranks are siblings that may not import each other. */
  rank: number;
  /** Regular expression over the path relative to the checked root, `/`-separated. */
  path: string;
}

/** DESIGN.md's layers, from the bottom. src/code reads locales and util and serves sync and above. */
export const layers: readonly Layer[] = [
  { name: 'util', rank: 0, path: '^src/(util/|version\\.ts$)' },
  { name: 'locales', rank: 1, path: '^src/locales/' },
  { name: 'phrase', rank: 2, path: '^src/phrase/' },
  { name: 'modernmt', rank: 2, path: '^src/modernmt/' },
  { name: 'code', rank: 2, path: '^src/code/' },
  { name: 'sync', rank: 3, path: '^src/sync/' },
  { name: 'services', rank: 4, path: '^src/services\\.ts$' },
  { name: 'cli', rank: 5, path: '^src/(cli\\.ts$|cli/)' },
  { name: 'host', rank: 6, path: '^src/host/' },
  { name: 'extension', rank: 7, path: '^src/extension\\.ts$' },
];

/** A cycle tolerated until the work that removes it lands; every module of the cycle is listed. */
export interface KnownCycle {
  modules: readonly string[];
  why: string;
}

/** Cycles tolerated for now, each with why; none today. An entry fails as stale once its cycle is gone. */
export const knownCycles: readonly KnownCycle[] = [];

export const maxLines = 400;

/** Modules over the limit, each with an owner splitting it. None today: an entry added here fails as stale once its module is back under the limit. */
export const knownOversized: readonly string[] = [];

export interface CheckOptions {
  layers?: readonly Layer[];
  knownCycles?: readonly KnownCycle[];
  knownOversized?: readonly string[];
}

export interface CheckResult {
  /** One sentence per problem, the modules after it; empty when the tree passes. */
  problems: string[];
  /** What the allow-lists let through this time, said so that it stays visible. */
  tolerated: string[];
  modules: number;
}

/** Checks `<root>/src`; `root` is the project (or a test fixture laid out like it). */
export async function checkModules(root: string, options: CheckOptions = {}): Promise<CheckResult> {
  const table = options.layers ?? layers;
  const cycles = options.knownCycles ?? knownCycles;
  const oversized = options.knownOversized ?? knownOversized;
  const result = await cruiseSrc(root, table);
  const problems: string[] = [];
  const tolerated: string[] = [];

  for (const m of result.modules) {
    if (!m.coreModule && !m.couldNotResolve && m.source.startsWith('src/') && !layerOf(table, m.source)) {
      problems.push(`${m.source} belongs to no layer: add it to the layer table in scripts/checkModules.ts.`);
    }
  }

  const usedCycles = new Set<KnownCycle>();
  const seenCycles = new Set<string>();
  for (const v of result.summary.violations) {
    if (v.rule.name === 'no-circular') {
      const ring = cycleOf(v);
      const known = cycles.find((c) => ring.every((m) => c.modules.includes(m)));
      if (known) {
        usedCycles.add(known);
        continue;
      }
      const key = [...ring].sort().join(' ');
      if (seenCycles.has(key)) continue;
      seenCycles.add(key);
      problems.push(
        `Import cycle (type-only imports count; move what both need into a module of their own): ${[...ring, ring[0]].join(' → ')}${typeOnlyNote(v)}`,
      );
    } else if (v.rule.name === 'not-to-unresolvable') {
      problems.push(`An import the check cannot resolve, so it cannot see past it: ${v.from} → ${v.to}`);
    } else {
      const from = layerOf(table, v.from);
      const to = layerOf(table, v.to);
      const kind = from && to && from.rank === to.rank ? 'Sideways import between sibling layers' : 'Upward import';
      const order = orderText(table);
      problems.push(
        `${kind} (layers import downward only, ${order}): ${v.from} (${from?.name}) imports ${v.to} (${to?.name})${typeOnlyNote(v)}`,
      );
    }
  }
  for (const c of cycles) {
    if (usedCycles.has(c)) tolerated.push(`known cycle: ${c.modules.join(' ↔ ')} (${c.why})`);
    else {
      problems.push(
        `Stale exception: the known cycle among ${c.modules.join(', ')} no longer occurs; delete its entry from knownCycles in scripts/checkModules.ts.`,
      );
    }
  }

  for (const file of await sourceFiles(root)) {
    if (/\.generated\./.test(file)) continue;
    const lines = await lineCount(path.join(root, file));
    const listed = oversized.includes(file);
    if (lines > maxLines && listed) tolerated.push(`known oversized: ${file} (${lines} lines)`);
    else if (lines > maxLines) {
      problems.push(`A module over ${maxLines} lines (split it by what it does): ${file} has ${lines} lines`);
    } else if (listed) {
      problems.push(
        `Stale exception: ${file} has ${lines} lines now; delete it from knownOversized in scripts/checkModules.ts.`,
      );
    }
  }
  for (const file of oversized) {
    if (!(await exists(path.join(root, file)))) {
      problems.push(
        `Stale exception: ${file} no longer exists; delete it from knownOversized in scripts/checkModules.ts.`,
      );
    }
  }
  return { problems, tolerated, modules: result.modules.length };
}

/** One rule per layer: it may not import a higher layer nor a sibling of its own rank. */
function layerRules(table: readonly Layer[]): IForbiddenRuleType[] {
  const rules: IForbiddenRuleType[] = [];
  for (const layer of table) {
    const above = table.filter((l) => l !== layer && l.rank >= layer.rank).map((l) => l.path);
    if (above.length === 0) continue;
    rules.push({ name: `layer-${layer.name}`, severity: 'error', from: { path: layer.path }, to: { path: above } });
  }
  return rules;
}

async function cruiseSrc(root: string, table: readonly Layer[]): Promise<ICruiseResult> {
  const { cruise } = await import('dependency-cruiser');
  const forbidden: IForbiddenRuleType[] = [
    { name: 'no-circular', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
    // A relative import the resolver misses would hide its edge from both rules above.
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true, path: '^\\.' },
    },
    ...layerRules(table),
  ];
  const out = await cruise(
    ['src'],
    {
      baseDir: root,
      validate: true,
      ruleSet: { forbidden },
      // Type-only imports are edges too: issue 16's two cycles are type imports.
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      outputType: 'json',
    },
    { extensions: ['.ts', '.js', '.json'] },
  );
  return (typeof out.output === 'string' ? JSON.parse(out.output) : out.output) as ICruiseResult;
}

function layerOf(table: readonly Layer[], file: string): Layer | undefined {
  return table.find((l) => new RegExp(l.path).test(file));
}

/** The modules of a reported cycle, starting at the violation's own module. */
function cycleOf(v: IViolation): string[] {
  const ring = [v.from, ...(v.cycle ?? []).map((d) => d.name)];
  return ring.filter((m, i) => ring.indexOf(m) === i);
}

/** Says so when every edge is `import type`: such an edge is erased at build, yet still couples the modules. */
function typeOnlyNote(v: IViolation): string {
  const edges = v.cycle ? v.cycle.map((d) => d.dependencyTypes) : [v.dependencyTypes ?? []];
  return edges.every((types) => types.includes('type-only')) ? ' (type-only)' : '';
}

function orderText(table: readonly Layer[]): string {
  const ranks = [...new Set(table.map((l) => l.rank))].sort((a, b) => a - b);
  return ranks
    .map((r) =>
      table
        .filter((l) => l.rank === r)
        .map((l) => l.name)
        .join(', '),
    )
    .join(' < ');
}

/** The modules the size rule covers: src/ and test/ (tests are read like code), not test/fixtures/. */
async function sourceFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  for (const dir of ['src', 'test']) {
    if (!(await exists(path.join(root, dir)))) continue;
    const entries = await fs.readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
    files.push(
      ...entries
        .filter((e) => e.isFile() && /\.(ts|js|mjs|cjs)$/.test(e.name))
        .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
        .filter((f) => !f.startsWith('test/fixtures/')),
    );
  }
  return files.sort();
}

async function lineCount(file: string): Promise<number> {
  const text = await fs.readFile(file, 'utf8');
  return text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  void checkModules(root).then(
    ({ problems, tolerated, modules }) => {
      for (const t of tolerated) console.log(`  allowed for now: ${t}`);
      for (const p of problems) console.error(`✖ ${p}`);
      console.log(
        problems.length === 0
          ? `✔ module check: ${modules} modules, no cycle, no upward import, none over ${maxLines} lines beyond the list above`
          : `✖ module check: ${problems.length} problem(s)`,
      );
      process.exitCode = problems.length === 0 ? 0 : 1;
    },
    (e: unknown) => {
      console.error(`The module check could not run: ${(e as Error).message}`);
      process.exitCode = 2;
    },
  );
}
