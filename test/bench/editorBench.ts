/**
 * The host half of the editor features' speed, measured in Node with the code the providers call:
 * hover (cached resolution → site → key info → markdown), inline values for a 2,000-line file
 * after an edit (resolve the new version → hints), and the heap the usage index and the catalog
 * add. On a generated app of 1,000 TSX files against the 200,000-key repository. Figures only.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DocumentCache, buildIndex, resolverOptions } from '../../src/code/engine';
import { parseCode } from '../../src/code/parse';
import { resolveSourceFile } from '../../src/code/resolver';
import { Catalog } from '../../src/host/code/catalog';
import { inlineHints } from '../../src/host/code/inlineHints';
import { hoverMarkdown, keyInfo } from '../../src/host/code/keyInfo';
import { loadConfig } from '../../src/locales/config';
import { scanWorkspace } from '../../src/locales/scan';

const words = {
  missing: 'missing',
  provisional: 'provisional',
  job: (s: string) => s,
  translate: (l: string) => l,
  open: (f: string) => f,
  openJob: (l: string) => l,
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1048576;
}

/** A component of `lines` lines calling t on keys of namespace `ns` (the generator's key paths). */
export function component(i: number, lines: number): string {
  const ns = i % 25;
  const out = [
    `import { useTranslation } from 'react-i18next';`,
    '',
    `export function Screen${i}({ count }: { count: number }) {`,
    `  const { t } = useTranslation('ns${ns}');`,
    `  const { t: tp } = useTranslation('ns${(ns + 1) % 25}', { keyPrefix: 'section${i % 10}' });`,
    '  return (',
    '    <div>',
  ];
  for (let l = 0; out.length < lines - 4; l++) {
    const s = (i + l) % 10;
    const g = l % 5;
    if (l % 4 === 3) out.push(`      <p>{tp('group${g}.items7', { count })}</p>`);
    else {
      out.push(
        `      <p title={t('section${s}.group${g}.label${l % 7}')}>{t('section${s}.group${g}.label${(l + 1) % 7}')}</p>`,
      );
    }
  }
  out.push('    </div>', '  );', '}', '');
  return out.join('\n');
}

export async function editorBench(repo: string): Promise<void> {
  const src = path.join(repo, 'src');
  await fs.rm(src, { recursive: true, force: true });
  await fs.mkdir(src, { recursive: true });
  for (let i = 0; i < 1000; i++) await fs.writeFile(path.join(src, `Screen${i}.tsx`), component(i, 40));
  const config = await loadConfig(repo);

  const h0 = heapMb();
  let t0 = performance.now();
  const catalog = await Catalog.load(config, await scanWorkspace(config));
  const catalogMs = performance.now() - t0;
  const h1 = heapMb();
  t0 = performance.now();
  const index = await buildIndex(config);
  const indexMs = performance.now() - t0;
  const h2 = heapMb();
  const sites = [...index.all()].filter((u) => !u.site.dynamic);

  // Hover: the provider's path on a document already resolved at this version.
  const cache = new DocumentCache(resolverOptions(config));
  const texts = new Map<string, string>();
  const hovers: number[] = [];
  for (let r = 0; r < 2000; r++) {
    const u = sites[(r * 7919) % sites.length]!;
    const text = texts.get(u.file) ?? texts.set(u.file, await fs.readFile(u.file, 'utf8')).get(u.file)!;
    cache.resolve(u.file, 1, text, u.file);
    const start = performance.now();
    const site = cache
      .resolve(u.file, 1, text, u.file)
      .sites.find((s) => s.keyRange && s.keyRange.start === u.site.keyRange!.start)!;
    const info = keyInfo(catalog, site.namespaces, site.key, undefined, []);
    if (info) hoverMarkdown(info, words, { translate: 'command:x', open: 'command:y' });
    hovers.push(performance.now() - start);
  }

  // Inline values: a 2,000-line file that is one JSX tree, each round a new version (the edit).
  // Full: resolve the whole new version, then hint. Visible: what the provider does, the sites of
  // ~60 lines in the middle (parse + the walk to those lines) then their hints; its parse and walk
  // are also timed apart on the same text, since TypeScript re-parses such a tree whole.
  const big = component(1, 2000);
  const lineStarts = [0];
  for (let i = big.indexOf('\n'); i >= 0; i = big.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const visible = { start: lineStarts[970]!, end: lineStarts[1030]! };
  const rangeCache = new DocumentCache(resolverOptions(config));
  const options = resolverOptions(config);
  const inline: number[] = [];
  const hinting: number[] = [];
  const visibleMs: number[] = [];
  const parseMs: number[] = [];
  const walkMs: number[] = [];
  let hints = 0;
  let visibleHints = 0;
  for (let r = 0; r < 21; r++) {
    const edited = big.replace('<div>', `<div data-r="${r}">`);
    let start = performance.now();
    const resolution = cache.resolve('big.tsx', r + 2, edited, 'big.tsx');
    const resolvedAt = performance.now();
    hints = inlineHints(resolution.sites, catalog, {
      skipLines: new Set([10]),
      missingLabel: (l) => `${l}: missing`,
    }).length;
    inline.push(performance.now() - start);
    hinting.push(performance.now() - resolvedAt);

    start = performance.now();
    const inView = rangeCache.resolveRange('big.tsx', r + 2, edited, visible, 'big.tsx');
    visibleHints = inlineHints(inView.sites, catalog, {
      skipLines: new Set([1000]),
      missingLabel: (l) => `${l}: missing`,
    }).length;
    visibleMs.push(performance.now() - start);

    start = performance.now();
    const tree = parseCode(edited, 'big.tsx')!;
    parseMs.push(performance.now() - start);
    start = performance.now();
    resolveSourceFile(tree, options, visible);
    walkMs.push(performance.now() - start);
  }
  const resolved = sites.filter((u) => catalog.find(u.site.namespaces, u.site.key)).length;

  console.log('');
  console.log(
    `editor features on keys (1,000 TSX files, ${sites.length.toLocaleString('en')} static call sites, ${resolved.toLocaleString('en')} found in the 200,000-key catalog)`,
  );
  console.log(
    `  hover            ${(median(hovers) * 1000).toFixed(0)} µs median, ${(hovers.sort((a, b) => a - b)[Math.floor(hovers.length * 0.99)]! * 1000).toFixed(0)} µs p99, from memory   (target < 5 ms)`,
  );
  console.log(
    `  inline values    ${median(visibleMs.slice(1)).toFixed(1)} ms for the 60 visible lines of a 2,000-line file (one JSX tree) after an edit: parse, the walk to those lines, ${visibleHints} hints   (target < 20 ms)`,
  );
  console.log(
    `                   of which the parse alone ${median(parseMs.slice(1)).toFixed(1)} ms (TypeScript re-parses a JSX tree whole) and the walk ${median(walkMs.slice(1)).toFixed(1)} ms; machine load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min) on ${os.cpus().length} cores`,
  );
  console.log(
    `                   ${median(inline.slice(1)).toFixed(1)} ms for the whole file (every site resolved, then ${hints} hints in ${median(hinting.slice(1)).toFixed(1)} ms): what hover and the index pay`,
  );
  console.log(
    `  usage index      ${indexMs.toFixed(0)} ms cold, ${(h2 - h1).toFixed(1)} MB heap added   (target < 100 MB)`,
  );
  console.log(
    `  catalog          ${catalogMs.toFixed(0)} ms to read every locale's values, ${(h1 - h0).toFixed(1)} MB heap (shared with the scan's source files)`,
  );
  await fs.rm(src, { recursive: true, force: true });
}
