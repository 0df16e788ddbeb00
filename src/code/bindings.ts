/**
 * What a name in code stands for, as far as translation goes: a `t` function (with its
 * namespaces and keyPrefix), the object `useTranslation()` returns, an i18next instance, props
 * whose members are known (from a type or a `withTranslation` wrapper), or a constant.
 * Types are read from the annotation only (`TFunction<'ns', 'prefix'>`, `WithTranslation<'ns'>`,
 * interfaces and type aliases of the same file): no type checker runs, so this stays fast.
 */
import ts from 'typescript';

/** A translation function. `namespaces` undefined: computed at run time (any namespace). */
export interface TFn {
  readonly namespaces: readonly string[] | undefined;
  /** Namespaces a key may name with `ns:` (all of `useTranslation(['a', 'b'])`), when more. */
  readonly scopeNamespaces?: readonly string[];
  readonly keyPrefix: string;
  /** The keyPrefix is computed: the keys of this function are not known statically. */
  readonly prefixDynamic?: boolean;
}

export type Binding =
  | { readonly kind: 'tfn'; readonly fn: TFn }
  | { readonly kind: 'hook'; readonly fn: TFn }
  | { readonly kind: 'i18n' }
  | { readonly kind: 'props'; readonly members: ReadonlyMap<string, Binding> }
  | { readonly kind: 'const'; readonly value: string | readonly string[] }
  /** `const key = cond ? 'a' : 'b'`: a key expression `t(key)` reads as if written in place. */
  | { readonly kind: 'keyExpr'; readonly expr: ts.Expression }
  | { readonly kind: 'other' };

export const other: Binding = { kind: 'other' };
export const unknownFn: TFn = { namespaces: undefined, keyPrefix: '' };

/**
 * The t of `useTranslation(['a', 'b'])` (and of `TFunction<['a', 'b']>`): react-i18next's default
 * `nsMode: 'default'` fixes it to the first namespace; the others are reached with `b:key`.
 */
export function hookFn(namespaces: readonly string[] | undefined, keyPrefix: string, prefixDynamic?: boolean): TFn {
  if (!namespaces || namespaces.length <= 1) return { namespaces, keyPrefix, prefixDynamic };
  return { namespaces: namespaces.slice(0, 1), scopeNamespaces: namespaces, keyPrefix, prefixDynamic };
}

/** Unwraps `(x)`, `x as T`, `x!`, `x satisfies T`, `await x`. */
export function unwrap(e: ts.Expression): ts.Expression {
  for (;;) {
    if (
      ts.isParenthesizedExpression(e) ||
      ts.isAsExpression(e) ||
      ts.isNonNullExpression(e) ||
      ts.isSatisfiesExpression(e) ||
      ts.isAwaitExpression(e) ||
      ts.isTypeAssertionExpression(e)
    ) {
      e = e.expression;
    } else return e;
  }
}

export function stringOf(e: ts.Node | undefined): string | undefined {
  if (!e) return undefined;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) {
    return stringOf(e.expression);
  }
  return undefined;
}

/** A namespace argument: 'ns', ['a', 'b'], or a constant naming them; undefined when computed. */
export function namespacesOf(e: ts.Expression, lookup: (name: string) => Binding | undefined): string[] | undefined {
  e = unwrap(e);
  const s = stringOf(e);
  if (s !== undefined) return [s];
  if (ts.isArrayLiteralExpression(e)) {
    const all = e.elements.map((x) => stringOf(x));
    return all.length > 0 && all.every((x) => x !== undefined) ? (all as string[]) : undefined;
  }
  if (ts.isIdentifier(e)) {
    const b = lookup(e.text);
    if (b?.kind === 'const') return typeof b.value === 'string' ? [b.value] : [...b.value];
  }
  return undefined;
}

/** Type-level namespaces: `'ns'`, `['a', 'b']`, `readonly ['a']`. */
function typeNamespaces(t: ts.TypeNode | undefined): string[] | undefined {
  if (!t) return undefined;
  if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) return [t.literal.text];
  if (ts.isTypeOperatorNode(t)) return typeNamespaces(t.type);
  if (ts.isTupleTypeNode(t)) {
    const all = t.elements.map((x) => typeNamespaces(x)?.[0]);
    return all.length > 0 && all.every((x) => x !== undefined) ? (all as string[]) : undefined;
  }
  return undefined;
}

function typeName(t: ts.TypeReferenceNode): string {
  return ts.isIdentifier(t.typeName) ? t.typeName.text : t.typeName.right.text;
}

/** Interfaces and type aliases declared at the top of a file, by name. */
export type LocalTypes = ReadonlyMap<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>;

export function collectLocalTypes(sf: ts.SourceFile): LocalTypes {
  const out = new Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>();
  for (const s of sf.statements) {
    if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) out.set(s.name.text, s);
  }
  return out;
}

/** The binding a type annotation gives a name. */
export function bindingFromType(t: ts.TypeNode | undefined, types: LocalTypes, depth = 0): Binding | undefined {
  if (!t || depth > 6) return undefined;
  if (ts.isParenthesizedTypeNode(t)) return bindingFromType(t.type, types, depth + 1);
  if (ts.isTypeReferenceNode(t)) {
    const name = typeName(t);
    const args = t.typeArguments;
    if (name === 'TFunction') {
      return {
        kind: 'tfn',
        fn: args?.length ? hookFn(typeNamespaces(args[0]), stringOfType(args[1]) ?? '') : unknownFn,
      };
    }
    if (name === 'WithTranslation' || name === 'WithTranslationProps' || name === 'UseTranslationResponse') {
      const fn: TFn = args?.length ? hookFn(typeNamespaces(args[0]), stringOfType(args[1]) ?? '') : unknownFn;
      return {
        kind: 'props',
        members: new Map<string, Binding>([
          ['t', { kind: 'tfn', fn }],
          ['i18n', { kind: 'i18n' }],
        ]),
      };
    }
    if (name === 'i18n' || name === 'I18n') return { kind: 'i18n' };
    const decl = types.get(name);
    if (!decl) return undefined;
    if (ts.isTypeAliasDeclaration(decl)) return bindingFromType(decl.type, types, depth + 1);
    const members = new Map<string, Binding>();
    for (const h of decl.heritageClauses ?? []) {
      for (const x of h.types) {
        const base = ts.isIdentifier(x.expression)
          ? bindingFromType(ts.factory.createTypeReferenceNode(x.expression.text, x.typeArguments), types, depth + 1)
          : undefined;
        if (base?.kind === 'props') for (const [k, v] of base.members) members.set(k, v);
      }
    }
    addMembers(decl.members, members, types, depth);
    return { kind: 'props', members };
  }
  if (ts.isTypeLiteralNode(t)) {
    const members = new Map<string, Binding>();
    addMembers(t.members, members, types, depth);
    return { kind: 'props', members };
  }
  if (ts.isIntersectionTypeNode(t)) {
    const members = new Map<string, Binding>();
    for (const part of t.types) {
      const b = bindingFromType(part, types, depth + 1);
      if (b?.kind === 'props') for (const [k, v] of b.members) members.set(k, v);
    }
    return { kind: 'props', members };
  }
  return undefined;
}

function addMembers(
  list: ts.NodeArray<ts.TypeElement>,
  into: Map<string, Binding>,
  types: LocalTypes,
  depth: number,
): void {
  for (const m of list) {
    if (ts.isPropertySignature(m) && m.type && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) {
      const b = bindingFromType(m.type, types, depth + 1);
      if (b) into.set(m.name.text, b);
    }
  }
}

function stringOfType(t: ts.TypeNode | undefined): string | undefined {
  return t && ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : undefined;
}

/** The `{ keyPrefix }` of a `useTranslation` options object (dynamic when not a literal). */
export function keyPrefixOf(options: ts.Expression | undefined): { keyPrefix: string; prefixDynamic?: boolean } {
  if (!options) return { keyPrefix: '' };
  const o = unwrap(options);
  if (!ts.isObjectLiteralExpression(o)) return { keyPrefix: '' };
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && propName(p.name) === 'keyPrefix') {
      const s = stringOf(p.initializer);
      return s === undefined ? { keyPrefix: '', prefixDynamic: true } : { keyPrefix: s };
    }
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === 'keyPrefix') {
      return { keyPrefix: '', prefixDynamic: true };
    }
  }
  return { keyPrefix: '' };
}

export function propName(n: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!n) return undefined;
  if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n)) return n.text;
  return undefined;
}

/** The member `name` of a binding (`hook.t`, `i18n.t`, `props.t`). */
export function memberOf(b: Binding | undefined, name: string, defaultFn: TFn): Binding | undefined {
  if (!b) return undefined;
  if (b.kind === 'hook') {
    return name === 't' ? { kind: 'tfn', fn: b.fn } : name === 'i18n' ? { kind: 'i18n' } : undefined;
  }
  if (b.kind === 'i18n') return name === 't' ? { kind: 'tfn', fn: defaultFn } : undefined;
  if (b.kind === 'props') return b.members.get(name);
  return undefined;
}

/** A literal, or a conditional choosing between literals: what `t(key)` may read through a const. */
export function isKeyExpression(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (stringOf(u) !== undefined) return true;
  return ts.isConditionalExpression(u) && isKeyExpression(u.whenTrue) && isKeyExpression(u.whenFalse);
}
