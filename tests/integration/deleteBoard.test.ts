import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Person, createBoard, newId, openSocket, sendCommand, useServer, postCreated } from './harness.js';

/** BD: a board's creator deletes it; everyone is told; nothing of it stays in the data files. */

describe('deleting a board', () => {
  const live = useServer({ claimAfterMs: 100 });
  const person = () => {
    const p = new Person(live.server.url);
    live.people.push(p);
    return p;
  };

  /** Every byte of the database and its WAL, as a dump would read them. */
  function fileBytes(): Buffer {
    const files = [live.server.dbFile, `${live.server.dbFile}-wal`].filter((f) => fs.existsSync(f));
    return Buffer.concat(files.map((f) => fs.readFileSync(f)));
  }

  it('BD-1 only the facilitator link deletes: a participant and a facilitator who was handed the role get NOT_FACILITATOR', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Keep me');
    const [F, A] = [person(), person()];
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    const raw = await openSocket(live.server.url, { boardId });
    try {
      expect(await sendCommand(raw, { id: newId(), type: 'join', participantId: A.participantId, secret: A.secret, name: 'Alex' })).toMatchObject({ ok: true });
      expect(await sendCommand(raw, { id: newId(), type: 'board.delete' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
      const handle = F.board()!.participants.find((p) => p.name === 'Alex')!.handle;
      expect(await F.cmd('facilitator.handover', { toHandle: handle })).toMatchObject({ ok: true });
      await A.waitFor(() => A.me?.isFacilitator === true);
      expect(await sendCommand(raw, { id: newId(), type: 'board.delete' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    } finally {
      raw.close();
    }
    expect((await fetch(`${live.server.url}/api/boards/${boardId}`)).status).toBe(200);
  });

  it('BD-2 BD-3 after the creator deletes it, everyone is sent away, the board is unknown and no byte of it is left on disk', async () => {
    const kept = await createBoard(live.server.url, 'KEEP-BOARD-NAME');
    const K = person();
    await K.connect(kept.boardId, 'Kim');
    expect(await K.cmd('card.add', { columnId: 'start', text: 'KEEP-CARD-TEXT-7781' })).toMatchObject({ ok: true });

    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'GONE-BOARD-NAME');
    const [F, A] = [person(), person()];
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'GONE-PERSON-NAME');
    const card = (await A.cmd('card.add', { columnId: 'start', text: 'GONE-CARD-TEXT-5521' })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    const key = `item:${card.data.cardId}`;
    await A.waitFor(() => A.notes(key) !== undefined);
    A.typeNote(key, 'GONE-NOTE-TEXT-9034');
    await F.waitFor(() => F.notes(key) === 'GONE-NOTE-TEXT-9034');
    // positive control: before the delete, the files do hold the text
    expect(fileBytes().includes('GONE-CARD-TEXT-5521')).toBe(true);

    const told = new Promise<void>((resolve) => A.socket!.once('board.deleted', () => resolve()));
    expect(await F.cmd('board.delete')).toMatchObject({ ok: true });
    await told;
    await A.waitFor(() => A.socket?.connected === false);
    // (A read the board document over that socket, DO-10; the notes had a connection of their own)
    expect((await A.notesConn!.waitClosed()).code).toBe(4404);

    expect((await fetch(`${live.server.url}/api/boards/${boardId}`)).status).toBe(404);
    expect((await fetch(`${live.server.url}/api/boards/${boardId}/export.md`)).status).toBe(404);
    await expect(openSocket(live.server.url, { boardId })).rejects.toThrow('BOARD_NOT_FOUND');

    const bytes = fileBytes();
    // whole, or any 12 characters of it that the kept board does not hold as well: SQLite cuts a value that runs over
    // a page at the boundary, where a whole-text search would miss it
    const keptTexts = ['KEEP-BOARD-NAME', 'KEEP-CARD-TEXT-7781'];
    const pieces = (text: string) => Array.from({ length: Math.max(0, text.length - 11) }, (_, i) => text.slice(i, i + 12)).filter((piece) => !keptTexts.some((k) => k.includes(piece)));
    for (const gone of ['GONE-CARD-TEXT-5521', 'GONE-NOTE-TEXT-9034', 'GONE-BOARD-NAME', 'GONE-PERSON-NAME', boardId, A.participantId]) {
      expect(bytes.includes(gone), gone).toBe(false);
      expect(pieces(gone).filter((piece) => bytes.includes(piece)), `pieces of ${gone}`).toEqual([]);
    }
    // The other board is untouched.
    expect(bytes.includes('KEEP-BOARD-NAME')).toBe(true);
    expect((await fetch(`${live.server.url}/api/boards/${kept.boardId}`)).status).toBe(200);
  });

  it('BD-3 RE-1 a team retro deleted after the next one carried its open actions into Review: the next keeps them, the deleted one is gone', async () => {
    const post = <T>(path: string, body: unknown) => postCreated<T>(live.server.url, path, body);
    const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Platform' });
    const first = await post<{ boardId: string; facilitatorKey: string }>(`/api/teams/${teamId}/boards`, { name: 'FIRST-RETRO-NAME', templateId: 'post-mortem' });
    const [F, A] = [person(), person()];
    await F.connect(first.boardId, 'Fran', first.facilitatorKey);
    await A.connect(first.boardId, 'Alex');
    expect(await F.cmd('phase.set', { phase: 'write' })).toMatchObject({ ok: true });
    const card = (await A.cmd('card.add', { columnId: 'system-allowed', text: 'FIRST-CARD-TEXT-6630' })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    expect(await F.cmd('action.create', { itemId: card.data.cardId, text: 'CARRIED-ACTION-4411' })).toMatchObject({ ok: true });
    for (const phase of ['act', 'closed'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });

    const next = await post<{ boardId: string; facilitatorKey: string }>(`/api/teams/${teamId}/boards`, { name: 'NEXT-RETRO-NAME', templateId: 'post-mortem' });
    const G = person();
    await G.connect(next.boardId, 'Gita', next.facilitatorKey);
    expect(G.board()!.review.map((r) => r.text)).toEqual(['CARRIED-ACTION-4411']);

    expect(await F.cmd('board.delete')).toMatchObject({ ok: true });
    expect((await fetch(`${live.server.url}/api/boards/${first.boardId}`)).status).toBe(404);
    // the next retro's Review is that retro's own: someone joining it now reads the carried action
    const B = person();
    await B.connect(next.boardId, 'Bea');
    expect(B.board()!.review.map((r) => [r.text, r.fromRetro])).toEqual([['CARRIED-ACTION-4411', 'FIRST-RETRO-NAME']]);
    // what the next retro carries (the action, the name of the retro it came from and its reference to it) stays;
    // the first retro's cards and people do not, nor is it on the team's page
    const bytes = fileBytes();
    expect(bytes.includes('CARRIED-ACTION-4411')).toBe(true);
    for (const gone of ['FIRST-CARD-TEXT-6630', A.participantId]) expect(bytes.includes(gone), gone).toBe(false);
    const history = (await (await fetch(`${live.server.url}/api/teams/${teamId}`)).json()) as { retros: { boardId: string }[] };
    expect(history.retros.map((r) => r.boardId)).toEqual([next.boardId]);
  });
});
