import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '@candor/shared';
import { openSqliteStore } from './sqlite.js';

/**
 * AR-1, AR-6: a part of the anonymous state is stored padded to a size class, so a rewrite that stays in its
 * class is an overwrite in place — SQLite writes only the pages whose bytes changed — rather than a new chain of
 * overflow pages plus the old chain zeroed (`secure_delete`).
 */
const created: BoardEvent = { type: 'board.created', name: 'Parts', templateId: 't', columns: [], settings: { voteBudget: 3, perItemCap: 2 } };
const sealed = () => new Uint8Array(8);

/** a cards part of `n` cards as JSON, the `k`-th card's text changed */
function cardsPart(n: number, changed = -1): Uint8Array {
  const cards = Array.from({ length: n }, (_, i) => ({ id: `card${String(i).padStart(5, '0')}`, text: i === changed ? `edited text of card ${i}` : `the text of card ${i}, about what went well`, tag: 'x'.repeat(22) }));
  return Buffer.from(JSON.stringify({ format: 2, cards, groups: [] }));
}

/** the pages of the anonymous_state table, as a copy of the file shows them */
function statePages(file: string): number[] {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-parts-copy-')), 'copy.sqlite');
  fs.copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return (db.prepare("SELECT pageno FROM dbstat WHERE name = 'anonymous_state' ORDER BY pageno").all() as { pageno: number }[]).map((r) => r.pageno);
  } finally {
    db.close();
  }
}

describe('AR-1 the parts at rest in SQLite', () => {
  it('AR-1 AR-6 a part rewritten within its size class keeps its pages (overwritten in place), and loads back byte for byte', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-parts-')), 'candor.sqlite');
    const store = openSqliteStore(file);
    await store.createBoard({ id: 'b', facilitatorHash: 'h', createdAt: 1 }, created);
    const first = cardsPart(600);
    await store.commit('b', { commandKey: 'k1', events: [], anonymousState: { cards: first, marks: Buffer.from('{"format":2}') }, sealed: sealed() });
    const pages = statePages(file);
    expect(pages.length).toBeGreaterThan(10);
    const edited = cardsPart(600, 300);
    expect(edited.length).toBe(first.length + 'edited text of card 300'.length - 'the text of card 300, about what went well'.length);
    await store.commit('b', { commandKey: 'k2', events: [], anonymousState: { cards: edited }, sealed: sealed() });
    expect(statePages(file)).toEqual(pages);
    expect((await store.loadBoard('b'))!.anonymousState).toEqual({ cards: new Uint8Array(edited), marks: new Uint8Array(Buffer.from('{"format":2}')) });
    // the old text is in no file (AR-6)
    for (const name of fs.readdirSync(path.dirname(file))) {
      expect(fs.readFileSync(path.join(path.dirname(file), name)).includes(Buffer.from('the text of card 300,')), name).toBe(false);
    }
    await store.close();
  });

  it('AR-1 a part is padded to a multiple of 4 KiB, and one of 32 KiB or more by at most an eighth of its size', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-parts-')), 'candor.sqlite');
    const store = openSqliteStore(file);
    await store.createBoard({ id: 'b', facilitatorHash: 'h', createdAt: 1 }, created);
    const stored: [number, number][] = [];
    for (const cards of [1, 20, 150, 300, 1_000, 3_000, 10_000]) {
      const part = cardsPart(cards);
      await store.commit('b', { commandKey: `k${cards}`, events: [], anonymousState: { cards: part }, sealed: sealed() });
      // (a copy of the files, as the store keeps its database locked)
      const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-parts-copy-')), 'copy.sqlite');
      for (const suffix of ['', '-wal']) if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, copy + suffix);
      const db = new Database(copy, { readonly: true });
      const row = db.prepare("SELECT length(state) AS n FROM anonymous_state WHERE board_id = 'b' AND part = 'cards'").get() as { n: number };
      db.close();
      stored.push([part.length, row.n]);
    }
    expect(stored.at(-1)![0], 'the largest part tried').toBeGreaterThan(1_000_000);
    for (const [size, padded] of stored) {
      expect(padded % 4096, `${size} bytes stored as ${padded}`).toBe(0);
      expect(padded, `${size} bytes stored as ${padded}`).toBeGreaterThan(size);
      expect(padded - size, `${size} bytes stored as ${padded}`).toBeLessThanOrEqual(size >= 32 * 1024 ? size / 8 : 4096);
    }
    await store.close();
  });
});
