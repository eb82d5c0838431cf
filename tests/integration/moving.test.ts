import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { LIMITS, type Ack, type CardsMovingBatch } from '@candor/shared';
import { Person, createBoard, openSocket, until, useServer } from './harness.js';

/** MV-*: a card someone is dragging shows as being moved for everyone, and says nothing about who. */
describe('"being moved" relay', () => {
  const live = useServer();

  const signal = async (socket: Socket, payload: unknown): Promise<Ack> => (await socket.timeout(5000).emitWithAck('card.moving', payload)) as Ack;

  /** Everything `cards.moving` brought to this socket, in order. */
  function batchesOf(person: Person): CardsMovingBatch[] {
    const batches: CardsMovingBatch[] = [];
    person.socket!.on('cards.moving', (batch: CardsMovingBatch) => batches.push(batch));
    return batches;
  }

  async function revealedBoard() {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Moving');
    const [fran, ada, bo] = [new Person(live.server.url), new Person(live.server.url), new Person(live.server.url)];
    live.people.push(fran, ada, bo);
    await fran.connect(boardId, 'Fran', facilitatorKey);
    await ada.connect(boardId, 'Ada');
    await bo.connect(boardId, 'Bo');
    const added = (await ada.cmd('card.add', { columnId: 'start', text: 'Ada wrote this' })) as Ack<{ cardId: string }>;
    if (!added.ok) throw new Error('card not added');
    return { boardId, fran, ada, bo, cardId: added.data.cardId };
  }

  it('MV-1 a picked-up card is relayed to everyone on the board as a card id only, and putting it down too', async () => {
    const { fran, ada, bo, cardId } = await revealedBoard();
    expect(await signal(bo.socket!, { cardId, moving: true })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(await fran.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });

    const [toAda, toFran] = [batchesOf(ada), batchesOf(fran)];
    const mark = fran.frames.length;
    // Bo moves Ada's card: Ada (the author) and Fran see "being moved" and nothing else.
    expect(await signal(bo.socket!, { cardId, moving: true })).toEqual({ ok: true, data: {} });
    await until(() => toAda.some((b) => b.moving.includes(cardId)) && toFran.some((b) => b.moving.includes(cardId)));
    expect(toAda[0]).toEqual({ moving: [cardId], still: [] });
    const relayed = fran.frames.slice(mark).filter((f) => f.channel === 'socket.io').map((f) => f.bytes.toString('utf8'));
    expect(relayed.some((f) => f.includes('cards.moving'))).toBe(true);
    for (const frame of relayed.filter((f) => f.includes('cards.moving'))) {
      for (const secret of [bo.participantId, bo.secret, 'Bo', ada.participantId, 'Ada']) expect(frame).not.toContain(secret);
    }

    expect(await signal(bo.socket!, { cardId, moving: false })).toMatchObject({ ok: true });
    await until(() => toAda.some((b) => b.still.includes(cardId)));
  });

  it('MV-1 refuses what a drop would refuse: an unknown card, a stranger, grouping kept to the facilitator, a locked board', async () => {
    const { boardId, fran, bo, cardId } = await revealedBoard();
    await fran.cmd('phase.set', { phase: 'reveal' });
    expect(await signal(bo.socket!, { cardId: 'nosuchcard1', moving: true })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await signal(bo.socket!, { cardId, moving: true, who: 'Bo' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await signal(bo.socket!, { cardId: 42, moving: true })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });

    const stranger = await openSocket(live.server.url, { boardId });
    try {
      expect(await signal(stranger, { cardId, moving: true })).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    } finally {
      stranger.close();
    }

    expect(await fran.cmd('grouping.restrict', { facilitatorOnly: true })).toMatchObject({ ok: true });
    expect(await signal(bo.socket!, { cardId, moving: true })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await signal(fran.socket!, { cardId, moving: true })).toMatchObject({ ok: true });
    expect(await fran.cmd('grouping.restrict', { facilitatorOnly: false })).toMatchObject({ ok: true });
    expect(await fran.cmd('board.lock', { locked: true })).toMatchObject({ ok: true });
    expect(await signal(bo.socket!, { cardId, moving: true })).toMatchObject({ ok: false, code: 'BOARD_LOCKED' });
  });

  it('MV-2 a connection that signals too fast is refused with RATE_LIMITED; its marks end when it closes', async () => {
    const { fran, ada, bo, cardId } = await revealedBoard();
    await fran.cmd('phase.set', { phase: 'reveal' });
    const toAda = batchesOf(ada);
    const answers = await Promise.all(Array.from({ length: LIMITS.movingBurst + 5 }, () => signal(bo.socket!, { cardId, moving: true })));
    expect(answers.filter((a) => a.ok)).toHaveLength(LIMITS.movingBurst);
    expect(answers.filter((a) => !a.ok && a.code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(5 - 1);
    await until(() => toAda.some((b) => b.moving.includes(cardId)));
    // Batched: a burst of signals reaches the others as a few messages, not one each.
    expect(toAda.length).toBeLessThan(LIMITS.movingBurst);

    await bo.disconnect();
    await until(() => toAda.some((b) => b.still.includes(cardId)));
  });
});
