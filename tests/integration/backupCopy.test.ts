import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type TestServer, Person, createBoard, startServer } from './harness.js';

/**
 * The README's backups: while the server runs, copy `candor.sqlite` and `candor.sqlite-wal` (the WAL may hold
 * the latest joins) with the key file; "a copy taken between commits opens and reads whole". Here the files are
 * copied from a running server after acknowledged joins, cards, an edit, pulse answers and votes, a server is
 * started on the copy, and everyone comes back to it: every acknowledged fact is there, each with its person.
 */

/** A copy of the running server's data directory, file by file as a backup tool would, and its key beside it. */
function copyDataDir(server: TestServer, files: string[]): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-backup-'));
  for (const name of files) fs.copyFileSync(path.join(path.dirname(server.dbFile), name), path.join(copy, name));
  fs.copyFileSync(server.keyFile, `${copy}.key`);
  return path.join(copy, 'candor.sqlite');
}

describe('a backup copy of a running server', () => {
  it('DU-5 AR-6 candor.sqlite and candor.sqlite-wal copied between commits open whole: every acknowledged card, vote, answer and join is back with its person', async () => {
    const servers: TestServer[] = [];
    const people: Person[] = [];
    try {
      const live = await startServer();
      servers.push(live);
      const { boardId, facilitatorKey } = await createBoard(live.url, 'Backed up');
      const [F, A, B, C, D] = [0, 1, 2, 3, 4].map(() => new Person(live.url)) as [Person, Person, Person, Person, Person];
      people.push(F, A, B, C, D);
      await F.connect(boardId, 'Fran', facilitatorKey);
      await A.connect(boardId, 'Alex');
      await B.connect(boardId, 'Bea');
      await C.connect(boardId, 'Cleo');
      const card = async (p: Person, columnId: string, text: string) => {
        const ack = await p.cmd('card.add', { columnId, text });
        expect(ack).toMatchObject({ ok: true });
        return (ack as { data: { cardId: string } }).data.cardId;
      };
      const a1 = await card(A, 'start', 'backed up one');
      await card(A, 'stop', 'backed up two');
      const b1 = await card(B, 'continue', 'backed up bea');
      expect(await A.cmd('card.edit', { cardId: a1, text: 'backed up one, edited' })).toMatchObject({ ok: true });
      for (const [p, value] of [[A, 2], [B, 5], [C, 4]] as const) expect(await p.cmd('pulse.answer', { value })).toMatchObject({ ok: true });
      for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
      for (const [p, itemId] of [[A, b1], [B, a1], [C, a1]] as const) expect(await p.cmd('vote.cast', { itemId })).toMatchObject({ ok: true });
      // the last thing before the copy is a join: a named commit, which waits in the WAL (AR-6)
      await D.connect(boardId, 'Dev');
      for (const p of people) await p.boardRoundTrip();
      const before = new Map(people.map((p) => [p, structuredClone({ ...p.me!, knocks: [] })]));
      const boardBefore = structuredClone(F.board()!);
      const dir = path.dirname(live.dbFile);
      expect(fs.readdirSync(dir).sort()).toEqual(['candor.sqlite', 'candor.sqlite-wal']);
      expect(fs.statSync(path.join(dir, 'candor.sqlite-wal')).size).toBeGreaterThan(0);

      const full = copyDataDir(live, ['candor.sqlite', 'candor.sqlite-wal']);
      const mainFileOnly = copyDataDir(live, ['candor.sqlite']);

      // the copy opens in a server of its own, while the original still runs
      const restored = await startServer({ dbFile: full });
      servers.push(restored);
      for (const p of people) expect(await p.reconnect(restored.url)).toMatchObject({ ok: true });
      for (const p of people) expect({ ...p.me!, knocks: [] }, `${p.name}'s own view from the copy`).toEqual(before.get(p));
      expect(A.me!.cards.map((c) => c.text)).toEqual(['backed up one, edited', 'backed up two']);
      expect(B.me!.pulse).toBe(5);
      expect(C.me!.votes).toEqual({ [a1]: 1 });
      const participants = (v: typeof boardBefore) => v.participants.map((p) => p.name).sort();
      expect({ ...F.board()!, participants: participants(F.board()!) }).toEqual({ ...boardBefore, participants: participants(boardBefore) });
      expect(participants(F.board()!)).toContain('Dev');

      // why the WAL belongs in the copy: without it, the latest join is not there
      const partial = await startServer({ dbFile: mainFileOnly });
      servers.push(partial);
      const watcher = new Person(partial.url);
      people.push(watcher);
      await watcher.connect(boardId, 'Watcher');
      expect(watcher.board()!.participants.map((p) => p.name)).not.toContain('Dev');
      expect(watcher.board()!.cards.map((c) => c.text).sort()).toEqual(['backed up bea', 'backed up one, edited', 'backed up two']);
    } finally {
      for (const p of people) await p.disconnect();
      for (const s of servers) await s.close();
    }
  });
});
