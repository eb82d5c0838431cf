import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits.js';
import { actionKind } from './offers.js';
import { addCard, alice, bob, boardWith, fran, moveTo, must, run } from './testBoard.js';
import { viewOf } from './visibility.js';

/** A board in Discuss with one item selected (discussed) and one not yet. */
function discussing() {
  const state = boardWith();
  const item = addCard(state, alice, 'Not my job to fix the deploy script');
  const other = addCard(state, bob, 'Release notes are always late');
  moveTo(state, 'discuss');
  must(state, fran, { type: 'discuss.select', itemId: item });
  return { state, item, other };
}

const publicView = (state: ReturnType<typeof discussing>['state']) => viewOf(state, { kind: 'public' }).board;

describe('offers of help (the guided move)', () => {
  it('OF-1 anyone offers help on a discussed item; an item not discussed yet or unknown is NOT_FOUND', () => {
    const { state, item, other } = discussing();
    const { offerId } = must<{ offerId: string }>(state, bob, { type: 'offer.add', itemId: item, text: 'I can pair on the deploy' });
    expect(state.offers.get(offerId)).toEqual({ id: offerId, itemId: item, participantId: bob.participantId, text: 'I can pair on the deploy', actionId: null });
    expect(run(state, bob, { type: 'offer.add', itemId: other, text: 'x' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(run(state, bob, { type: 'offer.add', itemId: 'nosuchitem', text: 'x' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('OF-1 AC-9 in Act anyone offers help on any item, discussed or not (as an action may be planned on any); an unknown one is NOT_FOUND', () => {
    const { state, other } = discussing();
    moveTo(state, 'act');
    const { offerId } = must<{ offerId: string }>(state, bob, { type: 'offer.add', itemId: other, text: 'I can draft the notes' });
    expect(state.offers.get(offerId)).toMatchObject({ itemId: other, participantId: bob.participantId });
    expect(run(state, bob, { type: 'offer.add', itemId: 'nosuchitem', text: 'x' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('OF-1 offers are made only in Discuss and Act', () => {
    const { state, item } = discussing();
    moveTo(state, 'act');
    expect(run(state, alice, { type: 'offer.add', itemId: item, text: 'I can review the runbook' })).toMatchObject({ ok: true });
    moveTo(state, 'closed');
    expect(run(state, alice, { type: 'offer.add', itemId: item, text: 'late' })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('OF-2 an offer is named in the public view; the card it answers stays anonymous', () => {
    const { state, item } = discussing();
    const { offerId } = must<{ offerId: string }>(state, bob, { type: 'offer.add', itemId: item, text: 'I can pair on the deploy' });
    const view = viewOf(state, { kind: 'participant', ...bob });
    expect(view.board.offers).toEqual([{ id: offerId, itemId: item, name: 'Bob', text: 'I can pair on the deploy', actionId: null }]);
    expect(view.me!.offerIds).toEqual([offerId]);
    expect(viewOf(state, { kind: 'participant', ...alice }).me!.offerIds).toEqual([]);
    const json = JSON.stringify(view.board);
    expect(json).not.toContain(bob.participantId);
    expect(json).not.toContain(alice.authorTag);
  });

  it(`OF-2 one person has at most ${LIMITS.offersPerPerson} open offers; the next is OFFER_LIMIT`, () => {
    const { state, item } = discussing();
    for (let i = 0; i < LIMITS.offersPerPerson; i++) must(state, bob, { type: 'offer.add', itemId: item, text: `offer ${i}` });
    expect(run(state, bob, { type: 'offer.add', itemId: item, text: 'one more' })).toMatchObject({ ok: false, code: 'OFFER_LIMIT' });
    expect(run(state, alice, { type: 'offer.add', itemId: item, text: 'mine' })).toMatchObject({ ok: true });
  });

  it('OF-3 only its author withdraws an offer — not even the facilitator; unknown is NOT_FOUND', () => {
    const { state, item } = discussing();
    const { offerId } = must<{ offerId: string }>(state, bob, { type: 'offer.add', itemId: item, text: 'I can pair' });
    expect(run(state, alice, { type: 'offer.withdraw', offerId })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(run(state, fran, { type: 'offer.withdraw', offerId })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(run(state, bob, { type: 'offer.withdraw', offerId: 'nosuchoffer' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    must(state, bob, { type: 'offer.withdraw', offerId });
    expect(state.offers.size).toBe(0);
  });

  it('OF-4 the facilitator turns an offer into an action in one command: its text, its item, its author helping, the default due date', () => {
    const { state, item } = discussing();
    const { offerId } = must<{ offerId: string }>(state, bob, { type: 'offer.add', itemId: item, text: 'I can pair on the deploy' });
    expect(run(state, alice, { type: 'offer.accept', offerId })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    const { actionId } = must<{ actionId: string }>(state, fran, { type: 'offer.accept', offerId });
    expect(state.actions.get(actionId)).toMatchObject({ itemId: item, initialText: 'I can pair on the deploy', owners: [bob.participantId], dueDate: '2023-11-28', askOf: null });
    expect(state.offers.get(offerId)!.actionId).toBe(actionId);
    expect(viewOf(state, { kind: 'participant', ...bob }).me!.actionIds).toEqual([actionId]);
    expect(run(state, fran, { type: 'offer.accept', offerId })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(run(state, bob, { type: 'offer.withdraw', offerId })).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('OF-5 deleting the action made of an offer makes it an offer again', () => {
    const { state, item } = discussing();
    const { offerId } = must<{ offerId: string }>(state, bob, { type: 'offer.add', itemId: item, text: 'I can pair' });
    const { actionId } = must<{ actionId: string }>(state, fran, { type: 'offer.accept', offerId });
    must(state, fran, { type: 'action.delete', actionId });
    expect(state.offers.get(offerId)!.actionId).toBeNull();
    must(state, bob, { type: 'offer.withdraw', offerId });
  });
});

describe('ours or an ask', () => {
  it('AK-1 an action may be created as an ask of a named role or team, or made one later, and cleared', () => {
    const { state, item } = discussing();
    const { actionId } = must<{ actionId: string }>(state, alice, { type: 'action.create', itemId: item, text: 'A staging cluster we can rely on', askOf: 'Platform team' });
    expect(state.actions.get(actionId)!.askOf).toBe('Platform team');
    expect(publicView(state).actions[0]).toMatchObject({ kind: 'ask', askOf: 'Platform team' });
    const other = must<{ actionId: string }>(state, bob, { type: 'action.create', itemId: item, text: 'Budget for the cluster' }).actionId;
    must(state, bob, { type: 'action.ask', actionId: other, askOf: 'Head of engineering' });
    expect(state.actions.get(other)!.askOf).toBe('Head of engineering');
    expect(run(state, bob, { type: 'action.ask', actionId: other, askOf: 'Head of engineering' })).toMatchObject({ ok: true, events: [] });
    must(state, bob, { type: 'action.ask', actionId: other, askOf: null });
    expect(actionKind(state.actions.get(other)!)).toBe('untaken');
    expect(run(state, bob, { type: 'action.ask', actionId: 'nosuchaction', askOf: 'x' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('AK-2 an action someone here took is ours: making it an ask is CONFLICT, and taking an ask makes it ours', () => {
    const { state, item } = discussing();
    const { actionId } = must<{ actionId: string }>(state, alice, { type: 'action.create', itemId: item, text: 'Rewrite the deploy script' });
    must(state, alice, { type: 'action.volunteer', actionId, volunteer: true });
    expect(run(state, bob, { type: 'action.ask', actionId, askOf: 'Ops' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    const ask = must<{ actionId: string }>(state, bob, { type: 'action.create', itemId: item, text: 'Staging cluster', askOf: 'Platform team' }).actionId;
    must(state, bob, { type: 'action.volunteer', actionId: ask, volunteer: true });
    expect(state.actions.get(ask)).toMatchObject({ askOf: null, owners: [bob.participantId] });
    expect(actionKind(state.actions.get(ask)!)).toBe('ours');
  });

  it('AK-3 an action is ours with a volunteer, an ask with a named outsider and none, else taken by nobody', () => {
    expect(actionKind({ owners: ['p'], askOf: null })).toBe('ours');
    expect(actionKind({ owners: [], askOf: 'Platform team' })).toBe('ask');
    expect(actionKind({ owners: [], askOf: null })).toBe('untaken');
    const { state, item } = discussing();
    const { actionId } = must<{ actionId: string }>(state, alice, { type: 'action.create', itemId: item, text: 'Someone should fix it' });
    expect(publicView(state).actions[0]).toMatchObject({ id: actionId, kind: 'untaken', askOf: null });
    must(state, alice, { type: 'action.volunteer', actionId, volunteer: true });
    expect(publicView(state).actions[0]!.kind).toBe('ours');
    must(state, alice, { type: 'action.volunteer', actionId, volunteer: false });
    expect(publicView(state).actions[0]!.kind).toBe('untaken');
  });
});
