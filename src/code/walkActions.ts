/**
 * What the resolver's walk does with a syntax node, by kind: a table read once per node (the walk
 * visits every node of every file, and `ts.SyntaxKind.X` is a getter call on TypeScript's exports).
 */
import ts from 'typescript';

export const enum Act {
  Recurse,
  Skip,
  Call,
  JsxTag,
  JsxElement,
  Function,
  Class,
  Block,
  Loop,
  Catch,
  Variable,
}
export const forEachChild = ts.forEachChild;
export const actionOf = ((): Uint8Array => {
  const K = ts.SyntaxKind;
  const table = new Uint8Array(K.Count);
  // Types hold no call; neither do leaves, imports and type declarations.
  table.fill(Act.Skip, K.FirstTypeNode, K.LastTypeNode + 1);
  const set = (act: Act, ...kinds: ts.SyntaxKind[]) => kinds.forEach((k) => (table[k] = act));
  set(Act.Skip, K.Identifier, K.StringLiteral, K.JsxText, K.NumericLiteral, K.NoSubstitutionTemplateLiteral);
  set(Act.Skip, K.InterfaceDeclaration, K.TypeAliasDeclaration, K.ImportDeclaration);
  set(Act.Call, K.CallExpression);
  set(Act.JsxTag, K.JsxSelfClosingElement, K.JsxOpeningElement);
  set(Act.JsxElement, K.JsxElement);
  set(
    Act.Function,
    K.FunctionDeclaration,
    K.FunctionExpression,
    K.ArrowFunction,
    K.MethodDeclaration,
    K.Constructor,
    K.GetAccessor,
    K.SetAccessor,
  );
  set(Act.Class, K.ClassDeclaration, K.ClassExpression);
  set(Act.Block, K.Block, K.ModuleBlock, K.CaseClause, K.DefaultClause);
  set(Act.Loop, K.ForStatement, K.ForOfStatement, K.ForInStatement);
  set(Act.Catch, K.CatchClause);
  set(Act.Variable, K.VariableDeclaration);
  return table;
})();
