import ts from 'typescript';

/** An exported function or method whose empty body stands in for logic. */
export interface EmptyBody {
  name: string;
  line: number;
  reason: string;
}

// Return types an empty body honestly satisfies.
const NOTHING = new Set(['void', 'undefined', 'never', 'Promise<void>', 'Promise<undefined>', 'PromiseLike<void>']);
// Names of functions that by their name compute, produce or decide something.
const WORK =
  /^(?:compute|calculate|verify|validate|parse|build|render|decide|resolve|fetch|load|read|process|apply|evaluate|check|create|make|get|find|format|convert|transform|hash|sign|encode|decode|serialize|deserialize)(?:[A-Z0-9_]|$)/;

type FunctionLike = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration | ts.GetAccessorDeclaration;

const isExported = (node: ts.Node) => (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Export) !== 0;

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current))
    current = current.expression;
  return current;
}

/** Names exported through `export { a, b as c }` or `export default a` (no module specifier). */
function namesExportedLater(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (
      ts.isExportDeclaration(statement) &&
      !statement.moduleSpecifier &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) names.add((element.propertyName ?? element.name).text);
    }
    if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) names.add(statement.expression.text);
  }
  return names;
}

function judge(fn: FunctionLike, name: string, file: ts.SourceFile, shown = name): EmptyBody | null {
  const body = fn.body;
  if (!body || !ts.isBlock(body) || body.statements.length > 0) return null;
  const line = file.getLineAndCharacterOfPosition(fn.getStart(file)).line + 1;
  if (fn.type) {
    const declared = fn.type.getText(file).replace(/\s+/g, '');
    return NOTHING.has(declared) ? null : { name: shown, line, reason: `declares return type ${declared} but its body is empty` };
  }
  if (ts.isGetAccessorDeclaration(fn)) return { name: shown, line, reason: 'is a getter with an empty body' };
  return WORK.test(name) ? { name: shown, line, reason: 'is named for work it does not do, but its body is empty' } : null;
}

/**
 * Exported functions, exported `const` arrow functions and function expressions, and methods and
 * getters of exported classes whose body is `{}` although they declare a return type other than
 * void / undefined / never / Promise<void>, or (with no declared return type) are named for work
 * (compute…, parse…, verify…, create…, get…). Object-literal methods, constructors, setters, and
 * empty bodies that declare nothing to return are not reported.
 */
export function findEmptyBodies(text: string, fileName = 'file.ts'): EmptyBody[] {
  const file = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const later = namesExportedLater(file);
  const found: EmptyBody[] = [];
  const push = (result: EmptyBody | null) => {
    if (result) found.push(result);
  };
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement)) {
      const name = statement.name?.text ?? 'default';
      if (isExported(statement) || later.has(name)) push(judge(statement, name, file));
    } else if (ts.isVariableStatement(statement)) {
      const exported = isExported(statement);
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
        const name = declaration.name.text;
        const value = unwrap(declaration.initializer);
        if ((exported || later.has(name)) && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))) push(judge(value, name, file));
      }
    } else if (ts.isClassDeclaration(statement)) {
      const className = statement.name?.text ?? 'default';
      if (!isExported(statement) && !later.has(className)) continue;
      for (const member of statement.members) {
        if (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) {
          const memberName = member.name.getText(file);
          push(judge(member, memberName, file, `${className}.${memberName}`));
        }
      }
    }
  }
  return found;
}
