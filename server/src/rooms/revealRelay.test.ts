import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Command, readBoardDoc, TEMPLATES } from '@candor/shared';
import { openSqliteStore } from '../storage/sqlite.js';
import { Keyring } from '../identity.js';
import type { DocPeer } from './RoomDocuments.js';
import { createTestBoard, roomDriver } from './room.testing.js';

/**
 * RV-9: the reveal's board-document update leaves the server in the turn that projected it, before the
 * facilitator's command is answered: the 500 sockets of a reveal are not kept waiting behind other work.
 */
const template = TEMPLATES[2]!;
const column = template.columns[0]!.id;
let counter = 0;
const newId = () => `rr${String(++counter).padStart(10, '0')}`;
const keyring = new Keyring(Buffer.alloc(32, 9));
const { person, load } = roomDriver(keyring, newId);

describe('RV-9 the board document’s change is sent before the command that made it is answered', () => {
  it('RV-9 when the reveal is acknowledged, a document connection already holds every revealed card', async () => {
    const store = openSqliteStore(':memory:');
    await createTestBoard(store, keyring, 'board-relay', 'Relay', template);
    const room = await load(store, 'board-relay');
    const fac = person(room, 'fac', true);
    const ada = person(room, 'ada');
    await fac.join();
    await ada.join();
    for (const text of ['one', 'two', 'three']) await ada.send({ type: 'card.add', columnId: column, text });

    const copy = new Y.Doc();
    const peer: DocPeer = { participantId: 'pid-adaxxxxx', sendUpdate: (u) => Y.applyUpdate(copy, u), resync: () => undefined };
    room.documents.join('board', peer);
    Y.applyUpdate(copy, room.documents.answer('board', peer, Y.encodeStateVector(new Y.Doc())));
    expect(readBoardDoc(copy)?.cards).toEqual([]);

    // what the connection holds at the moment the answer is given, not after it
    const seenAtAck = room.handle('socket-fac', { id: newId(), type: 'phase.set', phase: 'reveal' } as Command).then((ack) => ({ ack, cards: readBoardDoc(copy)?.cards.length }));
    const { ack, cards } = await seenAtAck;
    expect(ack.ok).toBe(true);
    expect(cards).toBe(3);
    await store.close();
  });
});
