import { describe, expect, it } from 'vitest';
import { LIMITS } from '@candor/shared';
import { PINGS_OUT_OF_THE_WAY, Person, createBoard, frameMark, useServer } from './harness.js';

/**
 * AN-10 on the wire: while people write, what does someone else actually receive? Nothing at all until three
 * people have written, then a count that only moves in steps of five — so nobody watching presence next to
 * the count can say "X just wrote 3 cards".
 */
describe('the live card count, as another participant receives it', () => {
  const live = useServer({ heartbeat: PINGS_OUT_OF_THE_WAY });

  it('AN-10 no frame reaches an observer while only two have written; then the count moves only in whole steps of 5', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Counting');
    const [F, A, B, C, D] = Array.from({ length: 5 }, () => new Person(live.server.url));
    live.people.push(F!, A!, B!, C!, D!);
    await F!.connect(boardId, 'Fran', facilitatorKey);
    for (const [p, name] of [[A, 'Alex'], [B, 'Bea'], [C, 'Cy'], [D, 'Dee']] as const) await p!.connect(boardId, name);
    await D!.waitFor(() => D!.board()?.participants.filter((p) => p.online).length === 5);

    const write = async (who: Person, n: number) => {
      for (let i = 0; i < n; i++) expect(await who.cmd('card.add', { columnId: 'start', text: `a card ${i}` })).toMatchObject({ ok: true });
      await D!.boardRoundTrip(); // whatever the server sent D's board document has arrived by now
    };

    // Alex writes 3 cards, Bea 2: D receives nothing — no board update, no Socket.io frame
    const mark = frameMark();
    const seen = D!.boardHistory.length;
    const before = JSON.stringify(D!.board());
    await write(A!, 3);
    await write(B!, 2);
    expect(D!.boardHistory.length).toBe(seen);
    expect(JSON.stringify(D!.board())).toBe(before);
    // (besides the empty acks of D's own round trips above)
    const ownAck = (f: { bytes: Buffer }) => /^43\d+\[\{"ok":true,"data":\{\}\}\]$/.test(f.bytes.toString('utf8'));
    expect(D!.frames.filter((f) => f.seq >= mark && f.channel === 'socket.io' && !ownAck(f))).toEqual([]);
    expect(D!.board()!.cardCount).toBe(0);

    // Cy is the third writer: 6 cards, shown as 5
    await write(C!, 1);
    await D!.waitFor(() => D!.board()?.cardCount === LIMITS.cardCountStep);
    // three more by Cy (9) move nothing; the tenth card moves the count to 10
    const atFive = D!.boardHistory.length;
    await write(C!, 3);
    expect(D!.boardHistory.length).toBe(atFive);
    await write(A!, 1);
    await D!.waitFor(() => D!.board()?.cardCount === 2 * LIMITS.cardCountStep);

    // every count D ever held is a whole step, and they came in order
    const counts = D!.boardHistory.map((v) => v.cardCount).filter((n, i, all) => i === 0 || n !== all[i - 1]);
    expect(counts).toEqual([0, 5, 10]);
    // while the people who wrote see their own cards, exactly
    expect(A!.me!.cards).toHaveLength(4);
    expect(C!.me!.cards).toHaveLength(4);
  });
});
