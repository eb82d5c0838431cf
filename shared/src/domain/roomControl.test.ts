import { describe, expect, it } from 'vitest';
import { entryFor, mayStay, membersEvent } from './access.js';
import type { BoardState } from './board.js';
import { defaultRetroName } from './naming.js';
import { everyoneDone, progressOf } from './progress.js';
import { addCard, alice, bob, boardWith, fran, moveTo, must, run, setOnline, testContext } from './testBoard.js';
import { evolve } from './board.js';
import { evolveRoster } from './roster.js';
import { LIMITS } from './limits.js';
import { personalViewOf, viewOf } from './visibility.js';

const viewerOf = (who: typeof alice) => ({ kind: 'participant' as const, ...who });
const publicOf = (state: BoardState) => viewOf(state, { kind: 'public' }).board;
const arrival = (participantId: string, extra: Partial<Parameters<typeof entryFor>[1]> = {}) => ({
  participantId,
  known: true,
  facilitatorKeyOk: false,
  passwordHash: null,
  ...extra,
});

describe('names', () => {
  it('NA-1 names a retro without a name after its team and number, or after the day', () => {
    const day = new Date('2026-11-30T23:59:00Z');
    expect(defaultRetroName(day, null)).toBe('Retro 2026-11-30');
    expect(defaultRetroName(day, { name: 'Platform', retroCount: 0 })).toBe('Platform retro #1');
    expect(defaultRetroName(day, { name: 'Platform', retroCount: 6 })).toBe('Platform retro #7');
    expect(defaultRetroName(day, { name: 'Zahlungsteam', retroCount: 0 }, 'de')).toBe('Zahlungsteam Retro Nr. 1');
    expect(defaultRetroName(day, { name: 'x'.repeat(100), retroCount: 11 }, 'de').length).toBeLessThanOrEqual(100);
    expect(defaultRetroName(day, { name: 'x'.repeat(100), retroCount: 11 }).length).toBeLessThanOrEqual(100);
  });

  it('NA-2 the facilitator renames the retro live; a participant cannot', () => {
    const state = boardWith();
    expect(run(state, alice, { type: 'board.rename', name: 'Mine now' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    must(state, fran, { type: 'board.rename', name: 'Sprint 43' });
    expect(publicOf(state).name).toBe('Sprint 43');
    expect(run(state, fran, { type: 'board.rename', name: 'Sprint 43' })).toMatchObject({ ok: true, events: [] });
  });
});

describe("I'm done", () => {
  it('DN-1 marks and unmarks the sender in the current stage, Write and Vote separately', () => {
    const state = boardWith();
    must(state, alice, { type: 'done.mark', done: true });
    expect(personalViewOf(state, viewerOf(alice)).doneIn).toEqual({ write: true, vote: false });
    expect(publicOf(state).participants.find((p) => p.name === 'Alice')?.done).toBe(true);
    addCard(state, bob, 'a card');
    moveTo(state, 'vote');
    // her view does not change with the phase: each stage's mark stays its own
    expect(personalViewOf(state, viewerOf(alice)).doneIn).toEqual({ write: true, vote: false });
    expect(publicOf(state).participants.find((p) => p.name === 'Alice')?.done).toBe(false);
    must(state, alice, { type: 'done.mark', done: true });
    expect(personalViewOf(state, viewerOf(alice)).doneIn).toEqual({ write: true, vote: true });
    must(state, alice, { type: 'done.mark', done: false });
    expect(personalViewOf(state, viewerOf(alice)).doneIn).toEqual({ write: true, vote: false });
    moveTo(state, 'discuss');
    expect(run(state, alice, { type: 'done.mark', done: true })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(publicOf(state).progress).toBeNull();
  });

  it('DN-1 a mark pressed for a stage that is over (sent late, from a page that was offline) is refused, nobody marked', () => {
    const state = boardWith();
    must(state, alice, { type: 'done.mark', done: true, stage: 'write' });
    expect(personalViewOf(state, viewerOf(alice)).doneIn).toEqual({ write: true, vote: false });
    addCard(state, bob, 'a card');
    moveTo(state, 'vote');
    expect(run(state, bob, { type: 'done.mark', done: true, stage: 'write' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(progressOf(state)).toMatchObject({ stage: 'vote', done: 0 });
    expect(personalViewOf(state, viewerOf(bob)).doneIn).toEqual({ write: false, vote: false });
    must(state, bob, { type: 'done.mark', done: true, stage: 'vote' });
    expect(progressOf(state)).toMatchObject({ stage: 'vote', done: 1 });
  });

  it('DN-2 counts "x of y done" among the people online; away people count on neither side', () => {
    const state = boardWith();
    must(state, alice, { type: 'done.mark', done: true });
    must(state, bob, { type: 'done.mark', done: true });
    expect(progressOf(state)).toEqual({ stage: 'write', done: 2, of: 3 });
    setOnline(state, bob, 1);
    expect(progressOf(state)).toEqual({ stage: 'write', done: 1, of: 2 });
    setOnline(state, fran, 1);
    expect(everyoneDone(progressOf(state))).toBe(true);
    setOnline(state, alice, 1);
    expect(everyoneDone(progressOf(state))).toBe(false);
  });

  it('DN-5 only the facilitator resets the done marks of the current stage', () => {
    const state = boardWith();
    must(state, alice, { type: 'done.mark', done: true });
    expect(run(state, alice, { type: 'done.reset' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    must(state, fran, { type: 'done.reset' });
    expect(progressOf(state)).toEqual({ stage: 'write', done: 0, of: 3 });
  });
});

describe('who may join', () => {
  it('JN-1 a password refuses a join without it or with a wrong one; the view only says there is one', () => {
    const state = boardWith();
    must(state, fran, { type: 'access.password', password: 'tulip' });
    expect(entryFor(state, arrival('pid-new', { known: false }))).toMatchObject({ kind: 'refused', code: 'PASSWORD_REQUIRED' });
    expect(entryFor(state, arrival('pid-new', { known: false, passwordHash: 'keyed-hash(rose)' }))).toMatchObject({ kind: 'refused', code: 'WRONG_PASSWORD' });
    expect(entryFor(state, arrival('pid-new', { known: false, passwordHash: 'keyed-hash(tulip)' }))).toEqual({ kind: 'enter', admit: true });
    expect(state.access.passwordHash).toBe('keyed-hash(tulip)');
    expect(JSON.stringify(publicOf(state))).not.toContain('tulip');
    expect(publicOf(state).access).toEqual({ password: true, knock: false, joiningLocked: false });
  });

  it('JN-2 changing the password signs everyone else out until they enter the new one', () => {
    const state = boardWith();
    must(state, fran, { type: 'access.password', password: 'tulip' });
    expect(mayStay(state, alice.participantId)).toBe(false);
    expect(mayStay(state, fran.participantId)).toBe(true);
    state.access.admitted.add(alice.participantId); // alice entered "tulip"
    must(state, fran, { type: 'access.password', password: 'daisy' });
    expect(mayStay(state, alice.participantId)).toBe(false);
    expect(entryFor(state, arrival(alice.participantId, { passwordHash: 'keyed-hash(tulip)' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(entryFor(state, arrival(fran.participantId))).toEqual({ kind: 'enter', admit: false });
    must(state, fran, { type: 'access.password', password: null });
    expect(entryFor(state, arrival(alice.participantId))).toEqual({ kind: 'enter', admit: false });
  });

  it('JN-3 with knock on, newcomers knock; everyone already in stays in; an admitted person enters', () => {
    const state = boardWith();
    must(state, fran, { type: 'access.knock', on: true });
    expect(entryFor(state, arrival(alice.participantId))).toEqual({ kind: 'enter', admit: false });
    expect(entryFor(state, arrival('pid-newcomer', { known: false }))).toEqual({ kind: 'knock' });
    state.knocks.set('knock-00001', { id: 'knock-00001', participantId: 'pid-newcomer', name: 'Nell' });
    expect(personalViewOf(state, viewerOf(fran)).knocks).toEqual([{ id: 'knock-00001', name: 'Nell' }]);
    expect(personalViewOf(state, viewerOf(alice)).knocks).toEqual([]);
    expect(run(state, fran, { type: 'access.admit', knockId: 'knock-99999', admit: true })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(run(state, fran, { type: 'access.admit', knockId: 'knock-00001', admit: false })).toMatchObject({ ok: true, events: [] });
    must(state, fran, { type: 'access.admit', knockId: 'knock-00001', admit: true });
    expect(entryFor(state, arrival('pid-newcomer', { known: false }))).toEqual({ kind: 'enter', admit: false });
  });

  it('JN-4 locked joining refuses newcomers and names who to ask; people already in come back', () => {
    const state = boardWith();
    must(state, fran, { type: 'access.lockJoining', locked: true });
    expect(entryFor(state, arrival('pid-late', { known: false }))).toEqual({
      kind: 'refused',
      code: 'JOINING_LOCKED',
      message: 'Joining is closed for this retro. Ask Fran to open it.',
    });
    expect(entryFor(state, arrival(bob.participantId))).toEqual({ kind: 'enter', admit: false });
  });

  it('JN-4 AB-6 closing the door records everyone in the list with their auth hash, sorted by id; at most membersPerBoard, the longest recorded dropped; a removal forgets it', () => {
    const state = boardWith();
    const ctx = { ...testContext(), authHashOf: (id: string) => `auth-hash(${id})` };
    const lock = run(state, fran, { type: 'access.lockJoining', locked: true }, ctx);
    const everyoneIn = [alice, bob, fran].map((p) => p.participantId).sort();
    expect(lock).toMatchObject({ ok: true, events: [{ type: 'access.joiningLocked' }, { type: 'access.members', members: everyoneIn.map((id) => ({ participantId: id, authHash: `auth-hash(${id})` })) }] });
    // knock on records nobody twice; a removed person is no member
    expect(run(state, fran, { type: 'access.knock', on: true }, ctx)).toMatchObject({ ok: true, events: [{ type: 'access.knockChanged' }] });
    must(state, fran, { type: 'participant.remove', handle: state.participants.get(bob.participantId)!.handle });
    expect([...state.access.members.keys()]).toEqual(everyoneIn.filter((id) => id !== bob.participantId));
    const crowd = Array.from({ length: LIMITS.membersPerBoard }, (_, i) => ({ participantId: `pid-${String(i).padStart(5, '0')}`, authHash: 'h' }));
    evolve(state, { type: 'access.members', members: crowd });
    expect(state.access.members.size).toBe(LIMITS.membersPerBoard);
    expect(state.access.members.has(alice.participantId)).toBe(false);
    expect(state.access.members.has('pid-00000')).toBe(true);
    // one record holds at most membersPerBoard people, the first by id
    const many = Array.from({ length: LIMITS.membersPerBoard + 1 }, (_, i) => `pid-new-${String(LIMITS.membersPerBoard - i).padStart(5, '0')}`);
    const [record] = membersEvent(boardWith(), many, (id) => `auth-hash(${id})`);
    expect(record?.type === 'access.members' && record.members.map((m) => m.participantId)).toEqual([...many].sort().slice(0, LIMITS.membersPerBoard));
  });

  it('JN-3 JN-4 turning the knock on lets in, besides the people listed, those the door knows as in the room though AB-6 forgot them', () => {
    const state = boardWith();
    const ctx = { ...testContext(), authHashOf: (id: string) => `auth-hash(${id})` };
    run(state, fran, { type: 'access.lockJoining', locked: true }, ctx);
    evolveRoster(state, { type: 'participant.forgotten', participantId: alice.participantId });
    expect(entryFor(state, arrival(alice.participantId))).toEqual({ kind: 'enter', admit: false });
    expect(run(state, fran, { type: 'access.knock', on: true }, ctx)).toMatchObject({ ok: true });
    expect(entryFor(state, arrival(alice.participantId))).toEqual({ kind: 'enter', admit: false });
    expect(entryFor(state, arrival('pid-late', { known: false }))).toMatchObject({ kind: 'refused', code: 'JOINING_LOCKED' });
  });

  it('JN-5 the facilitator and the holder of the facilitator link never wait at the door', () => {
    const state = boardWith();
    must(state, fran, { type: 'access.password', password: 'tulip' });
    must(state, fran, { type: 'access.knock', on: true });
    must(state, fran, { type: 'access.lockJoining', locked: true });
    expect(entryFor(state, arrival(fran.participantId))).toMatchObject({ kind: 'enter' });
    expect(entryFor(state, arrival('pid-creator-new-device', { known: false, facilitatorKeyOk: true }))).toEqual({ kind: 'enter', admit: true });
  });
});

describe('lock, remove, hide', () => {
  it('LK-1 a locked board refuses every participant write with BOARD_LOCKED, in every phase; the facilitator still acts', () => {
    const state = boardWith();
    must(state, fran, { type: 'board.lock', locked: true });
    expect(publicOf(state).locked).toBe(true);
    expect(run(state, alice, { type: 'card.add', columnId: 'start', text: 'x' })).toMatchObject({ ok: false, code: 'BOARD_LOCKED' });
    expect(run(state, alice, { type: 'done.mark', done: true })).toMatchObject({ ok: false, code: 'BOARD_LOCKED' });
    addCard(state, fran, 'the facilitator writes');
    moveTo(state, 'vote');
    const item = publicOf(state).cards[0]!.id;
    expect(run(state, alice, { type: 'vote.cast', itemId: item })).toMatchObject({ ok: false, code: 'BOARD_LOCKED' });
    expect(run(state, alice, { type: 'facilitator.claim' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    must(state, fran, { type: 'board.lock', locked: false });
    must(state, alice, { type: 'vote.cast', itemId: item });
  });

  it('MO-1 the facilitator removes a participant: gone from the view, named in `removed`, never admitted again', () => {
    const state = boardWith();
    expect(run(state, fran, { type: 'participant.remove', handle: 'handle-fran' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(run(state, alice, { type: 'participant.remove', handle: 'handle-bob' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    must(state, fran, { type: 'participant.remove', handle: 'handle-bob' });
    const view = publicOf(state);
    expect(view.participants.map((p) => p.name)).toEqual(['Alice', 'Fran']);
    expect(view.removed).toEqual(['Bob']);
    expect(mayStay(state, bob.participantId)).toBe(false);
    expect(entryFor(state, arrival(bob.participantId))).toMatchObject({ kind: 'refused', code: 'REMOVED' });
    expect(run(state, fran, { type: 'participant.remove', handle: 'handle-bob' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('MO-3 hiding a revealed card removes it, the votes on it and its place in a group from every view, and names nobody', () => {
    const state = boardWith();
    const abusive = addCard(state, alice, 'ABUSIVE-TEXT');
    const lone = addCard(state, alice, 'LONE-ABUSIVE-TEXT');
    const other = addCard(state, bob, 'fine');
    const third = addCard(state, bob, 'also fine');
    expect(run(state, fran, { type: 'card.hide', cardId: abusive })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    moveTo(state, 'reveal');
    must(state, bob, { type: 'card.group', cardId: abusive, withCardId: other });
    must(state, bob, { type: 'card.group', cardId: third, withCardId: other });
    const group = state.cards.get(other)!.groupId!;
    moveTo(state, 'vote');
    must(state, bob, { type: 'vote.cast', itemId: group });
    must(state, bob, { type: 'vote.cast', itemId: lone });
    expect(run(state, alice, { type: 'card.hide', cardId: abusive })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(run(state, fran, { type: 'card.hide', cardId: abusive })).toEqual({ ok: true, events: [{ type: 'card.hidden', cardId: abusive }], data: {} });
    must(state, fran, { type: 'card.hide', cardId: lone });
    const view = publicOf(state);
    expect(JSON.stringify(view)).not.toContain('ABUSIVE-TEXT');
    expect(view.cards.map((c) => c.id).sort()).toEqual([other, third].sort());
    expect(view.groups.map((g) => g.cardIds.sort())).toEqual([[other, third].sort()]);
    expect(view.hiddenCards).toBe(2);
    expect(view.cardCount).toBe(2);
    expect(personalViewOf(state, viewerOf(alice)).cards).toEqual([]);
    // the vote on the group stays; the vote on the hidden lone card is given back
    expect(personalViewOf(state, viewerOf(bob)).votesLeft).toBe(2);
  });
});

describe('signing', () => {
  it('SG-1 an author shows their name on their own card after the reveal, and can take it off again', () => {
    const state = boardWith();
    const card = addCard(state, alice, 'I am stuck on the deploy');
    expect(run(state, alice, { type: 'card.sign', cardId: card, signed: true })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    moveTo(state, 'reveal');
    must(state, alice, { type: 'card.sign', cardId: card, signed: true });
    expect(publicOf(state).cards.find((c) => c.id === card)?.signedBy).toBe('Alice');
    expect(personalViewOf(state, viewerOf(alice)).cards[0]?.signed).toBe(true);
    must(state, alice, { type: 'card.sign', cardId: card, signed: false });
    expect(publicOf(state).cards.find((c) => c.id === card)?.signedBy).toBeNull();
  });

  it('SG-2 nobody else can put a name on a card — the facilitator included', () => {
    const state = boardWith();
    const card = addCard(state, alice, 'anonymous thought');
    moveTo(state, 'reveal');
    expect(run(state, fran, { type: 'card.sign', cardId: card, signed: true })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(run(state, bob, { type: 'card.sign', cardId: card, signed: true })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(publicOf(state).cards[0]?.signedBy).toBeNull();
  });
});

describe('vote settings mid-vote', () => {
  it('VO-10 during Vote the budget and cap only go up, and the refusal is the same however people voted', () => {
    const refusals = [0, 1, 2].map((votes) => {
      const state = boardWith();
      const [a] = ['a', 'b'].map((t) => addCard(state, alice, t));
      moveTo(state, 'vote');
      for (let i = 0; i < votes; i++) must(state, bob, { type: 'vote.cast', itemId: a! });
      // the old refusal said the most votes anyone had spent: probing it gave the facilitator a live view of votes
      return [
        run(state, fran, { type: 'settings.update', voteBudget: 2, perItemCap: 2 }),
        run(state, fran, { type: 'settings.update', voteBudget: 3, perItemCap: 1 }),
        run(state, fran, { type: 'settings.update', voteBudget: 1, perItemCap: 1 }),
      ];
    });
    for (const r of refusals) expect(r).toEqual(refusals[0]);
    expect(refusals[0]![0]).toMatchObject({ ok: false, code: 'ONLY_RAISED_WHILE_VOTING' });
    expect(refusals[0]![1]).toMatchObject({ ok: false, code: 'ONLY_RAISED_WHILE_VOTING' });
  });

  it('VO-10 raising during Vote gives everyone more votes; outside Vote the settings may go down', () => {
    const state = boardWith();
    const [a, b] = ['a', 'b'].map((t) => addCard(state, alice, t));
    moveTo(state, 'vote');
    must(state, bob, { type: 'vote.cast', itemId: a! });
    must(state, bob, { type: 'vote.cast', itemId: a! });
    must(state, fran, { type: 'settings.update', voteBudget: 5, perItemCap: 3 });
    expect(personalViewOf(state, viewerOf(bob)).votesLeft).toBe(3);
    moveTo(state, 'reveal');
    must(state, fran, { type: 'settings.update', voteBudget: 2, perItemCap: 2 });
    moveTo(state, 'vote');
    expect(personalViewOf(state, viewerOf(bob)).votesLeft).toBe(0);
    expect(run(state, bob, { type: 'vote.cast', itemId: b! })).toMatchObject({ ok: false, code: 'VOTE_BUDGET_EXCEEDED' });
  });
});
