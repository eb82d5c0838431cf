import { afterEach, describe, expect, it } from 'vitest';
import { type Ack, notesKey } from '@candor/shared';
import { Person, createBoard, newId, sendCommand, until } from './harness.js';
import { isRunning } from './spawnedServer.js';
import { cardIdOf, processesThroughRelay, storedBoard, untilDecided } from './clusterHarness.js';

/**
 * CM-2 with real processes: PostgreSQL stops under two processes (every connection to it ended, new ones refused;
 * here through a relay the test cuts, so that the shared PostgreSQL serves everyone else) and stays away for longer
 * than the browser waits for an answer (15 s).
 */

describe('PostgreSQL stays away', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  const throughRelay = () => processesThroughRelay(cleanup);
  /** what a stored notes update's statement starts with (`appendDocUpdate`) */
  const NOTES_UPDATE = 'INSERT INTO doc_updates (board_id, doc, n, update_blob) VALUES ($1, $2, (SELECT';

  it('CM-2 every command sent while PostgreSQL is away is answered (INTERNAL, nothing changed) well within the browser\'s 15 s; back, the same ids sent again are applied once, and everyone sees the same board', async () => {
    const { proxy, processes, join } = await throughRelay();
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'PostgreSQL went away');
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    const A = await join(1, boardId, 'Alex');
    const before = cardIdOf(await A.cmd('card.add', { columnId: 'start', text: 'before' }));

    await proxy.cut();
    // sent one after another, as people go on working: the second waits behind the first's failed commit
    const sent = [
      { person: A, payload: { id: newId(), type: 'card.add', columnId: 'start', text: 'during' } },
      { person: F, payload: { id: newId(), type: 'card.add', columnId: 'stop', text: 'during, on one' } },
      { person: A, payload: { id: newId(), type: 'card.add', columnId: 'stop', text: 'during, again' } },
      { person: F, payload: { id: newId(), type: 'phase.set', phase: 'reveal' } },
    ];
    const answers = await Promise.all(sent.map(({ person, payload }) => sendCommand(person.socket!, payload, 14_000).catch(() => null)));
    expect(answers.map((a) => a && !a.ok && a.code)).toEqual(sent.map(() => 'INTERNAL'));
    for (const p of processes) expect(isRunning(p.child)).toBe(true);

    await proxy.restore();
    const stored: Ack[] = [];
    for (const { person, payload } of sent) stored.push(await untilDecided(person, payload));
    expect(stored.map((a) => a.ok)).toEqual(sent.map(() => true));
    // a second time each: the first answer, nothing applied twice (CM-1)
    for (const [i, { person, payload }] of sent.entries()) expect(await sendCommand(person.socket!, payload)).toEqual(stored[i]);
    const cards = [before, cardIdOf(stored[0]!), cardIdOf(stored[1]!), cardIdOf(stored[2]!)].sort();
    expect((await storedBoard(boardId, processes)).cardIds.sort()).toEqual(cards);
    for (const person of [F, A]) await person.waitFor(() => person.board()?.phase === 'reveal' && JSON.stringify(person.board()!.cards.map((c) => c.id).sort()) === JSON.stringify(cards), 15_000);
    expect(F.board()!.cards.map((c) => c.text).sort()).toEqual(['before', 'during', 'during, again', 'during, on one']);
  }, 60_000);

  it('CM-2 PostgreSQL goes away while a busy board commits through both processes: every command is answered within the browser\'s 15 s, and once it is back both processes decide on the stored board, everyone within their budget', async () => {
    const { proxy, processes, join } = await throughRelay();
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'PostgreSQL went away mid-vote');
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    const cards: string[] = [];
    for (let i = 0; i < 4; i++) cards.push(cardIdOf(await F.cmd('card.add', { columnId: 'start', text: `card ${i}` })));
    const voters: Person[] = [];
    for (let i = 0; i < 6; i++) voters.push(await join(i % 2, boardId, `Voter ${i}`));
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });

    // everyone votes and unvotes in a loop until PostgreSQL goes, so that commits (and reads) are under way as it goes
    let away = false;
    let answered = 0;
    const unanswered: string[] = [];
    const busy = voters.map(async (voter, i) => {
      for (let n = 0; !away || n % 2 === 1; n++) {
        const payload = { id: newId(), type: n % 2 === 0 ? 'vote.cast' : 'vote.retract', itemId: cards[i % cards.length]! };
        const ack = await sendCommand(voter.socket!, payload, 14_000).catch(() => null);
        if (!ack) unanswered.push(payload.type);
        if (!ack?.ok) return;
        answered++;
      }
    });
    await until(() => answered >= 40, 15_000);
    await proxy.cut();
    away = true;
    await Promise.all(busy);
    expect(unanswered).toEqual([]);
    // while it is away, whatever comes is answered too
    const during = await Promise.all(voters.map((voter) => sendCommand(voter.socket!, { id: newId(), type: 'vote.cast', itemId: cards[0]! }, 14_000).catch(() => null)));
    expect(during.map((a) => a && !a.ok && a.code)).toEqual(voters.map(() => 'INTERNAL'));

    await proxy.restore();
    // back: each voter spends their whole budget (3)
    const accepted = await Promise.all(
      voters.map(async (voter, i) => {
        const acks: Ack[] = [];
        for (let k = 0; k < 5; k++) {
          acks.push(await untilDecided(voter, { id: newId(), type: 'vote.cast', itemId: cards[(i + k) % cards.length]! }));
        }
        expect(acks.filter((a) => !a.ok).every((a) => !a.ok && a.code === 'VOTE_BUDGET_EXCEEDED')).toBe(true);
        return acks.filter((a) => a.ok).length;
      }),
    );
    // (a vote of the loop may have been stored as PostgreSQL went, answered OUTCOME_UNKNOWN, CM-6, and not sent again
    // here: the budget counts it)
    const stored = (await storedBoard(boardId, processes)).votes;
    expect(stored).toBe(18);
    expect(accepted.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(18);
    for (const voter of voters) await voter.waitFor(() => voter.me?.votesLeft === 0, 15_000);
  }, 60_000);

  it('CL-6 DO-3 PostgreSQL goes away under the writer as it stores a note it made (the facilitator moved to an item): back, every process holds every note, and the ones made after', async () => {
    const { proxy, processes, people, join } = await throughRelay();
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'A note lost on the way');
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    const A = await join(1, boardId, 'Alex');
    const items: string[] = [];
    for (let i = 0; i < 4; i++) items.push(cardIdOf(await (i % 2 ? A : F).cmd('card.add', { columnId: 'start', text: `card ${i}` })));
    for (const phase of ['reveal', 'vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: items[0]! })).toMatchObject({ ok: true });
    await A.waitFor(() => A.notes(notesKey.item(items[0]!)) !== undefined, 10_000);

    // the next note the writer stores is where PostgreSQL goes away (the selection itself was stored just before)
    const cut = proxy.cutAt(NOTES_UPDATE);
    expect(await F.cmd('discuss.select', { itemId: items[1]! })).toMatchObject({ ok: true });
    await cut;
    await proxy.restore();
    for (const itemId of items.slice(2)) expect(await untilDecided(F, { id: newId(), type: 'discuss.select', itemId })).toMatchObject({ ok: true });

    // every note reaches the other process: the one whose storing failed, and those made after it
    const keys = (person: Person) => JSON.stringify([...person.notesDoc.getMap('notes').keys()].sort());
    const all = JSON.stringify(items.map((id) => notesKey.item(id)).sort());
    await until(() => people.every((person) => keys(person) === all), 10_000);
  }, 40_000);
});
