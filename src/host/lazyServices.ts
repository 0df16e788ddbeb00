/** Loads the network half of Locale Loop on first use (see src/services.ts). */
import type * as Services from '../services';

let loaded: typeof Services | undefined;

export function services(): typeof Services {
  // A separate bundle in production (esbuild.mjs marks it external); the module itself from sources.
  loaded ??= require('../services') as typeof Services;
  return loaded;
}
