import { describe, expect, it } from 'vitest';
import type { Phase, PublicBoardView } from '@candor/shared';
import { PINGS_OUT_OF_THE_WAY, Person, createBoard, frameMark, useServer, accepted as ok } from './harness.js';

/**
 * The attack that needs no idea of where a leak might be: run one retro twice, the second time with Alex and Bea
 * swapped — every card, vote, pulse answer, lens tap, fist of five and "worth the time?" answer of one is the other's — and compare what an
 * observer received, step by step. If anything they hold differs, it differs because of who did what. Random ids
 * (cards, actions, handles, the board), which differ between any two runs, are replaced by what they stand for, and
 * lists whose order comes from those ids (the reveal order, ties in the ranking) are compared as sets.
 *
 * Each step is one act. After it the facilitator flips her done mark or hand (the presence batch, as in
 * `silentActs.test.ts`), so everything the act caused has arrived before the observer's views are read; whether the
 * act's projection and the fence's came as one update or two is batching, so the fence's marks are left out.
 */
describe('a retro run twice with two people swapped, as an observer receives it', () => {
  const live = useServer({ heartbeat: PINGS_OUT_OF_THE_WAY });

  async function run(swap: boolean): Promise<string[]> {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Swapped');
    const [F, A, B, C, O] = Array.from({ length: 5 }, () => new Person(live.server.url));
    live.people.push(F!, A!, B!, C!, O!);
    await F!.connect(boardId, 'Fran', facilitatorKey);
    for (const [p, name] of [[A, 'Alex'], [B, 'Bea'], [C, 'Cy'], [O, 'Obi']] as const) await p!.connect(boardId, name);
    await O!.waitFor(() => O!.board()?.participants.filter((p) => p.online).length === 5);
    const [P1, P2] = swap ? [B!, A!] : [A!, B!];

    const labels = new Map<string, string>([[boardId, 'board'], [O!.participantId, 'observer']]);
    const card = async (who: Person, columnId: string, text: string) => {
      const { cardId } = await ok(who, 'card.add', { columnId, text });
      labels.set(cardId!, `card:${text}`);
      return cardId!;
    };
    const normal = (view: PublicBoardView): string => {
      for (const p of view.participants) labels.set(p.handle, `handle:${p.name}`);
      let json = JSON.stringify(view);
      for (const [id, label] of labels) json = json.split(id).join(label);
      const v = JSON.parse(json) as PublicBoardView;
      const byKey = (o: Record<string, number> | null) => o && Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
      const sorted = { ...v, cards: v.cards.sort((a, b) => a.text.localeCompare(b.text)), discussOrder: v.discussOrder?.sort(), ranking: v.ranking?.sort(), tallies: byKey(v.tallies) };
      return JSON.stringify(sorted);
    };
    const unfenced = (view: PublicBoardView): PublicBoardView => ({
      ...view,
      progress: null,
      raisedHands: [],
      participants: view.participants.map((p) => (p.name === 'Fran' ? { ...p, done: false } : p)),
    });
    const seen: string[] = [];
    // from the board as the observer holds it once all five are here, as the frames are counted from here: the views
    // on the way there are the joins' presence batches, one or two of them as the timing falls (a loaded run's first
    // step differed by an early view without Obi in it), and no act of anyone's
    let from = O!.boardHistory.length - 1;
    let mark = frameMark();
    /** one step: the act, then the fence; what O held (each distinct board) and its Socket.io frames meanwhile */
    const step = async (phase: Phase, name: string, act: () => Promise<unknown>) => {
      await act();
      const fran = O!.board()!;
      if (phase === 'discuss' || phase === 'act') {
        const up = !fran.raisedHands.some((h) => h.name === 'Fran');
        await ok(F!, 'hand.raise', { raised: up });
        await O!.waitFor(() => O!.board()!.raisedHands.some((h) => h.name === 'Fran') === up);
      } else if (phase === 'write' || phase === 'vote') {
        const up = !fran.participants.find((p) => p.name === 'Fran')!.done;
        await ok(F!, 'done.mark', { done: up });
        await O!.waitFor(() => O!.board()!.participants.find((p) => p.name === 'Fran')!.done === up);
      }
      await O!.boardRoundTrip();
      // (the act's projection and the fence's may come as one update or two: the fence's marks are left out)
      const views = O!.boardHistory.slice(from).map(unfenced).map(normal).filter((v, i, all) => i === 0 || v !== all[i - 1]);
      from = O!.boardHistory.length;
      // (an ack's number, and the id of the command a `me` answers, are the observer's own and random)
      let frames = O!.frames
        .filter((f) => f.seq >= mark && f.channel === 'socket.io')
        .map((f) => f.bytes.toString('utf8').replace(/^43\d+/, '43').replace(/,"[\w-]{12,}"\]$/, ',"command"]'));
      for (const [id, label] of labels) frames = frames.map((f) => f.split(id).join(label));
      mark = frameMark();
      seen.push(JSON.stringify({ step: name, views, frames }));
    };

    // Write: pulse answers, cards (P1 writes one and edits it, P2 two), enough writers for the count to show
    await step('write', 'pulse P1', () => ok(P1, 'pulse.answer', { value: 1 }));
    await step('write', 'pulse P2', () => ok(P2, 'pulse.answer', { value: 5 }));
    await step('write', 'pulse Cy', () => ok(C!, 'pulse.answer', { value: 3 }));
    await step('write', 'pulse Obi', () => ok(O!, 'pulse.answer', { value: 4 }));
    let t1 = '';
    await step('write', 'P1 writes', async () => (t1 = await card(P1, 'start', 'Pairing helps')));
    const t2 = await card(P2, 'stop', 'Friday deploys');
    await step('write', 'P2 writes', () => Promise.resolve());
    let t3 = '';
    await step('write', 'P2 writes again', async () => (t3 = await card(P2, 'continue', 'Demos')));
    await step('write', 'P1 edits', () => ok(P1, 'card.edit', { cardId: t1, text: 'Pairing helps a lot' }));
    labels.set(t1, 'card:Pairing helps a lot');
    let t4 = '';
    await step('write', 'Cy writes', async () => (t4 = await card(C!, 'stop', 'Late reviews')));
    await step('write', 'Fran writes', () => card(F!, 'start', 'Shorter standups'));

    // Vote, and the tallies (five voters)
    for (const phase of ['reveal', 'vote'] as const) await step(phase, phase, () => ok(F!, 'phase.set', { phase }));
    await step('vote', 'P1 votes', () => ok(P1, 'vote.cast', { itemId: t2 }));
    await step('vote', 'P2 votes', () => ok(P2, 'vote.cast', { itemId: t1 }));
    await step('vote', 'P2 votes again', () => ok(P2, 'vote.cast', { itemId: t1 }));
    await step('vote', 'Cy votes', () => ok(C!, 'vote.cast', { itemId: t1 }));
    await step('vote', 'Fran votes', () => ok(F!, 'vote.cast', { itemId: t4 }));
    await step('vote', 'Obi votes', () => ok(O!, 'vote.cast', { itemId: t3 }));

    // Discuss: lens taps, a reaction, a fist of five
    await step('discuss', 'discuss', () => ok(F!, 'phase.set', { phase: 'discuss' }));
    await step('discuss', 'select', () => ok(F!, 'discuss.select', { itemId: t1 }));
    await step('discuss', 'lens on', () => ok(F!, 'lens.set', { on: true }));
    await step('discuss', 'P1 taps', () => ok(P1, 'lens.tap', { itemId: t1, part: 'reliability', on: true }));
    await step('discuss', 'P2 taps', () => ok(P2, 'lens.tap', { itemId: t1, part: 'empathy', on: true }));
    await step('discuss', 'P2 taps again', () => ok(P2, 'lens.tap', { itemId: t1, part: 'credibility', on: true }));
    await step('discuss', 'Cy taps', () => ok(C!, 'lens.tap', { itemId: t1, part: 'reliability', on: true }));
    await step('discuss', 'Obi taps', () => ok(O!, 'lens.tap', { itemId: t1, part: 'self-interest', on: true }));
    await step('discuss', 'P1 reacts', () => ok(P1, 'reaction.toggle', { itemId: t1, reaction: 'agree', on: true }));
    let actionId = '';
    await step('discuss', 'action', async () => {
      actionId = (await ok(F!, 'action.create', { itemId: t1, text: 'Pair on the deploy script' })).actionId!;
      labels.set(actionId, 'action');
    });
    await step('discuss', 'check', () => ok(F!, 'consensus.start', { actionId }));
    await step('discuss', 'P1 answers', () => ok(P1, 'consensus.answer', { actionId, value: 1 }));
    await step('discuss', 'P2 answers', () => ok(P2, 'consensus.answer', { actionId, value: 5 }));
    await step('discuss', 'P2 changes', () => ok(P2, 'consensus.answer', { actionId, value: 4 }));
    await step('discuss', 'Cy answers', () => ok(C!, 'consensus.answer', { actionId, value: 3 }));
    await step('discuss', 'Obi answers', () => ok(O!, 'consensus.answer', { actionId, value: 4 }));
    await step('discuss', 'Fran answers', () => ok(F!, 'consensus.answer', { actionId, value: 5 }));
    await step('discuss', 'next item', () => ok(F!, 'discuss.select', { itemId: t2 })); // the lens breakdown shows
    await step('act', 'act', () => ok(F!, 'phase.set', { phase: 'act' }));
    // GP-5: "worth the time?", answered and changed in Act, shown in Close
    await step('act', 'P1 worth', () => ok(P1, 'roti.answer', { value: 1 }));
    await step('act', 'P2 worth', () => ok(P2, 'roti.answer', { value: 5 }));
    await step('act', 'P2 changes worth', () => ok(P2, 'roti.answer', { value: 4 }));
    await step('act', 'Cy worth', () => ok(C!, 'roti.answer', { value: 3 }));
    await step('act', 'Obi worth', () => ok(O!, 'roti.answer', { value: 4 }));
    await step('closed', 'close', () => ok(F!, 'phase.set', { phase: 'closed' }));
    for (const p of [F, A, B, C, O]) await p!.disconnect();
    return seen;
  }

  it('AN-1 AN-5 AN-7 AN-8 AN-10 TL-4 GP-5 every step looks the same to the observer whichever of the two did it', async () => {
    const first = await run(false);
    const swapped = await run(true);
    expect(first.length).toBe(swapped.length);
    for (let i = 0; i < first.length; i++) expect(swapped[i], JSON.parse(first[i]!).step).toBe(first[i]);
    // the comparison sees what it should: the lens breakdown and the fist of five did show
    const last = (step: string) => JSON.parse((JSON.parse(first.find((f) => JSON.parse(f).step === step)!) as { views: string[] }).views.at(-1)!) as PublicBoardView;
    expect(last('next item').lens).toEqual([{ itemId: 'card:Pairing helps a lot', tappers: 4, counts: { credibility: 1, reliability: 2, empathy: 1, 'self-interest': 1 } }]);
    expect(last('Fran answers').actions[0]!.consensus!.distribution).toEqual({ min: 0, counts: [0, 1, 0, 1, 2, 1], total: 5, average: 3.4 });
    expect(last('close').roti.distribution).toEqual({ min: 1, counts: [1, 0, 1, 2, 0], total: 4, average: 3 });
  });
});
