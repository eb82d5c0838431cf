import { describe, expect, it } from 'vitest';
import { boardPageModules, type ModuleNode } from '../boardPageModules.js';

/**
 * BU-1, TW-2: the board page's first load, worked out from a small module graph as the bundler hands it over (each
 * module's code, its static and its dynamic imports). The code holds what the regular expressions that read it before
 * got wrong: names re-exported in an `export { a, b } from` list, a shared module exporting its names in a list, and a
 * string and a comment that look like imports; and what must name nothing: a type-only import and a dynamic import.
 */
const graph: Record<string, ModuleNode> = {
  'src/main.tsx': {
    code: [
      "import { appName } from '@candor/shared';",
      "const BoardPage = lazy(() => import('./board/BoardPage'));",
      "// import { tallyVotes } from '@candor/shared';",
      "export const hint = \"import { lateRule } from '@candor/shared'\";",
      'export const title = `${appName} ${"import { nextPhase } from \\"@candor/shared\\""}`;',
    ].join('\n'),
    importedIds: ['shared/index.ts'],
    dynamicallyImportedIds: ['src/board/BoardPage.tsx'],
  },
  'src/board/BoardPage.tsx': {
    code: [
      "import type { Board } from '@candor/shared';",
      "import { type Column, appName, tallyVotes } from '@candor/shared';",
      "export { voteBudget, nextPhase as next } from '@candor/shared';",
      "export const part = () => import('@candor/shared').then((shared) => shared.lateRule());",
      "export const Page = (board: Board, column: Column) => appName + tallyVotes(board, column);",
    ].join('\n'),
    importedIds: ['shared/index.ts'],
    dynamicallyImportedIds: ['shared/index.ts'],
  },
  'shared/index.ts': {
    code: ["export * from './names';", "export * from './voting';", "export * from './phases';", "export * from './late';", "export * from './types';"].join('\n'),
    importedIds: ['shared/names.ts', 'shared/voting.ts', 'shared/phases.ts', 'shared/late.ts', 'shared/types.ts'],
    dynamicallyImportedIds: [],
  },
  'shared/names.ts': { code: "export const appName = 'Candor';", importedIds: [], dynamicallyImportedIds: [] },
  'shared/voting.ts': {
    code: 'export function tallyVotes() { return 0; }\nconst voteBudget = 3;\nexport { voteBudget };',
    importedIds: [],
    dynamicallyImportedIds: [],
  },
  'shared/phases.ts': {
    code: 'function nextPhase() {}\nfunction canMove() {}\nexport { nextPhase, canMove };',
    importedIds: ['shared/rules.ts'],
    dynamicallyImportedIds: [],
  },
  'shared/rules.ts': { code: 'export const order = [];', importedIds: [], dynamicallyImportedIds: [] },
  'shared/late.ts': { code: 'export function lateRule() {}', importedIds: [], dynamicallyImportedIds: [] },
  'shared/types.ts': { code: 'export interface Board { id: string }\nexport type Column = { id: string };', importedIds: [], dynamicallyImportedIds: [] },
};

describe('boardPageModules', () => {
  it('TW-2 BU-1 reads the names code imports with a parser: re-export lists count, strings, comments, types and dynamic imports do not', () => {
    const { onlyBoard, alsoElsewhere } = boardPageModules({
      ids: Object.keys(graph),
      info: (id) => graph[id] ?? null,
      main: 'src/main.tsx',
      boardPage: 'src/board/BoardPage.tsx',
      sharedIndex: 'shared/index.ts',
    });
    // voting: imported by the board page only (the comment and the string in main name tallyVotes and nextPhase);
    // phases: its names in an `export { … }` list, re-exported by the board page in one, with what it imports
    expect([...onlyBoard].sort()).toEqual(['shared/phases.ts', 'shared/rules.ts', 'shared/voting.ts', 'src/board/BoardPage.tsx']);
    // appName: the entry imports it too
    expect([...alsoElsewhere]).toEqual(['shared/names.ts']);
    // never: the types (a type-only import loads nothing), lateRule (only a dynamic import and a string name it)
  });
});

/**
 * TW-2 PL-5: names that reach the shared index through re-exports: `export *` and `export { a as b } from` chains, as
 * far as they go. A name counts for the module that declares it (and the modules it passes through), by the name it is
 * imported under.
 */
const chains: Record<string, ModuleNode> = {
  'src/main.tsx': {
    code: "import { appName } from '@candor/shared';\nconst BoardPage = lazy(() => import('./board/BoardPage'));",
    importedIds: ['shared/index.ts'],
    dynamicallyImportedIds: ['src/board/BoardPage.tsx'],
  },
  'src/board/BoardPage.tsx': {
    code: "import { appName, tallyVotes, lateRule, rules } from '@candor/shared';\nexport const Page = () => appName + tallyVotes() + lateRule() + rules;",
    importedIds: ['shared/index.ts'],
    dynamicallyImportedIds: [],
  },
  'shared/index.ts': {
    code: "export * from './names.js';\nexport * from './domain/index.js';\nexport { later as lateRule } from './late.js';",
    importedIds: ['shared/names.ts', 'shared/domain/index.ts', 'shared/late.ts'],
    dynamicallyImportedIds: [],
  },
  'shared/names.ts': { code: "export const appName = 'Candor';", importedIds: [], dynamicallyImportedIds: [] },
  // a module of re-exports only, `export *` of a module and of another module of re-exports
  'shared/domain/index.ts': {
    code: "export * from './voting.js';\nexport * from './rules/index.js';",
    importedIds: ['shared/domain/voting.ts', 'shared/domain/rules/index.ts'],
    dynamicallyImportedIds: [],
  },
  'shared/domain/voting.ts': { code: 'export function tallyVotes() { return 0; }\nexport default 1;', importedIds: [], dynamicallyImportedIds: [] },
  'shared/domain/rules/index.ts': { code: "export { order as rules } from './order.js';", importedIds: ['shared/domain/rules/order.ts'], dynamicallyImportedIds: [] },
  'shared/domain/rules/order.ts': { code: 'export const order = [];', importedIds: [], dynamicallyImportedIds: [] },
  'shared/late.ts': { code: 'export function later() {}', importedIds: [], dynamicallyImportedIds: [] },
  // imported by nobody's names: `unused` is not re-exported by the index
  'shared/unused.ts': { code: 'export const unused = 1;', importedIds: [], dynamicallyImportedIds: [] },
};

describe('boardPageModules re-export chains', () => {
  it('TW-2 PL-5 follows `export *` and `export { a as b } from` from the shared index to the module that declares the name', () => {
    const { onlyBoard, alsoElsewhere } = boardPageModules({
      ids: Object.keys(chains),
      info: (id) => chains[id] ?? null,
      main: 'src/main.tsx',
      boardPage: 'src/board/BoardPage.tsx',
      sharedIndex: 'shared/index.ts',
    });
    // tallyVotes: index → domain/index → voting, each by `export *`; lateRule: late's `later` renamed by the index;
    // rules: rules/order's `order`, renamed by rules/index, reached by two `export *`
    expect([...onlyBoard].sort()).toEqual([
      'shared/domain/index.ts',
      'shared/domain/rules/index.ts',
      'shared/domain/rules/order.ts',
      'shared/domain/voting.ts',
      'shared/late.ts',
      'src/board/BoardPage.tsx',
    ]);
    expect([...alsoElsewhere]).toEqual(['shared/names.ts']);
  });
});

/**
 * UI-16 AB-15: the parts the board fetches ahead once it is up (its phases, the facilitator's bar, dialogs), with what
 * only they import, are one group: each was a file of its own, 35 requests a browser made after every board opened.
 * What the team or home page also loads stays out of it (those pages would otherwise fetch the board's parts), and so
 * do the board page's own first load and what loads only when used (a part with `preload: false`, the emoji list).
 */
const parts: Record<string, ModuleNode> = {
  'src/main.tsx': { code: '', importedIds: [], dynamicallyImportedIds: ['src/board/BoardPage.tsx', 'src/team/TeamPage.tsx'] },
  'src/team/TeamPage.tsx': {
    code: "const Share = lazyWithWords(() => import('../ShareDialog.js'), (m) => m.ShareDialog);",
    importedIds: ['src/lens.ts'],
    dynamicallyImportedIds: ['src/ShareDialog.tsx'],
  },
  'src/board/BoardPage.tsx': {
    code: [
      "import { appName } from '@candor/shared';",
      "const VotePhase = lazyWithWords(() => import('../phases/VotePhase.js'), (m) => m.VotePhase);",
      "const Share = lazyWithWords(() => import('../ShareDialog.js'), (m) => m.ShareDialog);",
      "const CheckIn = lazyWithWords(() => import('../checkin/CheckIn.js'), (m) => m.CheckIn, { preload: false });",
      "let list = null; export const emoji = () => (list ??= import('../cards/emojiList.js'));",
    ].join('\n'),
    importedIds: ['src/board/Header.tsx', 'shared/index.ts'],
    dynamicallyImportedIds: ['src/phases/VotePhase.tsx', 'src/ShareDialog.tsx', 'src/checkin/CheckIn.tsx', 'src/cards/emojiList.ts'],
  },
  'src/board/Header.tsx': { code: '', importedIds: [], dynamicallyImportedIds: [] },
  'src/phases/VotePhase.tsx': {
    code: [
      "import { tallyVotes } from '@candor/shared';",
      "const VoteHelp = lazyWithWords(() => import('./VoteHelp.js'), (m) => m.VoteHelp);",
      "export const chime = () => import('../timer/ring.js');",
    ].join('\n'),
    importedIds: ['src/phases/ballot.ts', 'src/board/Header.tsx', 'src/lens.ts', 'shared/index.ts'],
    dynamicallyImportedIds: ['src/phases/VoteHelp.tsx', 'src/timer/ring.ts'],
  },
  'src/phases/ballot.ts': { code: '', importedIds: [], dynamicallyImportedIds: [] },
  'src/phases/VoteHelp.tsx': { code: '', importedIds: ['src/phases/ballot.ts'], dynamicallyImportedIds: [] },
  'src/timer/ring.ts': { code: '', importedIds: [], dynamicallyImportedIds: [] },
  'src/checkin/CheckIn.tsx': { code: '', importedIds: [], dynamicallyImportedIds: [] },
  'src/cards/emojiList.ts': { code: '', importedIds: [], dynamicallyImportedIds: [] },
  'src/lens.ts': { code: '', importedIds: [], dynamicallyImportedIds: [] },
  'src/ShareDialog.tsx': { code: '', importedIds: [], dynamicallyImportedIds: [] },
  'shared/index.ts': { code: "export * from './names';\nexport * from './voting';", importedIds: ['shared/names.ts', 'shared/voting.ts'], dynamicallyImportedIds: [] },
  'shared/names.ts': { code: "export const appName = 'Candor';", importedIds: [], dynamicallyImportedIds: [] },
  'shared/voting.ts': { code: 'export function tallyVotes() { return 0; }', importedIds: [], dynamicallyImportedIds: [] },
};

describe('boardPageModules: the parts fetched ahead', () => {
  it('UI-16 AB-15 groups the parts only the board fetches ahead, and what only they import, as deep as they go', () => {
    const { onlyBoard, later } = boardPageModules({
      ids: Object.keys(parts),
      info: (id) => parts[id] ?? null,
      main: 'src/main.tsx',
      boardPage: 'src/board/BoardPage.tsx',
      sharedIndex: 'shared/index.ts',
    });
    expect([...onlyBoard].sort()).toEqual(['shared/names.ts', 'src/board/BoardPage.tsx', 'src/board/Header.tsx']);
    // not the share dialog or the lens (the team page loads them too), the header (the board page's first load), the
    // check-in question (`preload: false`), the emoji list or the chime (loaded when used)
    expect([...later].sort()).toEqual(['shared/voting.ts', 'src/phases/VoteHelp.tsx', 'src/phases/VotePhase.tsx', 'src/phases/ballot.ts']);
  });

  it('UI-16 AB-15 puts the parts named to come soon, and what they import, apart from the rest, the two sets disjoint', () => {
    const { later, soon } = boardPageModules({
      ids: Object.keys(parts),
      info: (id) => parts[id] ?? null,
      main: 'src/main.tsx',
      boardPage: 'src/board/BoardPage.tsx',
      sharedIndex: 'shared/index.ts',
      soonParts: (id) => id === 'src/phases/VoteHelp.tsx' || id === 'src/ShareDialog.tsx',
    });
    // the share dialog is the team page's too: in neither; the ballot, which the vote's part imports too, comes soon
    expect([...soon].sort()).toEqual(['src/phases/VoteHelp.tsx', 'src/phases/ballot.ts']);
    expect([...later].sort()).toEqual(['shared/voting.ts', 'src/phases/VotePhase.tsx']);
  });
});
