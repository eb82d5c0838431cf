import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { TEMPLATES, projectBoardDoc, readBoardDoc } from '@candor/shared';
import { openSqliteStore } from '../storage/sqlite.js';
import { Keyring } from '../identity.js';
import type { BoardRoom } from './BoardRoom.js';
import { createTestBoard, roomDriver } from './room.testing.js';

/**
 * AN-3: when only presence changed (people coming back to a restarted board, AR-2 recognising their stored
 * facts), the room projects the presence parts of the public view alone — and sends exactly what projecting the
 * whole view would have sent.
 */
const template = TEMPLATES[2]!;
const column = template.columns[0]!.id;
const BOARD = 'board-presence';
let counter = 0;
const newId = () => `pr${String(++counter).padStart(10, '0')}`;
const keyring = new Keyring(Buffer.alloc(32, 3));
const { person, load } = roomDriver(keyring, newId);

/** every update the room's board document sends, beside what projecting the whole public view into a twin would have sent */
function twinOf(room: BoardRoom) {
  const twin = new Y.Doc();
  Y.applyUpdate(twin, Y.encodeStateAsUpdate(room.boardDoc));
  // (after the update: Yjs gives a document that receives its own client's items a new client id)
  twin.clientID = room.boardDoc.clientID;
  const sent: string[] = [];
  const whole: string[] = [];
  twin.on('update', (u: Uint8Array) => whole.push(Buffer.from(u).toString('hex')));
  room.boardDoc.on('update', (u: Uint8Array) => {
    sent.push(Buffer.from(u).toString('hex'));
    projectBoardDoc(twin, room.publicView());
  });
  return { sent, whole };
}

describe('BoardRoom presence projection', () => {
  it('AN-3 people coming back to a restarted board get the presence parts projected alone, the same bytes as the whole view', async () => {
    const store = openSqliteStore(':memory:');
    await createTestBoard(store, keyring, BOARD, 'Presence', template);
    const before = await load(store, BOARD);
    const names = ['fac', 'ada', 'bob', 'cy', 'dee'];
    for (const [i, name] of names.entries()) {
      const p = person(before, name, i === 0);
      await p.join();
      // AN-10: five writers of two cards: 10 hidden cards, counted once three people wrote
      for (let c = 0; c < 2; c++) await p.send({ type: 'card.add', columnId: column, text: `${name} card ${c}` });
      if (i % 2 === 0) await p.send({ type: 'done.mark', done: true });
    }
    before.destroy();

    // the restart: everyone away, every stored card waiting for its writer
    const room = await load(store, BOARD);
    const { sent, whole } = twinOf(room);
    const wholeViews = vi.spyOn(room, 'publicView');
    for (const name of names) {
      await person(room, name, name === 'fac').join();
      await vi.waitFor(() => expect(readBoardDoc(room.boardDoc)?.participants.find((p) => p.name === name)?.online).toBe(true));
      expect(readBoardDoc(room.boardDoc)).toEqual(room.publicView());
    }
    expect(sent.length).toBeGreaterThan(0);
    expect(sent).toEqual(whole);
    // (the twin's projections and the checks above call it; the room itself never did)
    expect(wholeViews).toHaveBeenCalledTimes(sent.length + names.length);

    // people new to the board: their presence parts alone too (their ids are nowhere in the view before they join)
    for (const name of ['eve', 'fay', 'gus']) {
      wholeViews.mockClear();
      const sentBefore = sent.length;
      await person(room, name).join();
      await vi.waitFor(() => expect(readBoardDoc(room.boardDoc)?.participants.some((p) => p.name === name)).toBe(true));
      expect(wholeViews).toHaveBeenCalledTimes(sent.length - sentBefore);
      expect(sent).toEqual(whole);
      expect(readBoardDoc(room.boardDoc)).toEqual(room.publicView());
    }
    room.destroy();
  });
});
