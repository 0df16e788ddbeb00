/**
 * The keys of a namespace's source file, shared with its target files: each parser of a target
 * file (the native walk, the strict scanner) takes the source's own key strings and whatever the
 * inventory attached to them, instead of building and hashing keys of its own.
 */
import type { LeafKind, LocaleValue } from './parse';

/** One object of a source file: its properties in order, and by name. */
export interface PoolObject {
  readonly props: PoolProp[];
  readonly byName: Map<string, PoolProp>;
}

/** One property of a source file (or one a target file may have beside it: see `sibling`). */
export interface PoolProp {
  /**
   * The property name as written, quotes included (`"title"`), for matching in place; recorded by
   * the strict scanner, or written by `JSON.stringify` when first needed (then a name written with
   * escapes is matched by name instead).
   */
  raw: string | undefined;
  /** The flattened key string. */
  readonly key: string;
  readonly name: string;
  /** The object it is a property of. */
  readonly parent: PoolObject;
  child: PoolObject | undefined;
  /**
   * A leaf recorded by the native walk: its kind and value, so that the record itself is the
   * file's `LocaleValue` (no second object per key). Undefined otherwise.
   */
  kind: LeafKind | undefined;
  value: LocaleValue['value'];
  /** What a consumer attaches to the key (the inventory: what the key is checked against). */
  data: unknown;
  /** Parse generation that last saw the key (duplicate detection without hashing). */
  gen: number;
}

/** A pool record that is also its file's leaf (see `PoolProp.kind`). */
export type LeafProp = PoolProp & LocaleValue;

/** A new record (one allocation site: every record has the same shape, and V8 learns it once). */
export function poolProp(key: string, name: string, parent: PoolObject, raw: string | undefined): PoolProp {
  return { raw, key, name, parent, child: undefined, kind: undefined, value: undefined, data: undefined, gen: 0 };
}

/** Whether a file's leaf is a pool record (recorded by the native walk). */
export function isPoolProp(leaf: LocaleValue): leaf is LeafProp {
  return (leaf as Partial<PoolProp>).parent !== undefined;
}

/**
 * The keys of a namespace's source file, by object. The source file fills it; parsing a target
 * file of the same namespace then takes the very same key strings (and whatever a consumer
 * attached to them), matched in place by raw text where the target lists properties in the
 * source's order, the usual case: no string is sliced, concatenated or hashed for such keys.
 */
export class KeyPool {
  readonly root: PoolObject = { props: [], byName: new Map() };
  private keyed?: Map<string, PoolProp>;
  private origin?: KeyPool;

  constructor(readonly recording: boolean) {}

  /**
   * Every record by flattened key, built on first use from the objects: only a target file that
   * writes a key differently from the source (dotted instead of nested) needs it.
   */
  get byKey(): ReadonlyMap<string, PoolProp> {
    if (this.origin) return this.origin.byKey;
    if (!this.keyed) {
      const keyed = new Map<string, PoolProp>();
      const add = (obj: PoolObject): void => {
        for (const prop of obj.props) if (!keyed.has(prop.key)) keyed.set(prop.key, prop);
        for (const prop of obj.byName.values()) {
          if (!keyed.has(prop.key)) keyed.set(prop.key, prop); // siblings (see `sibling`)
          if (prop.child) add(prop.child);
        }
      };
      add(this.root);
      this.keyed = keyed;
    }
    return this.keyed;
  }

  /**
   * A property target files may have beside `of` that the source lacks (the inventory adds the
   * plural forms other locales need, `item_few` beside `item_other`), so that such keys are found
   * and shared like the source's own. Not in the in-order list: `props` stays the source's order.
   */
  sibling(of: PoolProp, name: string, key: string): PoolProp {
    let prop = of.parent.byName.get(name);
    if (!prop) {
      prop = poolProp(key, name, of.parent, undefined);
      of.parent.byName.set(name, prop);
      const keyed = (this.origin ?? this).keyed;
      if (keyed && !keyed.has(key)) keyed.set(key, prop);
    }
    return prop;
  }

  /** A pool that reads this one's keys without adding to it. */
  reader(): KeyPool {
    const r = new KeyPool(false);
    (r as { root: PoolObject }).root = this.root;
    r.origin = this;
    return r;
  }
}
