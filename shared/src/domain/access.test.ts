import { describe, expect, it } from 'vitest';
import { emptyBoard, type Participant } from './board.js';
import { nameTakenHere } from './access.js';

const person = (id: string, name: string, online = true): Participant => ({ id, name, handle: `handle-${id}`, isFacilitator: false, online, offlineSince: online ? null : 0 });

describe('JN-9 a newcomer may not wear the name of someone here now', () => {
  const board = () => {
    const state = emptyBoard('board-1');
    for (const p of [person('p1', 'Ada'), person('p2', 'Ｂｅｎ  Okafor'), person('p3', 'Cleo', false)]) state.participants.set(p.id, p);
    return state;
  };

  it('names that read the same on screen are taken: case, runs of spaces, compatibility forms', () => {
    const state = board();
    for (const name of ['Ada', 'ada', ' ADA ', 'Ben Okafor', 'ben   okafor']) expect(nameTakenHere(state, name), name).toBe(true);
    for (const name of ['Ada L', 'Ben', 'Adam']) expect(nameTakenHere(state, name), name).toBe(false);
  });

  it('someone away does not hold their name, and holds it again once back online', () => {
    const state = board();
    expect(nameTakenHere(state, 'Cleo')).toBe(false);
    state.participants.get('p3')!.online = true;
    expect(nameTakenHere(state, 'cleo')).toBe(true);
  });

  it('asked many times over the same people, each answer stays right (each name is worked out once and kept)', () => {
    const state = emptyBoard('board-2');
    for (let i = 0; i < 500; i++) state.participants.set(`p${i}`, person(`p${i}`, `Person ${i}`));
    for (let round = 0; round < 3; round++) {
      expect(nameTakenHere(state, 'person 499')).toBe(true);
      expect(nameTakenHere(state, 'Person 500')).toBe(false);
    }
  });
});
