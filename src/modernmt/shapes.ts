/**
 * What Locale Loop reads from the `data` of each ModernMT answer (see
 * shared reference modernmt-api.md §3): checked by the client, so a wrong-shaped answer is an
 * error naming the endpoint and the field, not a TypeError later.
 */
import type { Shape } from '../util/http/shape';

const memory: Shape = { id: 'any', name: 'string' };
const importJob: Shape = { id: 'any', progress: 'number' };

/** [verb, path pattern, shape of `data`]; the first match applies. */
export const modernMtShapes: ReadonlyArray<readonly [string, RegExp, Shape]> = [
  ['GET', /^\/translate$/, [{ translation: 'string' }]],
  ['GET', /^\/translate\/languages$/, 'array'],
  ['GET', /^\/context-vector$/, { vectors: 'object' }],
  ['GET', /^\/memories$/, [memory]],
  ['GET', /^\/memories\/[^/]+$/, memory],
  ['POST', /^\/memories$/, memory],
  ['PUT', /^\/memories\/[^/]+$/, memory],
  ['POST', /^\/memories\/[^/]+\/content$/, importJob],
  ['PUT', /^\/memories\/[^/]+\/content$/, importJob],
  ['GET', /^\/import-jobs\/[^/]+$/, importJob],
];

export function modernMtShapeFor(verb: string, path: string): Shape | undefined {
  return modernMtShapes.find(([v, p]) => v === verb && p.test(path))?.[2];
}
