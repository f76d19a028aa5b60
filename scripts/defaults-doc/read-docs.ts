import * as ts from 'typescript';

/** A position inside a const's value: the object keys from the const down, e.g. `['app', 'requests', 'cpu']`. */
export type KeyPath = readonly string[];

/** The doc comment of one nested key. */
export interface KeyDoc {
  readonly path: KeyPath;
  readonly doc: string;
}

/** A number the source writes in another base or with separators (`0o440`), which the loaded value loses. */
export interface NumberSpelling {
  readonly path: KeyPath;
  readonly text: string;
}

/** What the source says about one exported const: its JSDoc and the JSDoc of keys nested in its value. */
export interface ConstDocs {
  readonly name: string;
  /** The const's own JSDoc; empty when it has none. */
  readonly doc: string;
  /** Documented keys, in source order. */
  readonly keyDocs: readonly KeyDoc[];
  readonly spellings: readonly NumberSpelling[];
}

interface Collected {
  readonly keyDocs: KeyDoc[];
  readonly spellings: NumberSpelling[];
}

/** The comment text of the JSDoc block right above a node (a file header above it is a different block). */
function jsDocOf(node: ts.Node): string {
  const blocks = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const closest = blocks[blocks.length - 1];
  return closest ? (ts.getTextOfJSDocComment(closest.comment) ?? '').trim() : '';
}

/** `{ ... } as const`, `{ ... } satisfies T` and parentheses all wrap the literal the docs are on. */
function unwrap(expression: ts.Expression): ts.Expression {
  if (ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression) || ts.isParenthesizedExpression(expression)) {
    return unwrap(expression.expression);
  }
  return expression;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

function collect(expression: ts.Expression, path: KeyPath, into: Collected): void {
  const literal = unwrap(expression);
  if (ts.isNumericLiteral(literal) && !/^\d+(\.\d+)?$/.test(literal.getText())) into.spellings.push({ path, text: literal.getText() });
  if (!ts.isObjectLiteralExpression(literal)) return;
  for (const property of literal.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const key = propertyName(property.name);
    if (key === undefined) continue;
    const doc = jsDocOf(property);
    if (doc) into.keyDocs.push({ path: [...path, key], doc });
    collect(property.initializer, [...path, key], into);
  }
}

function isExported(statement: ts.VariableStatement): boolean {
  return statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

/** Reads the exported consts of a module's source, in source order, with their JSDoc. Types are not values: skipped. */
export function readConstDocs(fileName: string, source: string): ConstDocs[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return file.statements.filter(ts.isVariableStatement).filter(isExported).flatMap((statement) =>
    statement.declarationList.declarations.flatMap((declaration): ConstDocs[] => {
      if (!ts.isIdentifier(declaration.name)) return [];
      const collected: Collected = { keyDocs: [], spellings: [] };
      if (declaration.initializer) collect(declaration.initializer, [], collected);
      return [{ name: declaration.name.text, doc: jsDocOf(declaration), ...collected }];
    }),
  );
}
