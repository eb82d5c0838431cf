import { describe, expect, it } from 'vitest';
import { notesKey } from '../protocol/events.js';
import { Command } from '../protocol/messages.js';
import { MarkPromiseRequest } from '../protocol/closeRetro.js';
import { EVENT_AT_REST } from './atRest.js';
import { buildTeamHistory, reviewSeeds } from './team.js';
import { addCard, alice, bob, fran, moveTo, must, NOW, REVIEW, run, teamBoardWith } from './testBoard.js';
import { viewOf } from './visibility.js';
import { evolve } from './board.js';
import { ownerWordEvents, promisedBy } from './ownerWord.js';

/** A closed team retro with one action Alice promised to help with, and one ask nobody here took. */
function closedWithAlicesPromise() {
  const state = teamBoardWith([]);
  moveTo(state, 'write');
  const item = addCard(state, bob, 'deploys are scary');
  moveTo(state, 'discuss');
  const { actionId } = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: item, text: 'Pair on deploys' });
  must(state, alice, { type: 'action.volunteer', actionId, volunteer: true });
  const ask = must<{ actionId: string }>(state, fran, { type: 'action.create', itemId: item, text: 'A staging cluster', askOf: 'Platform team' }).actionId;
  return { state, actionId, ask, item };
}

describe('RE-13 an owner marks a promise done between retros', () => {
  it('RE-13 only an owner marks it, in Close, on the server’s day; the facilitator and anyone else are NOT_YOURS', () => {
    const { state, actionId, ask } = closedWithAlicesPromise();
    // in the retro the room ticks it (AC-6); this is for afterwards
    expect(run(state, alice, { type: 'promise.mark', actionId, done: true })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    moveTo(state, 'closed');
    expect(run(state, fran, { type: 'promise.mark', actionId, done: true })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(run(state, bob, { type: 'promise.mark', actionId, done: true })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(run(state, alice, { type: 'promise.mark', actionId: ask, done: true })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(run(state, alice, { type: 'promise.mark', actionId: 'no-such-action', done: true })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const marked = run(state, alice, { type: 'promise.mark', actionId, done: true });
    expect(marked).toMatchObject({ ok: true, events: [{ type: 'promise.marked', actionId, participantId: alice.participantId, on: '2023-11-14' }] });
    expect(new Date(NOW).toISOString().slice(0, 10)).toBe('2023-11-14');
    expect(viewOf(state, { kind: 'public' }).board.actions.find((a) => a.id === actionId)!.ownerDone).toEqual({ by: 'Alice', on: '2023-11-14' });
  });

  it('RE-13 marking it so again records nothing; undoing it clears the day; a lock left on at Close does not hold it', () => {
    const { state, actionId } = closedWithAlicesPromise();
    must(state, fran, { type: 'board.lock', locked: true });
    moveTo(state, 'closed');
    must(state, alice, { type: 'promise.mark', actionId, done: true });
    expect(run(state, alice, { type: 'promise.mark', actionId, done: true })).toEqual({ ok: true, events: [], data: {} });
    expect(run(state, alice, { type: 'promise.mark', actionId, done: false })).toMatchObject({ ok: true, events: [{ type: 'promise.marked', on: null }] });
    expect(state.actions.get(actionId)!.ownerDone).toBeNull();
    expect(run(state, alice, { type: 'promise.mark', actionId, done: false })).toEqual({ ok: true, events: [], data: {} });
  });

  it('RE-13 on a promise two share, a mark is taken back only by whoever made it; the other may mark it once it is not marked', () => {
    const { state, actionId } = closedWithAlicesPromise();
    must(state, bob, { type: 'action.volunteer', actionId, volunteer: true });
    moveTo(state, 'closed');
    expect(promisedBy(state, bob.participantId)).toEqual([actionId]);
    must(state, alice, { type: 'promise.mark', actionId, done: true });
    expect(run(state, bob, { type: 'promise.mark', actionId, done: false })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(run(state, bob, { type: 'promise.mark', actionId, done: true })).toEqual({ ok: true, events: [], data: {} });
    expect(promisedBy(state, bob.participantId)).toEqual([]);
    expect(promisedBy(state, alice.participantId)).toEqual([actionId]);
    must(state, alice, { type: 'promise.mark', actionId, done: false });
    must(state, bob, { type: 'promise.mark', actionId, done: true });
    expect(viewOf(state, { kind: 'public' }).board.actions.find((a) => a.id === actionId)!.ownerDone).toEqual({ by: 'Bob', on: '2023-11-14' });
    expect(run(state, alice, { type: 'promise.mark', actionId, done: false })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
  });

  it('RE-13 AR-1 it is a named public fact, kept in the public log beside the promise’s owners', () => {
    expect(EVENT_AT_REST['promise.marked']).toBe('public-log');
    expect(EVENT_AT_REST['promise.marked']).toBe(EVENT_AT_REST['action.owner']);
  });

  it('RE-13 the team history shows it, and the next retro’s Review receives it with the promise, still unreviewed', () => {
    const { state, actionId } = closedWithAlicesPromise();
    moveTo(state, 'closed');
    must(state, alice, { type: 'promise.mark', actionId, done: true });
    const notes = { [notesKey.action(actionId)]: 'Pair on deploys' };
    const history = buildTeamHistory({ id: 'team-under-test', name: 'Platform', createdAt: NOW }, [{ boardId: 'board-retro-1', createdAt: NOW, view: viewOf(state, { kind: 'public' }).board, notes }]);
    const ours = history.retros[0]!.actions.find((a) => a.ref === `board-retro-1:${actionId}`)!;
    // still open: the room's word (RE-2) is what closes it
    expect(ours).toMatchObject({ status: 'open', ownerDone: { by: 'Alice', on: '2023-11-14' } });
    const seeds = reviewSeeds(history);
    expect(seeds.find((s) => s.ref === ours.ref)).toMatchObject({ text: 'Pair on deploys', ownerDone: { by: 'Alice', on: '2023-11-14' } });
    expect(seeds.find((s) => s.ref !== ours.ref)).not.toHaveProperty('ownerDone');
    const next = teamBoardWith(seeds);
    expect(viewOf(next, { kind: 'public' }).board.review.find((r) => r.ref === ours.ref)).toMatchObject({ status: null, ownerDone: { by: 'Alice', on: '2023-11-14' } });
  });

  it('RE-13 RE-1 RE-4 the word reaches a retro made before it, until it is closed, as a word beside the Review’s own mark', () => {
    const next = teamBoardWith(REVIEW);
    const ref = REVIEW[0]!.ref;
    const word = { by: 'Alice', on: '2023-11-14' };
    const events = ownerWordEvents(next, ref, word);
    expect(events).toEqual([{ type: 'review.ownerWord', ref, ownerDone: word }]);
    expect(EVENT_AT_REST['review.ownerWord']).toBe('public-log');
    for (const event of events) evolve(next, event);
    expect(viewOf(next, { kind: 'public' }).board.review[0]).toMatchObject({ status: null, ownerDone: word });
    // said so already: nothing; a promise the list does not hold: nothing
    expect(ownerWordEvents(next, ref, { ...word })).toEqual([]);
    expect(ownerWordEvents(next, 'board-earlier:action-9999', word)).toEqual([]);
    // the room's mark stays the record, and the word stays beside it; taken back, it is gone
    must(next, fran, { type: 'review.mark', ref, status: 'not-done', carry: true });
    for (const event of ownerWordEvents(next, ref, null)) evolve(next, event);
    expect(viewOf(next, { kind: 'public' }).board.review[0]).toMatchObject({ status: 'not-done', carry: true });
    expect(next.review[0]).not.toHaveProperty('ownerDone');
    // a closed retro's Review is a record: no word reaches it any more
    moveTo(next, 'closed');
    expect(ownerWordEvents(next, ref, word)).toEqual([]);
  });

  it('RE-13 IN-* the command and the team page’s request take only what they need', () => {
    expect(Command.safeParse({ id: 'cmd-00000001', type: 'promise.mark', actionId: 'action-0001', done: true }).success).toBe(true);
    expect(Command.safeParse({ id: 'cmd-00000001', type: 'promise.mark', actionId: 'action-0001', done: 'yes' }).success).toBe(false);
    expect(Command.safeParse({ id: 'cmd-00000001', type: 'promise.mark', actionId: 'action-0001', done: true, on: '2020-01-01' }).success).toBe(false);
    const request = { id: 'cmd-00000001', participantId: 'participant-1', secret: 'x'.repeat(32), name: 'Alice', actionId: 'action-0001', done: true };
    expect(MarkPromiseRequest.safeParse(request).success).toBe(true);
    expect(MarkPromiseRequest.safeParse({ ...request, actionId: '../x' }).success).toBe(false);
    expect(MarkPromiseRequest.safeParse({ ...request, participantId: undefined }).success).toBe(false);
    expect(MarkPromiseRequest.safeParse({ ...request, by: 'Bob' }).success).toBe(false);
  });
});
