import { describe, expect, it } from 'vitest';
import type { Phase, PublicBoardView } from '@candor/shared';
import { freshSchema, testDatabaseUrl } from '../../server/src/storage/postgres.testing.js';
import { PINGS_OUT_OF_THE_WAY, Person, type TestServer, createBoard, frameMark, startServer, accepted as ok } from './harness.js';

/**
 * An attacker in the room who reads nothing but the wire: not what a frame says, but whether one arrives at all.
 * Whatever reaches the others at the moment someone acts names them as its cause, even with no text or tag in it
 * ("a frame came just as Alex clicked"). So every anonymous act the public view does not show must send others
 * nothing — not a board-document update, not a Socket.io frame, not a presence change: AN-5 for votes, PU-3 for
 * pulse answers, AN-10 for unrevealed cards (edits and deletes too), CO-1 for a fist of five answered again, TL-4
 * for a trust-lens part changed by someone already counted, GP-5 for a "worth the time?" answer, first or changed (the
 * room is not told even how many have answered until Close).
 *
 * Presence, done marks, hands and lens counts are projected in 25 ms batches (DN-4, RX-4, TL-7), so a round trip
 * alone could end before a late projection. After each act the facilitator flips something public that travels in
 * the same batches (her done mark, her hand); once the observer holds that, anything the act caused has arrived
 * too. The observer must have received that one board update and no other, and it must be the board before but
 * for the facilitator's flip.
 */
describe('anonymous acts the room cannot see, as an observer receives them', () => {
  const store = { sqlite: () => ({}), postgres: () => ({ postgres: { url: testDatabaseUrl(), schema: freshSchema() } }) };
  it.each(Object.keys(store) as (keyof typeof store)[])('AN-5 PU-3 AN-10 CO-1 TL-4 GP-5 votes, pulse answers, private card edits and deletes, a changed fist of five, a changed lens part and "worth the time?" answers send others nothing at all (%s)', async (kind) => {
    const server = await startServer({ ...store[kind](), heartbeat: PINGS_OUT_OF_THE_WAY });
    const people = Array.from({ length: 5 }, () => new Person(server.url));
    try {
      await silentActs(server, people);
    } finally {
      for (const p of people) await p.disconnect();
      await server.close();
    }
  });
});

async function silentActs(server: TestServer, [F, A, B, C, O]: Person[]): Promise<void> {
  const { boardId, facilitatorKey } = await createBoard(server.url, 'Silent acts');
  await F!.connect(boardId, 'Fran', facilitatorKey);
  for (const [p, name] of [[A, 'Alex'], [B, 'Bea'], [C, 'Cy'], [O, 'Obi']] as const) await p!.connect(boardId, name);
  await O!.waitFor(() => O!.board()?.participants.filter((p) => p.online).length === 5);

  const ownAck = (text: string) => /^43\d+\[\{"ok":true,"data":(\{\}|null)\}\]$/.test(text);
  /** the view without what the facilitator's fence flips (her done mark and its count, her hand) */
  const unfenced = (view: PublicBoardView) => ({
    ...view,
    progress: null,
    raisedHands: [],
    participants: view.participants.map((p) => (p.name === 'Fran' ? { ...p, done: false } : p)),
  });
  const fence = async (phase: Phase) => {
    const fran = O!.board()!;
    // (Write and Vote have done marks; Discuss and Act have hands)
    const byHand = phase === 'discuss' || phase === 'act';
    const fenceUp = byHand ? !fran.raisedHands.some((h) => h.name === 'Fran') : !fran.participants.find((p) => p.name === 'Fran')!.done;
    if (byHand) {
      expect(await F!.cmd('hand.raise', { raised: fenceUp })).toMatchObject({ ok: true });
      await O!.waitFor(() => O!.board()!.raisedHands.some((h) => h.name === 'Fran') === fenceUp);
    } else {
      expect(await F!.cmd('done.mark', { done: fenceUp })).toMatchObject({ ok: true });
      await O!.waitFor(() => O!.board()!.participants.find((p) => p.name === 'Fran')!.done === fenceUp);
    }
    await O!.boardRoundTrip();
  };
  /** what O received while `act` ran, up to the fence: socket frames besides O's own acks, and boards that differ */
  const received = async (phase: Phase, act: () => Promise<void>) => {
    const mark = frameMark();
    const seen = O!.boardHistory.length;
    const before = JSON.stringify(unfenced(O!.board()!));
    await act();
    await fence(phase);
    const frames = O!.frames.filter((f) => f.seq >= mark && f.channel === 'socket.io').map((f) => f.bytes.toString('utf8'));
    const boards = O!.boardHistory.slice(seen).map((v) => JSON.stringify(unfenced(v)));
    // one board update is the fence's; a second, even one that rewrites what was there, came from the act
    return { frames: frames.filter((f) => !ownAck(f)), boardUpdates: boards.length, changedBoards: boards.filter((b) => b !== before) };
  };
  const nothing = { frames: [], boardUpdates: 1, changedBoards: [] };

  // Write: Alex answers the pulse and changes his answer; writes, edits and deletes a card of his own
  expect(await received('write', async () => void (await ok(A!, 'pulse.answer', { value: 2 })))).toEqual(nothing);
  expect(await received('write', async () => void (await ok(A!, 'pulse.answer', { value: 4 })))).toEqual(nothing);
  let alexCard = '';
  expect(await received('write', async () => void (alexCard = (await ok(A!, 'card.add', { columnId: 'start', text: 'Pairing on Fridays' })).cardId!))).toEqual(nothing);
  expect(await received('write', async () => void (await ok(A!, 'card.edit', { cardId: alexCard, text: 'Pairing on Mondays' })))).toEqual(nothing);
  const gone = (await ok(A!, 'card.add', { columnId: 'stop', text: 'Long standups' })).cardId!;
  expect(await received('write', async () => void (await ok(A!, 'card.delete', { cardId: gone })))).toEqual(nothing);
  // three writers and 6 cards (shown as 5): an edit, and a delete that stays above the step, change nothing shown
  for (const [who, n] of [[B!, 2], [C!, 2], [A!, 1]] as const) for (let i = 0; i < n; i++) await ok(who, 'card.add', { columnId: 'continue', text: `${who.name} ${i}` });
  await O!.waitFor(() => O!.board()!.cardCount === 5);
  expect(await received('write', async () => void (await ok(A!, 'card.edit', { cardId: alexCard, text: 'Pairing, twice a week' })))).toEqual(nothing);
  const extra = (await ok(B!, 'card.add', { columnId: 'stop', text: 'Bea extra' })).cardId!;
  expect(await received('write', async () => void (await ok(B!, 'card.delete', { cardId: extra })))).toEqual(nothing);

  // Vote: a vote cast and retracted
  for (const phase of ['reveal', 'vote'] as const) await ok(F!, 'phase.set', { phase });
  await O!.waitFor(() => O!.board()!.phase === 'vote');
  expect(await received('vote', async () => void (await ok(A!, 'vote.cast', { itemId: alexCard })))).toEqual(nothing);
  expect(await received('vote', async () => void (await ok(A!, 'vote.cast', { itemId: alexCard })))).toEqual(nothing);
  expect(await received('vote', async () => void (await ok(A!, 'vote.retract', { itemId: alexCard })))).toEqual(nothing);

  // Discuss: a fist of five answered, then changed; a lens part added and taken back by someone already counted
  await ok(F!, 'phase.set', { phase: 'discuss' });
  await ok(F!, 'discuss.select', { itemId: alexCard });
  await ok(F!, 'lens.set', { on: true });
  const actionId = (await ok(F!, 'action.create', { itemId: alexCard, text: 'Pair on the deploy script' })).actionId!;
  await ok(F!, 'consensus.start', { actionId });
  await ok(A!, 'consensus.answer', { actionId, value: 1 });
  await ok(A!, 'lens.tap', { itemId: alexCard, part: 'reliability', on: true });
  await O!.waitFor(() => O!.board()!.actions[0]?.consensus?.answered === 1 && O!.board()!.lens[0]?.tappers === 1);
  expect(await received('discuss', async () => void (await ok(A!, 'consensus.answer', { actionId, value: 5 })))).toEqual(nothing);
  expect(await received('discuss', async () => void (await ok(A!, 'lens.tap', { itemId: alexCard, part: 'empathy', on: true })))).toEqual(nothing);
  expect(await received('discuss', async () => void (await ok(A!, 'lens.tap', { itemId: alexCard, part: 'reliability', on: false })))).toEqual(nothing);

  // Act: "worth the time?" answered by Alex, then by Bea, then Alex changes his (GP-5: nothing shows before Close, not
  // even how many have answered; a frame at the moment of each answer would say who answered and when)
  await ok(F!, 'phase.set', { phase: 'act' });
  await O!.waitFor(() => O!.board()!.phase === 'act' && O!.board()!.roti.open);
  expect(await received('act', async () => void (await ok(A!, 'roti.answer', { value: 2 })))).toEqual(nothing);
  expect(await received('act', async () => void (await ok(B!, 'roti.answer', { value: 5 })))).toEqual(nothing);
  expect(await received('act', async () => void (await ok(A!, 'roti.answer', { value: 4 })))).toEqual(nothing);
}
