import { describe, expect, it } from 'vitest';
import { type BoardEvent, type BoardState, emptyBoard, enoughVotersToShow, evolve, votersAtLeast } from '@candor/shared';
import { AnonymousState } from './anonymousState.js';
import { tagsOf, testWriters } from './anonymousState.testing.js';
import { SEALED_WRITERS_CHARS, UnreadableWriters } from './sealedWriters.js';

/**
 * AN-12 after a load: how many people voted must be what it was before (the marks part keeps the number), and must
 * not move as people come back and are recognised — else Vote closing after a restart, or in a process that knows
 * only some of the voters, would withhold or show tallies by who happens to be back.
 */
const people = ['ada', 'bo', 'cy', 'dee'].map(tagsOf);

const publicLog: BoardEvent[] = [
  { type: 'board.created', name: 'AN-12', templateId: 't', columns: [{ id: 'c', title: 'C', prompt: '' }], settings: { voteBudget: 3, perItemCap: 3 } },
  { type: 'phase.changed', phase: 'reveal', revealSeed: 'seed' },
  { type: 'phase.changed', phase: 'vote' },
];

/** four people who voted: ada three times, the others once each (six votes, four voters) */
function voted(): BoardState {
  const state = emptyBoard('b');
  evolve(state, publicLog[0]!);
  for (const [i, who] of people.entries()) evolve(state, { type: 'card.added', cardId: `card${i}`, columnId: 'c', text: `card ${i}`, authorTag: who.authorTag });
  for (const e of publicLog.slice(1)) evolve(state, e);
  for (const [i, who] of people.entries()) {
    for (let n = 0; n < (i === 0 ? 3 : 1); n++) evolve(state, { type: 'vote.cast', targetId: `card${i}`, voterTag: who.voterTag });
  }
  return state;
}

function restarted(blob: ReturnType<AnonymousState['encode']>) {
  const state = emptyBoard('b');
  for (const e of publicLog) evolve(state, e);
  const anonymous = new AnonymousState(testWriters);
  anonymous.load(state, blob);
  return { state, anonymous };
}

describe('voters after a load (AN-12)', () => {
  it('AN-12 four voters stay four through a restart, before anyone is back and as each comes back', () => {
    const before = voted();
    expect(votersAtLeast(before)).toBe(4);
    const { state, anonymous } = restarted(new AnonymousState(testWriters).encode(before));
    // six votes wait under six placeholders: they are not six voters
    expect(votersAtLeast(state)).toBe(4);
    for (const who of people) {
      anonymous.recognise(state, who);
      expect(votersAtLeast(state), `after ${who.voterTag.slice(0, 6)} came back`).toBe(4);
      expect(enoughVotersToShow(state)).toBe(true);
    }
  });

  it('AN-12 three voters stay three (withheld) even while their five votes wait under placeholders of their own', () => {
    const before = voted();
    evolve(before, { type: 'vote.retracted', targetId: 'card3', voterTag: people[3]!.voterTag });
    const { state, anonymous } = restarted(new AnonymousState(testWriters).encode(before));
    expect(votersAtLeast(state)).toBe(3);
    expect(enoughVotersToShow(state)).toBe(false);
    anonymous.recognise(state, people[0]!);
    expect(votersAtLeast(state)).toBe(3);
  });

  it('AN-12 a part stored before it kept its voters counts all its waiting votes as one voter: withheld, never shown by mistake', () => {
    const { state } = restarted(new AnonymousState(testWriters).encode(voted()));
    // (what such a part loads to: the votes, and no number of voters)
    state.waitingVoters = 0;
    const blob = new AnonymousState(testWriters).encode(state);
    const marks = JSON.parse(Buffer.from(blob.marks!).toString('utf8')) as { voters?: string };
    delete marks.voters;
    const old = restarted({ cards: blob.cards, marks: Buffer.from(JSON.stringify(marks)) });
    expect(votersAtLeast(old.state)).toBe(1);
    old.anonymous.recognise(old.state, people[1]!);
    expect(votersAtLeast(old.state)).toBe(1);
  });

  it('AN-12 a new voter after the restart adds one; the stored number follows', () => {
    const before = voted();
    evolve(before, { type: 'vote.retracted', targetId: 'card3', voterTag: people[3]!.voterTag });
    const { state, anonymous } = restarted(new AnonymousState(testWriters).encode(before));
    anonymous.recognise(state, people[3]!);
    evolve(state, { type: 'vote.cast', targetId: 'card3', voterTag: people[3]!.voterTag });
    expect(votersAtLeast(state)).toBe(4);
    const again = restarted(anonymous.encode(state));
    expect(votersAtLeast(again.state)).toBe(4);
  });

  it('AN-12 AR-8 the stored number is sealed: the part says nothing of it without the key, and a changed one refuses the part', () => {
    const blob = new AnonymousState(testWriters).encode(voted());
    const marks = JSON.parse(Buffer.from(blob.marks!).toString('utf8')) as { voters: string; votes: unknown[] };
    expect(marks.votes).toHaveLength(6);
    expect(typeof marks.voters).toBe('string');
    expect(marks.voters).toHaveLength(SEALED_WRITERS_CHARS);
    expect(Buffer.from(blob.marks!).toString('utf8')).not.toMatch(/"voters":\d/);
    // with the key it opens (as the server does at a load), for this board and as voters only
    expect(testWriters.open('b', marks.voters, 'voters')).toBe(4);
    expect(() => testWriters.open('b', marks.voters)).toThrow(UnreadableWriters);
    expect(() => testWriters.open('another-board', marks.voters, 'voters')).toThrow(UnreadableWriters);
    const changed = { ...marks, voters: marks.voters.slice(0, -2) + (marks.voters.endsWith('AA') ? 'AB' : 'AA') };
    expect(() => restarted({ cards: blob.cards, marks: Buffer.from(JSON.stringify(changed)) })).toThrow(UnreadableWriters);
  });
});
