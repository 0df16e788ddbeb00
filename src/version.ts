/** The package version, read from the manifest at build time (esbuild inlines only this field). */
import { version as manifestVersion } from '../package.json';

export const version: string = manifestVersion;
export const productName = 'Locale Loop';
