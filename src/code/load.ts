/**
 * Loads the code engine (resolver, usage index, TypeScript's parser: ~3 MB) on first use. In
 * production it is a separate bundle (dist/codeEngine.js, see esbuild.mjs), so activation and
 * commands that never look at code do not pay for it.
 */
import type * as Engine from './engine';

export type CodeEngine = typeof Engine;

let engine: CodeEngine | undefined;

export function loadCodeEngine(): CodeEngine {
  engine ??= require('./engine') as CodeEngine;
  return engine;
}
