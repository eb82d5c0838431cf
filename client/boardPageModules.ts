import path from 'node:path';
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

/** One `export … from` of a module: every name but default (`export *`), all as one name (`export * as ns`), or a list. */
type ReExport = { specifier: string } & ({ kind: 'every' } | { kind: 'namespace'; as: string } | { kind: 'list'; names: Map<string, string> });

/** TW-2 PL-5: a module's value re-exports, each with the names it gives (exported name → the name in the module it reads). */
function reExportsOf(code: string): ReExport[] {
  const reExports: ReExport[] = [];
  for (const statement of statementsOf(code)) {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly) continue;
    const from = statement.moduleSpecifier;
    if (!from || !ts.isStringLiteral(from)) continue;
    const clause = statement.exportClause;
    if (!clause) reExports.push({ specifier: from.text, kind: 'every' });
    else if (ts.isNamespaceExport(clause)) reExports.push({ specifier: from.text, kind: 'namespace', as: clause.name.text });
    else {
      const names = new Map<string, string>();
      for (const element of clause.elements) if (!element.isTypeOnly) names.set(element.name.text, (element.propertyName ?? element.name).text);
      reExports.push({ specifier: from.text, kind: 'list', names });
    }
  }
  return reExports;
}

/**
 * UI-16: the modules `code` loads as parts the board fetches ahead: `lazyWithWords(() => import('…'), …)`, unless its
 * options say `preload: false`. Other dynamic imports (the emoji list when a code is typed, a timer's chime) load
 * when used, and stay files of their own.
 */
export function partsFetchedAhead(code: string): Set<string> {
  const parts = new Set<string>();
  if (!code.includes('lazyWithWords')) return parts;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'lazyWithWords') {
      const [load, , options] = node.arguments;
      const imported = load && ts.isArrowFunction(load) && ts.isCallExpression(load.body) && load.body.expression.kind === ts.SyntaxKind.ImportKeyword ? load.body.arguments[0] : undefined;
      const notAhead =
        options !== undefined &&
        ts.isObjectLiteralExpression(options) &&
        options.properties.some((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'preload' && p.initializer.kind === ts.SyntaxKind.FalseKeyword);
      if (imported && ts.isStringLiteral(imported) && !notAhead) parts.add(imported.text);
    }
    ts.forEachChild(node, visit);
  };
  statementsOf(code).forEach(visit);
  return parts;
}

/** The module a relative `specifier` of `importer` names among those the bundler resolved its imports to (`./a.js` is `a.ts`). */
function resolveRelative(importer: string, specifier: string, importedIds: readonly string[]): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const bare = (id: string) => id.replace(/\\/g, '/').replace(/\.[cm]?[jt]sx?$/, '');
  const wanted = bare(path.posix.join(path.posix.dirname(bare(importer)), specifier));
  return importedIds.find((id) => bare(id) === wanted);
}

/**
 * TW-2 PL-5: for every name module `id` exports as a value, the modules that name comes from: the one that declares it
 * and every one re-exporting it on the way, through `export *`, `export * as ns` and `export { a as b } from` chains
 * as far as they go (a re-export whose module is not in the graph names only the module re-exporting it).
 */
function valueSourcesOf(info: (id: string) => ModuleNode | null): (id: string) => Map<string, Set<string>> {
  const known = new Map<string, Map<string, Set<string>>>();
  const sourcesOf = (id: string): Map<string, Set<string>> => {
    const done = known.get(id);
    if (done) return done;
    const sources = new Map<string, Set<string>>();
    known.set(id, sources); // a cycle reads what is known so far
    const node = info(id);
    const code = node?.code ?? '';
    for (const name of valueNamesExported(code)) sources.set(name, new Set([id]));
    const via = (from: Set<string> | undefined) => new Set([id, ...(from ?? [])]);
    const reExports = reExportsOf(code);
    // named re-exports first: they win over `export *`, as the module's own declarations do
    for (const reExport of reExports) {
      const target = resolveRelative(id, reExport.specifier, node?.importedIds ?? []);
      const theirs = target ? sourcesOf(target) : new Map<string, Set<string>>();
      if (reExport.kind === 'list') for (const [name, local] of reExport.names) sources.set(name, via(theirs.get(local)));
      else if (reExport.kind === 'namespace') sources.set(reExport.as, via(new Set([...theirs.values()].flatMap((from) => [...from]))));
    }
    const named = new Set(sources.keys());
    for (const reExport of reExports) {
      if (reExport.kind !== 'every') continue;
      const target = resolveRelative(id, reExport.specifier, node?.importedIds ?? []);
      for (const [name, from] of target ? sourcesOf(target) : []) if (name !== 'default' && !named.has(name)) sources.set(name, via(new Set([...(sources.get(name) ?? []), ...from])));
    }
    return sources;
  };
  return sourcesOf;
}

/**
 * BU-1: the modules of the board page's first load, read from the complete module graph: `onlyBoard`, those only the
 * board page loads, and `alsoElsewhere`, those that code loading without the board page (the entry `main`, and every
 * part it reaches on demand but the board page) loads too. `@candor/shared` is one index (`sharedIndex`) re-exporting
 * every rule, so a shared module counts as loaded with some code only when that code imports one of its names
 * (`sharedSpecifier`: how the code names the index), by whatever chain of re-exports the name reaches the index.
 * AB-15 UI-16: `later`, the parts the board fetches ahead once it is up (`partsFetchedAhead`), and the parts those
 * fetch ahead, with what they import: none of the first load, and none that code without the board page loads.
 * `soon`, of those, the parts `soonParts` names (what Write shows on its first screen) and what they import, so they
 * can come in a small file of their own before the rest.
 */
export function boardPageModules({
  ids,
  info,
  main,
  boardPage,
  sharedIndex,
  sharedSpecifier = '@candor/shared',
  soonParts = () => false,
}: {
  ids: readonly string[];
  info: (id: string) => ModuleNode | null;
  main: string;
  boardPage: string;
  sharedIndex: string;
  sharedSpecifier?: string;
  soonParts?: (id: string) => boolean;
}): { onlyBoard: Set<string>; alsoElsewhere: Set<string>; later: Set<string>; soon: Set<string> } {
  const onlyBoard = new Set<string>();
  const alsoElsewhere = new Set<string>();
  if (!ids.includes(main) || !ids.includes(boardPage)) return { onlyBoard, alsoElsewhere, later: new Set(), soon: new Set() };
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
  // each name the index exports, with the shared modules it comes from (PL-5: through re-export chains)
  const sources = valueSourcesOf(info)(sharedIndex);
  // with the shared modules whose names that code imports, and theirs
  const withShared = (code: Set<string>) => {
    const names = new Set<string>();
    for (const id of code) for (const name of valueNamesImportedFrom(info(id)?.code ?? '', sharedSpecifier)) names.add(name);
    const exporting = new Set<string>();
    for (const [name, from] of sources) if (names.has(EVERY_NAME) || names.has(name)) for (const id of from) exporting.add(id);
    exporting.delete(sharedIndex);
    return closure([...exporting], code);
  };
  // `into`, grown by the parts `partsOf` names for each of its modules and by what those import, until nothing is new
  const withParts = (into: Set<string>, partsOf: (id: string) => Iterable<string | undefined>) => {
    for (let grown = true; grown; ) {
      grown = false;
      for (const id of [...into]) {
        for (const part of partsOf(id)) {
          if (!part || into.has(part)) continue;
          closure([part], into);
          grown = true;
        }
      }
    }
    return into;
  };
  // what can load without the board page: the entry and every part it can reach on demand but the board page
  const without = withParts(closure([main]), (id) => (info(id)?.dynamicallyImportedIds ?? []).filter((part) => part !== boardPage));
  withShared(without);
  const first = withShared(closure([boardPage]));
  for (const id of first) {
    if (id === sharedIndex) continue;
    (without.has(id) ? alsoElsewhere : onlyBoard).add(id);
  }
  // the parts the board fetches ahead, what they import, and the parts those fetch ahead, as far as it goes
  const reached = withParts(new Set(first), (id) => {
    const node = info(id);
    return [...partsFetchedAhead(node?.code ?? '')].map((specifier) => resolveRelative(id, specifier, node?.dynamicallyImportedIds ?? []));
  });
  const fetchedAhead = (id: string) => id !== sharedIndex && !first.has(id) && !without.has(id);
  const soon = new Set([...withShared(closure([...reached].filter((id) => soonParts(id) && fetchedAhead(id))))].filter(fetchedAhead));
  const later = new Set([...withShared(reached)].filter((id) => fetchedAhead(id) && !soon.has(id)));
  return { onlyBoard, alsoElsewhere, later, soon };
}
