import { describe, expect, it } from 'vitest';
import { TEMPLATES, type TrustPart } from '@candor/shared';
import { openSqliteStore } from '../storage/sqlite.js';
import { Keyring } from '../identity.js';
import type { BoardRoom } from './BoardRoom.js';
import { createTestBoard, roomDriver } from './room.testing.js';

/**
 * TL-10: moving the room from Discuss to Act moves it on from the item it was discussing. Seen in a walk-through:
 * in Act the last item's lens still took taps (and a tap there changed the breakdown everyone then saw), while its
 * counts stayed hidden as if it were still being discussed.
 */
const template = TEMPLATES[0]!;
const column = template.columns[0]!.id;
const BOARD = 'board-lens-act';
let counter = 0;
const newId = () => `la${String(++counter).padStart(10, '0')}`;
const keyring = new Keyring(Buffer.alloc(32, 10));
const { person, load } = roomDriver(keyring, newId);

/** A room in Discuss on one item, the lens on, with `tappers` of its five people having tapped reliability. */
async function discussedWithTaps(tappers: number) {
  const store = openSqliteStore(':memory:');
  await createTestBoard(store, keyring, BOARD, 'Lens in Act', template);
  const room = await load(store, BOARD);
  const fran = person(room, 'fran', true);
  const everyone = [fran, ...['ada', 'bo', 'cy', 'dee'].map((name) => person(room, name))];
  for (const p of everyone) await p.join();
  const { cardId: item } = await everyone[1]!.send({ type: 'card.add', columnId: column, text: 'the other team never answers' });
  for (const phase of ['reveal', 'vote', 'discuss'] as const) await fran.send({ type: 'phase.set', phase });
  await fran.send({ type: 'discuss.select', itemId: item! });
  await fran.send({ type: 'lens.set', on: true });
  for (const p of everyone.slice(0, tappers)) await p.send({ type: 'lens.tap', itemId: item!, part: 'reliability', on: true });
  return { room, fran, item: item! };
}

/** A tap sent as `name`'s socket would send it, answered with its ack as it is. */
const tap = (room: BoardRoom, name: string, itemId: string, part: TrustPart, on: boolean) =>
  room.handle(`socket-${name}`, { id: newId(), type: 'lens.tap', itemId, part, on });

describe('TL-10 moving on to Act moves the room on from the item it was discussing', () => {
  it('TL-10 TL-9 a tap in Act on the last item discussed is WRONG_PHASE and changes nothing; back in Discuss its lens stays closed', async () => {
    const { room, fran, item } = await discussedWithTaps(4);
    await fran.send({ type: 'phase.set', phase: 'act' });
    const before = room.publicView().lens;
    // a fifth person's tap, an untap, a change of mind
    for (const [name, part, on] of [['dee', 'empathy', true], ['fran', 'reliability', false], ['ada', 'self-interest', true]] as const) {
      expect(await tap(room, name, item, part, on)).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    }
    expect(room.publicView().lens).toEqual(before);
    // back in Discuss on the same item, its lens stays closed: its breakdown has shown
    await fran.send({ type: 'phase.set', phase: 'discuss' });
    expect(await tap(room, 'dee', item, 'empathy', true)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('TL-10 TL-4 in Act the last item discussed shows its counts once at least 4 tapped', async () => {
    const { room, fran, item } = await discussedWithTaps(4);
    expect(room.publicView().lens).toEqual([{ itemId: item, tappers: 4, counts: null }]);
    await fran.send({ type: 'phase.set', phase: 'act' });
    expect(room.publicView().lens).toEqual([{ itemId: item, tappers: 4, counts: { credibility: 0, reliability: 4, empathy: 0, 'self-interest': 0 } }]);
    expect(room.publicView().leftItemIds).toEqual([item]);
  });

  it('TL-10 AN-9 in Act three tappers still show no counts, never who', async () => {
    const { room, fran, item } = await discussedWithTaps(3);
    await fran.send({ type: 'phase.set', phase: 'act' });
    expect(room.publicView().lens).toEqual([{ itemId: item, tappers: 3, counts: null }]);
  });
});
