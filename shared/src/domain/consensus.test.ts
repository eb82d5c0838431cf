import { describe, expect, it } from 'vitest';
import { Command } from '../protocol/messages.js';
import { evolve, type BoardState } from './board.js';
import { LIMITS } from './limits.js';
import { addCard, addPerson, alice, bob, boardWith, everyone, fran, moveTo, must, run, setOnline } from './testBoard.js';
import { viewOf, type Viewer } from './visibility.js';

const PUBLIC: Viewer = { kind: 'public' };
const as = (who: typeof alice): Viewer => ({ kind: 'participant', ...who });

/** A board in Discuss with one action on alice's card; fran, alice and bob are online. */
function withAction() {
  const state = boardWith();
  const item = addCard(state, alice, 'deploys are scary');
  moveTo(state, 'discuss');
  const { actionId } = must<{ actionId: string }>(state, bob, { type: 'action.create', itemId: item, text: 'Deploy on Tuesdays' });
  return { state, actionId, item };
}
const consensusOf = (state: BoardState, actionId: string) => viewOf(state, PUBLIC).board.actions.find((a) => a.id === actionId)!.consensus;
const answer = (state: BoardState, who: typeof alice, actionId: string, value: number) => must(state, who, { type: 'consensus.answer', actionId, value });

describe('consensus check', () => {
  it('CO-1 only the facilitator starts a check, only in Discuss and Act, only on an existing action', () => {
    const { state, actionId } = withAction();
    expect(run(state, alice, { type: 'consensus.start', actionId })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(run(state, fran, { type: 'consensus.start', actionId: 'nosuchaction' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    must(state, fran, { type: 'consensus.start', actionId });
    expect(state.actions.get(actionId)!.consensus).toEqual({ open: true, revealed: false, answers: new Map(), expected: 3 });
    moveTo(state, 'act');
    expect(run(state, fran, { type: 'consensus.start', actionId }).ok).toBe(true);
    moveTo(state, 'closed');
    expect(run(state, fran, { type: 'consensus.start', actionId })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    const early = boardWith();
    expect(run(early, fran, { type: 'consensus.start', actionId })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('CO-1 answers are whole numbers from 0 to 5', () => {
    const cmd = (value: unknown) => ({ id: 'cmd-00000001', type: 'consensus.answer', actionId: 'action_001', value });
    for (const value of [0, 5]) expect(Command.safeParse(cmd(value)).success).toBe(true);
    for (const value of [-1, 6, 2.5, '3', null]) expect(Command.safeParse(cmd(value)).success, String(value)).toBe(false);
  });

  it('CO-1 anyone answers, but only while a check is open', () => {
    const { state, actionId } = withAction();
    expect(run(state, alice, { type: 'consensus.answer', actionId, value: 4 })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(run(state, alice, { type: 'consensus.answer', actionId: 'nosuchaction', value: 4 })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    must(state, fran, { type: 'consensus.start', actionId });
    answer(state, alice, actionId, 4);
    must(state, fran, { type: 'consensus.reveal', actionId });
    expect(run(state, bob, { type: 'consensus.answer', actionId, value: 1 })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(state.actions.get(actionId)!.consensus!.answers.size).toBe(1);
  });

  it('CO-1 answering again replaces my answer', () => {
    const { state, actionId } = withAction();
    must(state, fran, { type: 'consensus.start', actionId });
    answer(state, alice, actionId, 1);
    answer(state, alice, actionId, 5);
    expect(state.actions.get(actionId)!.consensus!.answers).toEqual(new Map([[alice.consensusTag, 5]]));
    expect(state.actions.get(actionId)!.consensus!.open).toBe(true);
  });

  it('CO-1 AN-8 answers stay hidden until revealed: the public view shows only how many answered', () => {
    const { state, actionId } = withAction();
    must(state, fran, { type: 'consensus.start', actionId });
    answer(state, alice, actionId, 0);
    answer(state, bob, actionId, 5);
    expect(consensusOf(state, actionId)).toEqual({ open: true, answered: 2, revealed: false, distribution: null, flagged: false });
    const other = withAction();
    must(other.state, fran, { type: 'consensus.start', actionId: other.actionId });
    answer(other.state, alice, other.actionId, 5);
    answer(other.state, bob, other.actionId, 5);
    expect(JSON.stringify(viewOf(other.state, PUBLIC).board)).toBe(JSON.stringify(viewOf(state, PUBLIC).board));
  });

  it('CO-2 reveals by itself once every online participant has answered', () => {
    const { state, actionId } = withAction();
    const dana = addPerson(state, 'Dana');
    must(state, fran, { type: 'consensus.start', actionId });
    answer(state, alice, actionId, 4);
    answer(state, alice, actionId, 3); // a changed answer is still one person
    answer(state, bob, actionId, 5);
    answer(state, dana, actionId, 5);
    expect(consensusOf(state, actionId)!.revealed).toBe(false);
    answer(state, fran, actionId, 4);
    expect(consensusOf(state, actionId)).toEqual({
      open: false,
      answered: 4,
      revealed: true,
      distribution: { min: 0, counts: [0, 0, 0, 1, 1, 2], total: 4, average: 4.25 },
      flagged: false,
    });
  });

  it('CO-2 people who are offline are not waited for', () => {
    const { state, actionId } = withAction();
    setOnline(state, bob, 1);
    must(state, fran, { type: 'consensus.start', actionId });
    answer(state, alice, actionId, 4);
    answer(state, fran, actionId, 4);
    expect(consensusOf(state, actionId)).toMatchObject({ open: false, revealed: true });
  });

  it('CO-2 counts the people who were here when the check started: leaving after answering or joining later changes nothing', () => {
    const { state, actionId } = withAction();
    must(state, fran, { type: 'consensus.start', actionId });
    answer(state, alice, actionId, 4);
    setOnline(state, alice, 1); // Alice answered and left: her answer still counts toward "everyone"
    answer(state, bob, actionId, 5);
    expect(consensusOf(state, actionId)!.revealed).toBe(false);
    answer(state, fran, actionId, 3);
    expect(consensusOf(state, actionId)).toMatchObject({ open: false, revealed: true, answered: 3 });
  });

  it('CO-2 the facilitator may reveal early; nobody else may', () => {
    const { state, actionId } = withAction();
    must(state, fran, { type: 'consensus.start', actionId });
    answer(state, alice, actionId, 4);
    expect(run(state, alice, { type: 'consensus.reveal', actionId })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    must(state, fran, { type: 'consensus.reveal', actionId });
    expect(consensusOf(state, actionId)).toMatchObject({ open: false, revealed: true });
    expect(run(state, fran, { type: 'consensus.reveal', actionId })).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it(`CO-3 AN-8 AN-9 with ${LIMITS.minOthersToShow} answers or fewer the revealed check shows no distribution and no flag`, () => {
    for (const answers of [[0, 1], [0, 1, 5]]) {
      const { state, actionId } = withAction();
      must(state, fran, { type: 'consensus.start', actionId });
      answers.forEach((value, i) => answer(state, [alice, bob, fran][i]!, actionId, value));
      if (consensusOf(state, actionId)!.open) must(state, fran, { type: 'consensus.reveal', actionId });
      expect(consensusOf(state, actionId)).toEqual({ open: false, answered: answers.length, revealed: true, distribution: null, flagged: false });
    }
  });

  it('CO-4 AN-9 flags the action when any of at least 4 answers is 2 or less', () => {
    for (const [low, flagged] of [
      [0, true],
      [2, true],
      [3, false],
    ] as const) {
      const { state, actionId } = withAction();
      const dana = addPerson(state, 'Dana');
      must(state, fran, { type: 'consensus.start', actionId });
      answer(state, alice, actionId, 5);
      answer(state, bob, actionId, 4);
      answer(state, dana, actionId, 5);
      answer(state, fran, actionId, low);
      expect(consensusOf(state, actionId)!.flagged, `lowest ${low}`).toBe(flagged);
      expect(consensusOf(state, actionId)!.distribution!.total).toBe(4);
    }
  });

  it('CO-9 closing the retro closes a check still open: its answers show as a reveal would show them', () => {
    // walk 6: five here, four answered (one "2 — some doubts"), the fifth never did, nobody revealed; the retro closed
    // with the check open for ever, and the summary and every export said nothing of the doubt
    const { state, actionId } = withAction();
    const dana = addPerson(state, 'Dana');
    addPerson(state, 'Eve');
    must(state, fran, { type: 'consensus.start', actionId });
    [[alice, 4], [bob, 5], [fran, 3], [dana, 2]].forEach(([who, value]) => answer(state, who as typeof alice, actionId, value as number));
    moveTo(state, 'act');
    expect(consensusOf(state, actionId)).toMatchObject({ open: true, revealed: false, answered: 4 });
    moveTo(state, 'closed');
    expect(consensusOf(state, actionId)).toMatchObject({ open: false, revealed: true, answered: 4, flagged: true });
    expect(consensusOf(state, actionId)!.distribution!.total).toBe(4);
  });

  it(`CO-9 AN-9 a check closed by Close with ${LIMITS.minOthersToShow} answers or fewer shows no distribution, as a reveal would not`, () => {
    const { state, actionId } = withAction();
    addPerson(state, 'Dana');
    must(state, fran, { type: 'consensus.start', actionId });
    answer(state, alice, actionId, 0);
    answer(state, bob, actionId, 5);
    moveTo(state, 'closed');
    expect(consensusOf(state, actionId)).toEqual({ open: false, answered: 2, revealed: true, distribution: null, flagged: false });
  });

  it('CO-9 a Close stored before CO-9 (its event names no check) leaves its checks as they were', () => {
    const { state, actionId } = withAction();
    must(state, fran, { type: 'consensus.start', actionId });
    answer(state, alice, actionId, 4);
    moveTo(state, 'act');
    evolve(state, { type: 'phase.changed', phase: 'closed', people: 3 });
    expect(consensusOf(state, actionId)).toMatchObject({ open: true, revealed: false, answered: 1 });
  });

  it('CO-5 starting again resets the answers and hides the result', () => {
    const { state, actionId } = withAction();
    const dana = addPerson(state, 'Dana');
    must(state, fran, { type: 'consensus.start', actionId });
    for (const who of [...everyone, dana]) answer(state, who, actionId, 1);
    expect(consensusOf(state, actionId)!.flagged).toBe(true);
    must(state, fran, { type: 'consensus.start', actionId });
    expect(consensusOf(state, actionId)).toEqual({ open: true, answered: 0, revealed: false, distribution: null, flagged: false });
    expect(viewOf(state, as(alice)).me!.consensus).toEqual({});
  });

  it('CO-6 AN-8 the public view never holds a consensus tag; the personal view holds only my own answer', () => {
    const { state, actionId } = withAction();
    must(state, fran, { type: 'consensus.start', actionId });
    answer(state, alice, actionId, 2);
    answer(state, bob, actionId, 5);
    for (const json of [JSON.stringify(viewOf(state, PUBLIC).board), JSON.stringify(viewOf(state, as(alice)))]) {
      expect(json).not.toContain('consensustag');
    }
    expect(viewOf(state, as(alice)).me!.consensus).toEqual({ [actionId]: 2 });
    expect(viewOf(state, as(bob)).me!.consensus).toEqual({ [actionId]: 5 });
    expect(viewOf(state, as(fran)).me!.consensus).toEqual({});
    answer(state, fran, actionId, 3);
    expect(JSON.stringify(viewOf(state, PUBLIC).board)).not.toContain('consensustag');
  });
});
