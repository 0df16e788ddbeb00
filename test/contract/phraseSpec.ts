/**
 * The Phrase TMS API definition (vendored beside this file; see README.md there), loaded into openapi-enforcer for request and
 * response validation. The published document has definition errors that a strict Swagger 2.0
 * validator refuses to load or cannot apply; they are fixed in memory only, each listed here:
 *   - five `discriminator` properties missing from their definition's `required` list
 *     (CommonConversationDto, AbstractProjectDto, AbstractProjectDtoV2, AbstractAnalyseSettingsDto,
 *     AbsoluteTranslationLengthWarningDto); Swagger 2.0 requires them, and the service always sends
 *     them;
 *   - `securityDefinitions.OAuth2` without `scopes` (Locale Loop does not use OAuth2);
 *   - the project DTOs (AbstractProjectDto, AbstractProjectDtoV2) pick their shape by `userRole`,
 *     whose values (`ADMIN`, `PROJECT_MANAGER`…) are not the names of their shapes ("Admin,
 *     Project Manager") but of unrelated user DTOs, so no project could be checked: their
 *     discriminator is dropped and project responses are checked as the admin shape (what the
 *     service sends to the admin or project manager a push runs as).
 * Nothing else is changed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

// openapi-enforcer ships no types.
const Enforcer = require('openapi-enforcer') as (
  doc: unknown,
  options: unknown,
) => Promise<[EnforcerApi | undefined, unknown, unknown]>;

export interface EnforcerResult<T> {
  readonly value?: T;
  readonly error?: unknown;
}
export interface EnforcerSchema {
  deserialize(value: unknown): EnforcerResult<unknown>;
  validate(value: unknown): unknown;
}
export interface EnforcerOperation {
  readonly operationId: string;
  readonly responses: Record<string, { schema?: EnforcerSchema } | undefined>;
  readonly produces?: string[];
  readonly consumes?: string[];
}
export interface EnforcerApi {
  request(req: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: unknown;
  }): EnforcerResult<{ operation: EnforcerOperation }>;
}

/** Vendored in the repository (README.md beside it says where it comes from and its date). */
export const specFile = path.resolve(__dirname, 'phrase-tms-api-swagger2-2024-02.yaml');
/** The sha256 of the vendored file as published; a test checks it so an accidental edit shows. */
export const specSha256 = 'c25cd3dccabd5ef2ec3c08c67e2f3ba5845c180ca422f7001d290018a53b8ea0';

export async function loadPhraseSpec(): Promise<EnforcerApi> {
  if (!existsSync(specFile)) {
    throw new Error(`the Phrase TMS API definition is missing from the repository: ${specFile}`);
  }
  const doc = yaml.load(readFileSync(specFile, 'utf8')) as {
    securityDefinitions: Record<string, { scopes?: object }>;
    definitions: Record<string, DefinitionLike>;
  };
  doc.securityDefinitions.OAuth2!.scopes ??= {};
  for (const [name, admin] of [
    ['AbstractProjectDto', 'Admin, Project Manager'],
    ['AbstractProjectDtoV2', 'Admin, Project Manager (v2)'],
  ] as const) {
    delete doc.definitions[name]!.discriminator;
    retarget(doc, `#/definitions/${name}`, `#/definitions/${admin}`);
  }
  for (const def of Object.values(doc.definitions)) {
    const d = def.discriminator ? def : def.allOf?.find((x) => x.discriminator);
    if (d && !(d.required ?? []).includes(d.discriminator!)) (d.required ??= []).push(d.discriminator!);
  }
  const [api, err] = await Enforcer(doc, {
    fullResult: true,
    // Warnings about the document's style (e.g. 201 without a Location header), not about messages.
    componentOptions: {
      exceptionSkipCodes: ['WRES001', 'WPAR001', 'WSCH001', 'WPAT001', 'WRES002', 'WRES003', 'WSWA001'],
    },
  });
  if (!api) throw new Error(`the API definition did not load: ${String(err)}`);
  return api;
}

interface DefinitionLike {
  discriminator?: string;
  required?: string[];
  allOf?: DefinitionLike[];
}

/** Points every `$ref` to `from` at `to`, except inside the shapes that extend `from` (allOf). */
function retarget(node: unknown, from: string, to: string): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach((n) => retarget(n, from, to));
  const o = node as Record<string, unknown>;
  if (o.$ref === from) o.$ref = to;
  for (const [k, v] of Object.entries(o)) if (k !== 'allOf') retarget(v, from, to);
}
