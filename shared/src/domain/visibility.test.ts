import { describe, expect, it } from 'vitest';
import type { BoardState } from './board.js';
import { addCard, alice, boardWith, bob, enoughVoters, everyone, fran, moveTo, must, REVIEW, teamBoardWith } from './testBoard.js';
import { viewOf, type Viewer } from './visibility.js';
import { evolveRoster } from './roster.js';

const PUBLIC: Viewer = { kind: 'public' };
const as = (who: typeof alice): Viewer => ({
  kind: 'participant',
  participantId: who.participantId,
  authorTag: who.authorTag,
  voterTag: who.voterTag,
  pulseTag: who.pulseTag,
  reactionTag: who.reactionTag,
  consensusTag: who.consensusTag,
  trustTag: who.trustTag,
});
const publicJson = (state: BoardState) => JSON.stringify(viewOf(state, PUBLIC));

/** Forbidden in anything public: every participant id, author, voter, pulse and consensus tag. */
function expectNoIdentity(json: string) {
  for (const a of everyone) {
    expect(json).not.toContain(a.participantId);
    expect(json).not.toContain(a.authorTag);
    expect(json).not.toContain(a.voterTag);
    expect(json).not.toContain(a.pulseTag);
    expect(json).not.toContain(a.consensusTag);
    expect(json).not.toContain(a.reactionTag);
  }
  expect(json).not.toMatch(/authortag|votertag|pulsetag|consensustag|reactiontag|pid-/);
}

/** A retro that went through every phase: cards, a group, votes, an action with owners. */
function fullRetro() {
  const state = boardWith();
  const a = addCard(state, alice, 'alpha from alice');
  const b = addCard(state, bob, 'beta from bob');
  const c = addCard(state, bob, 'gamma from bob');
  moveTo(state, 'reveal');
  must(state, alice, { type: 'card.group', cardId: b, withCardId: c });
  moveTo(state, 'vote');
  must(state, alice, { type: 'vote.cast', itemId: a });
  must(state, bob, { type: 'vote.cast', itemId: b });
  must(state, bob, { type: 'vote.cast', itemId: b });
  enoughVoters(state, a); // AN-12: enough voters for the tallies to show
  moveTo(state, 'discuss');
  must(state, fran, { type: 'discuss.select', itemId: a });
  const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: a, text: 'Book a room' });
  must(state, alice, { type: 'action.volunteer', actionId, volunteer: true });
  return { state, a, b, c, group: state.cards.get(b)!.groupId!, actionId };
}

describe('visibility', () => {
  it('AN-1 public view carries no participant id, author tag or voter tag in any phase', () => {
    const { state } = fullRetro();
    expectNoIdentity(publicJson(state));
    moveTo(state, 'closed');
    expectNoIdentity(publicJson(state));
  });

  it('AN-1 public view carries no unrevealed card text, only the count', () => {
    const state = boardWith();
    addCard(state, alice, 'a secret worry');
    addCard(state, bob, 'another secret');
    const json = publicJson(state);
    expect(json).not.toContain('a secret worry');
    expect(json).not.toContain('another secret');
    expect(viewOf(state, PUBLIC).board.cardCount).toBe(0); // AN-10: two writers are not counted yet
    expect(viewOf(state, PUBLIC).board.cards).toEqual([]);
  });

  it('AN-1 public cards have only id, column, text, group, the edited mark and the signature their author chose (SG-1)', () => {
    const { state } = fullRetro();
    for (const card of viewOf(state, PUBLIC).board.cards) {
      expect(Object.keys(card).sort()).toEqual(['columnId', 'edited', 'groupId', 'id', 'signedBy', 'text']);
      expect(card.signedBy).toBeNull();
    }
  });

  it('AN-1 public view has no per-person vote, even once tallies are shown', () => {
    const { state, a, group } = fullRetro();
    const board = viewOf(state, PUBLIC).board;
    expect(board.tallies).toEqual({ [a]: 4, [group]: 2 });
    expectNoIdentity(JSON.stringify(board));
  });

  it('AN-1 lists participants by name, not by id or join order', () => {
    const { state } = fullRetro();
    const participants = viewOf(state, PUBLIC).board.participants;
    expect(participants).toEqual([
      { handle: 'handle-alice', name: 'Alice', online: true, facilitator: false, done: false },
      { handle: 'handle-bob', name: 'Bob', online: true, facilitator: false, done: false },
      { handle: 'handle-fran', name: 'Fran', online: true, facilitator: true, done: false },
    ]);
    for (const p of participants) {
      expect(Object.keys(p).sort()).toEqual(['done', 'facilitator', 'handle', 'name', 'online']);
      for (const a of everyone) expect(p.handle).not.toBe(a.participantId);
    }
  });

  it('AN-1 lists people in presence order after every kind of change, each list sorted from the one before', () => {
    const state = boardWith();
    // (the board's own Fran, Alice and Bob left out)
    const listed = () =>
      viewOf(state, PUBLIC)
        .board.participants.filter((p) => !p.handle.startsWith('handle-'))
        .map((p) => `${p.name}${p.online ? '' : ' (away)'}`);
    const join = (id: string, name: string) => evolveRoster(state, { type: 'participant.joined', participantId: id, name, handle: `h-${id}` });
    const online = (id: string, on: boolean) => evolveRoster(state, { type: 'presence.changed', participantId: id, online: on, at: 1 });
    for (const [id, name] of [['z', 'Guest 10'], ['y', 'Guest 2'], ['x', 'Ada'], ['w', 'Guest 1']] as const) {
      join(id, name);
      online(id, true);
    }
    expect(listed()).toEqual(['Ada', 'Guest 1', 'Guest 2', 'Guest 10']);
    // nothing changed: the same list again
    expect(listed()).toEqual(['Ada', 'Guest 1', 'Guest 2', 'Guest 10']);
    join('v', 'Bo');
    online('v', true);
    expect(listed()).toEqual(['Ada', 'Bo', 'Guest 1', 'Guest 2', 'Guest 10']);
    // a rename (a rejoin under another name) moves the person to their new place
    join('x', 'Zed');
    online('x', true);
    expect(listed()).toEqual(['Bo', 'Guest 1', 'Guest 2', 'Guest 10', 'Zed']);
    // the same name: online first
    join('u', 'Bo');
    expect(listed()).toEqual(['Bo', 'Bo (away)', 'Guest 1', 'Guest 2', 'Guest 10', 'Zed']);
    online('v', false);
    online('u', true);
    expect(listed()).toEqual(['Bo', 'Bo (away)', 'Guest 1', 'Guest 2', 'Guest 10', 'Zed']);
    expect(viewOf(state, PUBLIC).board.participants.filter((p) => p.name === 'Bo').map((p) => p.handle)).toEqual(['h-u', 'h-v']);
    state.access.removed.add('y');
    evolveRoster(state, { type: 'participant.forgotten', participantId: 'z' });
    expect(listed()).toEqual(['Bo', 'Bo (away)', 'Guest 1', 'Zed']);
    state.access.removed.delete('y');
    expect(listed()).toEqual(['Bo', 'Bo (away)', 'Guest 1', 'Guest 2', 'Zed']);
  });

  it('AN-1 a handle is not the participant id, even when the handle is what points at a person', () => {
    const { state } = fullRetro();
    for (const p of state.participants.values()) {
      expect(p.handle).not.toBe(p.id);
      expect(p.id).not.toContain(p.handle);
    }
    expectNoIdentity(JSON.stringify(viewOf(state, PUBLIC).board.facilitator));
  });

  it('AN-1 the public view has exactly the documented fields', () => {
    const board = viewOf(fullRetro().state, PUBLIC).board;
    expect(Object.keys(board).sort()).toEqual(
      [
        'actions',
        'cardCount',
        'cards',
        'columns',
        'currentItemId',
        'discussedItemIds',
        'facilitator',
        'facilitatorLog',
        'groups',
        'hasReview',
        'heldOn',
        'createdOn',
        'id',
        'minOthersToShow',
        'lens',
        'name',
        'offers',
        'participants',
        'phase',
        'pulse',
        'ranking',
        'review',
        'roti',
        'settings',
        'tallies',
        'teamId',
        'teamName',
        'templateId',
        'timer',
        'locked',
        'access',
        'progress',
        'removed',
        'hiddenCards',
        'groupingFacilitatorOnly',
        'discussOrder',
        'doneItemIds',
        'leftItemIds',
        'raisedHands',
        'reactionsOn',
        'reactions',
        'trustLens',
        'checkIn',
        'walkColumnId',
        'walkItemId',
      ].sort(),
    );
    expect(board).toMatchObject({
      teamId: null,
      teamName: null,
      hasReview: false,
      facilitator: { handle: 'handle-fran', name: 'Fran', online: true, claimableAt: null },
      facilitatorLog: [{ name: 'Fran', how: 'created' }],
      review: [],
      pulse: { open: false, distribution: null, notEnough: true },
    });
    expect(board.actions[0]).toEqual({ id: expect.any(String), itemId: expect.any(String), owners: ['Alice'], dueDate: '2023-11-28', consensus: null, kind: 'ours', askOf: null, done: false, ownerDone: null });
  });

  it('AN-1 a team retro shows its team and its review in the public view', () => {
    const board = viewOf(teamBoardWith(), PUBLIC).board;
    expect(board).toMatchObject({ teamId: 'team-under-test', hasReview: true, phase: 'review' });
    expect(board.review.map((r) => r.ref)).toEqual(REVIEW.map((r) => r.ref));
    expect(board.review.every((r) => r.status === null && r.reason === null && r.carry === false)).toBe(true);
  });

  it('AN-1 the public part is the same whoever asks', () => {
    const { state } = fullRetro();
    expect(viewOf(state, as(alice)).board).toEqual(viewOf(state, PUBLIC).board);
    expect(viewOf(state, as(bob)).board).toEqual(viewOf(state, PUBLIC).board);
    expect(viewOf(state, PUBLIC).me).toBeNull();
  });

  it('VO-4 tallies and ranking are null until the phase has passed Vote', () => {
    const state = boardWith();
    const a = addCard(state, alice, 'a');
    for (const phase of ['write', 'reveal', 'vote'] as const) {
      moveTo(state, phase);
      if (phase === 'vote') {
        must(state, bob, { type: 'vote.cast', itemId: a });
        enoughVoters(state, a);
      }
      expect(viewOf(state, PUBLIC).board.tallies, phase).toBeNull();
      expect(viewOf(state, PUBLIC).board.ranking, phase).toBeNull();
    }
    moveTo(state, 'discuss');
    expect(viewOf(state, PUBLIC).board.tallies).toEqual({ [a]: 4 });
    expect(viewOf(state, PUBLIC).board.ranking).toEqual([a]);
  });

  it('AN-5 a vote during Vote changes nothing in the public view', () => {
    const state = boardWith();
    const a = addCard(state, alice, 'a');
    moveTo(state, 'vote');
    const before = publicJson(state);
    must(state, bob, { type: 'vote.cast', itemId: a });
    expect(publicJson(state)).toBe(before);
  });

  it('AN-2 personal view holds only my own cards, hidden ones included', () => {
    const state = boardWith();
    const mine = addCard(state, alice, 'mine');
    addCard(state, bob, 'not mine');
    const me = viewOf(state, as(alice)).me!;
    expect(me.cards).toEqual([{ id: mine, columnId: 'start', text: 'mine', signed: false }]);
    expect(JSON.stringify(me)).not.toContain('not mine');
    expect(JSON.stringify(me)).not.toContain(bob.authorTag);
  });

  it('AN-2 personal view holds only my own votes and what is left of my budget', () => {
    const { state, a, group } = fullRetro();
    expect(viewOf(state, as(alice)).me).toMatchObject({ votes: { [a]: 1 }, votesLeft: 2 });
    expect(viewOf(state, as(bob)).me).toMatchObject({ votes: { [group]: 2 }, votesLeft: 1 });
    expect(viewOf(state, as(fran)).me).toMatchObject({ votes: {}, votesLeft: 3, isFacilitator: true });
  });

  it('AN-2 personal view has exactly the documented fields', () => {
    const me = viewOf(fullRetro().state, as(alice)).me!;
    expect(Object.keys(me).sort()).toEqual(['actionIds', 'cards', 'consensus', 'doneIn', 'handRaised', 'isFacilitator', 'knocks', 'lens', 'name', 'offerIds', 'participantId', 'pulse', 'reactions', 'roti', 'votes', 'votesLeft']);
    expect(me).toMatchObject({ pulse: null, roti: null, consensus: {} });
  });

  it('AN-2 personal view lists the actions I volunteered for', () => {
    const { state, actionId } = fullRetro();
    expect(viewOf(state, as(alice)).me!.actionIds).toEqual([actionId]);
    expect(viewOf(state, as(bob)).me!.actionIds).toEqual([]);
  });

  it('AC-3 shows action owners by name, and someone who left as such', () => {
    const { state } = fullRetro();
    expect(viewOf(state, PUBLIC).board.actions[0].owners).toEqual(['Alice']);
    state.participants.delete(alice.participantId);
    expect(viewOf(state, PUBLIC).board.actions[0].owners).toEqual(['someone who left']);
  });

  it('GR-5 public groups list their cards in reveal order', () => {
    const { state, b, c, group } = fullRetro();
    const board = viewOf(state, PUBLIC).board;
    const order = board.cards.map((card) => card.id);
    expect(board.groups).toEqual([{ id: group, title: expect.any(String), columnId: expect.any(String), cardIds: [b, c].sort((x, y) => order.indexOf(x) - order.indexOf(y)) }]);
  });

  it('GR-9 a group is drawn in its own column; one stored before groups had a column stays with its first card', () => {
    const { state, group } = fullRetro();
    const firstColumn = (view: ReturnType<typeof viewOf>) => view.board.cards.find((card) => card.id === view.board.groups[0]!.cardIds[0])!.columnId;
    state.groups.get(group)!.columnId = 'continue';
    expect(viewOf(state, PUBLIC).board.groups[0]!.columnId).toBe('continue');
    state.groups.get(group)!.columnId = '';
    const view = viewOf(state, PUBLIC);
    expect(view.board.groups[0]!.columnId).toBe(firstColumn(view));
  });

  it('VO-9 votesLeft never goes below zero when the budget is lowered after voting', () => {
    const state = boardWith();
    const [a, b] = ['a', 'b'].map((t) => addCard(state, alice, t));
    moveTo(state, 'vote');
    must(state, bob, { type: 'vote.cast', itemId: a });
    must(state, bob, { type: 'vote.cast', itemId: b });
    moveTo(state, 'reveal');
    must(state, fran, { type: 'settings.update', voteBudget: 1, perItemCap: 1 });
    expect(viewOf(state, as(bob)).me!.votesLeft).toBe(0);
  });
});
