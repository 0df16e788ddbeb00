/**
 * What Locale Loop reads from each Phrase TMS answer (see the API definition in
 * test/contract/): checked by the transport, so a wrong-shaped answer is an error naming the
 * endpoint and the field, not a TypeError later. Only the fields the client uses are listed.
 */
import type { Shape } from '../util/http/shape';

const asyncRef: Shape = { optional: { id: 'any' } };
const job: Shape = { uid: 'string', status: 'string', targetLang: 'string', filename: 'string' };

/** [method, path pattern (after the base URL), shape]; the first match applies. */
export const phraseShapes: ReadonlyArray<readonly [string, RegExp, Shape]> = [
  ['POST', /^\/api2\/v[13]\/auth\/login$/, { token: 'string', expires: 'string?', user: { userName: 'string' } }],
  ['GET', /^\/api2\/v1\/auth\/whoAmI$/, { user: { userName: 'string' } }],
  ['GET', /^\/api2\/v1\/projects$/, { totalPages: 'number', content: [{ uid: 'string', name: 'string' }] }],
  ['GET', /^\/api2\/v1\/projects\/[^/]+$/, { uid: 'string', targetLangs: 'array?' }],
  ['GET', /^\/api2\/v2\/projects\/[^/]+\/jobs$/, { totalPages: 'number', content: [job] }],
  ['GET', /^\/api2\/v1\/projects\/[^/]+\/jobs\/[^/]+$/, job],
  [
    'POST',
    /^\/api2\/v1\/projects\/[^/]+\/jobs$/,
    { jobs: [{ uid: 'string', targetLang: 'string' }], asyncRequest: asyncRef },
  ],
  ['POST', /^\/api2\/v1\/projects\/[^/]+\/jobs\/source$/, { jobs: 'array?', asyncRequest: asyncRef }],
  ['POST', /^\/api2\/v1\/projects\/[^/]+\/jobs\/segmentsCount$/, { segmentsCountsResults: 'array?' }],
  ['GET', /^\/api2\/v1\/async\/[^/]+$/, { asyncResponse: { optional: { errorCode: 'string?' } } }],
  ['PUT', /^\/api2\/v[23]\/projects\/[^/]+\/jobs\/[^/]+\/targetFile$/, { asyncRequest: { id: 'any' } }],
];

export function phraseShapeFor(method: string, path: string): Shape | undefined {
  return phraseShapes.find(([m, p]) => m === method && p.test(path))?.[2];
}
