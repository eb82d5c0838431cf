import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readBoardDoc, revealOrder, TEMPLATES } from '@candor/shared';
import { openSqliteStore } from '../storage/sqlite.js';
import { Keyring } from '../identity.js';
import type { BoardRoom } from './BoardRoom.js';
import type { DocPeer } from './RoomDocuments.js';
import { createTestBoard, roomDriver } from './room.testing.js';
import { CARD_ENTRIES_KEPT_FROM } from './RoomFanout.js';

/**
 * RV-12: a big board's first reveal is made ahead while Write is quiet (the update inserting every card, framed and
 * compressed for the peers then), and the reveal sends those very bytes, unless the cards changed since.
 */
const template = TEMPLATES[2]!;
const column = template.columns[0]!.id;
let counter = 0;
const newId = () => `ra${String(++counter).padStart(10, '0')}`;
const keyring = new Keyring(Buffer.alloc(32, 12));
const { person, load } = roomDriver(keyring, newId);

/** a big board in Write, with a document connection whose copy takes only what the room sends it */
async function bigBoard() {
  const store = openSqliteStore(':memory:');
  await createTestBoard(store, keyring, 'board-ahead', 'Ahead', template);
  const warmed: Uint8Array[] = [];
  const room = await load(store, 'board-ahead', { entriesQuietMs: 20, warmBoardUpdate: (update) => void warmed.push(update) });
  const fac = person(room, 'fac', true);
  const ada = person(room, 'ada');
  await fac.join();
  await ada.join();
  const writers = Array.from({ length: Math.ceil(CARD_ENTRIES_KEPT_FROM / 45) }, (_, k) => person(room, `writer${k}`));
  let added = 0;
  for (const writer of writers) {
    await writer.join();
    for (let c = 0; c < 45 && added < CARD_ENTRIES_KEPT_FROM; c++, added++) await writer.send({ type: 'card.add', columnId: column, text: `card-${added}` });
  }
  const copy = new Y.Doc();
  const received: Uint8Array[] = [];
  const peer: DocPeer = {
    participantId: 'pid-adaxxxxx',
    sendUpdate: (u) => {
      received.push(u);
      Y.applyUpdate(copy, u);
    },
    resync: () => undefined,
  };
  room.documents.join('board', peer);
  Y.applyUpdate(copy, room.documents.answer('board', peer, Y.encodeStateVector(new Y.Doc())));
  return { store, room, fac, ada, warmed, copy, received };
}

/** what the connection's copy reads, as the server's own document reads */
function expectCopyAsServer(copy: Y.Doc, room: BoardRoom) {
  const mine = readBoardDoc(copy)!;
  const server = readBoardDoc(room.boardDoc)!;
  expect(mine.phase).toBe(server.phase);
  expect(mine.cards).toEqual(server.cards);
  expect(server.cards).toEqual(room.publicView().cards);
}

describe('RV-12 a big board’s first reveal is made ahead while Write is quiet', () => {
  it('RV-12 the reveal sends the update made ahead, the very bytes framed then, and every card arrives in reveal order', async () => {
    const { store, room, fac, warmed, copy, received } = await bigBoard();
    await vi.waitFor(() => expect(warmed).toHaveLength(1), { timeout: 5_000, interval: 10 });
    const sentBefore = received.length;
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    // first the cards, as made ahead (the same Uint8Array the transports framed and compressed), then the phase
    expect(received[sentBefore]).toBe(warmed[0]);
    expect(received.length).toBeGreaterThan(sentBefore + 1);
    expectCopyAsServer(copy, room);
    expect(readBoardDoc(copy)!.cards.map((c) => c.id)).toEqual(revealOrder([...room.state.cards.keys()], room.state.revealSeed!));
    expect(readBoardDoc(copy)!.cards).toHaveLength(CARD_ENTRIES_KEPT_FROM);
    // and the document goes on as after any reveal: an edit and a grouping reach the copy alike
    const [first, second] = room.publicView().cards;
    await fac.send({ type: 'card.group', cardId: second!.id, withCardId: first!.id });
    expectCopyAsServer(copy, room);
    expect(readBoardDoc(copy)!.cards.find((c) => c.id === second!.id)!.groupId).not.toBeNull();
    room.destroy();
    await store.close();
  });

  it('RV-12 a card written, edited or deleted after the reveal was made ahead is revealed as it is: the stale update is not sent', async () => {
    const { store, room, fac, ada, warmed, copy, received } = await bigBoard();
    await vi.waitFor(() => expect(warmed).toHaveLength(1), { timeout: 5_000, interval: 10 });
    const { cardId } = await ada.send({ type: 'card.add', columnId: column, text: 'written after' });
    await ada.send({ type: 'card.edit', cardId: cardId!, text: 'edited after' });
    const { cardId: gone } = await ada.send({ type: 'card.add', columnId: column, text: 'deleted after' });
    await ada.send({ type: 'card.delete', cardId: gone! });
    // the reveal comes before the room was quiet again: nothing newer was made ahead
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    expect(received).not.toContain(warmed[0]);
    expectCopyAsServer(copy, room);
    const texts = readBoardDoc(copy)!.cards.map((c) => c.text);
    expect(texts).toHaveLength(CARD_ENTRIES_KEPT_FROM + 1);
    expect(texts).toContain('edited after');
    expect(texts).not.toContain('written after');
    expect(texts).not.toContain('deleted after');
    room.destroy();
    await store.close();
  });

  it('RV-12 made again once the room is quiet after a change, and a second reveal (back from Write) is made in its own turn', async () => {
    const { store, room, fac, ada, warmed, copy, received } = await bigBoard();
    await vi.waitFor(() => expect(warmed).toHaveLength(1), { timeout: 5_000, interval: 10 });
    await ada.send({ type: 'card.add', columnId: column, text: 'written later' });
    await vi.waitFor(() => expect(warmed).toHaveLength(2), { timeout: 5_000, interval: 10 });
    let sentBefore = received.length;
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    expect(received[sentBefore]).toBe(warmed[1]);
    expect(readBoardDoc(copy)!.cards.map((c) => c.text)).toContain('written later');
    await fac.send({ type: 'phase.set', phase: 'write' });
    await ada.send({ type: 'card.add', columnId: column, text: 'after going back' });
    // the list has held cards: nothing is made ahead for the second reveal
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(warmed).toHaveLength(2);
    sentBefore = received.length;
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    expect(received.length).toBeGreaterThan(sentBefore);
    expectCopyAsServer(copy, room);
    expect(readBoardDoc(copy)!.cards.map((c) => c.text)).toContain('after going back');
    room.destroy();
    await store.close();
  });
});
