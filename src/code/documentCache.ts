/**
 * Resolutions of open documents, cached per document version: hover, inline values and
 * completion ask many times per keystroke, the parse runs once per version.
 */
import type { Resolution } from './resolver';
import { resolveText } from './resolver';
import type { KeyScope, ResolverOptions } from './types';

export class DocumentCache {
  private readonly entries = new Map<string, { version: number; resolution: Resolution }>();

  constructor(
    private readonly options: ResolverOptions,
    /** Documents kept (least recently used go first). */
    private readonly capacity = 32,
  ) {}

  /** The document's call sites; `fileName` picks the syntax (.tsx, .vue…). */
  resolve(uri: string, version: number, text: string | (() => string), fileName = uri): Resolution {
    const hit = this.entries.get(uri);
    if (hit && hit.version === version) {
      this.entries.delete(uri); // re-insert: most recently used last
      this.entries.set(uri, hit);
      return hit.resolution;
    }
    const resolution = resolveText(typeof text === 'function' ? text() : text, fileName, this.options);
    this.entries.delete(uri);
    this.entries.set(uri, { version, resolution });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return resolution;
  }

  /** What a key typed at `offset` is looked up in, when `offset` is inside a key literal. */
  scopeAt(
    uri: string,
    version: number,
    text: string | (() => string),
    offset: number,
    fileName = uri,
  ): KeyScope | undefined {
    return scopeIn(this.resolve(uri, version, text, fileName), offset);
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}

export function scopeIn(r: Resolution, offset: number): KeyScope | undefined {
  for (const s of r.scopes) {
    if (offset >= s.replace.start && offset <= s.replace.end) {
      return { ...s, typed: s.typed.slice(0, offset - s.replace.start) };
    }
  }
  return undefined;
}
