import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.js';
import enBoard from './en.board.js';
import { HELD_UNTIL_SHOWN } from '../sync/settledCommands.js';
import { CLIENT_SRC, staticallyImported } from '../../staticImports.js';

/**
 * UI-6: English is split so the board page stays small. Code that ships with the board page renders before
 * en.more.ts has arrived, so every catalogue key it names must be in en.board.ts; code loaded on demand waits
 * for en.more.ts (lazyWithWords). Both are read from the source, following static imports only.
 */
const SRC = CLIENT_SRC;
const ROOTS = ['main.tsx', 'board/BoardPage.tsx'];
const COMMAND_TYPES = new Set<string>(HELD_UNTIL_SHOWN);

/** Every client file the board page loads with it: static imports, transitively (import() is on demand). */
const shippedWithBoardPage = () => staticallyImported(ROOTS);

function nodeAt(catalogue: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
}

/** A key as code names it: a text, or the base of a plural pair (`x` for `x_one` / `x_other`). */
function hasText(catalogue: object, key: string): boolean {
  return typeof nodeAt(catalogue, key) === 'string' || typeof nodeAt(catalogue, `${key}_other`) === 'string';
}

function allSourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return allSourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('UI-6 the words the board page ships with', () => {
  const files = shippedWithBoardPage();

  it('UI-6 follows the board page through its imports (the walk itself works)', () => {
    const names = files.map((f) => path.relative(SRC, f));
    expect(names).toContain('phases/WritePhase.tsx');
    expect(names).toContain('cards/CardTile.tsx');
    expect(names).not.toContain('board/FacilitatorBar.tsx');
  });

  it('UI-6 every catalogue key named by code shipped with the board page is in en.board.ts', () => {
    const missing: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      for (const [, key] of source.matchAll(/['"]([a-zA-Z]+(?:\.[\w-]+)+)['"]/g)) {
        // a command's type ('review.mark', 'consensus.reveal') can be spelled like a key without being one
        if (COMMAND_TYPES.has(key!)) continue;
        if (hasText(en, key!) && !hasText(enBoard, key!)) missing.push(`${path.relative(SRC, file)}: ${key}`);
      }
      // A key built at run time (`errors.${code}`) needs its whole area in en.board.ts.
      for (const [, prefix] of source.matchAll(/`([a-zA-Z]+(?:\.[\w-]+)*)\.\$\{/g)) {
        if (JSON.stringify(nodeAt(enBoard, prefix!)) !== JSON.stringify(nodeAt(en, prefix!))) missing.push(`${path.relative(SRC, file)}: ${prefix}.*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('UI-6 code loaded on demand waits for the rest of English (lazyWithWords, not a bare React.lazy)', () => {
    const bare = allSourceFiles(SRC)
      .filter((file) => /\blazy\(\s*\(\)\s*=>\s*(?:untilLoaded\(\s*\(\)\s*=>\s*)?import\(/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file));
    // The board page itself is the one exception: what it ships with is checked above.
    expect(bare).toEqual(['App.tsx']);
  });
});
