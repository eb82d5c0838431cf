import { describe, expect, it } from 'vitest';
import { actor, addCard, alice, bob, boardWith, fran, moveTo, must, run } from './testBoard.js';
import { viewOf } from './visibility.js';
import type { BoardState } from './board.js';
import { batchesPublicView, changesPublicView } from './fanout.js';

const carol = actor('carol');
const dave = actor('dave');
const erin = actor('erin');

function discussing() {
  const state = boardWith();
  for (const who of [carol, dave, erin]) {
    const name = who.participantId.split('-')[1]!;
    state.participants.set(who.participantId, { id: who.participantId, name, handle: `handle-${name}`, isFacilitator: false, online: true, offlineSince: null });
  }
  const item = addCard(state, alice, 'The other team never answers');
  const next = addCard(state, bob, 'Deploys are scary');
  moveTo(state, 'discuss');
  must(state, fran, { type: 'discuss.select', itemId: item });
  return { state, item, next };
}

const lensOf = (state: BoardState) => viewOf(state, { kind: 'public' }).board.lens;

describe('trust lens', () => {
  it('TL-1 only the facilitator switches the lens; taps while it is off are CONFLICT', () => {
    const { state, item } = discussing();
    expect(run(state, alice, { type: 'lens.tap', itemId: item, part: 'empathy', on: true })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(run(state, alice, { type: 'lens.set', on: true })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    must(state, fran, { type: 'lens.set', on: true });
    expect(viewOf(state, { kind: 'public' }).board.trustLens).toBe(true);
    expect(run(state, fran, { type: 'lens.set', on: true })).toMatchObject({ ok: true, events: [] });
  });

  it('TL-2 a tap is stored under the trust tag, never the person; tapping again toggles, repeating records nothing', () => {
    const { state, item } = discussing();
    must(state, fran, { type: 'lens.set', on: true });
    const tap = run(state, alice, { type: 'lens.tap', itemId: item, part: 'reliability', on: true });
    expect(tap).toMatchObject({ ok: true, events: [{ type: 'lens.tapped', itemId: item, part: 'reliability', trustTag: alice.trustTag, on: true }] });
    expect(JSON.stringify(tap)).not.toContain(alice.participantId);
    expect(run(state, alice, { type: 'lens.tap', itemId: item, part: 'reliability', on: true })).toMatchObject({ ok: true, events: [] });
    must(state, alice, { type: 'lens.tap', itemId: item, part: 'reliability', on: false });
    expect(state.lensTaps.size).toBe(0);
  });

  it('TL-3 only the item being discussed can be tagged; an unknown item is NOT_FOUND', () => {
    const { state, next } = discussing();
    must(state, fran, { type: 'lens.set', on: true });
    expect(run(state, alice, { type: 'lens.tap', itemId: next, part: 'empathy', on: true })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(run(state, alice, { type: 'lens.tap', itemId: 'nosuchitem', part: 'empathy', on: true })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('TL-4 counts show only once the room moved on and every viewer sees the taps of at least 3 others', () => {
    const { state, item, next } = discussing();
    must(state, fran, { type: 'lens.set', on: true });
    for (const who of [alice, bob, carol]) must(state, who, { type: 'lens.tap', itemId: item, part: 'reliability', on: true });
    must(state, alice, { type: 'lens.tap', itemId: item, part: 'self-interest', on: true });
    expect(lensOf(state)).toEqual([{ itemId: item, tappers: 3, counts: null }]);
    must(state, fran, { type: 'discuss.select', itemId: next });
    // three tapped: whoever of them looks sees only two others
    expect(lensOf(state)).toEqual([{ itemId: item, tappers: 3, counts: null }]);
  });

  it('TL-4 with a fourth tapper the counts show once the room moves on, not before', () => {
    const { state, item, next } = discussing();
    must(state, fran, { type: 'lens.set', on: true });
    for (const who of [alice, bob, carol]) must(state, who, { type: 'lens.tap', itemId: item, part: 'reliability', on: true });
    must(state, alice, { type: 'lens.tap', itemId: item, part: 'self-interest', on: true });
    must(state, dave, { type: 'lens.tap', itemId: item, part: 'empathy', on: true });
    expect(lensOf(state)[0]!.counts).toBeNull(); // still being discussed
    must(state, fran, { type: 'discuss.select', itemId: next });
    expect(lensOf(state)).toEqual([{ itemId: item, tappers: 4, counts: { credibility: 0, reliability: 3, empathy: 1, 'self-interest': 1 } }]);
  });

  it('TL-9 once the room moved on from an item, nobody taps it again: a second breakdown would show the difference', () => {
    const { state, item, next } = discussing();
    must(state, fran, { type: 'lens.set', on: true });
    for (const who of [alice, bob, carol, dave]) must(state, who, { type: 'lens.tap', itemId: item, part: 'reliability', on: true });
    must(state, fran, { type: 'discuss.select', itemId: next });
    const shown = lensOf(state);
    expect(shown[0]!.counts).toEqual({ credibility: 0, reliability: 4, empathy: 0, 'self-interest': 0 });
    must(state, fran, { type: 'discuss.select', itemId: item });
    expect(viewOf(state, { kind: 'public' }).board.leftItemIds).toEqual([item, next]);
    // a late tapper, an untap or a change of mind: each refused, whoever asks
    expect(run(state, erin, { type: 'lens.tap', itemId: item, part: 'empathy', on: true })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(run(state, alice, { type: 'lens.tap', itemId: item, part: 'reliability', on: false })).toMatchObject({ ok: false, code: 'CONFLICT' });
    must(state, fran, { type: 'discuss.select', itemId: next });
    expect(lensOf(state)).toEqual(shown);
  });

  it('TL-10 leaving Discuss moves the room on from its item: in Act its breakdown shows and no item takes a tap', () => {
    const { state, item, next } = discussing();
    must(state, fran, { type: 'lens.set', on: true });
    for (const who of [alice, bob, carol, dave]) must(state, who, { type: 'lens.tap', itemId: item, part: 'empathy', on: true });
    moveTo(state, 'act');
    expect(lensOf(state)).toEqual([{ itemId: item, tappers: 4, counts: { credibility: 0, reliability: 0, empathy: 4, 'self-interest': 0 } }]);
    for (const itemId of [item, next]) expect(run(state, erin, { type: 'lens.tap', itemId, part: 'empathy', on: true })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(run(state, alice, { type: 'lens.tap', itemId: item, part: 'empathy', on: false })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    // nor is there a lens to switch in Act
    expect(run(state, fran, { type: 'lens.set', on: false })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    // back in Discuss, the item has been left once (TL-9)
    moveTo(state, 'discuss');
    expect(viewOf(state, { kind: 'public' }).board.leftItemIds).toEqual([item]);
    expect(run(state, erin, { type: 'lens.tap', itemId: item, part: 'empathy', on: true })).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('TL-4 AN-9 a threshold the facilitator raised holds for the lens too: 4 tappers are then not enough', () => {
    const { state, item, next } = discussing();
    must(state, fran, { type: 'anonymity.raise', minOthers: 4 });
    must(state, fran, { type: 'lens.set', on: true });
    for (const who of [alice, bob, carol, dave]) must(state, who, { type: 'lens.tap', itemId: item, part: 'empathy', on: true });
    must(state, fran, { type: 'discuss.select', itemId: next });
    expect(lensOf(state)).toEqual([{ itemId: item, tappers: 4, counts: null }]);
  });

  it('TL-4 with fewer than 4 tappers the public view is the same whatever they tapped', () => {
    const views = (['empathy', 'credibility'] as const).map((part) => {
      const { state, item, next } = discussing();
      must(state, fran, { type: 'lens.set', on: true });
      for (const who of [alice, bob, carol]) must(state, who, { type: 'lens.tap', itemId: item, part, on: true });
      must(state, fran, { type: 'discuss.select', itemId: next });
      return JSON.stringify(lensOf(state));
    });
    expect(views[0]).toBe(views[1]);
  });

  it('TL-7 a tap changes the public view (how many tapped) but is projected in batches; the switch is not batched', () => {
    const { state, item } = discussing();
    const switched = run(state, fran, { type: 'lens.set', on: true });
    const tapped = run(state, alice, { type: 'lens.tap', itemId: item, part: 'empathy', on: true });
    if (!switched.ok || !tapped.ok) throw new Error('refused');
    expect(tapped.events.every((e) => changesPublicView(e, state) && batchesPublicView(e))).toBe(true);
    expect(switched.events.some((e) => batchesPublicView(e))).toBe(false);
  });

  it('TL-5 my own taps are in my personal view only; no trust tag is in any view', () => {
    const { state, item } = discussing();
    must(state, fran, { type: 'lens.set', on: true });
    must(state, alice, { type: 'lens.tap', itemId: item, part: 'credibility', on: true });
    must(state, alice, { type: 'lens.tap', itemId: item, part: 'empathy', on: true });
    expect(viewOf(state, { kind: 'participant', ...alice }).me!.lens).toEqual({ [item]: ['credibility', 'empathy'] });
    expect(viewOf(state, { kind: 'participant', ...bob }).me!.lens).toEqual({});
    const everything = JSON.stringify([viewOf(state, { kind: 'participant', ...bob }), viewOf(state, { kind: 'public' })]);
    expect(everything).not.toContain(alice.trustTag);
  });
});
