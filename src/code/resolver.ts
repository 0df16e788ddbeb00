/**
 * The key resolver: one walk over a file's syntax tree (TypeScript's parser, no type checker)
 * with lexical scopes, so each `t` call is resolved through the binding it refers to — the
 * `useTranslation` / `getFixedT` / `withTranslation` / `TFunction<'ns'>` that made it — rather
 * than through the file's last namespace. See types.ts for the output.
 */
import ts from 'typescript';
import type { Binding, TFn } from './bindings';
import { bindingFromType, namespacesOf, other, stringOf, unwrap } from './bindings';
import { ScopeChain } from './scopeChain';
import { SiteBuilder } from './sites';
import type { CallSite, KeyScope, OffsetRange, ResolverOptions, Span } from './types';
import { parseCode } from './parse';
import { mayHoldSites } from './prefilter';
import { Act, actionOf, forEachChild } from './walkActions';

export interface Resolution {
  readonly sites: CallSite[];
  readonly scopes: KeyScope[];
  readonly parseFailed: boolean;
}

/** Resolves every call site of one file. `fileName` picks the syntax (.ts, .tsx, .js, .vue…). */
export function resolveText(text: string, fileName: string, options: ResolverOptions): Resolution {
  return mayHoldSites(text, options)
    ? parseAndResolve(text, fileName, options)
    : { sites: [], scopes: [], parseFailed: false };
}

/** `resolveText` without the pre-filter: always parses. */
export function parseAndResolve(text: string, fileName: string, options: ResolverOptions): Resolution {
  const sf = parseCode(text, fileName);
  return sf ? resolveSourceFile(sf, options) : { sites: [], scopes: [], parseFailed: true };
}

/**
 * The call sites of a parsed file (see parse.ts; the editor's cache re-parses incrementally).
 * With `range` (offsets), only the sites whose call intersects it (see `limitTo`): exactly the full
 * resolution's sites filtered so, at the cost of the nodes on the way there (inline values).
 */
export function resolveSourceFile(sf: ts.SourceFile, options: ResolverOptions, range?: OffsetRange): Resolution {
  const walker = new Walker(sf, options, range);
  try {
    walker.run();
  } catch (e) {
    // The walk recurses with the syntax tree: a file nested thousands deep (the parser copes
    // with more) would end every caller with "Maximum call stack". Such a file gives no sites.
    if (e instanceof RangeError) return { sites: [], scopes: [], parseFailed: true };
    throw e;
  }
  const { sites, scopes } = walker.out;
  // The walk enters every node touching the range, trivia included: keep the calls themselves.
  return range ? limitTo({ sites, scopes, parseFailed: false }, range) : { sites, scopes, parseFailed: false };
}

/**
 * The sites whose call intersects `range`. No completion scopes: a key literal may lie far from
 * its call (`const key = c ? 'a' : 'b'; … t(key)`), and completion asks the full resolution.
 */
export function limitTo(r: Resolution, range: OffsetRange): Resolution {
  const touches = (s: Span) => s.end >= range.start && s.start <= range.end;
  return { sites: r.sites.filter((s) => touches(s.callRange)), scopes: [], parseFailed: r.parseFailed };
}

class Walker extends ScopeChain {
  readonly out: SiteBuilder;
  /** Components wrapped by `withTranslation(ns)(Component)`, by name or by node. */
  private readonly wrapped = new Map<string | ts.Node, TFn>();
  /** Functions whose first parameter is a `t` (`<Translation>{(t) => …}</Translation>`). */
  private readonly renderProps = new Map<ts.Node, TFn>();
  private readonly visit = (n: ts.Node): void => this.node(n);

  constructor(
    sf: ts.SourceFile,
    options: ResolverOptions,
    /** Skip the subtrees outside it; every scope around it is still entered, so bindings hold. */
    private readonly range?: OffsetRange,
  ) {
    super(sf, options);
    this.out = new SiteBuilder(sf, options);
  }

  run(): void {
    for (const s of this.sf.statements) {
      if (
        ts.isImportDeclaration(s) &&
        s.importClause?.namedBindings &&
        ts.isNamedImports(s.importClause.namedBindings)
      ) {
        for (const el of s.importClause.namedBindings.elements) {
          this.imported.set(el.name.text, (el.propertyName ?? el.name).text);
        }
      }
    }
    if (this.sf.text.includes('withTranslation')) this.findWrapped(this.sf);
    this.withScope(() => {
      this.hoist(this.sf.statements);
      forEachChild(this.sf, this.visit);
    });
  }

  private findWrapped(n: ts.Node): void {
    if (ts.isCallExpression(n) && ts.isCallExpression(n.expression)) {
      const inner = n.expression;
      if (
        ts.isIdentifier(inner.expression) &&
        this.nameOf(inner.expression.text) === 'withTranslation' &&
        n.arguments[0]
      ) {
        const fn = this.fnFromArgs(inner.arguments[0], inner.arguments[1]);
        const target = unwrap(n.arguments[0]);
        this.wrapped.set(ts.isIdentifier(target) ? target.text : target, fn);
      }
    }
    ts.forEachChild(n, (c) => this.findWrapped(c));
  }

  private node(n: ts.Node): void {
    // This runs for every node of every file: one table lookup, and most nodes only recurse.
    // Declarations are hoisted when their block is entered, never where they are walked, so a
    // subtree outside the range holds nothing the sites inside it need.
    const r = this.range;
    if (r !== undefined && (n.end < r.start || n.pos > r.end)) return;
    switch (actionOf[n.kind]) {
      case Act.Skip:
        return;
      case Act.Call: {
        const fn = this.calleeFn((n as ts.CallExpression).expression);
        if (fn) this.out.call(n as ts.CallExpression, fn, this.lookup);
        break;
      }
      case Act.JsxTag:
        this.jsxElement(n as ts.JsxSelfClosingElement | ts.JsxOpeningElement);
        break;
      case Act.JsxElement:
        this.renderProp(n as ts.JsxElement);
        break;
      case Act.Function:
        return this.functionLike(n as ts.FunctionLikeDeclaration);
      case Act.Class:
        return this.classLike(n as ts.ClassLikeDeclaration);
      case Act.Block: {
        const statements = (n as ts.Block | ts.ModuleBlock | ts.CaseOrDefaultClause).statements;
        return this.withScope(() => {
          this.hoist(statements);
          forEachChild(n, this.visit);
        });
      }
      case Act.Loop: {
        // `for (const t of …)` shadows an outer t for the loop only.
        const init = (n as ts.ForStatement | ts.ForOfStatement | ts.ForInStatement).initializer;
        return this.withScope(() => {
          if (init && ts.isVariableDeclarationList(init)) {
            for (const d of init.declarations) this.bindDeclaration(d.name, d.type, undefined);
          }
          forEachChild(n, this.visit);
        });
      }
      case Act.Catch: {
        const decl = (n as ts.CatchClause).variableDeclaration;
        return this.withScope(() => {
          if (decl) this.bindDeclaration(decl.name, undefined, undefined, other);
          forEachChild(n, this.visit);
        });
      }
      case Act.Variable: {
        const d = n as ts.VariableDeclaration;
        if (ts.isIdentifier(d.name) && d.initializer && this.wrapped.has(d.name.text)) {
          // `const Page = memo((props) => …)` wrapped later by name: the function is the component.
          let f = unwrap(d.initializer);
          if (ts.isCallExpression(f) && f.arguments[0]) f = unwrap(f.arguments[0]);
          if (ts.isArrowFunction(f) || ts.isFunctionExpression(f)) this.wrapped.set(f, this.wrapped.get(d.name.text)!);
        }
        break;
      }
    }
    forEachChild(n, this.visit);
  }

  private functionLike(n: ts.SignatureDeclaration): void {
    this.withScope(() => {
      const name = (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) && n.name ? n.name.text : undefined;
      const wrappedFn = this.wrapped.get(n) ?? (name !== undefined ? this.wrapped.get(name) : undefined);
      const renderFn = this.renderProps.get(n);
      n.parameters.forEach((p, i) => {
        let given: Binding | undefined;
        if (i === 0 && wrappedFn) {
          given = {
            kind: 'props',
            members: new Map<string, Binding>([
              ['t', { kind: 'tfn', fn: wrappedFn }],
              ['i18n', { kind: 'i18n' }],
            ]),
          };
        }
        if (i === 0 && renderFn) given = { kind: 'tfn', fn: renderFn };
        this.bindDeclaration(p.name, p.type, undefined, given);
        if (p.initializer) this.visit(p.initializer);
      });
      const body = (n as ts.FunctionLikeDeclaration).body;
      if (!body) return;
      if (ts.isBlock(body)) {
        this.hoist(body.statements);
        forEachChild(body, this.visit);
      } else {
        this.visit(body);
      }
    });
  }

  private classLike(n: ts.ClassLikeDeclaration): void {
    const saved = this.classProps;
    const fn = this.wrapped.get(n) ?? (n.name ? this.wrapped.get(n.name.text) : undefined);
    this.classProps = fn
      ? {
          kind: 'props',
          members: new Map<string, Binding>([
            ['t', { kind: 'tfn', fn }],
            ['i18n', { kind: 'i18n' }],
          ]),
        }
      : this.classPropsFromType(n);
    try {
      forEachChild(n, this.visit);
    } finally {
      this.classProps = saved;
    }
  }

  /** `class X extends Component<Props>`: `this.props` has the members of Props. */
  private classPropsFromType(n: ts.ClassLikeDeclaration): Binding | undefined {
    for (const h of n.heritageClauses ?? []) {
      for (const t of h.types) if (t.typeArguments?.[0]) return bindingFromType(t.typeArguments[0], this.types);
    }
    return undefined;
  }

  private jsxElement(n: ts.JsxSelfClosingElement | ts.JsxOpeningElement): void {
    if (!ts.isIdentifier(n.tagName) || this.nameOf(n.tagName.text) !== 'Trans') return;
    const tAttr = attr(n, 't');
    const tValue = tAttr && ts.isJsxExpression(tAttr) && tAttr.expression ? this.valueOf(tAttr.expression) : undefined;
    const fn = tValue?.kind === 'tfn' ? tValue.fn : this.defaultFn;
    this.out.trans(n, fn, this.lookup);
  }

  private renderProp(n: ts.JsxElement): void {
    const open = n.openingElement;
    if (!ts.isIdentifier(open.tagName) || this.nameOf(open.tagName.text) !== 'Translation') return;
    const nsAttr = attr(open, 'ns');
    const nsExpr =
      nsAttr && (ts.isStringLiteral(nsAttr) ? nsAttr : ts.isJsxExpression(nsAttr) ? nsAttr.expression : undefined);
    const prefixAttr = attr(open, 'keyPrefix');
    const prefix = prefixAttr
      ? ts.isStringLiteral(prefixAttr)
        ? prefixAttr.text
        : ts.isJsxExpression(prefixAttr)
          ? stringOf(prefixAttr.expression)
          : undefined
      : '';
    const fn: TFn = {
      namespaces: nsExpr ? namespacesOf(nsExpr, this.lookup) : [this.options.defaultNamespace],
      keyPrefix: prefix ?? '',
      prefixDynamic: prefix === undefined || undefined,
    };
    for (const child of n.children) {
      if (ts.isJsxExpression(child) && child.expression) {
        const f = unwrap(child.expression);
        if (ts.isArrowFunction(f) || ts.isFunctionExpression(f)) this.renderProps.set(f, fn);
      }
    }
  }
}

/** A JSX attribute's initializer (string literal or `{expression}`). */
export function attr(
  n: ts.JsxSelfClosingElement | ts.JsxOpeningElement,
  name: string,
): ts.JsxAttributeValue | undefined {
  for (const a of n.attributes.properties) {
    if (ts.isJsxAttribute(a) && ts.isIdentifier(a.name) && a.name.text === name) return a.initializer;
  }
  return undefined;
}
