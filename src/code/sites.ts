/**
 * Turns one resolved `t` call or `<Trans>` element into call sites: the key argument read as
 * i18next reads it (literal, template literal, `cond ? 'a' : 'b'`, fallback array, selector
 * `$ => $.a.b`), the options (`ns`, `keyPrefix`, `count`, `context`), the keyPrefix joined and
 * the `ns:` split off, with the ranges an editor needs.
 */
import ts from 'typescript';
import type { Binding, TFn } from './bindings';
import { namespacesOf, propName, stringOf, unwrap } from './bindings';
import { splitNamespace, withPrefix } from './keys';
import type { CallSite, KeyScope, Position, ResolverOptions, SiteKind, Span } from './types';

/** One key the argument names: written text, or the static head of a computed key. */
interface KeyPart {
  readonly written: string;
  readonly dynamic: boolean;
  readonly range?: readonly [number, number];
  readonly selector?: boolean;
}

interface CallOptions {
  namespaces?: readonly string[] | undefined;
  nsGiven: boolean;
  keyPrefix?: string;
  prefixDynamic?: boolean;
  plural: boolean;
  context?: string | true;
}

export class SiteBuilder {
  readonly sites: CallSite[] = [];
  readonly scopes: KeyScope[] = [];

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly options: ResolverOptions,
  ) {}

  call(n: ts.CallExpression, fn: TFn, lookup: (name: string) => Binding | undefined): void {
    // Indexing, not destructuring: this runs for every translation call of every file.
    const args = n.arguments;
    const first = args[0];
    if (!first) return;
    const second = args[1];
    const third = args[2];
    const optionsArg =
      second && ts.isObjectLiteralExpression(unwrap(second))
        ? second
        : third && ts.isObjectLiteralExpression(unwrap(third))
          ? third
          : undefined;
    const opts = readOptions(optionsArg, lookup);
    const parts: KeyPart[] = [];
    keyParts(first, parts, this.sf, lookup);
    // The call's offset, not the site's index: a walk limited to a range (inline values) must
    // number a group as the full walk does.
    const group = parts.length > 1 && ts.isArrayLiteralExpression(unwrap(first)) ? n.getStart(this.sf) : undefined;
    for (const p of parts) this.add(p.selector ? 'selector' : 'call', p, fn, opts, n, group);
  }

  trans(
    n: ts.JsxSelfClosingElement | ts.JsxOpeningElement,
    fn: TFn,
    lookup: (name: string) => Binding | undefined,
  ): void {
    let keyAttr: ts.JsxAttributeValue | undefined;
    const opts: CallOptions = { nsGiven: false, plural: false };
    for (const a of n.attributes.properties) {
      if (!ts.isJsxAttribute(a) || !ts.isIdentifier(a.name)) continue;
      const value = a.initializer && ts.isJsxExpression(a.initializer) ? a.initializer.expression : a.initializer;
      if (a.name.text === 'i18nKey') keyAttr = a.initializer;
      else if (a.name.text === 'ns' && value) {
        Object.assign(opts, { nsGiven: true, namespaces: namespacesOf(value as ts.Expression, lookup) });
      } else if (a.name.text === 'count') opts.plural = true;
      else if (a.name.text === 'context') opts.context = (value && stringOf(value)) ?? true;
    }
    // Without i18nKey, Trans uses its children as the key: nothing names a catalogue key here.
    if (!keyAttr) return;
    const parts: KeyPart[] = [];
    if (ts.isStringLiteral(keyAttr)) {
      parts.push({ written: keyAttr.text, dynamic: false, range: [keyAttr.getStart(this.sf) + 1, keyAttr.end - 1] });
    } else if (ts.isJsxExpression(keyAttr) && keyAttr.expression) keyParts(keyAttr.expression, parts, this.sf, lookup);
    else return;
    for (const p of parts) this.add('trans', p, fn, opts, n, undefined);
  }

  private add(
    kind: SiteKind,
    part: KeyPart,
    fn: TFn,
    opts: CallOptions,
    call: ts.Node,
    group: number | undefined,
  ): void {
    const lookupIn = opts.nsGiven ? opts.namespaces : fn.namespaces;
    const inScope = opts.nsGiven ? opts.namespaces : (fn.scopeNamespaces ?? fn.namespaces);
    const prefix = opts.keyPrefix ?? fn.keyPrefix;
    const prefixDynamic = opts.prefixDynamic || (opts.keyPrefix === undefined && fn.prefixDynamic);
    let namespaces = lookupIn;
    let key = withPrefix(prefix, part.written, this.options.keySeparator);
    const split = splitNamespace(key, this.options.nsSeparator, this.options.keySeparator);
    if (split) {
      namespaces = [split.namespace];
      key = split.key;
    }
    const dynamic = part.dynamic || !!prefixDynamic;
    const keyRange = part.range ? this.span(part.range[0], part.range[1]) : undefined;
    this.sites.push({
      kind,
      namespaces: namespaces ?? [],
      namespace: namespaces?.[0],
      key: prefixDynamic ? '' : key,
      written: part.dynamic ? '' : part.written,
      dynamic,
      keyPrefix: prefix,
      keyRange,
      callRange: this.span(call.getStart(this.sf), call.end),
      plural: opts.plural,
      context: opts.context,
      fallbackGroup: group,
    });
    if (keyRange && !part.dynamic) {
      this.scopes.push({ kind, namespaces: inScope ?? [], keyPrefix: prefix, typed: part.written, replace: keyRange });
    }
  }

  private span(start: number, end: number): Span {
    return { start, end, startPos: this.position(start), endPos: this.position(end) };
  }

  private lineStarts: readonly number[] | undefined;

  /** Line and character of an offset: a binary search over the file's line starts (computed once). */
  private position(offset: number): Position {
    const starts = (this.lineStarts ??= this.sf.getLineStarts());
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo]! };
  }
}

function keyParts(
  arg: ts.Expression,
  out: KeyPart[],
  sf: ts.SourceFile,
  lookup: (name: string) => Binding | undefined,
): void {
  const e = unwrap(arg);
  const bound = ts.isIdentifier(e) ? lookup(e.text) : undefined;
  if (bound?.kind === 'keyExpr') return keyParts(bound.expr, out, sf, () => undefined);
  if (bound?.kind === 'const' && typeof bound.value === 'string') {
    return void out.push({ written: bound.value, dynamic: false });
  }
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
    out.push({ written: e.text, dynamic: false, range: [e.getStart(sf) + 1, e.end - 1] });
  } else if (ts.isTemplateExpression(e)) {
    out.push({ written: e.head.text, dynamic: true });
  } else if (ts.isConditionalExpression(e)) {
    keyParts(e.whenTrue, out, sf, lookup);
    keyParts(e.whenFalse, out, sf, lookup);
  } else if (ts.isArrayLiteralExpression(e)) {
    for (const el of e.elements) keyParts(el, out, sf, lookup);
  } else if ((ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && e.parameters.length === 1) {
    selector(e, out, sf);
  } else {
    out.push({ written: '', dynamic: true });
  }
}

/** `$ => $.a.b` (also `$ => $['a-b']`, `function ($) { return $.a }`): the path a.b. */
function selector(f: ts.ArrowFunction | ts.FunctionExpression, out: KeyPart[], sf: ts.SourceFile): void {
  const param = f.parameters[0]!.name;
  let body: ts.Node | undefined = f.body;
  if (ts.isBlock(body)) body = body.statements.find(ts.isReturnStatement)?.expression;
  if (!body || !ts.isIdentifier(param)) return void out.push({ written: '', dynamic: true });
  const names: string[] = [];
  let start = -1;
  let dynamicAt = -1;
  let e: ts.Node = unwrap(body as ts.Expression);
  const end = e.end;
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    if (ts.isPropertyAccessExpression(e)) {
      names.unshift(e.name.text);
      start = e.name.getStart(sf);
    } else {
      const s = stringOf(e.argumentExpression);
      if (s === undefined) dynamicAt = names.length;
      names.unshift(s ?? '');
      start = e.argumentExpression.getStart(sf);
    }
    e = unwrap(e.expression);
  }
  if (!ts.isIdentifier(e) || e.text !== param.text || names.length === 0) {
    return void out.push({ written: '', dynamic: true });
  }
  if (dynamicAt >= 0) {
    const head = names.slice(0, names.length - dynamicAt - 1);
    return void out.push({ written: head.length ? head.join('.') + '.' : '', dynamic: true, selector: true });
  }
  out.push({ written: names.join('.'), dynamic: false, range: [start, end], selector: true });
}

function readOptions(arg: ts.Expression | undefined, lookup: (name: string) => Binding | undefined): CallOptions {
  const out: CallOptions = { nsGiven: false, plural: false };
  const o = arg && unwrap(arg);
  if (!o || !ts.isObjectLiteralExpression(o)) return out;
  for (const p of o.properties) {
    const name = ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? propName(p.name) : undefined;
    const value = ts.isPropertyAssignment(p) ? p.initializer : undefined;
    if (name === 'ns') {
      out.nsGiven = true;
      out.namespaces = value ? namespacesOf(value, lookup) : undefined;
    } else if (name === 'count') {
      out.plural = true;
    } else if (name === 'context') {
      out.context = stringOf(value) ?? true;
    } else if (name === 'keyPrefix') {
      const s = stringOf(value);
      if (s !== undefined) out.keyPrefix = s;
      else out.prefixDynamic = true;
    }
  }
  return out;
}
