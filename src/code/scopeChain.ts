/**
 * The resolver's lexical environment: the scope stack, what each declaration binds (a hook's t,
 * an i18next instance, a typed prop…) and what an expression or a callee evaluates to through
 * it. The walk (resolver.ts) extends it and decides when scopes open and what gets hoisted.
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
import type { ResolverOptions } from './types';

const hookNames = new Set(['useTranslation', 'useI18n']);

export abstract class ScopeChain {
  /** Lexical scopes, innermost last; a scope that declares nothing stays `undefined` (most blocks). */
  protected readonly scopes: Array<Map<string, Binding> | undefined> = [];
  protected readonly types: LocalTypes;
  /** Local names of react-i18next's exports (`import { useTranslation as useT }`). */
  protected readonly imported = new Map<string, string>();
  protected classProps: Binding | undefined;
  protected readonly defaultFn: TFn;
  protected readonly freeFns: Set<string>;

  constructor(
    protected readonly sf: ts.SourceFile,
    protected readonly options: ResolverOptions,
  ) {
    this.types = collectLocalTypes(sf);
    this.defaultFn = { namespaces: [options.defaultNamespace], keyPrefix: '' };
    this.freeFns = new Set([...options.functions, '$t', 'this.$t']);
  }

  protected nameOf(local: string): string {
    return this.imported.get(local) ?? local;
  }

  protected withScope(body: () => void): void {
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

  protected declare(name: string, b: Binding): void {
    const top = this.scopes.length - 1;
    (this.scopes[top] ??= new Map()).set(name, b);
  }

  /** Declarations of a block, in order, before its statements are walked (closures see them). */
  protected hoist(statements: ts.NodeArray<ts.Statement>): void {
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

  protected bindImport(s: ts.ImportDeclaration): void {
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
  protected bindDeclaration(
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
  protected fallback(name: string): Binding {
    return this.freeFns.has(name) ? { kind: 'tfn', fn: unknownFn } : other;
  }

  protected fnFromArgs(ns: ts.Expression | undefined, options: ts.Expression | undefined): TFn {
    const namespaces =
      ns === undefined || (ts.isIdentifier(ns) && ns.text === 'undefined')
        ? [this.options.defaultNamespace]
        : namespacesOf(ns, this.lookup);
    const { keyPrefix, prefixDynamic } = keyPrefixOf(options);
    return hookFn(namespaces, keyPrefix, prefixDynamic);
  }

  /** What an expression evaluates to, translation-wise. */
  protected valueOf(expr: ts.Expression): Binding | undefined {
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
  protected calleeFn(callee: ts.Expression): TFn | undefined {
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
}
