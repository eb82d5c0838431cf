import { describe, expect, it } from 'vitest';
import { Person, createBoard, newId, openSocket, sendCommand, startServer, useServer } from './harness.js';

/**
 * Issue 10's room control survives a restart on the same data: signatures (SG-1), hidden cards (MO-3),
 * admissions through a knock (JN-3), the board lock (LK-1) and locked joining (JN-4) are stored facts, not
 * memory of a running process. The server is closed and a new one started on the same data file; everyone
 * comes back with the identity their browser kept.
 */
describe('room control after a restart', () => {
  const live = useServer();

  it('SG-1 MO-3 JN-3 JN-4 LK-1 signatures, hidden cards, admissions, the lock and locked joining are the same after a restart', async () => {
    const url = live.server.url;
    const { boardId, facilitatorKey } = await createBoard(url, 'Kept across restarts');
    const [F, A, B] = [new Person(url), new Person(url), new Person(url)];
    live.people.push(F, A, B);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    await B.connect(boardId, 'Bea');
    const signed = (await A.cmd('card.add', { columnId: 'start', text: 'SIGNED-BY-ALEX' })) as { ok: true; data: { cardId: string } };
    const hidden = (await B.cmd('card.add', { columnId: 'start', text: 'HIDDEN-CARD-TEXT' })) as { ok: true; data: { cardId: string } };
    await B.cmd('card.add', { columnId: 'stop', text: 'a card that stays' });

    // JN-3: Nell knocks and is let in; then joining is locked (JN-4) and the board too (LK-1)
    expect(await F.cmd('access.knock', { on: true })).toMatchObject({ ok: true });
    const nell = { participantId: newId(), secret: newId(32), name: 'Nell' };
    const nellSocket = await openSocket(url, { boardId });
    expect(await sendCommand(nellSocket, { id: newId(), type: 'join', ...nell })).toMatchObject({ ok: false, code: 'WAITING_TO_BE_ADMITTED' });
    await F.waitFor(() => F.me?.knocks.length === 1);
    expect(await F.cmd('access.admit', { knockId: F.me!.knocks[0]!.id, admit: true })).toMatchObject({ ok: true });
    expect(await sendCommand(nellSocket, { id: newId(), type: 'join', ...nell })).toMatchObject({ ok: true });
    nellSocket.close();

    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    expect(await A.cmd('card.sign', { cardId: signed.data.cardId, signed: true })).toMatchObject({ ok: true });
    expect(await F.cmd('card.hide', { cardId: hidden.data.cardId })).toMatchObject({ ok: true });
    expect(await F.cmd('access.lockJoining', { locked: true })).toMatchObject({ ok: true });
    expect(await F.cmd('board.lock', { locked: true })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.locked === true && A.board()?.hiddenCards === 1);
    const before = F.board()!;

    for (const p of live.people.splice(0)) await p.disconnect();
    await live.server.close();
    live.server = await startServer({ dbFile: live.server.dbFile });
    const url2 = live.server.url;
    for (const p of [F, A, B]) {
      live.people.push(p);
      expect(await p.reconnect(url2)).toMatchObject({ ok: true });
    }

    const after = F.board()!;
    // SG-1: still signed by Alex, and still Alex's own card; MO-3: still hidden
    expect(after.cards.find((c) => c.id === signed.data.cardId)?.signedBy).toBe('Alex');
    expect(after.cards.map((c) => c.id).sort()).toEqual(before.cards.map((c) => c.id).sort());
    expect(after.hiddenCards).toBe(1);
    expect(JSON.stringify(after)).not.toContain('HIDDEN-CARD-TEXT');
    expect(A.me?.cards.map((c) => [c.text, c.signed])).toEqual([['SIGNED-BY-ALEX', true]]);
    expect(B.me?.cards.map((c) => c.text)).toEqual(['a card that stays']);
    // LK-1: still locked for participants, the facilitator still writes
    expect(after.locked).toBe(true);
    expect(await A.cmd('card.sign', { cardId: signed.data.cardId, signed: false })).toMatchObject({ ok: false, code: 'BOARD_LOCKED' });
    // JN-4: newcomers are still refused; JN-3: Nell was admitted and comes back without knocking
    const late = await openSocket(url2, { boardId });
    expect(await sendCommand(late, { id: newId(), type: 'join', participantId: newId(), secret: newId(32), name: 'Late' })).toMatchObject({
      ok: false,
      code: 'JOINING_LOCKED',
    });
    late.close();
    // JN-4: the door knows Nell by her secret, not her id alone (her name was forgotten at the shutdown, AB-6)
    const notNell = await openSocket(url2, { boardId });
    expect(await sendCommand(notNell, { id: newId(), type: 'join', ...nell, secret: newId(32) })).toMatchObject({ ok: false, code: 'BAD_CREDENTIALS' });
    notNell.close();
    const nellAgain = await openSocket(url2, { boardId });
    expect(await sendCommand(nellAgain, { id: newId(), type: 'join', ...nell })).toMatchObject({ ok: true });
    nellAgain.close();
    // after unlocking, the author (recognised again after the restart) and nobody else may take the signature back
    expect(await F.cmd('board.lock', { locked: false })).toMatchObject({ ok: true });
    expect(await B.cmd('card.sign', { cardId: signed.data.cardId, signed: false })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await A.cmd('card.sign', { cardId: signed.data.cardId, signed: false })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.cards.find((c) => c.id === signed.data.cardId)?.signedBy === null);
  });
});
