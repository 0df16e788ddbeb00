/**
 * The code side of a scan: keys used in code but missing from the source locale, and source
 * keys no code refers to. Claims are made only where the resolver is sure: a site of unknown
 * namespace is missing only when no namespace has the key; a dynamic site (`t(\`errors.${c}\`)`,
 * `t(key)`) makes every key under its static head "maybe used", never "never used".
 */
import type { CodeUsageReport } from '../locales/codeUsage';
import type { Separators } from './keyForms';
import { referringKeys } from './keyForms';
import type { CallSite } from './types';
import type { UsageIndex } from './usageIndex';

export interface UsageReportOptions {
  readonly separators: Separators;
  /** i18next `fallbackNS`: where a key missing from its namespace is looked up next. */
  readonly fallbackNS: readonly string[];
}

/** A namespace's keys, with every prefix that ends before a separator (parents, bases). */
class NamespaceKeys {
  readonly keys: Set<string>;
  private readonly bases = new Set<string>();

  constructor(keys: readonly string[], sep: Separators) {
    this.keys = new Set(keys);
    const seps = [sep.keySeparator, sep.pluralSeparator, sep.contextSeparator].filter((s): s is string => !!s);
    for (const k of keys) {
      for (const s of seps) {
        for (let at = k.indexOf(s); at > 0; at = k.indexOf(s, at + s.length)) this.bases.add(k.slice(0, at));
      }
    }
  }

  /** `key`, one of its plural or context forms, or an object holding keys under it. */
  has(key: string): boolean {
    return this.keys.has(key) || this.bases.has(key);
  }
}

export function usageReport(
  index: UsageIndex,
  sourceKeys: ReadonlyMap<string, readonly string[]>,
  options: UsageReportOptions,
): CodeUsageReport {
  const sets = new Map([...sourceKeys].map(([ns, keys]) => [ns, new NamespaceKeys(keys, options.separators)]));
  const all = [...sets.keys()];
  const searchOrder = (s: CallSite) =>
    s.namespaces.length ? [...new Set([...s.namespaces, ...options.fallbackNS])] : all;

  const usedIn = new Map<string, Set<string>>(all.map((ns) => [ns, new Set<string>()]));
  const dynamicHeads = new Map<string, string[]>(all.map((ns) => [ns, []]));
  const usedButMissing: Array<CodeUsageReport['usedButMissing'][number]> = [];
  const distinct = new Set<string>();
  let dynamicCalls = 0;
  const groupFound = new Map<string, boolean>();
  const usages = [...index.all()];

  for (const { file, site } of usages) {
    if (site.dynamic) {
      dynamicCalls++;
      for (const ns of searchOrder(site)) dynamicHeads.get(ns)?.push(site.key);
      continue;
    }
    if (site.key === '') continue;
    distinct.add(`${site.namespace ?? ''}\0${site.key}`);
    const found = searchOrder(site).filter((ns) => sets.get(ns)?.has(site.key));
    // i18next takes the first namespace that has the key; of unknown namespace, any may be meant.
    for (const ns of site.namespaces.length ? found.slice(0, 1) : found) usedIn.get(ns)!.add(site.key);
    if (site.fallbackGroup !== undefined) {
      const g = `${file}#${site.fallbackGroup}`;
      groupFound.set(g, (groupFound.get(g) ?? false) || found.length > 0);
    }
  }
  const reportedGroups = new Set<string>();
  for (const { file, site } of usages) {
    if (site.dynamic || site.key === '') continue;
    if (site.fallbackGroup !== undefined) {
      // t(['specific', 'generic']): missing only when no key of the array exists; reported once.
      const g = `${file}#${site.fallbackGroup}`;
      if (groupFound.get(g) || reportedGroups.has(g)) continue;
      reportedGroups.add(g);
    } else if (searchOrder(site).some((ns) => sets.get(ns)?.has(site.key))) {
      continue;
    }
    const at = site.keyRange ?? site.callRange;
    usedButMissing.push({
      key: site.key,
      namespace: site.namespace,
      file: index.relative(file),
      line: at.startPos.line + 1,
      column: at.startPos.character + 1,
    });
  }

  const neverUsed: Array<{ key: string; namespace: string }> = [];
  for (const [ns, keys] of sourceKeys) {
    const used = usedIn.get(ns)!;
    const heads = dynamicHeads.get(ns)!;
    const everything = heads.includes('');
    if (everything) continue;
    for (const key of keys) {
      if (referringKeys(key, options.separators).some((k) => used.has(k))) continue;
      if (heads.some((h) => key.startsWith(h))) continue;
      neverUsed.push({ key, namespace: ns });
    }
  }
  return { filesScanned: index.files().length, keysUsed: distinct.size, usedButMissing, neverUsed, dynamicCalls };
}
