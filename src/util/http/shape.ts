/**
 * A small check that a JSON answer has the fields the client reads, so a wrong-shaped answer
 * becomes an error naming the field (and, from the caller, the service, endpoint and action id)
 * instead of a TypeError somewhere later.
 */

/** `'string'`, `'number'`, `'boolean'`, `'object'`, `'array'`, `'any'`; a `?` suffix: may be absent or null. */
export type Leaf =
  | 'string'
  | 'number'
  | 'boolean'
  | 'object'
  | 'array'
  | 'any'
  | 'string?'
  | 'number?'
  | 'boolean?'
  | 'object?'
  | 'array?';
export type Shape = Leaf | { readonly [field: string]: Shape } | readonly [Shape] | { readonly optional: Shape };

/** The first place where `value` differs from `shape` (`"jobs[2].uid: expected a string, got null"`), or undefined. */
export function shapeError(value: unknown, shape: Shape, at = ''): string | undefined {
  if (typeof shape === 'string') {
    const optional = shape.endsWith('?');
    const kind = optional ? shape.slice(0, -1) : shape;
    if (value === undefined || value === null) {
      return optional
        ? undefined
        : `${at || 'the answer'}: expected ${kind === 'any' ? 'a value' : article(kind)}, got ${value === null ? 'null' : 'nothing'}`;
    }
    if (kind === 'any') return undefined;
    const actual = Array.isArray(value) ? 'array' : typeof value;
    return actual === kind ? undefined : `${at || 'the answer'}: expected ${article(kind)}, got ${article(actual)}`;
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return `${at || 'the answer'}: expected an array, got ${describe(value)}`;
    // Every element: a list whose 40th item is wrong fails as surely as one whose first is.
    for (let i = 0; i < value.length; i++) {
      const e = shapeError(value[i], shape[0] as Shape, `${at}[${i}]`);
      if (e) return e;
    }
    return undefined;
  }
  if ('optional' in shape && Object.keys(shape).length === 1) {
    return value === undefined || value === null ? undefined : shapeError(value, shape.optional as Shape, at);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${at || 'the answer'}: expected an object, got ${describe(value)}`;
  }
  for (const [field, s] of Object.entries(shape as Record<string, Shape>)) {
    const e = shapeError((value as Record<string, unknown>)[field], s, at ? `${at}.${field}` : field);
    if (e) return e;
  }
  return undefined;
}

function describe(v: unknown): string {
  return v === null ? 'null' : v === undefined ? 'nothing' : article(Array.isArray(v) ? 'array' : typeof v);
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}
