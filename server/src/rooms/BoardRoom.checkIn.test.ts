import { describe, expect, it } from 'vitest';
import { readBoardDoc, TEMPLATES } from '@candor/shared';
import { pino } from 'pino';
import { openSqliteStore } from '../storage/sqlite.js';
import { Keyring } from '../identity.js';
import { BoardRoom } from './BoardRoom.js';
import { attachPerson, createTestBoard } from './room.testing.js';

let counter = 0;
const newId = () => `ci${String(++counter).padStart(10, '0')}`;

async function roomWith() {
  const store = openSqliteStore(':memory:');
  const keyring = new Keyring(Buffer.alloc(32, 7));
  await createTestBoard(store, keyring, 'board-checkin', 'Check-in test', TEMPLATES[2]!);
  const deps = { store, keyring, logger: pino({ level: 'silent' }), now: () => 1_000, newId, newSeed: () => 'seed', claimAfterMs: 60_000 };
  const load = async () => new BoardRoom((await store.loadBoard('board-checkin'))!, deps);
  return { room: await load(), load };
}

describe('BoardRoom check-in question', () => {
  it('CI-1 the facilitator’s question reaches the board document; a participant’s attempt is refused with NOT_FACILITATOR', async () => {
    const { room } = await roomWith();
    const fac = attachPerson(room, 'fac', newId, { facilitator: true });
    const ada = attachPerson(room, 'ada', newId);
    await fac.join();
    await ada.join();
    await fac.must({ type: 'checkin.set', question: { prompt: 'weather' } });
    expect(readBoardDoc(room.boardDoc)?.checkIn).toEqual({ prompt: 'weather' });
    expect(await ada.send({ type: 'checkin.set', question: { text: 'Who wrote what?' } })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await ada.send({ type: 'checkin.set', question: null })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(readBoardDoc(room.boardDoc)?.checkIn).toEqual({ prompt: 'weather' });
  });

  it('CI-6 an acknowledged question survives a restart', async () => {
    const { room, load } = await roomWith();
    const fac = attachPerson(room, 'fac', newId, { facilitator: true });
    await fac.join();
    await fac.must({ type: 'checkin.set', question: { text: 'One emoji for your week?' } });
    const again = await load();
    expect(readBoardDoc(again.boardDoc)?.checkIn).toEqual({ text: 'One emoji for your week?' });
    expect(again.state.checkIn).toEqual({ text: 'One emoji for your week?' });
  });

  it('CI-4 after Write the question is gone from the board document, and cannot be asked in Reveal', async () => {
    const { room, load } = await roomWith();
    const fac = attachPerson(room, 'fac', newId, { facilitator: true });
    await fac.join();
    await fac.must({ type: 'checkin.set', question: { prompt: 'oneWord' } });
    await fac.must({ type: 'phase.set', phase: 'reveal' });
    expect(readBoardDoc(room.boardDoc)?.checkIn).toBeNull();
    expect(await fac.send({ type: 'checkin.set', question: { prompt: 'energy' } })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(readBoardDoc((await load()).boardDoc)?.checkIn).toBeNull();
  });
});

describe('BoardRoom column walk', () => {
  it('CW-1 CW-2 CW-5 the facilitator’s focused column reaches the board document, a participant is refused, and it survives a restart', async () => {
    const { room, load } = await roomWith();
    const fac = attachPerson(room, 'fac', newId, { facilitator: true });
    const ada = attachPerson(room, 'ada', newId);
    await fac.join();
    await ada.join();
    await ada.must({ type: 'card.add', columnId: 'stop', text: 'Reviews wait for days' });
    await fac.must({ type: 'phase.set', phase: 'reveal' });
    await fac.must({ type: 'walk.focus', columnId: 'start' });
    await fac.must({ type: 'walk.focus', columnId: 'stop' });
    expect(readBoardDoc(room.boardDoc)?.walkColumnId).toBe('stop');
    expect(await ada.send({ type: 'walk.focus', columnId: 'start' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(readBoardDoc(room.boardDoc)?.walkColumnId).toBe('stop');
    expect(readBoardDoc((await load()).boardDoc)?.walkColumnId).toBe('stop');
  });
});

describe('BoardRoom card spotlight', () => {
  it('CW-6 CW-7 CW-10 the spotlighted card reaches the board document, a participant and another column are refused, and it survives a restart', async () => {
    const { room, load } = await roomWith();
    const fac = attachPerson(room, 'fac', newId, { facilitator: true });
    const ada = attachPerson(room, 'ada', newId);
    await fac.join();
    await ada.join();
    const { cardId } = (await ada.must({ type: 'card.add', columnId: 'stop', text: 'Reviews wait for days' })) as { cardId: string };
    const { cardId: elsewhere } = (await ada.must({ type: 'card.add', columnId: 'start', text: 'Pair on reviews' })) as { cardId: string };
    await fac.must({ type: 'phase.set', phase: 'reveal' });
    expect(await fac.send({ type: 'walk.spotlight', itemId: cardId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    await fac.must({ type: 'walk.focus', columnId: 'stop' });
    await fac.must({ type: 'walk.spotlight', itemId: cardId });
    expect(readBoardDoc(room.boardDoc)?.walkItemId).toBe(cardId);
    expect(await ada.send({ type: 'walk.spotlight', itemId: null })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await fac.send({ type: 'walk.spotlight', itemId: elsewhere })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(readBoardDoc(room.boardDoc)?.walkItemId).toBe(cardId);
    // the public log replays before the cards are back: the spotlight still shows once they are
    expect(readBoardDoc((await load()).boardDoc)?.walkItemId).toBe(cardId);
  });

  it('CW-8 CW-9 CW-10 the next column clears the spotlight, and a hidden card leaves none, also after a restart', async () => {
    const { room, load } = await roomWith();
    const fac = attachPerson(room, 'fac', newId, { facilitator: true });
    const ada = attachPerson(room, 'ada', newId);
    await fac.join();
    await ada.join();
    const { cardId } = (await ada.must({ type: 'card.add', columnId: 'stop', text: 'Reviews wait for days' })) as { cardId: string };
    await fac.must({ type: 'phase.set', phase: 'reveal' });
    await fac.must({ type: 'walk.focus', columnId: 'stop' });
    await fac.must({ type: 'walk.spotlight', itemId: cardId });
    await fac.must({ type: 'walk.focus', columnId: 'continue' });
    expect(readBoardDoc(room.boardDoc)?.walkItemId).toBeNull();
    await fac.must({ type: 'walk.focus', columnId: 'stop' });
    expect(readBoardDoc(room.boardDoc)?.walkItemId).toBeNull();
    await fac.must({ type: 'walk.spotlight', itemId: cardId });
    await fac.must({ type: 'card.hide', cardId });
    expect(readBoardDoc(room.boardDoc)?.walkItemId).toBeNull();
    expect(readBoardDoc((await load()).boardDoc)?.walkItemId).toBeNull();
  });
});
