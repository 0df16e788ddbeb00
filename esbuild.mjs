// Builds the bundles: the extension, the CLI, the lazily loaded source-code lexers and the
// benchmark. `--production` minifies without source maps; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const require = createRequire(import.meta.url);

/**
 * i18next-parser's package root also loads its gulp/broccoli/cheerio machinery, which we never
 * use; point the import at the two lexers we do use so only they (and TypeScript) are bundled.
 */
const i18nextLexersOnly = {
  name: 'i18next-lexers-only',
  setup(build) {
    build.onResolve({ filter: /^i18next-parser$/ }, () => ({ path: 'i18next-parser', namespace: 'lexers' }));
    build.onLoad({ filter: /.*/, namespace: 'lexers' }, () => {
      const dir = path.dirname(require.resolve('i18next-parser'));
      return {
        contents: [
          `export { default as JavascriptLexer } from ${JSON.stringify(path.join(dir, 'lexers/javascript-lexer.js'))};`,
          `export { default as JsxLexer } from ${JSON.stringify(path.join(dir, 'lexers/jsx-lexer.js'))};`,
        ].join('\n'),
        resolveDir: dir,
      };
    });
    // The JSX lexer imports `unescape` from helpers.js, which also imports esbuild and js-yaml
    // for the parser's config loader. The lexers never call them: stub them out of the bundle.
    build.onResolve({ filter: /^(esbuild|js-yaml)$/ }, (args) => ({ path: args.path, namespace: 'unused-by-lexers' }));
    build.onLoad({ filter: /.*/, namespace: 'unused-by-lexers' }, (args) => ({
      contents: `const unavailable = () => { throw new Error(${JSON.stringify(args.path + ' is not bundled with the lexers')}); };
export const build = unavailable; export const load = unavailable; export default { load: unavailable };`,
    }));
  },
};

/** The lexers (with TypeScript, ~3 MB) live in their own bundle, loaded on first use only. */
const lexersExternal = {
  name: 'lexers-external',
  setup(build) {
    build.onResolve({ filter: /\/codeLexers$/ }, () => ({ path: './codeLexers.js', external: true }));
  },
};

/** The extension loads the network half (clients, sync flows, undici) on first use only. */
const servicesExternal = {
  name: 'services-external',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/services$/ }, () => ({ path: './services.js', external: true }));
  },
};

/** Prints errors in the format of the `$esbuild-watch` problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    if (!watch) return;
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  external: ['vscode'],
  // jsonc-parser's UMD entry loads its parts with dynamic requires esbuild cannot follow.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  plugins: [problemMatcher],
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [...common.plugins, lexersExternal, servicesExternal] },
  { ...common, entryPoints: ['src/services.ts'], outfile: 'dist/services.js', plugins: [...common.plugins, lexersExternal] },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [...common.plugins, lexersExternal] },
  { ...common, entryPoints: ['src/locales/codeLexers.ts'], outfile: 'dist/codeLexers.js', plugins: [...common.plugins, i18nextLexersOnly] },
];
if (!production) {
  builds.push({ ...common, entryPoints: ['test/bench/bench.ts'], outfile: 'dist/bench.js', external: ['vscode', '@vscode/vsce', 'playwright-core'], plugins: [...common.plugins, lexersExternal] });
  // The in-host integration suite: one bundle per test file (mocha adds files), vscode and mocha from the host.
  const suite = (await import('node:fs')).readdirSync('test/integration/suite').filter((f) => f.endsWith('.ts') && f !== 'helpers.ts').map((f) => `test/integration/suite/${f}`);
  builds.push({ ...common, entryPoints: suite, outdir: 'dist/test/integration', external: ['vscode', 'mocha'], plugins: [...common.plugins, lexersExternal] });
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
