/**
 * The key resolver: one walk over a file's syntax tree (TypeScript's parser, no type checker)
 * with lexical scopes, so each `t` call is resolved through the binding it refers to — the
 * `useTranslation` / `getFixedT` / `withTranslation` / `TFunction<'ns'>` that made it — rather
 * than through the file's last namespace. See types.ts for the output.
 */
import ts from 'typescript';
import type { Binding, LocalTypes, TFn } from './bindings';
import {
  bindingFromType,
  collectLocalTypes,
  hookFn,
  isKeyExpression,
  keyPrefixOf,
  memberOf,
  namespacesOf,
  other,
  propName,
  stringOf,
  unknownFn,
  unwrap,
} from './bindings';
import { SiteBuilder } from './sites';
import type { CallSite, KeyScope, ResolverOptions } from './types';
import { parseCode } from './parse';
import { mayHoldSites } from './prefilter';
import { Act, actionOf, forEachChild } from './walkActions';

export interface Resolution {
  readonly sites: CallSite[];
  readonly scopes: KeyScope[];
  readonly parseFailed: boolean;
}

const hookNames = new Set(['useTranslation', 'useI18n']);

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

/** The call sites of a parsed file (see parse.ts; the editor's cache re-parses incrementally). */
export function resolveSourceFile(sf: ts.SourceFile, options: ResolverOptions): Resolution {
  const walker = new Walker(sf, options);
  try {
    walker.run();
  } catch (e) {
    // The walk recurses with the syntax tree: a file nested thousands deep (the parser copes
    // with more) would end every caller with "Maximum call stack". Such a file gives no sites.
    if (e instanceof RangeError) return { sites: [], scopes: [], parseFailed: true };
    throw e;
  }
  return { sites: walker.out.sites, scopes: walker.out.scopes, parseFailed: false };
}

class Walker {
  readonly out: SiteBuilder;
  /** Lexical scopes, innermost last; a scope that declares nothing stays `undefined` (most blocks). */
  private readonly scopes: Array<Map<string, Binding> | undefined> = [];
  private readonly types: LocalTypes;
  /** Local names of react-i18next's exports (`import { useTranslation as useT }`). */
  private readonly imported = new Map<string, string>();
  /** Components wrapped by `withTranslation(ns)(Component)`, by name or by node. */
  private readonly wrapped = new Map<string | ts.Node, TFn>();
  /** Functions whose first parameter is a `t` (`<Translation>{(t) => …}</Translation>`). */
  private readonly renderProps = new Map<ts.Node, TFn>();
  private classProps: Binding | undefined;
  private readonly defaultFn: TFn;
  private readonly freeFns: Set<string>;
  private readonly visit = (n: ts.Node): void => this.node(n);

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly options: ResolverOptions,
  ) {
    this.out = new SiteBuilder(sf, options);
    this.types = collectLocalTypes(sf);
    this.defaultFn = { namespaces: [options.defaultNamespace], keyPrefix: '' };
    this.freeFns = new Set([...options.functions, '$t', 'this.$t']);
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

  private nameOf(local: string): string {
    return this.imported.get(local) ?? local;
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

  private withScope(body: () => void): void {
    this.scopes.push(undefined);
    try {
      body();
    } finally {
      this.scopes.pop();
    }
  }

  lookup = (name: string): Binding | undefined => {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const b = this.scopes[i]?.get(name);
      if (b) return b;
    }
    return undefined;
  };

  private declare(name: string, b: Binding): void {
    const top = this.scopes.length - 1;
    (this.scopes[top] ??= new Map()).set(name, b);
  }

  /** Declarations of a block, in order, before its statements are walked (closures see them). */
  private hoist(statements: ts.NodeArray<ts.Statement>): void {
    for (const s of statements) {
      if (ts.isVariableStatement(s)) {
        const isConst = (s.declarationList.flags & ts.NodeFlags.Const) !== 0;
        for (const d of s.declarationList.declarations) {
          const keyExpr =
            isConst &&
            ts.isIdentifier(d.name) &&
            d.initializer &&
            ts.isConditionalExpression(unwrap(d.initializer)) &&
            isKeyExpression(d.initializer);
          // A `let` may be reassigned: its literal says nothing sure about the key or namespace.
          const mutable =
            !isConst && d.initializer && ts.isIdentifier(d.name) && this.valueOf(d.initializer)?.kind === 'const';
          this.bindDeclaration(
            d.name,
            d.type,
            d.initializer,
            keyExpr ? { kind: 'keyExpr', expr: d.initializer! } : mutable ? other : undefined,
          );
        }
      } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) this.declare(s.name.text, other);
      else if (ts.isImportDeclaration(s)) this.bindImport(s);
    }
  }

  private bindImport(s: ts.ImportDeclaration): void {
    const clause = s.importClause;
    if (!clause) return;
    const from = ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : '';
    // `import i18n from './i18n'`, `import i18next from 'i18next'`: an i18next instance.
    if (clause.name && (/^i18n(ext)?$/i.test(clause.name.text) || from === 'i18next')) {
      this.declare(clause.name.text, { kind: 'i18n' });
    }
    if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
      for (const el of clause.namedBindings.elements) {
        const imported = (el.propertyName ?? el.name).text;
        // `import { t } from 'i18next'` (or a project module re-exporting it): the global t.
        if (this.freeFns.has(imported) || imported === 't') {
          this.declare(el.name.text, { kind: 'tfn', fn: this.defaultFn });
        } else if (imported === 'i18n' || imported === 'i18next') this.declare(el.name.text, { kind: 'i18n' });
      }
    }
  }

  /** Binds the names of `const <name>: <type> = <init>` (also parameters). */
  private bindDeclaration(
    name: ts.BindingName,
    type: ts.TypeNode | undefined,
    init: ts.Expression | undefined,
    given?: Binding,
  ): void {
    const value = given ?? bindingFromType(type, this.types) ?? (init ? this.valueOf(init) : undefined);
    if (ts.isIdentifier(name)) {
      this.declare(name.text, value ?? this.fallback(name.text));
    } else if (ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        const prop = propName(el.propertyName) ?? propName(el.name);
        const member = prop !== undefined ? memberOf(value, prop, this.defaultFn) : undefined;
        if (ts.isIdentifier(el.name)) this.declare(el.name.text, member ?? this.fallback(el.name.text));
        else this.bindDeclaration(el.name, undefined, undefined, member ?? other);
      }
    } else {
      name.elements.forEach((el, i) => {
        if (ts.isOmittedExpression(el)) return;
        // `const [t, i18n] = useTranslation('ns')`
        const member =
          value?.kind === 'hook'
            ? i === 0
              ? ({ kind: 'tfn', fn: value.fn } as Binding)
              : i === 1
                ? ({ kind: 'i18n' } as Binding)
                : undefined
            : undefined;
        if (ts.isIdentifier(el.name)) this.declare(el.name.text, member ?? this.fallback(el.name.text));
        else this.bindDeclaration(el.name, undefined, undefined, member ?? other);
      });
    }
  }

  /** A name nothing tells us about: a translation function of unknown namespace if so named. */
  private fallback(name: string): Binding {
    return this.freeFns.has(name) ? { kind: 'tfn', fn: unknownFn } : other;
  }

  private fnFromArgs(ns: ts.Expression | undefined, options: ts.Expression | undefined): TFn {
    const namespaces =
      ns === undefined || (ts.isIdentifier(ns) && ns.text === 'undefined')
        ? [this.options.defaultNamespace]
        : namespacesOf(ns, this.lookup);
    const { keyPrefix, prefixDynamic } = keyPrefixOf(options);
    return hookFn(namespaces, keyPrefix, prefixDynamic);
  }

  /** What an expression evaluates to, translation-wise. */
  private valueOf(expr: ts.Expression): Binding | undefined {
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) {
      return this.lookup(e.text) ?? (this.freeFns.has(e.text) ? { kind: 'tfn', fn: this.defaultFn } : undefined);
    }
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      const name = ts.isIdentifier(callee)
        ? this.nameOf(callee.text)
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      if (hookNames.has(name)) return { kind: 'hook', fn: this.fnFromArgs(e.arguments[0], e.arguments[1]) };
      if (name === 'getFixedT') {
        const prefix = e.arguments[2];
        const ps = prefix ? stringOf(prefix) : '';
        const ns = e.arguments[1];
        const fn: TFn = {
          namespaces:
            ns && !(ns.kind === ts.SyntaxKind.NullKeyword)
              ? namespacesOf(ns, this.lookup)
              : [this.options.defaultNamespace],
          keyPrefix: ps ?? '',
          prefixDynamic: ps === undefined || undefined,
        };
        return { kind: 'tfn', fn };
      }
      return undefined;
    }
    if (ts.isPropertyAccessExpression(e)) {
      if (e.expression.kind === ts.SyntaxKind.ThisKeyword && e.name.text === 'props') return this.classProps;
      return memberOf(this.valueOf(e.expression), e.name.text, this.defaultFn);
    }
    const s = stringOf(e);
    if (s !== undefined) return { kind: 'const', value: s };
    if (ts.isArrayLiteralExpression(e)) {
      const all = namespacesOf(e, this.lookup);
      return all ? { kind: 'const', value: all } : undefined;
    }
    return undefined;
  }

  /** The translation function a call's callee is, if any. */
  private calleeFn(callee: ts.Expression): TFn | undefined {
    const c = unwrap(callee);
    const v = this.valueOf(c);
    if (v) return v.kind === 'tfn' ? v.fn : undefined;
    if (ts.isPropertyAccessExpression(c)) {
      const text = c.getText(this.sf);
      if (this.freeFns.has(text) || c.name.text === '$t') return this.defaultFn;
      // `something.t('key')` on an object we know nothing about: a t of unknown namespace.
      if (this.freeFns.has(c.name.text)) return unknownFn;
    }
    return undefined;
  }

  private node(n: ts.Node): void {
    // This runs for every node of every file: one table lookup, and most nodes only recurse.
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
