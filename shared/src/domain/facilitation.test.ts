import { describe, expect, it } from 'vitest';
import { actor, addCard, alice, bob, boardWith, enoughVoters, fran, moveTo, must, NOW, run, testContext } from './testBoard.js';
import { decide } from './decide.js';
import { LIMITS } from './limits.js';
import { viewOf } from './visibility.js';
import { titleFromWords } from './facilitation.js';

/** A board in Discuss with three revealed cards, four votes on c (alice's and AN-12's three more voters'); returns the ids (ranking: c, then reveal order). */
function discussBoard() {
  const state = boardWith();
  const [a, b, c] = ['alpha', 'beta', 'gamma'].map((t) => addCard(state, alice, t));
  moveTo(state, 'vote');
  must(state, alice, { type: 'vote.cast', itemId: c! });
  enoughVoters(state, c!);
  moveTo(state, 'discuss');
  return { state, a: a!, b: b!, c: c! };
}

const publicOf = (state: ReturnType<typeof boardWith>) => viewOf(state, { kind: 'public' }).board;

describe('cards', () => {
  it('CA-7 marks a card edited when its author changes it after the reveal, not before', () => {
    const state = boardWith();
    const card = addCard(state, alice, 'first');
    must(state, alice, { type: 'card.edit', cardId: card, text: 'second' });
    moveTo(state, 'reveal');
    expect(publicOf(state).cards[0]).toMatchObject({ text: 'second', edited: false });
    must(state, alice, { type: 'card.edit', cardId: card, text: 'third' });
    expect(publicOf(state).cards[0]).toMatchObject({ text: 'third', edited: true });
  });
});

describe('group titles', () => {
  it('GR-6 a new group is titled with the first words of its first card in reveal order', () => {
    const state = boardWith();
    const a = addCard(state, alice, 'Our standups run far too long every single day');
    const b = addCard(state, bob, 'Meetings eat the afternoon');
    moveTo(state, 'reveal');
    must(state, bob, { type: 'card.group', cardId: a, withCardId: b });
    const [group] = publicOf(state).groups;
    const first = publicOf(state).cards.find((c) => c.id === group!.cardIds[0])!;
    expect(group!.title).toBe(titleFromWords(first.text));
    expect(titleFromWords('Our standups run far too long every single day')).toBe('Our standups run far too long…');
    expect(titleFromWords('Short\nand\tsweet')).toBe('Short and sweet');
    expect(titleFromWords('x'.repeat(300)).length).toBeLessThanOrEqual(LIMITS.groupTitle);
  });

  it('GR-7 a title saved from a stale starting point is refused with CONFLICT and the current title; nothing is lost', () => {
    const state = boardWith();
    const [a, b] = ['one', 'two'].map((t) => addCard(state, alice, t));
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.group', cardId: a!, withCardId: b! });
    const groupId = state.cards.get(a!)!.groupId!;
    const start = state.groups.get(groupId)!.title;
    // Alice and Bob both start from the pre-filled title; Alice saves first.
    must(state, alice, { type: 'group.title', groupId, title: 'Alice title', previous: start });
    const late = run(state, bob, { type: 'group.title', groupId, title: 'Bob title', previous: start });
    expect(late).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(!late.ok && late.message).toContain('Alice title');
    expect(state.groups.get(groupId)!.title).toBe('Alice title');
    // Having seen it, Bob saves again from the current title.
    must(state, bob, { type: 'group.title', groupId, title: 'Bob title', previous: 'Alice title' });
    expect(state.groups.get(groupId)!.title).toBe('Bob title');
    // Saving what is already there from an old start is no conflict.
    expect(run(state, alice, { type: 'group.title', groupId, title: 'Bob title', previous: start })).toMatchObject({ ok: true, events: [] });
  });

  it('GR-8 the facilitator can keep grouping and titles to themselves (NOT_FACILITATOR for others) and open them again', () => {
    const state = boardWith();
    const [a, b, c] = ['one', 'two', 'three'].map((t) => addCard(state, alice, t));
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.group', cardId: a!, withCardId: b! });
    const groupId = state.cards.get(a!)!.groupId!;
    expect(run(state, alice, { type: 'grouping.restrict', facilitatorOnly: true })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    must(state, fran, { type: 'grouping.restrict', facilitatorOnly: true });
    expect(publicOf(state).groupingFacilitatorOnly).toBe(true);
    const title = state.groups.get(groupId)!.title;
    expect(run(state, alice, { type: 'card.group', cardId: c!, withCardId: a! })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(run(state, alice, { type: 'card.ungroup', cardId: a! })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(run(state, bob, { type: 'group.title', groupId, title: 'x', previous: title })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    must(state, fran, { type: 'card.group', cardId: c!, withCardId: a! });
    must(state, fran, { type: 'group.title', groupId, title: 'Fran named it', previous: title });
    must(state, fran, { type: 'grouping.restrict', facilitatorOnly: false });
    must(state, bob, { type: 'group.title', groupId, title: 'Bob again', previous: 'Fran named it' });
  });
});

describe('discussion order and next item', () => {
  it('DI-5 items are discussed in vote order until the facilitator reorders them; unknown or repeated ids are refused', () => {
    const { state, a, b, c } = discussBoard();
    expect(publicOf(state).discussOrder).toEqual(publicOf(state).ranking);
    expect(publicOf(state).discussOrder![0]).toBe(c);
    must(state, fran, { type: 'discuss.order', itemIds: [b, a, c] });
    expect(publicOf(state).discussOrder).toEqual([b, a, c]);
    must(state, fran, { type: 'discuss.order', itemIds: [a] });
    expect(publicOf(state).discussOrder![0]).toBe(a);
    expect(new Set(publicOf(state).discussOrder)).toEqual(new Set([a, b, c]));
    expect(run(state, fran, { type: 'discuss.order', itemIds: [a, a] })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(run(state, fran, { type: 'discuss.order', itemIds: ['nosuchitem'] })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(run(state, alice, { type: 'discuss.order', itemIds: [c, b, a] })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
  });

  it('DI-6 "Next item" marks the current item discussed and moves to the next one in order; a discussed item can be reopened', () => {
    const { state, a, b, c } = discussBoard();
    must(state, fran, { type: 'discuss.order', itemIds: [c, a, b] });
    must(state, fran, { type: 'discuss.next' });
    expect(state.currentItemId).toBe(c);
    expect(state.doneItemIds).toEqual([]);
    must(state, fran, { type: 'discuss.next' });
    expect(state.currentItemId).toBe(a);
    expect(publicOf(state).doneItemIds).toEqual([c]);
    must(state, fran, { type: 'discuss.next' });
    must(state, fran, { type: 'discuss.next' });
    expect(state.currentItemId).toBe(b);
    expect(state.doneItemIds).toEqual([c, a, b]);
    expect(run(state, fran, { type: 'discuss.next' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    must(state, fran, { type: 'discuss.reopen', itemId: a });
    expect(state.currentItemId).toBe(a);
    expect(state.doneItemIds).toEqual([c, b]);
    expect(run(state, alice, { type: 'discuss.next' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    moveTo(state, 'act');
    expect(run(state, fran, { type: 'discuss.next' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('DI-10 "Next item" names the item it moves on from: pressed again from an item the room already left, it changes nothing', () => {
    const { state, a, b, c } = discussBoard();
    must(state, fran, { type: 'discuss.order', itemIds: [c, a, b] });
    must(state, fran, { type: 'discuss.next', from: null });
    expect(state.currentItemId).toBe(c);
    // the same press twice (the room had not shown the first yet): the second one is answered, and nothing moves
    must(state, fran, { type: 'discuss.next', from: c });
    expect(run(state, fran, { type: 'discuss.next', from: c })).toMatchObject({ ok: true, events: [], data: { itemId: a } });
    expect(run(state, fran, { type: 'discuss.next', from: null })).toMatchObject({ ok: true, events: [] });
    expect(state.currentItemId).toBe(a);
    expect(state.doneItemIds).toEqual([c]);
    must(state, fran, { type: 'discuss.next', from: a });
    expect(state.currentItemId).toBe(b);
  });
});

describe('timer', () => {
  it('DI-7 the facilitator pauses and resumes a running timer; the time left is kept on the server clock', () => {
    const { state } = discussBoard();
    run(state, fran, { type: 'timer.start', durationSec: 180 }, testContext(NOW));
    run(state, fran, { type: 'timer.pause' }, testContext(NOW + 60_000));
    expect(publicOf(state).timer).toEqual({ endsAt: null, durationMs: 180_000, pausedMs: 120_000 });
    expect(run(state, fran, { type: 'timer.pause' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    run(state, fran, { type: 'timer.resume' }, testContext(NOW + 500_000));
    expect(publicOf(state).timer).toEqual({ endsAt: NOW + 620_000, durationMs: 180_000, pausedMs: null });
    expect(run(state, fran, { type: 'timer.resume' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(run(state, alice, { type: 'timer.pause' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
  });

  it('DI-8 +1 min adds a minute to a running or paused timer, and starts one that ran out', () => {
    const { state } = discussBoard();
    run(state, fran, { type: 'timer.start', durationSec: 60 }, testContext(NOW));
    run(state, fran, { type: 'timer.extend' }, testContext(NOW + 10_000));
    expect(state.timer).toEqual({ endsAt: NOW + 120_000, durationMs: 120_000, pausedMs: null });
    run(state, fran, { type: 'timer.pause' }, testContext(NOW + 20_000));
    run(state, fran, { type: 'timer.extend' }, testContext(NOW + 30_000));
    expect(state.timer).toEqual({ endsAt: null, durationMs: 180_000, pausedMs: 160_000 });
    run(state, fran, { type: 'timer.resume' }, testContext(NOW));
    run(state, fran, { type: 'timer.extend' }, testContext(NOW + 999_000));
    expect(state.timer).toEqual({ endsAt: NOW + 999_000 + 60_000, durationMs: 60_000, pausedMs: null });
  });

  it('DI-9 a new item and a new phase start with no timer, so "Time is up" never carries over', () => {
    const { state, a, b } = discussBoard();
    must(state, fran, { type: 'discuss.select', itemId: a });
    run(state, fran, { type: 'timer.start', durationSec: 10 }, testContext(NOW - 60_000));
    must(state, fran, { type: 'discuss.select', itemId: a });
    expect(state.timer.endsAt).not.toBeNull();
    must(state, fran, { type: 'discuss.select', itemId: b });
    expect(publicOf(state).timer).toEqual({ endsAt: null, durationMs: 0, pausedMs: null });
    run(state, fran, { type: 'timer.start', durationSec: 10 }, testContext(NOW - 60_000));
    moveTo(state, 'act');
    expect(publicOf(state).timer).toEqual({ endsAt: null, durationMs: 0, pausedMs: null });
  });
});

describe('actions', () => {
  it('AC-5 someone helping with an action may delete it; someone else gets NOT_YOURS', () => {
    const { state, a } = discussBoard();
    const { actionId } = must<{ actionId: string }>(state, alice, { type: 'action.create', itemId: a, text: 'x' });
    must(state, bob, { type: 'action.volunteer', actionId, volunteer: true });
    expect(run(state, alice, { type: 'action.delete', actionId })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    must(state, bob, { type: 'action.delete', actionId });
    expect(state.actions.has(actionId)).toBe(false);
  });

  it('AC-6 anyone ticks an action done and undone; the public view shows it', () => {
    const { state, a } = discussBoard();
    const { actionId } = must<{ actionId: string }>(state, alice, { type: 'action.create', itemId: a, text: 'x' });
    must(state, bob, { type: 'action.done', actionId, done: true });
    expect(publicOf(state).actions[0]).toMatchObject({ done: true });
    expect(run(state, bob, { type: 'action.done', actionId, done: true })).toMatchObject({ ok: true, events: [] });
    must(state, alice, { type: 'action.done', actionId, done: false });
    expect(publicOf(state).actions[0]).toMatchObject({ done: false });
    expect(run(state, alice, { type: 'action.done', actionId: 'nosuchaction', done: true })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('AC-1 an action can be created on any item, discussed or not, not only the current one', () => {
    const { state, a, b } = discussBoard();
    must(state, fran, { type: 'discuss.select', itemId: a });
    must(state, fran, { type: 'discuss.next' });
    expect(state.currentItemId).not.toBe(a);
    expect(run(state, bob, { type: 'action.create', itemId: a, text: 'from a discussed item' }).ok).toBe(true);
    expect(run(state, bob, { type: 'action.create', itemId: b, text: 'from another' }).ok).toBe(true);
  });
});

describe('hands and reactions', () => {
  it('RX-1 a raised hand is named, in the order raised, and lowered by its owner or when the item changes', () => {
    const { state, a, b } = discussBoard();
    must(state, fran, { type: 'discuss.select', itemId: a });
    must(state, bob, { type: 'hand.raise', raised: true });
    must(state, alice, { type: 'hand.raise', raised: true });
    expect(publicOf(state).raisedHands).toEqual([
      { handle: 'handle-bob', name: 'Bob' },
      { handle: 'handle-alice', name: 'Alice' },
    ]);
    must(state, bob, { type: 'hand.raise', raised: false });
    expect(publicOf(state).raisedHands.map((h) => h.name)).toEqual(['Alice']);
    must(state, fran, { type: 'discuss.select', itemId: b });
    expect(publicOf(state).raisedHands).toEqual([]);
  });

  it('RX-2 reactions are anonymous counts: one of each kind per person and item, toggled; only my own show in my view', () => {
    const { state, a } = discussBoard();
    must(state, alice, { type: 'reaction.toggle', itemId: a, reaction: 'agree', on: true });
    must(state, bob, { type: 'reaction.toggle', itemId: a, reaction: 'agree', on: true });
    expect(run(state, bob, { type: 'reaction.toggle', itemId: a, reaction: 'agree', on: true })).toMatchObject({ ok: true, events: [] });
    must(state, bob, { type: 'reaction.toggle', itemId: a, reaction: 'love', on: true });
    const board = publicOf(state);
    expect(board.reactions).toEqual({ [a]: { agree: 2, love: 1 } });
    const json = JSON.stringify(board);
    for (const who of [alice, bob]) expect(json).not.toContain(who.reactionTag);
    expect(json).not.toContain('reactiontag');
    const bobView = viewOf(state, { kind: 'participant', ...bob }).me!;
    expect(bobView.reactions).toEqual({ [a]: ['agree', 'love'] });
    must(state, bob, { type: 'reaction.toggle', itemId: a, reaction: 'agree', on: false });
    expect(publicOf(state).reactions).toEqual({ [a]: { agree: 1, love: 1 } });
    expect(run(state, bob, { type: 'reaction.toggle', itemId: 'nosuchitem', reaction: 'agree', on: true })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('RX-3 the facilitator turns reactions off: a reaction is then REACTIONS_OFF', () => {
    const { state, a } = discussBoard();
    expect(run(state, alice, { type: 'reactions.enable', enabled: false })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    must(state, fran, { type: 'reactions.enable', enabled: false });
    expect(publicOf(state).reactionsOn).toBe(false);
    expect(run(state, alice, { type: 'reaction.toggle', itemId: a, reaction: 'agree', on: true })).toMatchObject({ ok: false, code: 'REACTIONS_OFF' });
    must(state, fran, { type: 'reactions.enable', enabled: true });
    must(state, alice, { type: 'reaction.toggle', itemId: a, reaction: 'agree', on: true });
  });
});

describe('owner protection, deleting, email', () => {
  it('FA-6 whoever joined with the facilitator link takes the role back in one step; nobody else can', () => {
    const state = boardWith();
    const creator = { ...fran, isFacilitator: false, holdsFacilitatorKey: true };
    state.participants.get(fran.participantId)!.online = false;
    state.participants.get(fran.participantId)!.offlineSince = NOW - 120_000;
    must(state, bob, { type: 'facilitator.claim' });
    expect(state.facilitatorId).toBe(bob.participantId);
    expect(run(state, alice, { type: 'facilitator.reclaim' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    must(state, creator, { type: 'facilitator.reclaim' });
    expect(state.facilitatorId).toBe(fran.participantId);
    expect(publicOf(state).facilitatorLog.map((f) => `${f.name}:${f.how}`)).toEqual(['Fran:created', 'Bob:claim', 'Fran:reclaim']);
  });

  it('BD-1 only whoever holds the facilitator link may delete the board, in any phase, Close included', () => {
    const state = boardWith();
    const handedTo = { ...bob, isFacilitator: true };
    state.facilitatorId = bob.participantId;
    expect(decide(state, handedTo, { id: 'cmd-00000001', type: 'board.delete' }, testContext())).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    state.facilitatorId = fran.participantId;
    moveTo(state, 'closed');
    expect(decide(state, { ...fran, isFacilitator: false }, { id: 'cmd-00000001', type: 'board.delete' }, testContext())).toMatchObject({ ok: true });
  });

  it('SU-1 only the facilitator emails the summary, and only once the retro is closed', () => {
    const state = boardWith();
    const email = { id: 'cmd-00000001', type: 'summary.email' as const, to: ['team@example.com'] };
    expect(decide(state, fran, email, testContext())).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    moveTo(state, 'closed');
    expect(decide(state, alice, email, testContext())).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(decide(state, fran, email, testContext())).toMatchObject({ ok: true, events: [] });
    expect(actor('x').holdsFacilitatorKey).toBe(false);
  });
});
