import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from './sqlite.js';
import type { BoardStore } from './BoardStore.js';

const tmpFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-wal-')), 'candor.sqlite');
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const board = { type: 'board.created', name: 'B', templateId: 't', columns: [], settings: { voteBudget: 3, perItemCap: 2 } } as never;
/** a participant row that fills most of a page, its name findable in the files' bytes */
const row = (i: number) => ({ id: `p${i}`, name: `marker-${i}-`.padEnd(3000, 'n'), handle: `h${i}`, authHash: 'a', isFacilitator: false });
const holds = (file: string, text: string) => fs.readFileSync(file).includes(Buffer.from(text));

/** named commits until the WAL file holds more than `bytes`; returns the number of the last row */
async function namedRunPast(store: BoardStore, file: string, bytes: number): Promise<number> {
  let i = 0;
  while (!fs.existsSync(`${file}-wal`) || fs.statSync(`${file}-wal`).size <= bytes) await store.upsertParticipant('b', row(++i));
  return i;
}

describe('AR-6 the checkpoint of a run of named commits', () => {
  afterEach(() => vi.restoreAllMocks());

  it('AR-6 the join that takes a run of named commits past 3 MB returns before the run is checkpointed; the checkpoint runs in a turn of its own right after', async () => {
    const file = tmpFile();
    const store = openSqliteStore(file);
    await store.createBoard({ id: 'b', facilitatorHash: 'h', createdAt: 1 }, board);
    // the loop's awaits are microtasks: no other turn of the event loop runs between these commits
    const last = await namedRunPast(store, file, 3 * 1024 * 1024);
    expect(holds(`${file}-wal`, `marker-${last}-`)).toBe(true);
    expect(holds(file, `marker-${last}-`)).toBe(false);
    await nextTurn();
    expect(holds(file, `marker-${last}-`)).toBe(true);
    expect((await store.loadBoard('b'))!.participants).toHaveLength(last);
    await store.close();
  });

  it('AR-6 an anonymous commit whose zeroing failed is zeroed before the next write, also when a named run waited for its checkpoint', async () => {
    const file = tmpFile();
    const store = openSqliteStore(file);
    await store.createBoard({ id: 'b', facilitatorHash: 'h', createdAt: 1 }, board);
    // a named run whose checkpoint waits for the next turn
    await namedRunPast(store, file, 3 * 1024 * 1024);
    // the secret lies past the frames the next (small) named commit writes over
    const secret = 'the secret card text';
    const state = Buffer.from(JSON.stringify({ cards: ['x'.repeat(60_000), secret] }));
    // the first write of zeros fails (a disk error), the ones after it succeed
    const failing = vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    });
    await store.commitBatch('b', { participants: [], commands: [], events: [], anonymousState: { cards: state } });
    expect(failing).toHaveBeenCalled();
    expect(holds(`${file}-wal`, secret)).toBe(true);
    await nextTurn();
    await store.upsertParticipant('b', { id: 'late', name: 'Late Comer', handle: 'late', authHash: 'a', isFacilitator: false });
    expect(holds(`${file}-wal`, 'Late Comer')).toBe(true);
    expect(holds(`${file}-wal`, secret)).toBe(false);
    await store.close();
  });
});
