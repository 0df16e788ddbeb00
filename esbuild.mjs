// Builds the bundles: the extension, the CLI, the lazily loaded code engine and the
// benchmark. `--production` minifies without source maps; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** The code engine (resolver, usage index, TypeScript's parser, ~3 MB) is its own bundle, loaded on first use. */
const engineExternal = {
  name: 'code-engine-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/engine$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'code', 'load.ts'))
        ? { path: './codeEngine.js', external: true }
        : undefined,
    );
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
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    plugins: [...common.plugins, engineExternal, servicesExternal],
  },
  {
    ...common,
    entryPoints: ['src/services.ts'],
    outfile: 'dist/services.js',
    plugins: [...common.plugins, engineExternal],
  },
  {
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [...common.plugins, engineExternal],
  },
  { ...common, entryPoints: ['src/code/engine.ts'], outfile: 'dist/codeEngine.js' },
];
if (!production) {
  builds.push({
    ...common,
    entryPoints: ['test/bench/bench.ts'],
    outfile: 'dist/bench.js',
    external: ['vscode', '@vscode/vsce', 'playwright-core', '@lingual/i18n-check'],
    plugins: [...common.plugins, engineExternal],
  });
  // The in-host integration suite: one bundle per test file (mocha adds files), vscode and mocha from the host.
  const suite = (await import('node:fs'))
    .readdirSync('test/integration/suite')
    .filter((f) => f.endsWith('.ts') && f !== 'helpers.ts')
    .map((f) => `test/integration/suite/${f}`);
  builds.push({
    ...common,
    entryPoints: suite,
    outdir: 'dist/test/integration',
    external: ['vscode', 'mocha'],
    plugins: [...common.plugins, engineExternal],
  });
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
