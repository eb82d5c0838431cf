import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { notesKey } from '@candor/shared';
import { dataDirectoryAfterCheckpoint, freshSchema, logicalDump, testDatabaseUrl } from '../../server/src/storage/postgres.testing.js';
import { Person, createBoard, startServer, type TestServer } from './harness.js';
import { holdsPieceOf, marked } from './fileSearch.js';

/**
 * The README's "what the data files don't" says that on SQLite a deleted action's words (with its note, AC-5) and words
 * erased in a note (once folded, PE-9) are gone from the files. On PostgreSQL, which never overwrites a row in place, the
 * notes and the public log are not sealed (only the anonymous state is, AR-12): a logical dump holds none of those words,
 * but a copy of the data directory keeps them in old row versions and the WAL. This is what the README says of it.
 */

/** every file under `dir`, read one by one, for any piece of `text` (a file PostgreSQL removed meanwhile holds nothing) */
function directoryHolds(dir: string, text: string): boolean {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    try {
      if (entry.isDirectory() ? directoryHolds(file, text) : entry.isFile() && holdsPieceOf(fs.readFileSync(file), text)) return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return false;
}

describe('texts taken back, on PostgreSQL', () => {
  it('AC-5 PE-9 AR-12 a deleted action\'s words and words erased in a note are in no logical dump, but stay in the data directory\'s old row versions and WAL', async () => {
    const postgres = { url: testDatabaseUrl(), schema: freshSchema() };
    const server: TestServer = await startServer({ postgres });
    const people: Person[] = [];
    try {
      const { boardId, facilitatorKey } = await createBoard(server.url, 'Taken back on PostgreSQL');
      const [F, A] = [new Person(server.url), new Person(server.url)];
      people.push(F, A);
      await F.connect(boardId, 'Fran', facilitatorKey);
      await A.connect(boardId, 'Alex');
      const card = (await A.cmd('card.add', { columnId: 'start', text: 'a card' })) as { ok: true; data: { cardId: string } };
      for (const phase of ['reveal', 'vote', 'discuss']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
      expect(await F.cmd('discuss.select', { itemId: card.data.cardId })).toMatchObject({ ok: true });
      const T = { action: marked('pg-action-first'), typed: marked('pg-action-typed'), erased: marked('pg-erased'), kept: marked('pg-kept') };
      const create = async (text: string) => ((await F.cmd('action.create', { itemId: card.data.cardId, text })) as { ok: true; data: { actionId: string } }).data.actionId;
      const gone = notesKey.action(await create(T.action));
      const kept = notesKey.action(await create('kept action'));
      await A.waitFor(() => A.notes(gone) !== undefined && A.notes(kept) !== undefined);
      A.typeNote(gone, ` ${T.typed}`);
      A.typeNote(kept, ` ${T.kept} ${T.erased}`);
      await F.waitFor(() => F.notes(gone)?.includes(T.typed) && F.notes(kept)?.includes(T.erased));
      A.eraseNote(kept, T.erased);
      await F.waitFor(() => !F.notes(kept)?.includes(T.erased));
      // the action deleted (AC-5 folds the notes at once) and the board moved on (PE-9 folds them again)
      expect(await F.cmd('action.delete', { actionId: gone.slice(gone.indexOf(':') + 1) })).toMatchObject({ ok: true });
      expect(await F.cmd('phase.set', { phase: 'act' })).toMatchObject({ ok: true });

      const dump = JSON.stringify([...(await logicalDump(postgres.url, postgres.schema))], (_k, v: unknown) =>
        v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' ? Buffer.from((v as { data: number[] }).data).toString('latin1') : v,
      );
      // a positive control: the dump holds the note that stays
      expect(holdsPieceOf(Buffer.from(dump, 'latin1'), T.kept)).toBe(true);
      for (const text of [T.action, T.typed, T.erased]) expect(holdsPieceOf(Buffer.from(dump, 'latin1'), text), `${text} in the logical dump`).toBe(false);

      // a copy of the data directory after a checkpoint: old row versions (until VACUUM) and the WAL keep them
      const dataDirectory = await dataDirectoryAfterCheckpoint(postgres.url);
      const kept_ = Object.fromEntries([T.action, T.typed, T.erased].map((text) => [text, directoryHolds(dataDirectory, text)]));
      expect(kept_).toEqual({ [T.action]: true, [T.typed]: true, [T.erased]: true });
    } finally {
      for (const p of people) await p.disconnect();
      await server.close();
    }
  }, 60_000);
});
