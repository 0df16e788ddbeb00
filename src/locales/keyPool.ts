/**
 * The keys of a namespace's source file, shared with its target files: each parser of a target
 * file (the native walk, the strict scanner) takes the source's own key strings and whatever the
 * inventory attached to them, instead of building and hashing keys of its own.
 */

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
  child?: PoolObject;
  /** What a consumer attaches to the key (the inventory: what the key is checked against). */
  data?: unknown;
  /** Parse generation that last saw the key (duplicate detection without hashing). */
  gen: number;
}

/**
 * The keys of a namespace's source file, by object. The source file fills it; parsing a target
 * file of the same namespace then takes the very same key strings (and whatever a consumer
 * attached to them), matched in place by raw text where the target lists properties in the
 * source's order, the usual case: no string is sliced, concatenated or hashed for such keys.
 */
export class KeyPool {
  readonly root: PoolObject = { props: [], byName: new Map() };
  readonly byKey = new Map<string, PoolProp>();

  constructor(readonly recording: boolean) {}

  /**
   * A property target files may have beside `of` that the source lacks (the inventory adds the
   * plural forms other locales need, `item_few` beside `item_other`), so that such keys are found
   * and shared like the source's own. Not in the in-order list: `props` stays the source's order.
   */
  sibling(of: PoolProp, name: string, key: string): PoolProp {
    let prop = of.parent.byName.get(name);
    if (!prop) {
      prop = { raw: undefined, key, name, parent: of.parent, child: undefined, data: undefined, gen: 0 };
      of.parent.byName.set(name, prop);
      if (!this.byKey.has(key)) this.byKey.set(key, prop);
    }
    return prop;
  }

  /** A pool that reads this one's keys without adding to it. */
  reader(): KeyPool {
    const r = new KeyPool(false);
    (r as { root: PoolObject }).root = this.root;
    (r as { byKey: Map<string, PoolProp> }).byKey = this.byKey;
    return r;
  }
}
