/**
 * Code text to TypeScript's syntax tree (no type checker): the script kind from the file name,
 * a Vue component as its script (vue.ts), and the incremental re-parse the editor's cache uses
 * after an edit (TypeScript reuses the nodes outside the changed span).
 */
import ts from 'typescript';
import { vueAsScript } from './vue';

/** The text the parser reads (a .vue file's script, at the same offsets) and its script kind. */
export function scriptOf(text: string, fileName: string): { readonly source: string; readonly kind: ts.ScriptKind } {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.vue')) return { source: vueAsScript(text), kind: ts.ScriptKind.TS };
  const kind = /\.[cm]?tsx$/.test(lower)
    ? ts.ScriptKind.TSX
    : /\.[cm]?ts$/.test(lower)
      ? ts.ScriptKind.TS
      : ts.ScriptKind.JSX;
  return { source: text, kind };
}

/** The file's syntax tree, or undefined when the parser gives up. */
export function parseCode(text: string, fileName: string): ts.SourceFile | undefined {
  const { source, kind } = scriptOf(text, fileName);
  return parseSource(source, fileName, kind);
}

export function parseSource(source: string, fileName: string, kind: ts.ScriptKind): ts.SourceFile | undefined {
  try {
    return ts.createSourceFile(
      fileName,
      source,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      false,
      kind,
    );
  } catch {
    return undefined;
  }
}

/**
 * `old` re-parsed as `source`: the changed span is what lies between the texts' common prefix
 * and common suffix (exact whatever edits led there, and a scan of the text is far cheaper than
 * a parse). Undefined when a fresh parse is the better way (or the re-parse failed). `old` must
 * not be used afterwards (TypeScript reuses its nodes).
 */
export function reparse(old: ts.SourceFile, source: string): ts.SourceFile | undefined {
  const before = old.text;
  if (before === source) return old;
  const max = Math.min(before.length, source.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === source.charCodeAt(start)) start++;
  let tail = 0;
  while (
    tail < max - start &&
    before.charCodeAt(before.length - 1 - tail) === source.charCodeAt(source.length - 1 - tail)
  ) {
    tail++;
  }
  // TypeScript reuses whole statements and members, never parts of one expression: when the
  // edit is inside a statement holding most of the file (one big JSX tree), a fresh parse is cheaper.
  const outer = old.statements.find((st) => st.pos <= start && start < st.end);
  if (outer && outer.end - outer.pos > before.length / 2) return undefined;
  const change = ts.createTextChangeRange(
    ts.createTextSpan(start, before.length - tail - start),
    source.length - tail - start,
  );
  try {
    return ts.updateSourceFile(old, source, change);
  } catch {
    return undefined;
  }
}
