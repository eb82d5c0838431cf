import ts from 'typescript';

/** What the bundler knows of one module once the graph is complete (Rollup's and Rolldown's ModuleInfo, in part). */
export interface ModuleNode {
  code: string | null;
  importedIds: readonly string[];
  dynamicallyImportedIds: readonly string[];
}

/** `'*'`: every name (a namespace import, `export *`) */
const EVERY_NAME = '*';

function statementsOf(code: string): readonly ts.Statement[] {
  return ts.createSourceFile('module.tsx', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX).statements;
}

/**
 * BU-1: the names `code` takes as values from the module `specifier` names: its imports and its re-exports
 * (`export { a, b } from …`), `'*'` for a namespace or `export *`. Read with TypeScript's parser, so a type-only import
 * names nothing, a dynamic `import()` is not a static import, and a string or a comment that looks like an import is
 * neither (the regular expression this replaced missed `export { … } from` and was fooled by both).
 */
export function valueNamesImportedFrom(code: string, specifier: string): Set<string> {
  const names = new Set<string>();
  if (!code.includes(specifier)) return names;
  for (const statement of statementsOf(code)) {
    const from = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
    if (!from || !ts.isStringLiteral(from) || from.text !== specifier) continue;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      if (clause.name) names.add('default');
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(EVERY_NAME);
      else for (const element of bindings?.elements ?? []) if (!element.isTypeOnly) names.add((element.propertyName ?? element.name).text);
    } else if (!statement.isTypeOnly) {
      const clause = statement.exportClause;
      if (!clause || ts.isNamespaceExport(clause)) names.add(EVERY_NAME);
      else for (const element of clause.elements) if (!element.isTypeOnly) names.add((element.propertyName ?? element.name).text);
    }
  }
  return names;
}

function bindingNames(name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, into);
}

/** BU-1: the names a module exports as values (declarations, `export { a, b }` lists with or without `from`, default); not its types. */
export function valueNamesExported(code: string): Set<string> {
  const names = new Set<string>();
  const exported = (statement: ts.Statement) => ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (statement: ts.Statement) => ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  const declared = (statement: ts.Statement) => ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
  for (const statement of statementsOf(code)) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
      for (const element of statement.exportClause.elements) if (!element.isTypeOnly) names.add(element.name.text);
    } else if (ts.isExportAssignment(statement)) {
      names.add('default');
    } else if (exported(statement) && !declared(statement)) {
      if (isDefault(statement)) names.add('default');
      else if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) bindingNames(declaration.name, names);
      else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) names.add(statement.name.text);
    }
  }
  return names;
}

/**
 * BU-1: the modules of the board page's first load, read from the complete module graph: `onlyBoard`, those only the
 * board page loads, and `alsoElsewhere`, those that code loading without the board page (the entry `main`, and every
 * part it reaches on demand but the board page) loads too. `@candor/shared` is one index (`sharedIndex`) re-exporting
 * every rule, so a shared module counts as loaded with some code only when that code imports one of its names
 * (`sharedSpecifier`: how the code names the index).
 */
export function boardPageModules({
  ids,
  info,
  main,
  boardPage,
  sharedIndex,
  sharedSpecifier = '@candor/shared',
}: {
  ids: readonly string[];
  info: (id: string) => ModuleNode | null;
  main: string;
  boardPage: string;
  sharedIndex: string;
  sharedSpecifier?: string;
}): { onlyBoard: Set<string>; alsoElsewhere: Set<string> } {
  const onlyBoard = new Set<string>();
  const alsoElsewhere = new Set<string>();
  if (!ids.includes(main) || !ids.includes(boardPage)) return { onlyBoard, alsoElsewhere };
  // `roots` and their static imports, transitively, but not through the shared index
  const closure = (roots: readonly string[], into = new Set<string>()) => {
    const visit = (id: string) => {
      if (into.has(id)) return;
      into.add(id);
      if (id !== sharedIndex) for (const next of info(id)?.importedIds ?? []) visit(next);
    };
    roots.forEach(visit);
    return into;
  };
  const sharedModules = info(sharedIndex)?.importedIds ?? [];
  const exportedBy = new Map(sharedModules.map((id) => [id, valueNamesExported(info(id)?.code ?? '')]));
  // with the shared modules whose names that code imports, and theirs
  const withShared = (code: Set<string>) => {
    const names = new Set<string>();
    for (const id of code) for (const name of valueNamesImportedFrom(info(id)?.code ?? '', sharedSpecifier)) names.add(name);
    const exporting = sharedModules.filter((id) => names.has(EVERY_NAME) || [...exportedBy.get(id)!].some((name) => names.has(name)));
    return closure(exporting, code);
  };
  // what can load without the board page: the entry and every part it can reach on demand but the board page
  const without = closure([main]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const id of [...without]) {
      for (const part of info(id)?.dynamicallyImportedIds ?? []) {
        if (part === boardPage || without.has(part)) continue;
        closure([part], without);
        grown = true;
      }
    }
  }
  withShared(without);
  for (const id of withShared(closure([boardPage]))) {
    if (id === sharedIndex) continue;
    (without.has(id) ? alsoElsewhere : onlyBoard).add(id);
  }
  return { onlyBoard, alsoElsewhere };
}
