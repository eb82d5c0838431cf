import { describe, expect, it } from 'vitest';
import { type BoardEvent, type BoardState, emptyBoard, evolve } from '@candor/shared';
import { AnonymousState } from './anonymousState.js';
import { storedText, tagsOf, testWriters } from './anonymousState.testing.js';

const person = tagsOf;
const ada = person('ada');
const bo = person('bo');

/** the public log of the board below: what a restarted room folds before loading the anonymous state */
const publicLog: BoardEvent[] = [
  { type: 'board.created', name: 'AR', templateId: 't', columns: [{ id: 'c', title: 'C', prompt: '' }], settings: { voteBudget: 3, perItemCap: 2 } },
  { type: 'phase.changed', phase: 'reveal', revealSeed: 'seed' },
  { type: 'action.created', actionId: 'act1', itemId: 'card1', text: 'do it' },
  { type: 'consensus.started', actionId: 'act1', expected: 5 },
];

function live(): BoardState {
  const state = emptyBoard('b');
  for (const e of publicLog.slice(0, 1)) evolve(state, e);
  const anonymous: BoardEvent[] = [
    { type: 'pulse.answered', pulseTag: ada.pulseTag, value: 2 },
    { type: 'pulse.answered', pulseTag: bo.pulseTag, value: 4 },
    { type: 'card.added', cardId: 'card1', columnId: 'c', text: 'one', authorTag: ada.authorTag },
    { type: 'card.added', cardId: 'card2', columnId: 'c', text: 'two', authorTag: ada.authorTag },
    { type: 'card.added', cardId: 'card3', columnId: 'c', text: 'three', authorTag: bo.authorTag },
  ];
  for (const e of anonymous) evolve(state, e);
  evolve(state, publicLog[1]!);
  for (const e of [
    { type: 'card.grouped', cardId: 'card2', groupId: 'g1' },
    { type: 'card.grouped', cardId: 'card3', groupId: 'g1' },
    { type: 'group.titled', groupId: 'g1', title: 'Both' },
    { type: 'vote.cast', targetId: 'card1', voterTag: bo.voterTag },
    { type: 'vote.cast', targetId: 'card1', voterTag: bo.voterTag },
    { type: 'vote.cast', targetId: 'g1', voterTag: ada.voterTag },
    { type: 'reaction.toggled', itemId: 'card1', reaction: 'agree', reactionTag: ada.reactionTag, on: true },
    { type: 'reaction.toggled', itemId: 'card1', reaction: 'agree', reactionTag: bo.reactionTag, on: true },
    { type: 'lens.tapped', itemId: 'card1', part: 'empathy', trustTag: bo.trustTag, on: true },
  ] as BoardEvent[])
    evolve(state, e);
  for (const e of publicLog.slice(2)) evolve(state, e);
  evolve(state, { type: 'consensus.answered', actionId: 'act1', consensusTag: ada.consensusTag, value: 1 });
  return state;
}

/** the anonymous parts of a state, in a form that compares equal whatever the order of creation */
function anonymousParts(state: BoardState) {
  return {
    cards: [...state.cards.values()].sort((a, b) => a.id.localeCompare(b.id)),
    groups: [...state.groups.values()],
    votes: [...state.votesByVoter].map(([voter, targets]) => [voter, [...targets].sort()]).sort(),
    pulse: [...state.pulse].sort(),
    consensus: [...(state.actions.get('act1')!.consensus!.answers)],
    lens: [...state.lensTaps].map(([item, byTag]) => [item, [...byTag].map(([t, parts]) => [t, [...parts]])]),
    reactions: [...state.reactions].map(([item, byReaction]) => [item, [...byReaction].map(([r, tags]) => [r, [...tags].sort()])]),
  };
}

describe('anonymous state at rest', () => {
  it('ME-9 after a restart a card nobody grouped or signed holds its five fields, a grouped card its group', () => {
    const blob = new AnonymousState(testWriters).encode(live());
    const restarted = emptyBoard('b');
    for (const e of publicLog) evolve(restarted, e);
    new AnonymousState(testWriters).load(restarted, blob);
    expect(Object.keys(restarted.cards.get('card1')!)).toEqual(['id', 'columnId', 'text', 'authorTag', 'revealed']);
    expect(restarted.cards.get('card2')).toMatchObject({ groupId: 'g1', signature: null, edited: false, revealed: true });
    expect(Object.keys(restarted.cards.get('card3')!)).toEqual(['id', 'columnId', 'text', 'authorTag', 'revealed', 'groupId', 'signature', 'edited']);
  });

  it('AR-2 after a restart every fact waits under its own placeholder; each person who joins gets theirs back, and only theirs', () => {
    const before = live();
    const blob = new AnonymousState(testWriters).encode(before);
    const text = storedText(blob);
    for (const tag of [...Object.values(ada), ...Object.values(bo)]) expect(text).not.toContain(tag);

    const restarted = emptyBoard('b');
    for (const e of publicLog) evolve(restarted, e);
    const anonymous = new AnonymousState(testWriters);
    anonymous.load(restarted, blob);
    // nobody recognised yet: five cards and votes, each its own placeholder
    expect(new Set([...restarted.cards.values()].map((c) => c.authorTag)).size).toBe(3);
    expect(restarted.votesByVoter.size).toBe(3);

    anonymous.recognise(restarted, ada);
    expect([...(restarted.cardsByAuthor.get(ada.authorTag) ?? [])].sort()).toEqual(['card1', 'card2']);
    expect(restarted.cardsByAuthor.has(bo.authorTag)).toBe(false);
    anonymous.recognise(restarted, bo);
    expect(anonymousParts(restarted)).toEqual(anonymousParts(before));

    // and the state encodes to the same stored tags again
    expect(storedText(anonymous.encode(restarted))).toBe(text);
  });
});
