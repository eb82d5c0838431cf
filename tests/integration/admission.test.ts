import { describe, expect, it } from 'vitest';
import { Person, createBoard, getBoard, type Reader, newId, openSocket, sendCommand, startServer, until, useServer } from './harness.js';

/**
 * AB-4 – AB-6: one client cannot fill a board for good. New participants are limited per address; only people
 * who are connected or have done something count towards the cap; someone who joined, did nothing and left
 * is forgotten after a while, from memory and from storage.
 */

/** A bare join over a socket of its own, as a script would send it; the socket stays open. */
async function joinAs(url: string, boardId: string, name: string, participantId = newId(), secret = newId(32)) {
  const socket = await openSocket(url, { boardId });
  const ack = await sendCommand(socket, { id: newId(), type: 'join', participantId, secret, name });
  return { socket, ack, participantId, secret };
}

const names = async (url: string, boardId: string, reader: Reader) => (await getBoard(url, boardId, reader)).board.participants.map((p) => p.name).sort();

describe('AB-4 joins per address', () => {
  const live = useServer({ joinBurstPerAddress: 5 });

  it('AB-4 new participants from one address are limited; people coming back are not', async () => {
    const { url } = live.server;
    const { boardId } = await createBoard(url, 'Join rate');
    // Join until refused: a burst of 5, plus one a second for however long the joins took on this machine.
    const started = Date.now();
    const joined = [];
    let refused: Awaited<ReturnType<typeof joinAs>> | null = null;
    while (!refused && joined.length < 50) {
      const attempt = await joinAs(url, boardId, `Script ${joined.length}`);
      if (attempt.ack.ok) joined.push(attempt);
      else refused = attempt;
    }
    const seconds = (Date.now() - started) / 1000;
    expect(refused?.ack).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(joined.length).toBeGreaterThanOrEqual(5);
    expect(joined.length).toBeLessThanOrEqual(5 + Math.ceil(seconds));
    const sixth = refused!;
    // someone already on the board reconnects and joins again: not a new participant, not limited
    joined[0]!.socket.close();
    const back = await joinAs(url, boardId, 'Script 0', joined[0]!.participantId, joined[0]!.secret);
    expect(back.ack).toMatchObject({ ok: true });
    for (const j of [...joined, sixth, back]) j.socket.close();
  });
});

describe('AB-5 / AB-6 who counts towards the cap, and who is forgotten', () => {
  const live = useServer({ participantsPerBoard: 4, idleJoinerExpiryMs: 300 });

  it('AB-5 a full board refuses with BOARD_FULL, counting only people connected or who did something', async () => {
    const { url } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Capped board');
    const F = new Person(url);
    const W = new Person(url);
    live.people.push(F, W);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await W.connect(boardId, 'Wren');
    // (something public: a card, a vote or an answer would not keep her, AN-1 — returning.test.ts)
    expect(await W.cmd('done.mark', { done: true })).toMatchObject({ ok: true });
    const lurkers = [await joinAs(url, boardId, 'Lurker A'), await joinAs(url, boardId, 'Lurker B')];
    const refused = await joinAs(url, boardId, 'Newcomer');
    expect(refused.ack).toMatchObject({ ok: false, code: 'BOARD_FULL' });
    refused.socket.close();
    // Wren leaves but has done something: still counted. The lurkers leave having done nothing: not counted.
    await W.disconnect();
    for (const l of lurkers) l.socket.close();
    const admitted = await until(async () => {
      const attempt = await joinAs(url, boardId, 'Newcomer');
      if (attempt.ack.ok) return attempt;
      attempt.socket.close();
      return null;
    });
    const another = await joinAs(url, boardId, 'Second newcomer');
    expect(another.ack).toMatchObject({ ok: true }); // Fran, Wren (counted), two newcomers: four
    const fifth = await joinAs(url, boardId, 'Third newcomer');
    expect(fifth.ack).toMatchObject({ ok: false, code: 'BOARD_FULL' });
    for (const s of [admitted, another, fifth]) s.socket.close();
  });

  it('AB-6 someone who joined, did nothing and left is forgotten, in memory and after a restart; someone who acted is kept', async () => {
    const { url, dbFile } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Forgetting');
    const F = new Person(url);
    const W = new Person(url);
    live.people.push(F, W);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await W.connect(boardId, 'Wren');
    // (something public: a card, a vote or an answer would not keep her, AN-1 — returning.test.ts)
    expect(await W.cmd('done.mark', { done: true })).toMatchObject({ ok: true });
    const lurker = await joinAs(url, boardId, 'Lurker');
    expect(await names(url, boardId, F)).toEqual(['Fran', 'Lurker', 'Wren']);
    await W.disconnect();
    lurker.socket.close();
    await until(async () => !(await names(url, boardId, F)).includes('Lurker'));
    expect(await names(url, boardId, F)).toEqual(['Fran', 'Wren']);
    // and it is gone from storage: the server restarted on the same file (DU-5: one server at a time) does not know the lurker either
    await F.disconnect();
    await live.server.close();
    live.server = await startServer({ dbFile });
    expect(await names(live.server.url, boardId, F)).toEqual(['Fran', 'Wren']);
  });
});
