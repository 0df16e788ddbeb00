/**
 * Records keyed by data (locale keys, namespace ids): objects without a prototype, so that a key
 * such as `__proto__` or `constructor` is an ordinary property, never the object's prototype or
 * an inherited function (assigning `o['__proto__'] = v` on a plain object would change its
 * prototype, and `o['constructor']` would read `Object`).
 */
export type Dict<T> = Record<string, T>;

/** A prototype-less record, filled from `entries` (a Map, pairs, or another record). */
export function dict<T>(entries?: Iterable<readonly [string, T]> | Readonly<Record<string, T>>): Dict<T> {
  const out = Object.create(null) as Dict<T>;
  if (!entries) return out;
  if (Symbol.iterator in entries) for (const [k, v] of entries as Iterable<readonly [string, T]>) out[k] = v;
  else for (const k of Object.keys(entries)) out[k] = (entries as Readonly<Record<string, T>>)[k]!;
  return out;
}

/** Whether `record` has `key` as its own property (not inherited). */
export function hasKey(record: object | undefined, key: string): boolean {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key);
}
