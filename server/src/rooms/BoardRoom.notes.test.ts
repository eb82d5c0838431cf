import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEMPLATES } from '@candor/shared';
import { openSqliteStore } from '../storage/sqlite.js';
import { Keyring } from '../identity.js';
import { createTestBoard, roomDriver } from './room.testing.js';

/** ME-11: the notes document is made the first time something needs it, not with the room. */
const template = TEMPLATES[2]!;
const column = template.columns[0]!.id;
const BOARD = 'board-notes';
let counter = 0;
const newId = () => `no${String(++counter).padStart(10, '0')}`;
const keyring = new Keyring(Buffer.alloc(32, 7));
const { person, load } = roomDriver(keyring, newId);

async function storeWithBoard() {
  const store = openSqliteStore(':memory:');
  await createTestBoard(store, keyring, BOARD, 'Notes', template);
  return store;
}

describe('ME-11 the notes document of a loaded room', () => {
  it('ME-11 people writing cards make no notes document, nor does loading their board; the first action makes it with its note, and a reload has the note', async () => {
    const store = await storeWithBoard();
    const room = await load(store, BOARD);
    const fran = person(room, 'fran', true);
    const ada = person(room, 'ada');
    await fran.join();
    await ada.join();
    const { cardId } = await ada.send({ type: 'card.add', columnId: column, text: 'a card' });
    expect(room.documents.opened('notes')).toBe(false);
    await until(() => !room.documents.busy);
    const reloaded = await load(store, BOARD);
    expect(reloaded.documents.opened('notes')).toBe(false);
    reloaded.destroy();

    for (const phase of ['reveal', 'vote', 'discuss', 'act'] as const) await fran.send({ type: 'phase.set', phase });
    const { actionId } = await fran.send({ type: 'action.create', itemId: cardId!, text: 'pair on it' });
    await until(() => room.documents.opened('notes') && room.notesDoc.getMap<Y.Text>('notes').size > 0);
    const key = [...room.notesDoc.getMap<Y.Text>('notes').keys()].find((k) => k.includes(actionId!));
    expect(room.notesDoc.getMap<Y.Text>('notes').get(key!)?.toString()).toBe('pair on it');
    await until(() => !room.documents.busy);
    room.destroy();

    // loaded again: the stored note is there
    const again = await load(store, BOARD);
    expect(again.notesText()[key!]).toBe('pair on it');
    again.destroy();
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
