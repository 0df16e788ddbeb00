/**
 * Import settings made for i18next JSON (README "Import settings"): the HTML subfilter off (so
 * `&` and `<` come back as written, not as entities), i18next's placeholders and Trans tags as
 * Phrase tags a linguist or MT cannot break, and the ICU subfilter when the project uses ICU.
 * Created once per organisation and found again by name.
 */
import type { PhraseClient } from './client';
import type { FileImportSettings } from './types';

/**
 * `{{name}}`, `{{- html}}`, `{{count, number}}`, `$t(key, {…})`, `<0>`, `</0>`, `<1/>`, `<br/>`,
 * `<strong>`. No nested quantifiers: Phrase rejects tag regexps that have them.
 */
export const i18nextTagRegexp = String.raw`\{\{-?[^{}]*\}\}|\$t\([^()]*\)|</?[A-Za-z0-9]+\s*/?>`;

export function i18nextImportSettingsName(icu: boolean): string {
  return icu ? 'Locale Loop i18next JSON (ICU)' : 'Locale Loop i18next JSON';
}

export function i18nextImportSettings(icu: boolean): FileImportSettings {
  // Only string values are segments; numbers, booleans and null are not offered for translation.
  return {
    fileFormat: 'json',
    inputCharset: 'UTF-8',
    outputCharset: 'UTF-8',
    json: { htmlSubFilter: false, icuSubFilter: icu, tagRegexp: i18nextTagRegexp },
  };
}

/** The uid of the i18next import settings, created when the organisation has none by that name. */
export async function ensureI18nextImportSettings(
  client: PhraseClient,
  icu: boolean,
  signal?: AbortSignal,
): Promise<string> {
  const name = i18nextImportSettingsName(icu);
  const found = await client.findImportSettings(name, signal);
  if (found) return found.uid;
  return (await client.createImportSettings(name, i18nextImportSettings(icu), signal)).uid;
}
