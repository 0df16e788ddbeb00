/** Generates the benchmark repository: locales × namespaces × keys, nested, with plurals and placeholders. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pluralCategoriesOf } from '../../src/locales/plurals';

export const benchLocales = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt-BR',
  'pl',
  'ru',
  'ar',
  'ja',
  'zh-Hans',
  'ko',
  'nl',
  'sv',
  'cs',
  'tr',
  'uk',
  'he',
  'fi',
  'da',
];

/** One namespace file of about `keys` keys for `locale` (plural groups use the locale's forms). */
export function namespaceObject(locale: string, ns: number, keys: number): Record<string, unknown> {
  const root: Record<string, Record<string, Record<string, string>>> = {};
  const forms = pluralCategoriesOf(locale);
  let n = 0;
  for (let s = 0; n < keys; s++) {
    const section: Record<string, Record<string, string>> = (root[`section${s}`] = {});
    for (let g = 0; g < 5 && n < keys; g++) {
      const group: Record<string, string> = (section[`group${g}`] = {});
      for (let k = 0; k < 8 && n < keys; k++, n++) {
        const id = `${locale} ${ns}.${s}.${g}.${k}`;
        if (k === 7) {
          // a plural group counts as one key of the budget
          for (const f of forms) group[`items${k}_${f}`] = `{{count}} ${f} item(s) of ${id}`;
        } else if (k % 3 === 0) {
          group[`label${k}`] = `Hello {{name}}, see <0>${id}</0> and $t(section0.group0.label0)`;
        } else {
          group[`label${k}`] = `Plain translated text number ${id} with some words in it`;
        }
      }
    }
  }
  return root;
}

export async function generateRepo(
  dir: string,
  locales = benchLocales,
  namespaces = 25,
  keys = 400,
): Promise<{ files: number; keys: number }> {
  await fs.rm(dir, { recursive: true, force: true });
  let files = 0;
  let total = 0;
  for (const locale of locales) {
    await fs.mkdir(path.join(dir, 'locales', locale), { recursive: true });
    for (let ns = 0; ns < namespaces; ns++) {
      const obj = namespaceObject(locale, ns, keys);
      await fs.writeFile(path.join(dir, 'locales', locale, `ns${ns}.json`), JSON.stringify(obj, null, 2) + '\n');
      files++;
      total += keys;
    }
  }
  await fs.writeFile(
    path.join(dir, 'locale-loop.json'),
    JSON.stringify(
      { sourceLocale: 'en', files: 'locales/{locale}/{namespace}.json', codeUsage: { enabled: false } },
      null,
      2,
    ),
  );
  return { files, keys: total };
}
