/**
 * The keys of a namespace's source file, object by object, shared with its target files: the walk
 * of a target file takes the source's own key strings and check records instead of building and
 * hashing keys of its own. Filled once by the source's native walk (`recordParsed`), then only read.
 */
import type { KeyInfo } from './types';

/** One object of a source file: its properties in order, and by name. */
export interface PoolObject {
  readonly props: PoolProp[];
  readonly byName: Map<string, PoolProp>;
}

/** One property of a source file (or one a target file may have beside it: see `addSibling`). */
export interface PoolProp {
  /** The flattened key string. */
  readonly key: string;
  readonly name: string;
  /** The object it is a property of. */
  readonly parent: PoolObject;
  /** Its object when the property holds one. */
  child: PoolObject | undefined;
  /** What the inventory checks a target leaf of this key against (set once per scan). */
  info: KeyInfo | undefined;
}

/** A new record (one allocation site: every record has the same shape, and V8 learns it once). */
export function poolProp(key: string, name: string, parent: PoolObject): PoolProp {
  return { key, name, parent, child: undefined, info: undefined };
}

export function poolObject(): PoolObject {
  return { props: [], byName: new Map() };
}

/**
 * A namespace's source keys. A recording that fails leaves nothing behind: the caller records into
 * a fresh pool and keeps it only on success (a pool that stays empty simply matches nothing, and
 * target keys are then looked up by their flattened key).
 */
export class KeyPool {
  readonly root: PoolObject = poolObject();
  /** The records of the source's leaves by flattened key (where the inventory attaches `info`). */
  readonly leaves = new Map<string, PoolProp>();

  /**
   * A property target files may have beside `of` that the source lacks (the inventory adds the
   * plural forms other locales need, `item_few` beside `item_other`), so that such keys are found
   * in place like the source's own. Not in the in-order list: `props` stays the source's order.
   */
  addSibling(of: PoolProp, name: string, key: string, info: KeyInfo): void {
    const parent = of.parent;
    if (parent.byName.has(name)) return;
    const prop = poolProp(key, name, parent);
    prop.info = info;
    parent.byName.set(name, prop);
  }
}
