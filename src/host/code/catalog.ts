/**
 * Every locale's values of a folder, in memory, for the editor features (hover, inline values,
 * completion, definition, diagnostics). vscode-free, so the bench measures the code the providers
 * run. Built from a scan's file list; a rebuild re-parses only files whose size or mtime changed.
 */
import { statSync } from 'node:fs';
import type { Separators } from '../../code/keyForms';
import { referringKeys } from '../../code/keyForms';
import type { LocaleLoopConfig } from '../../locales/config';
import type { LocaleFile } from '../../locales/discovery';
import type { LocaleValue, ParsedLocaleFile } from '../../locales/scan';
import type { ScanResult } from '../../locales/scan';
import { parseLocaleFile } from '../../locales/scan';
import { toBcp47 } from '../../locales/localeCodes';

interface FileValues {
  readonly file: LocaleFile;
  readonly stamp: string;
  /** Flattened key → leaf; undefined when the file is malformed. */
  readonly entries: ReadonlyMap<string, LocaleValue> | undefined;
  /** Kept for source files only: key positions for go to definition and rename. */
  readonly parsed?: ParsedLocaleFile;
}

/** One namespace file (`locales/{locale}/common.json`) across locales. */
export interface CatalogNamespace {
  readonly namespace: string;
  readonly template: string;
  readonly source?: FileValues;
  /** By BCP 47 locale, the source included. */
  readonly byLocale: ReadonlyMap<string, FileValues>;
}

/** Where a code key lands in the source locale. */
export interface Found {
  readonly ns: CatalogNamespace;
  /** The catalogue key shown for the code key: itself, its `_other` plural form, or its first form or child. */
  readonly key: string;
}

export class Catalog {
  /** By namespace name; several templates may share one (monorepos): the first wins lookups. */
  private readonly byName = new Map<string, CatalogNamespace[]>();
  private readonly referring = new Map<CatalogNamespace, Map<string, string>>();

  private constructor(
    readonly sourceLocale: string,
    readonly targetLocales: readonly string[],
    readonly separators: Separators,
    readonly fallbackNS: readonly string[],
    readonly namespaces: readonly CatalogNamespace[],
    private readonly files: ReadonlyMap<string, FileValues>,
  ) {
    for (const ns of namespaces) {
      (this.byName.get(ns.namespace) ?? this.byName.set(ns.namespace, []).get(ns.namespace)!).push(ns);
    }
  }

  /** Reads every locale file of the scan; files unchanged since `previous` are reused as they are. */
  static load(config: LocaleLoopConfig, scan: ScanResult, previous?: Catalog): Promise<Catalog> {
    const sourceLocale = toBcp47(scan.report.sourceLocale);
    const files = new Map<string, FileValues>();
    const byTemplate = new Map<string, { namespace: string; byLocale: Map<string, FileValues>; source?: FileValues }>();
    return (async () => {
      for (const file of scan.files) {
        let stamp = '';
        try {
          const st = statSync(file.path);
          stamp = `${st.size}:${st.mtimeMs}`;
        } catch {
          continue;
        }
        const isSource = file.locale === sourceLocale;
        let values = previous?.files.get(file.path);
        if (!values || values.stamp !== stamp) {
          const parsed = await parseLocaleFile(file, config.keySeparator).catch(() => undefined);
          values = { file, stamp, entries: parsed?.entries, parsed: isSource ? parsed : undefined };
        }
        files.set(file.path, values);
        const t =
          byTemplate.get(file.template) ??
          byTemplate.set(file.template, { namespace: file.namespace, byLocale: new Map() }).get(file.template)!;
        t.byLocale.set(file.locale, values);
        if (isSource) t.source = values;
      }
      const namespaces = [...byTemplate].map(([template, t]): CatalogNamespace => ({
        namespace: t.namespace,
        template,
        source: t.source,
        byLocale: t.byLocale,
      }));
      const targets = scan.report.targetLocales.map(toBcp47);
      const sep = {
        keySeparator: config.keySeparator,
        pluralSeparator: config.pluralSeparator,
        contextSeparator: config.contextSeparator,
      };
      return new Catalog(sourceLocale, targets, sep, config.fallbackNS, namespaces, files);
    })();
  }

  /** Namespace names, in file order. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /**
   * The source entry a code key refers to, looked up as i18next does: its namespaces in order, then
   * `fallbackNS`; every namespace when the code does not say which (empty `namespaces`).
   */
  find(namespaces: readonly string[], key: string): Found | undefined {
    const order = namespaces.length > 0 ? [...namespaces, ...this.fallbackNS] : this.names();
    for (const name of order) {
      for (const ns of this.byName.get(name) ?? []) {
        const k = this.referringMap(ns).get(key);
        if (k !== undefined) return { ns, key: k };
      }
    }
    return undefined;
  }

  /** The first namespace file of a name (where a new key of that namespace goes). */
  namespace(name: string): CatalogNamespace | undefined {
    return this.byName.get(name)?.[0];
  }

  byTemplate(template: string): CatalogNamespace | undefined {
    return this.namespaces.find((n) => n.template === template);
  }

  /** A locale's value of a catalogue key (undefined: missing, or the file is malformed). */
  value(ns: CatalogNamespace, locale: string, key: string): LocaleValue | undefined {
    return ns.byLocale.get(locale)?.entries?.get(key);
  }

  /** The source keys of a namespace, in file order. */
  sourceKeys(ns: CatalogNamespace): string[] {
    return [...(ns.source?.entries?.keys() ?? [])];
  }

  /** Code key → the catalogue key shown for it (see `Found.key`), built once per namespace file. */
  private referringMap(ns: CatalogNamespace): Map<string, string> {
    let m = this.referring.get(ns);
    if (m) return m;
    m = new Map();
    const { pluralSeparator } = this.separators;
    for (const key of ns.source?.entries?.keys() ?? []) {
      for (const code of referringKeys(key, this.separators)) {
        const had = m.get(code);
        // A plural base shows its `_other` form (the one every locale has).
        if (had === undefined || (code !== had && key === `${code}${pluralSeparator}other`)) m.set(code, key);
      }
    }
    this.referring.set(ns, m);
    return m;
  }
}
