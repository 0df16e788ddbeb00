/**
 * What "extract string to key" needs to know about a string literal or JSX text at an offset: the
 * text, the range to replace and how (`t('…')`, `{t('…')}` in JSX), the component it is in (for
 * the key's name), and the `t` in scope there — a `useTranslation` of an enclosing function, with
 * its namespaces and keyPrefix — or where to add one, and whether `useTranslation` must be
 * imported. Syntax only, like the resolver.
 */
import path from 'node:path';
import ts from 'typescript';
import { keyPrefixOf, namespacesOf } from './bindings';

export interface ExtractTarget {
  readonly text: string;
  /** Offsets of what is replaced (the literal with its quotes, or the trimmed JSX text). */
  readonly start: number;
  readonly end: number;
  /** `jsx`: the replacement goes in braces (`{t('…')}`): JSX text and attribute values. */
  readonly jsx: boolean;
  /** The enclosing component or function's name ('' at top level). */
  readonly component: string;
  /** The `t` in scope from a `useTranslation` of an enclosing function. */
  readonly hook?: {
    readonly tName: string;
    readonly namespaces: readonly string[] | undefined;
    readonly keyPrefix: string;
  };
  /** Where `const { t } = useTranslation(…);` goes when there is no hook (after the `{` of the function body). */
  readonly hookAt?: { readonly offset: number; readonly indent: string };
  /** How to import `useTranslation` when it is not in the file: insert `text` at `offset`. */
  readonly importEdit?: { readonly offset: number; readonly text: string };
}

const keyCallees = new Set([
  't',
  'i18n.t',
  'i18next.t',
  '$t',
  'this.$t',
  'useTranslation',
  'useI18n',
  'withTranslation',
  'getFixedT',
  'require',
  'import',
]);

export function extractTarget(source: string, fileName: string, offset: number): ExtractTarget | undefined {
  if (/\.vue$/i.test(fileName)) return vueTarget(source, fileName, offset);
  const kind = /\.[cm]?tsx$/i.test(fileName)
    ? ts.ScriptKind.TSX
    : /\.[cm]?ts$/i.test(fileName)
      ? ts.ScriptKind.TS
      : ts.ScriptKind.JSX;
  const sf = parseWithParents(source, fileName, kind);
  const node = innermost(sf, offset);
  const literal = node && literalAt(node, sf);
  if (!node || !literal) return undefined;
  const { text, start, end, jsx } = literal;

  const functions: ts.FunctionLikeDeclaration[] = [];
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p) && 'body' in p && p.body) functions.push(p as ts.FunctionLikeDeclaration);
  }
  const component = functions.map(nameOf).find((n) => n) ?? '';
  let hook: ExtractTarget['hook'];
  for (const f of functions) if ((hook = hookIn(f, sf))) break;
  // The key argument of the component's own `t` (an alias too) is a key already.
  if (hook && ts.isCallExpression(node.parent) && node.parent.expression.getText(sf) === hook.tName) return undefined;
  let hookAt: ExtractTarget['hookAt'];
  if (!hook) {
    // The component: the outermost function with a capitalized name, else the innermost function.
    const target = functions.find((f) => /^[A-Z]/.test(nameOf(f))) ?? functions[0];
    const body = target?.body;
    if (body && ts.isBlock(body)) {
      const first = body.statements[0];
      const lineStart = first ? source.lastIndexOf('\n', first.getStart(sf)) + 1 : -1;
      const indent = first ? source.slice(lineStart, first.getStart(sf)) : '  ';
      hookAt = { offset: body.getStart(sf) + 1, indent: /^\s*$/.test(indent) ? indent : '  ' };
    }
  }
  return { text, start, end, jsx, component, hook, hookAt, importEdit: hook ? undefined : importEdit(sf) };
}

function parseWithParents(source: string, fileName: string, kind: ts.ScriptKind): ts.SourceFile {
  return ts.createSourceFile(
    fileName,
    source,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    kind,
  );
}

/** The string literal or JSX text `node` is, as what to extract. */
function literalAt(
  node: ts.Node,
  sf: ts.SourceFile,
): Pick<ExtractTarget, 'text' | 'start' | 'end' | 'jsx'> | undefined {
  if (ts.isJsxText(node)) {
    const raw = node.getText(sf);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim().replace(/\s+/g, ' ');
    if (!text) return undefined;
    const start = node.getStart(sf) + lead;
    return { text, start, end: start + raw.trim().length, jsx: true };
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    if (!node.text.trim() || !extractable(node)) return undefined;
    return { text: node.text, start: node.getStart(sf), end: node.end, jsx: ts.isJsxAttribute(node.parent) };
  }
  return undefined;
}

/**
 * A string literal in a Vue component's `<script setup>` (replaced by `t('…')`, with i18next-vue's
 * `useTranslation` added after the imports when the script has no `t`) or in a method of a plain
 * `<script>` (replaced by `this.$t('…')`). Template text is not offered.
 */
function vueTarget(source: string, fileName: string, offset: number): ExtractTarget | undefined {
  const block = [...source.matchAll(/(<script\b([^>]*)>)([\s\S]*?)<\/script>/g)]
    .map((m) => ({
      start: m.index + m[1]!.length,
      end: m.index + m[1]!.length + m[3]!.length,
      setup: /\bsetup\b/.test(m[2]!),
    }))
    .find((b) => offset >= b.start && offset <= b.end);
  if (!block) return undefined;
  // Only the script blocks, at their offsets: the template becomes spaces.
  const script = source.replace(/[^\n]/g, ' ');
  const sf = parseWithParents(
    script.slice(0, block.start) + source.slice(block.start, block.end) + script.slice(block.end),
    fileName,
    ts.ScriptKind.TS,
  );
  const node = innermost(sf, offset);
  const literal = node && literalAt(node, sf);
  if (!node || !literal) return undefined;
  const component = path.basename(fileName).replace(/\.vue$/i, '');
  if (!block.setup) {
    let f: ts.Node | undefined = node.parent;
    while (f && !ts.isFunctionLike(f)) f = f.parent;
    const method = f && (ts.isMethodDeclaration(f) || ts.isFunctionExpression(f) || ts.isFunctionDeclaration(f));
    if (!method || (ts.isCallExpression(node.parent) && node.parent.expression.getText(sf) === 'this.$t')) {
      return undefined;
    }
    return { ...literal, component, hook: { tName: 'this.$t', namespaces: undefined, keyPrefix: '' } };
  }
  const statements = sf.statements.filter((st) => st.getStart(sf) >= block.start && st.end <= block.end);
  const hook = hookInStatements(statements, sf, ['useTranslation', 'useI18n']);
  if (hook) {
    if (ts.isCallExpression(node.parent) && node.parent.expression.getText(sf) === hook.tName) return undefined;
    return { ...literal, component, hook };
  }
  const imports = statements.filter(ts.isImportDeclaration);
  const last = imports[imports.length - 1];
  const at = last ? last.end : block.start;
  const from = imports.find((i) => (i.moduleSpecifier as ts.StringLiteral).text === 'i18next-vue');
  const named = from?.importClause?.namedBindings;
  const tail = named && ts.isNamedImports(named) ? named.elements[named.elements.length - 1] : undefined;
  return {
    ...literal,
    component,
    hookAt: { offset: at, indent: '' },
    importEdit: tail
      ? { offset: tail.end, text: ', useTranslation' }
      : { offset: at, text: "\nimport { useTranslation } from 'i18next-vue';" },
  };
}

/** The deepest node whose span holds the offset. */
function innermost(sf: ts.SourceFile, offset: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node) => {
    if (offset < n.getStart(sf) || offset > n.end) return;
    found = n;
    n.forEachChild(visit);
  };
  sf.forEachChild(visit);
  return found;
}

/** Not a key already, a module name, a type, a property name or a directive. */
function extractable(n: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): boolean {
  const p = n.parent;
  if (
    ts.isImportDeclaration(p) ||
    ts.isExportDeclaration(p) ||
    ts.isExternalModuleReference(p) ||
    ts.isLiteralTypeNode(p) ||
    ts.isExpressionStatement(p)
  ) {
    return false;
  }
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p)) && p.name === n) {
    return false;
  }
  if (ts.isElementAccessExpression(p) || ts.isCaseClause(p)) return false;
  if (
    ts.isJsxAttribute(p) &&
    ['i18nKey', 'ns', 'className', 'key', 'id', 'href', 'src', 'type', 'name', 'role', 'to'].includes(p.name.getText())
  ) {
    return false;
  }
  if (ts.isCallExpression(p) && keyCallees.has(p.expression.getText())) return false;
  if (
    ts.isBinaryExpression(p) &&
    [
      ts.SyntaxKind.EqualsEqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsEqualsToken,
      ts.SyntaxKind.EqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsToken,
    ].includes(p.operatorToken.kind)
  ) {
    return false;
  }
  return true;
}

function nameOf(f: ts.FunctionLikeDeclaration): string {
  if (f.name && ts.isIdentifier(f.name)) return f.name.text;
  const p = f.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isCallExpression(p) && ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) {
    return p.parent.name.text;
  } // memo(() => …)
  return '';
}

/** `const { t } = useTranslation('ns', { keyPrefix })` (or `{ t: alias }`) directly in the function's body. */
function hookIn(f: ts.FunctionLikeDeclaration, sf: ts.SourceFile): ExtractTarget['hook'] {
  const body = f.body;
  if (!body || !ts.isBlock(body)) return undefined;
  return hookInStatements(body.statements, sf, ['useTranslation']);
}

function hookInStatements(
  statements: readonly ts.Statement[],
  sf: ts.SourceFile,
  hooks: readonly string[],
): ExtractTarget['hook'] {
  for (const st of statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer;
      if (
        !init ||
        !ts.isCallExpression(init) ||
        !hooks.includes(init.expression.getText(sf)) ||
        !ts.isObjectBindingPattern(d.name)
      ) {
        continue;
      }
      const el = d.name.elements.find((e) => (e.propertyName ?? e.name).getText(sf) === 't');
      if (!el || !ts.isIdentifier(el.name)) continue;
      const [nsArg, optArg] = init.arguments;
      return {
        tName: el.name.text,
        namespaces: nsArg ? namespacesOf(nsArg, () => undefined) : [],
        keyPrefix: keyPrefixOf(optArg).keyPrefix,
      };
    }
  }
  return undefined;
}

/** Adds `useTranslation` to an import from react-i18next, or a new import after the last one. */
function importEdit(sf: ts.SourceFile): ExtractTarget['importEdit'] {
  let last: ts.ImportDeclaration | undefined;
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st)) continue;
    last = st;
    const from = (st.moduleSpecifier as ts.StringLiteral).text;
    const named = st.importClause?.namedBindings;
    if (named && ts.isNamedImports(named)) {
      if (named.elements.some((e) => e.name.text === 'useTranslation')) return undefined;
      if (from === 'react-i18next' || from === 'next-i18next') {
        const tail = named.elements[named.elements.length - 1];
        return tail
          ? { offset: tail.end, text: ', useTranslation' }
          : { offset: named.getStart(sf) + 1, text: ' useTranslation ' };
      }
    }
  }
  const text = "import { useTranslation } from 'react-i18next';\n";
  return last ? { offset: last.end, text: `\n${text.trimEnd()}` } : { offset: 0, text };
}

/** `Checkout` + "Free delivery on orders over 50 euros." → `checkout.freeDeliveryOnOrders`. */
export function proposeKey(target: Pick<ExtractTarget, 'component' | 'text'>, keySeparator: string | false): string {
  const words =
    target.text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .match(/[A-Za-z0-9]+/g) ?? [];
  const slug =
    words
      .slice(0, 4)
      .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
      .join('') || 'text';
  const component = target.component ? target.component.charAt(0).toLowerCase() + target.component.slice(1) : '';
  return component ? `${component}${keySeparator || '_'}${slug}` : slug;
}
