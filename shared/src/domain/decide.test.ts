import { describe, expect, it } from 'vitest';
import { type BoardState, groupOf } from './board.js';
import { decide, FACILITATOR_COMMANDS, isFacilitatorCommand } from './decide.js';
import { allowedIn } from './commandPhases.js';
import { LIMITS } from './limits.js';
import { PHASES, phaseIndex, type Phase } from './phases.js';
import { actor, addCard, alice, bob, boardWith, type CommandBody, fran, moveTo, must, NOW, REVIEW, run, teamBoardWith, testContext } from './testBoard.js';
import { votesOf } from './voting.js';

/**
 * One example of every board command; ids that name nothing are fine where only the phase or the role is checked.
 * RE-13's `promise.mark` is not in the phase table (it is sent between retros, to a closed one): its own tests below.
 */
type PhasedBody = Exclude<CommandBody, { type: 'promise.mark' }>;
const EXAMPLES: Record<PhasedBody['type'], CommandBody> = {
  'card.add': { type: 'card.add', columnId: 'start', text: 'hello' },
  'card.edit': { type: 'card.edit', cardId: 'nosuchcard', text: 'hello' },
  'card.delete': { type: 'card.delete', cardId: 'nosuchcard' },
  'card.group': { type: 'card.group', cardId: 'nosuchcard', withCardId: 'othercard' },
  'card.ungroup': { type: 'card.ungroup', cardId: 'nosuchcard' },
  'group.title': { type: 'group.title', groupId: 'nosuchgroup', title: 'x', previous: '' },
  'phase.set': { type: 'phase.set', phase: 'write' },
  'settings.update': { type: 'settings.update', voteBudget: 3, perItemCap: 2 },
  'vote.cast': { type: 'vote.cast', itemId: 'nosuchitem' },
  'vote.retract': { type: 'vote.retract', itemId: 'nosuchitem' },
  'discuss.select': { type: 'discuss.select', itemId: 'nosuchitem' },
  'timer.start': { type: 'timer.start', durationSec: 60 },
  'timer.stop': { type: 'timer.stop' },
  'action.create': { type: 'action.create', itemId: 'nosuchitem', text: 'do it' },
  'action.volunteer': { type: 'action.volunteer', actionId: 'nosuchaction', volunteer: true },
  'action.due': { type: 'action.due', actionId: 'nosuchaction', dueDate: '2030-01-01' },
  'action.delete': { type: 'action.delete', actionId: 'nosuchaction' },
  'review.mark': { type: 'review.mark', ref: 'board-earlier:action-0001', status: 'done' },
  'pulse.answer': { type: 'pulse.answer', value: 4 },
  'roti.answer': { type: 'roti.answer', value: 4 },
  'consensus.start': { type: 'consensus.start', actionId: 'nosuchaction' },
  'consensus.answer': { type: 'consensus.answer', actionId: 'nosuchaction', value: 3 },
  'consensus.reveal': { type: 'consensus.reveal', actionId: 'nosuchaction' },
  'facilitator.handover': { type: 'facilitator.handover', toHandle: 'handle-bob' },
  'facilitator.claim': { type: 'facilitator.claim' },
  'columns.set': { type: 'columns.set', columns: [{ id: 'start', title: 'Begin', prompt: '' }] },
  'board.rename': { type: 'board.rename', name: 'Renamed' },
  'done.mark': { type: 'done.mark', done: true },
  'done.reset': { type: 'done.reset' },
  'access.password': { type: 'access.password', password: 'open sesame' },
  'access.knock': { type: 'access.knock', on: true },
  'access.lockJoining': { type: 'access.lockJoining', locked: true },
  'access.admit': { type: 'access.admit', knockId: 'nosuchknock', admit: true },
  'board.lock': { type: 'board.lock', locked: true },
  'participant.remove': { type: 'participant.remove', handle: 'handle-bob' },
  'card.hide': { type: 'card.hide', cardId: 'nosuchcard' },
  'card.sign': { type: 'card.sign', cardId: 'nosuchcard', signed: true },
  'anonymity.raise': { type: 'anonymity.raise', minOthers: 4 },
  'grouping.restrict': { type: 'grouping.restrict', facilitatorOnly: true },
  'discuss.order': { type: 'discuss.order', itemIds: [] },
  'discuss.next': { type: 'discuss.next' },
  'discuss.reopen': { type: 'discuss.reopen', itemId: 'nosuchitem' },
  'timer.pause': { type: 'timer.pause' },
  'timer.resume': { type: 'timer.resume' },
  'timer.extend': { type: 'timer.extend' },
  'action.done': { type: 'action.done', actionId: 'nosuchaction', done: true },
  'hand.raise': { type: 'hand.raise', raised: true },
  'reaction.toggle': { type: 'reaction.toggle', itemId: 'nosuchitem', reaction: 'agree', on: true },
  'reactions.enable': { type: 'reactions.enable', enabled: false },
  'facilitator.reclaim': { type: 'facilitator.reclaim' },
  'board.delete': { type: 'board.delete' },
  'summary.email': { type: 'summary.email', to: ['team@example.com'] },
  'action.ask': { type: 'action.ask', actionId: 'nosuchaction', askOf: 'Platform team' },
  'offer.add': { type: 'offer.add', itemId: 'nosuchitem', text: 'I can pair' },
  'offer.withdraw': { type: 'offer.withdraw', offerId: 'nosuchoffer' },
  'offer.accept': { type: 'offer.accept', offerId: 'nosuchoffer' },
  'lens.set': { type: 'lens.set', on: true },
  'lens.tap': { type: 'lens.tap', itemId: 'nosuchitem', part: 'empathy', on: true },
  'checkin.set': { type: 'checkin.set', question: { prompt: 'weather' } },
  'walk.focus': { type: 'walk.focus', columnId: 'start' },
  'walk.spotlight': { type: 'walk.spotlight', itemId: null },
};

/** PH-5 as the spec states it. */
const ALLOWED: Record<PhasedBody['type'], Phase[]> = {
  'card.add': ['write'],
  'card.edit': ['write', 'reveal'],
  'card.delete': ['write', 'reveal'],
  'card.group': ['reveal'],
  'card.ungroup': ['reveal'],
  'group.title': ['reveal', 'vote', 'discuss', 'act'],
  'phase.set': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'settings.update': ['review', 'write', 'reveal', 'vote'],
  'vote.cast': ['vote'],
  'vote.retract': ['vote'],
  'discuss.select': ['discuss', 'act'],
  'timer.start': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'timer.stop': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'action.create': ['discuss', 'act'],
  'action.volunteer': ['discuss', 'act'],
  'action.due': ['discuss', 'act'],
  'action.delete': ['discuss', 'act'],
  'review.mark': ['review'],
  'pulse.answer': ['review', 'write'],
  'roti.answer': ['act'],
  'consensus.start': ['discuss', 'act'],
  'consensus.answer': ['discuss', 'act'],
  'consensus.reveal': ['discuss', 'act'],
  'facilitator.handover': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'facilitator.claim': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'columns.set': ['review', 'write'],
  'board.rename': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'done.mark': ['write', 'vote'],
  'done.reset': ['write', 'vote'],
  'access.password': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'access.knock': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'access.lockJoining': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'access.admit': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'board.lock': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'participant.remove': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'card.hide': ['reveal', 'vote', 'discuss', 'act'],
  'card.sign': ['reveal', 'vote', 'discuss', 'act'],
  'anonymity.raise': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'grouping.restrict': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'discuss.order': ['discuss', 'act'],
  'discuss.next': ['discuss'],
  'discuss.reopen': ['discuss', 'act'],
  'timer.pause': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'timer.resume': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'timer.extend': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'action.done': ['discuss', 'act'],
  'hand.raise': ['discuss', 'act'],
  'reaction.toggle': ['discuss', 'act'],
  'reactions.enable': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'facilitator.reclaim': ['review', 'write', 'reveal', 'vote', 'discuss', 'act'],
  'board.delete': ['review', 'write', 'reveal', 'vote', 'discuss', 'act', 'closed'],
  'summary.email': ['closed'],
  'action.ask': ['discuss', 'act'],
  'offer.add': ['discuss', 'act'],
  'offer.withdraw': ['discuss', 'act'],
  'offer.accept': ['discuss', 'act'],
  'lens.set': ['discuss'],
  'lens.tap': ['discuss'],
  'checkin.set': ['review', 'write'],
  'walk.focus': ['reveal'],
  'walk.spotlight': ['reveal'],
};

/** A team retro (so Review exists) in `phase`; revealed once if the phase is Reveal or later. */
function inPhase(phase: Phase): BoardState {
  const revealed = phaseIndex(phase) >= phaseIndex('reveal');
  return teamBoardWith(REVIEW, { type: 'phase.changed', phase, ...(revealed ? { revealSeed: 'seed' } : {}) });
}

/** A board in Discuss with alice's and bob's cards revealed; returns the item ids. */
function discussBoard() {
  const state = boardWith();
  const a = addCard(state, alice, 'alpha');
  const b = addCard(state, bob, 'beta');
  moveTo(state, 'discuss');
  return { state, a, b };
}

describe('permissions', () => {
  it('PE-1 lists exactly the facilitator-only commands', () => {
    expect([...FACILITATOR_COMMANDS].sort()).toEqual([
      'access.admit',
      'access.knock',
      'access.lockJoining',
      'access.password',
      'anonymity.raise',
      'board.lock',
      'board.rename',
      'card.hide',
      'checkin.set',
      'columns.set',
      'consensus.reveal',
      'consensus.start',
      'discuss.next',
      'discuss.order',
      'discuss.reopen',
      'discuss.select',
      'done.reset',
      'facilitator.handover',
      'grouping.restrict',
      'lens.set',
      'offer.accept',
      'participant.remove',
      'phase.set',
      'reactions.enable',
      'review.mark',
      'settings.update',
      'summary.email',
      'timer.extend',
      'timer.pause',
      'timer.resume',
      'timer.start',
      'timer.stop',
      'walk.focus',
      'walk.spotlight',
    ]);
    expect(isFacilitatorCommand('card.add')).toBe(false);
    expect(isFacilitatorCommand('pulse.answer')).toBe(false);
    expect(isFacilitatorCommand('consensus.answer')).toBe(false);
    expect(isFacilitatorCommand('facilitator.claim')).toBe(false);
    expect(isFacilitatorCommand('phase.set')).toBe(true);
  });

  for (const type of FACILITATOR_COMMANDS) {
    it(`PE-1 answers ${type} from a participant with NOT_FACILITATOR in every phase`, () => {
      for (const phase of PHASES) {
        const state = inPhase(phase);
        const decision = decide(state, alice, { id: 'cmd-00000001', ...EXAMPLES[type] } as never, testContext());
        expect(decision, `${type} in ${phase}`).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
      }
    });
  }

  it('PE-1 lets the facilitator send the same commands', () => {
    const state = boardWith();
    expect(run(state, fran, { type: 'timer.start', durationSec: 60 }).ok).toBe(true);
    expect(run(state, fran, { type: 'settings.update', voteBudget: 5, perItemCap: 3 }).ok).toBe(true);
    expect(run(state, fran, { type: 'phase.set', phase: 'reveal' }).ok).toBe(true);
  });

  it('PE-2 leaves every other command open to any participant', () => {
    // facilitator.reclaim and board.delete are for whoever holds the facilitator link (FA-6, BD-1), tested below.
    const keyOnly = ['facilitator.reclaim', 'board.delete'];
    const open = (Object.keys(EXAMPLES) as PhasedBody['type'][]).filter((t) => !isFacilitatorCommand(t) && !keyOnly.includes(t));
    for (const type of open) {
      for (const phase of ALLOWED[type]) {
        const decision = decide(inPhase(phase), alice, { id: 'cmd-00000001', ...EXAMPLES[type] } as never, testContext());
        if (!decision.ok) expect(decision.code, `${type} in ${phase}`).not.toBe('NOT_FACILITATOR');
      }
    }
  });

  it('PE-3 refuses an edit of someone else’s card with NOT_YOURS', () => {
    const state = boardWith();
    const card = addCard(state, alice, 'mine');
    expect(run(state, bob, { type: 'card.edit', cardId: card, text: 'hijack' })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(state.cards.get(card)!.text).toBe('mine');
  });

  it('PE-3 refuses a delete of someone else’s card with NOT_YOURS, even from the facilitator', () => {
    const state = boardWith();
    const card = addCard(state, alice, 'mine');
    expect(run(state, fran, { type: 'card.delete', cardId: card })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(state.cards.has(card)).toBe(true);
  });

  it('PE-4 recognises the author by tag: same tag under a new participant id may edit', () => {
    const state = boardWith();
    const card = addCard(state, alice, 'mine');
    const aliceOnAnotherTab = { ...actor('alice'), participantId: 'pid-alice-other-tab' };
    expect(run(state, aliceOnAnotherTab, { type: 'card.edit', cardId: card, text: 'still mine' }).ok).toBe(true);
    expect(state.cards.get(card)!.text).toBe('still mine');
  });
});

describe('phases through decide', () => {
  it('PH-2 moves one step forward or back and refuses a jump with BAD_TRANSITION', () => {
    const state = boardWith();
    expect(run(state, fran, { type: 'phase.set', phase: 'vote' })).toMatchObject({ ok: false, code: 'BAD_TRANSITION' });
    expect(run(state, fran, { type: 'phase.set', phase: 'write' })).toMatchObject({ ok: false, code: 'BAD_TRANSITION' });
    must(state, fran, { type: 'phase.set', phase: 'reveal' });
    must(state, fran, { type: 'phase.set', phase: 'vote' });
    must(state, fran, { type: 'phase.set', phase: 'reveal' });
    expect(state.phase).toBe('reveal');
  });

  it('PH-2 a step from a phase the room has left is stale: CONFLICT, and the room stays where it is', () => {
    const state = boardWith();
    must(state, fran, { type: 'phase.set', phase: 'reveal', from: 'write' });
    // a second press of "Next: Reveal" (from Write) is not a step on from Reveal, nor is the step back to Write
    expect(run(state, fran, { type: 'phase.set', phase: 'vote', from: 'write' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(run(state, fran, { type: 'phase.set', phase: 'write', from: 'vote' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(state.phase).toBe('reveal');
    must(state, fran, { type: 'phase.set', phase: 'vote', from: 'reveal' });
    expect(state.phase).toBe('vote');
  });

  it('PH-4 going back undoes nothing: cards stay revealed, groups and votes stay', () => {
    const state = boardWith();
    const [a, b] = ['a', 'b'].map((t) => addCard(state, alice, t));
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.group', cardId: a, withCardId: b });
    moveTo(state, 'vote');
    must(state, bob, { type: 'vote.cast', itemId: a });
    moveTo(state, 'write');
    expect([...state.cards.values()].every((c) => c.revealed)).toBe(true);
    expect(state.groups.size).toBe(1);
    expect(votesOf(state, bob.voterTag)).toEqual({ [state.cards.get(a)!.groupId!]: 1 });
  });

  it('PH-3 refuses any phase change from Close with WRONG_PHASE', () => {
    const state = boardWith();
    moveTo(state, 'closed');
    expect(run(state, fran, { type: 'phase.set', phase: 'act' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(state.phase).toBe('closed');
  });

  it('PH-5 allows each command only in its phases and answers WRONG_PHASE elsewhere', () => {
    for (const type of Object.keys(EXAMPLES) as PhasedBody['type'][]) {
      for (const phase of PHASES) {
        const allowed = ALLOWED[type].includes(phase);
        expect(allowedIn(type, phase), `${type} in ${phase}`).toBe(allowed);
        const decision = decide(inPhase(phase), fran, { id: 'cmd-00000001', ...EXAMPLES[type] } as never, testContext());
        if (allowed) expect(decision.ok || decision.code !== 'WRONG_PHASE', `${type} in ${phase}`).toBe(true);
        else expect(decision, `${type} in ${phase}`).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
      }
    }
  });

  it('PH-5 accepts no command in Close but deleting the board and emailing its summary', () => {
    const state = inPhase('closed');
    for (const command of Object.values(EXAMPLES)) {
      if (command.type === 'board.delete' || command.type === 'summary.email') continue;
      expect(decide(state, fran, { id: 'cmd-00000001', ...command } as never, testContext())).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    }
  });

  it('PH-7 a team retro starts in Review, moves to Write and may come back to Review', () => {
    const state = teamBoardWith();
    expect(state.hasReview).toBe(true);
    expect(state.phase).toBe('review');
    expect(run(state, fran, { type: 'phase.set', phase: 'reveal' })).toMatchObject({ ok: false, code: 'BAD_TRANSITION' });
    must(state, fran, { type: 'phase.set', phase: 'write' });
    must(state, fran, { type: 'phase.set', phase: 'review' });
    expect(state.phase).toBe('review');
    moveTo(state, 'closed');
    expect(state.phase).toBe('closed');
  });

  it('PH-7 a board outside a team starts in Write and never reaches Review', () => {
    const state = boardWith();
    expect(state.hasReview).toBe(false);
    expect(state.phase).toBe('write');
    expect(run(state, fran, { type: 'phase.set', phase: 'review' })).toMatchObject({ ok: false, code: 'BAD_TRANSITION' });
    moveTo(state, 'reveal');
    moveTo(state, 'write');
    expect(run(state, fran, { type: 'phase.set', phase: 'review' })).toMatchObject({ ok: false, code: 'BAD_TRANSITION' });
    expect(state.phase).toBe('write');
  });

  it('PE-1 checks the role before the phase', () => {
    expect(run(inPhase('closed'), alice, { type: 'phase.set', phase: 'act' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
  });
});

describe('cards', () => {
  it('CA-1 refuses a card in a column the board does not have', () => {
    const state = boardWith();
    expect(run(state, alice, { type: 'card.add', columnId: 'dont-know', text: 'x' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(state.cards.size).toBe(0);
  });

  it('CA-1 records the card with its column, text and author tag, and acks its id', () => {
    const state = boardWith();
    const decision = run(state, alice, { type: 'card.add', columnId: 'stop', text: 'meetings' });
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    const { cardId } = decision.data as { cardId: string };
    expect(decision.events).toEqual([{ type: 'card.added', cardId, columnId: 'stop', text: 'meetings', authorTag: alice.authorTag }]);
    expect(state.cards.get(cardId)).toMatchObject({ columnId: 'stop', text: 'meetings', revealed: false });
    expect(groupOf(state.cards.get(cardId)!)).toBeNull();
  });

  it(`CA-3 refuses card ${LIMITS.cardsPerPerson + 1} from one person with CARD_LIMIT`, () => {
    const state = boardWith();
    for (let i = 0; i < LIMITS.cardsPerPerson; i++) addCard(state, alice, `card ${i}`);
    expect(run(state, alice, { type: 'card.add', columnId: 'start', text: 'one more' })).toMatchObject({ ok: false, code: 'CARD_LIMIT' });
    expect(run(state, bob, { type: 'card.add', columnId: 'start', text: 'bob is fine' }).ok).toBe(true);
  });

  it('CA-3 frees a place when a card is deleted', () => {
    const state = boardWith();
    const ids = Array.from({ length: LIMITS.cardsPerPerson }, (_, i) => addCard(state, alice, `card ${i}`));
    must(state, alice, { type: 'card.delete', cardId: ids[0] });
    expect(run(state, alice, { type: 'card.add', columnId: 'start', text: 'again' }).ok).toBe(true);
  });

  it('CA-4 refuses a new card in Reveal with WRONG_PHASE', () => {
    const state = boardWith();
    moveTo(state, 'reveal');
    expect(run(state, alice, { type: 'card.add', columnId: 'start', text: 'late' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('CA-5 lets the author edit and delete in Reveal but not in Vote', () => {
    const state = boardWith();
    const card = addCard(state, alice, 'typo');
    const other = addCard(state, alice, 'to go');
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.edit', cardId: card, text: 'fixed' });
    must(state, alice, { type: 'card.delete', cardId: other });
    expect(state.cards.get(card)!.text).toBe('fixed');
    expect(state.cards.has(other)).toBe(false);
    moveTo(state, 'vote');
    expect(run(state, alice, { type: 'card.edit', cardId: card, text: 'again' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('CA-5 answers NOT_FOUND for a card that does not exist', () => {
    expect(run(boardWith(), alice, { type: 'card.delete', cardId: 'nosuchcard' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('CA-6 deleting a card removes the votes on it', () => {
    const state = boardWith();
    const card = addCard(state, alice, 'x');
    addCard(state, alice, 'y');
    moveTo(state, 'vote');
    must(state, bob, { type: 'vote.cast', itemId: card });
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.delete', cardId: card });
    expect(state.votes.has(card)).toBe(false);
    expect(votesOf(state, bob.voterTag)).toEqual({});
  });
});

describe('grouping', () => {
  function revealed(n: number) {
    const state = boardWith();
    const ids = Array.from({ length: n }, (_, i) => addCard(state, i % 2 ? bob : alice, `card ${i}`));
    moveTo(state, 'reveal');
    return { state, ids };
  }

  it('GR-1 groups two standalone cards into a new group', () => {
    const { state, ids } = revealed(2);
    const decision = run(state, bob, { type: 'card.group', cardId: ids[0], withCardId: ids[1] });
    expect(decision.ok).toBe(true);
    const group = state.cards.get(ids[0])!.groupId;
    expect(group).not.toBeNull();
    expect(state.cards.get(ids[1])!.groupId).toBe(group);
    expect(state.groups.get(group!)).toEqual({ id: group, title: expect.stringMatching(/^card \d$/), columnId: 'start' });
  });

  it('GR-9 a card dropped onto a card in another column makes a group in that card\'s column, which stays there', () => {
    const state = boardWith();
    const [start, stop, cont] = ['start', 'stop', 'continue'].map((column) => addCard(state, alice, `a ${column} card`, column));
    moveTo(state, 'reveal');
    // Whichever of the two came first in reveal order, the group lives where the card was dropped.
    must(state, bob, { type: 'card.group', cardId: start!, withCardId: stop! });
    const group = state.cards.get(start!)!.groupId!;
    expect(state.groups.get(group)!.columnId).toBe('stop');
    // Cards joining from a third column and the card it was made on leaving do not move it.
    must(state, bob, { type: 'card.group', cardId: cont!, withCardId: start! });
    must(state, bob, { type: 'card.ungroup', cardId: stop! });
    expect(state.groups.get(group)!.columnId).toBe('stop');
    expect(state.cards.get(stop!)!.columnId).toBe('stop');
    expect(state.cards.get(start!)!.columnId).toBe('start');
  });

  it('GR-9 the other way round the group lives in the other column', () => {
    const state = boardWith();
    const [start, stop] = ['start', 'stop'].map((column) => addCard(state, alice, `a ${column} card`, column));
    moveTo(state, 'reveal');
    must(state, bob, { type: 'card.group', cardId: stop!, withCardId: start! });
    expect(state.groups.get(state.cards.get(stop!)!.groupId!)!.columnId).toBe('start');
  });

  it('GR-1 adds a card to the group of the card it is grouped with', () => {
    const { state, ids } = revealed(3);
    must(state, alice, { type: 'card.group', cardId: ids[0], withCardId: ids[1] });
    const group = state.cards.get(ids[0])!.groupId;
    must(state, alice, { type: 'card.group', cardId: ids[2], withCardId: ids[0] });
    expect(state.cards.get(ids[2])!.groupId).toBe(group);
    expect(state.groups.size).toBe(1);
  });

  it('GR-1 refuses grouping a card with itself', () => {
    const { state, ids } = revealed(1);
    expect(run(state, alice, { type: 'card.group', cardId: ids[0], withCardId: ids[0] })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('GR-1 records nothing when both cards are already in the same group', () => {
    const { state, ids } = revealed(2);
    must(state, alice, { type: 'card.group', cardId: ids[0], withCardId: ids[1] });
    expect(run(state, alice, { type: 'card.group', cardId: ids[1], withCardId: ids[0] })).toMatchObject({ ok: true, events: [] });
  });

  it('GR-1 answers NOT_FOUND for a card that is not revealed', () => {
    // Unreachable through commands (entering Reveal reveals all), so the board is folded from events.
    const state = boardWith(
      { type: 'card.added', cardId: 'cardshown1', columnId: 'start', text: 'a', authorTag: alice.authorTag },
      { type: 'phase.changed', phase: 'reveal', revealSeed: 'seed' },
      { type: 'card.added', cardId: 'cardhidden', columnId: 'start', text: 'b', authorTag: bob.authorTag },
    );
    expect(run(state, alice, { type: 'card.group', cardId: 'cardshown1', withCardId: 'cardhidden' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(run(state, alice, { type: 'card.ungroup', cardId: 'cardhidden' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('GR-2 ungroups a card; ungrouping a card in no group records nothing', () => {
    const { state, ids } = revealed(3);
    must(state, alice, { type: 'card.group', cardId: ids[0], withCardId: ids[1] });
    must(state, alice, { type: 'card.group', cardId: ids[2], withCardId: ids[1] });
    must(state, bob, { type: 'card.ungroup', cardId: ids[2] });
    expect(state.cards.get(ids[2])!.groupId).toBeNull();
    expect(state.cards.get(ids[0])!.groupId).not.toBeNull();
    expect(run(state, bob, { type: 'card.ungroup', cardId: ids[2] })).toMatchObject({ ok: true, events: [] });
  });

  it('GR-3 dissolves a group of one and hands its votes to the last card', () => {
    const { state, ids } = revealed(3);
    must(state, alice, { type: 'card.group', cardId: ids[0], withCardId: ids[1] });
    const group = state.cards.get(ids[0])!.groupId!;
    moveTo(state, 'vote');
    must(state, alice, { type: 'vote.cast', itemId: group });
    must(state, bob, { type: 'vote.cast', itemId: group });
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.ungroup', cardId: ids[0] });
    expect(state.groups.has(group)).toBe(false);
    expect(state.cards.get(ids[1])!.groupId).toBeNull();
    expect(votesOf(state, alice.voterTag)).toEqual({ [ids[1]]: 1 });
    expect(votesOf(state, bob.voterTag)).toEqual({ [ids[1]]: 1 });
  });

  it('GR-3 dissolves the old group when its second-last card moves to another group', () => {
    const { state, ids } = revealed(4);
    must(state, alice, { type: 'card.group', cardId: ids[0], withCardId: ids[1] });
    const first = state.cards.get(ids[0])!.groupId!;
    must(state, alice, { type: 'card.group', cardId: ids[2], withCardId: ids[3] });
    must(state, alice, { type: 'card.group', cardId: ids[0], withCardId: ids[2] });
    expect(state.groups.has(first)).toBe(false);
    expect(state.cards.get(ids[1])!.groupId).toBeNull();
  });

  it('GR-3 dissolves a group when deleting a card leaves one', () => {
    const { state, ids } = revealed(2);
    must(state, alice, { type: 'card.group', cardId: ids[0], withCardId: ids[1] });
    must(state, alice, { type: 'card.delete', cardId: ids[0] });
    expect(state.groups.size).toBe(0);
    expect(state.cards.get(ids[1])!.groupId).toBeNull();
  });

  it('GR-4 lets anyone title a group from Reveal to Act, and refuses an unknown group', () => {
    const { state, ids } = revealed(2);
    must(state, alice, { type: 'card.group', cardId: ids[0], withCardId: ids[1] });
    const group = state.cards.get(ids[0])!.groupId!;
    must(state, bob, { type: 'group.title', groupId: group, title: 'Meetings', previous: state.groups.get(group)!.title });
    moveTo(state, 'act');
    must(state, alice, { type: 'group.title', groupId: group, title: 'Too many meetings', previous: 'Meetings' });
    expect(state.groups.get(group)!.title).toBe('Too many meetings');
    expect(run(state, alice, { type: 'group.title', groupId: 'nosuchgroup', title: 'x', previous: '' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('GR-1 refuses grouping outside Reveal', () => {
    const { state, ids } = revealed(2);
    moveTo(state, 'vote');
    expect(run(state, alice, { type: 'card.group', cardId: ids[0], withCardId: ids[1] })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });
});

describe('votes through decide', () => {
  function voteBoard() {
    const state = boardWith();
    const ids = ['a', 'b', 'c', 'd'].map((t) => addCard(state, alice, t));
    moveTo(state, 'vote');
    return { state, ids };
  }

  it('VO-2 refuses a fourth vote when the budget is 3', () => {
    const { state, ids } = voteBoard();
    for (const id of ids.slice(0, 3)) must(state, bob, { type: 'vote.cast', itemId: id });
    expect(run(state, bob, { type: 'vote.cast', itemId: ids[3] })).toMatchObject({ ok: false, code: 'VOTE_BUDGET_EXCEEDED' });
  });

  it('VO-3 refuses a third vote on one item when the cap is 2', () => {
    const { state, ids } = voteBoard();
    must(state, bob, { type: 'vote.cast', itemId: ids[0] });
    must(state, bob, { type: 'vote.cast', itemId: ids[0] });
    expect(run(state, bob, { type: 'vote.cast', itemId: ids[0] })).toMatchObject({ ok: false, code: 'VOTE_CAP_EXCEEDED' });
  });

  it('VO-1 refuses a vote on an item that does not exist', () => {
    const { state } = voteBoard();
    expect(run(state, bob, { type: 'vote.cast', itemId: 'nosuchitem' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('VO-1 records a vote on a card in a group against the group', () => {
    const state = boardWith();
    const [a, b] = ['a', 'b'].map((t) => addCard(state, alice, t));
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.group', cardId: a, withCardId: b });
    moveTo(state, 'vote');
    const decision = run(state, bob, { type: 'vote.cast', itemId: a });
    expect(decision).toMatchObject({ ok: true, events: [{ type: 'vote.cast', targetId: state.cards.get(a)!.groupId, voterTag: bob.voterTag }] });
  });

  it('VO-6 retracts one of my votes and refuses when I have none there', () => {
    const { state, ids } = voteBoard();
    must(state, bob, { type: 'vote.cast', itemId: ids[0] });
    must(state, bob, { type: 'vote.cast', itemId: ids[0] });
    must(state, bob, { type: 'vote.retract', itemId: ids[0] });
    expect(votesOf(state, bob.voterTag)).toEqual({ [ids[0]]: 1 });
    expect(run(state, alice, { type: 'vote.retract', itemId: ids[0] })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(run(state, bob, { type: 'vote.retract', itemId: 'nosuchitem' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('VO-7 refuses votes outside the Vote phase', () => {
    const { state, ids } = voteBoard();
    moveTo(state, 'discuss');
    expect(run(state, bob, { type: 'vote.cast', itemId: ids[0] })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(run(state, bob, { type: 'vote.retract', itemId: ids[0] })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('VO-8 refuses a per-item cap above the budget', () => {
    const state = boardWith();
    expect(run(state, fran, { type: 'settings.update', voteBudget: 2, perItemCap: 3 })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    must(state, fran, { type: 'settings.update', voteBudget: 5, perItemCap: 5 });
    expect(state.settings).toEqual({ voteBudget: 5, perItemCap: 5 });
  });

  it('VO-8 uses the new budget once changed', () => {
    const state = boardWith();
    must(state, fran, { type: 'settings.update', voteBudget: 1, perItemCap: 1 });
    const [a, b] = ['a', 'b'].map((t) => addCard(state, alice, t));
    moveTo(state, 'vote');
    must(state, bob, { type: 'vote.cast', itemId: a });
    expect(run(state, bob, { type: 'vote.cast', itemId: b })).toMatchObject({ ok: false, code: 'VOTE_BUDGET_EXCEEDED' });
  });
});

describe('discussion', () => {
  it('DI-2 selects an existing item and remembers it as discussed once', () => {
    const { state, a, b } = discussBoard();
    must(state, fran, { type: 'discuss.select', itemId: a });
    must(state, fran, { type: 'discuss.select', itemId: b });
    must(state, fran, { type: 'discuss.select', itemId: a });
    expect(state.currentItemId).toBe(a);
    expect(state.discussedItemIds).toEqual([a, b]);
    expect(run(state, fran, { type: 'discuss.select', itemId: 'nosuchitem' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('DI-3 computes endsAt from the server clock, not from the client', () => {
    const state = boardWith();
    const decision = run(state, fran, { type: 'timer.start', durationSec: 300 }, testContext(NOW + 5000));
    expect(decision).toMatchObject({ ok: true, events: [{ type: 'timer.started', endsAt: NOW + 5000 + 300_000, durationMs: 300_000 }] });
    expect(state.timer).toEqual({ endsAt: NOW + 5000 + 300_000, durationMs: 300_000, pausedMs: null });
  });

  it('DI-3 stops a running timer, keeps its duration, and records nothing when none runs', () => {
    const state = boardWith();
    must(state, fran, { type: 'timer.start', durationSec: 60 });
    must(state, fran, { type: 'timer.stop' });
    expect(state.timer).toEqual({ endsAt: null, durationMs: 60_000, pausedMs: null });
    expect(run(state, fran, { type: 'timer.stop' })).toMatchObject({ ok: true, events: [] });
  });

  it('DI-4 closing the retro stops a running timer', () => {
    const { state } = discussBoard();
    must(state, fran, { type: 'timer.start', durationSec: 60 });
    must(state, fran, { type: 'phase.set', phase: 'act' });
    must(state, fran, { type: 'timer.start', durationSec: 60 });
    expect(state.timer.endsAt).not.toBeNull();
    must(state, fran, { type: 'phase.set', phase: 'closed' });
    expect(state.timer).toEqual({ endsAt: null, durationMs: 0, pausedMs: null });
  });
});

describe('actions', () => {
  it('AC-1 creates an action on an existing item and acks its id', () => {
    const { state, a } = discussBoard();
    const { actionId } = must<{ actionId: string }>(state, bob, { type: 'action.create', itemId: a, text: 'Book a room' });
    expect(state.actions.get(actionId)).toEqual({ id: actionId, itemId: a, initialText: 'Book a room', owners: [], dueDate: '2023-11-28', consensus: null, askOf: null, done: false, ownerDone: null });
    expect(run(state, bob, { type: 'action.create', itemId: 'nosuchitem', text: 'x' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('AC-1 refuses actions before Discuss', () => {
    const state = boardWith();
    const a = addCard(state, alice, 'a');
    moveTo(state, 'vote');
    expect(run(state, bob, { type: 'action.create', itemId: a, text: 'x' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('AC-2 volunteering toggles the participant as owner; repeating records nothing', () => {
    const { state, a } = discussBoard();
    const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: a, text: 'x' });
    must(state, alice, { type: 'action.volunteer', actionId, volunteer: true });
    must(state, bob, { type: 'action.volunteer', actionId, volunteer: true });
    expect(run(state, alice, { type: 'action.volunteer', actionId, volunteer: true })).toMatchObject({ ok: true, events: [] });
    expect(state.actions.get(actionId)!.owners).toEqual([alice.participantId, bob.participantId]);
    must(state, alice, { type: 'action.volunteer', actionId, volunteer: false });
    expect(state.actions.get(actionId)!.owners).toEqual([bob.participantId]);
    expect(run(state, alice, { type: 'action.volunteer', actionId: 'nosuchaction', volunteer: true })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('AC-4 sets and clears a due date', () => {
    const { state, a } = discussBoard();
    const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: a, text: 'x' });
    must(state, alice, { type: 'action.due', actionId, dueDate: '2030-05-01' });
    expect(state.actions.get(actionId)!.dueDate).toBe('2030-05-01');
    must(state, alice, { type: 'action.due', actionId, dueDate: null });
    expect(state.actions.get(actionId)!.dueDate).toBeNull();
    expect(run(state, alice, { type: 'action.due', actionId: 'nosuchaction', dueDate: null })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('AC-5 lets the facilitator delete an action, and nobody else who is not helping with it', () => {
    const { state, a } = discussBoard();
    const { actionId } = must<{ actionId: string }>(state, alice, { type: 'action.create', itemId: a, text: 'x' });
    expect(run(state, alice, { type: 'action.delete', actionId })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    must(state, fran, { type: 'action.delete', actionId });
    expect(state.actions.has(actionId)).toBe(false);
    expect(run(state, fran, { type: 'action.delete', actionId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
