import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Ack, LIMITS } from '@candor/shared';
import { DocConnection, Person, createBoard, docTicket, docUrl, newId, until } from './harness.js';
import { cardIdOf, comparable, ownPostgres, peopleOf, SHORT_LEASE_MS, startProcesses, storedBoard, untilDecided } from './clusterHarness.js';

/**
 * CM-2, CM-6, CL-*: PostgreSQL restarted (not frozen, not its sessions ended: the server itself, `pg_ctl restart`, a
 * PostgreSQL of the test's own) under a live retro on two processes, cleanly and as a crash.
 */
describe('PostgreSQL restarts under a live retro', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('CM-2 CM-6 PostgreSQL restarted mid-writing (fast) and mid-vote (immediate, as a crash): every acknowledged command is stored once, nobody is over budget, and everyone sees the same board', async () => {
    const postgres = await ownPostgres(cleanup);
    const processes = await startProcesses(2, { databaseUrl: postgres.url, env: { WRITER_LEASE_MS: String(SHORT_LEASE_MS) } });
    const { people, join } = peopleOf(processes, cleanup);
    const { boardId, facilitatorKey } = await createBoard(processes[0]!.url, 'PostgreSQL restarted');
    const F = await join(0, boardId, 'Fran', facilitatorKey);
    const writers: Person[] = [F];
    for (let i = 1; i < 8; i++) writers.push(await join(i % 2, boardId, `Writer ${i}`));

    // what was answered "try again" (INTERNAL, OUTCOME_UNKNOWN) or not at all: the restarts were felt
    const undecided: string[] = [];
    const count = (ack: Ack | null) => void undecided.push(ack && !ack.ok ? ack.code : 'unanswered');
    // everyone writes cards until PostgreSQL is back (5 at least), sending each again with its id until it is decided
    // (as the browser does)
    let acks = 0;
    let restarting = true;
    const cards: string[] = [];
    const restarted = (async () => {
      await until(() => acks >= 8, 10_000);
      await postgres.restart('fast');
      restarting = false;
    })();
    await Promise.all(
      writers.map(async (writer, i) => {
        for (let n = 0; n < 5 || restarting; n++) {
          const ack = await untilDecided(writer, { id: newId(), type: 'card.add', columnId: 'start', text: `card ${i}.${n}` }, count);
          expect(ack).toMatchObject({ ok: true });
          cards.push(cardIdOf(ack));
          acks++;
        }
      }),
    );
    await restarted;
    expect(undecided.length).toBeGreaterThan(0);
    const stored = (await storedBoard(boardId, processes)).cardIds;
    expect(stored.length).toBe(new Set(stored).size);
    expect([...stored].sort()).toEqual([...cards].sort());

    for (const phase of ['reveal', 'vote'] as const) expect(await untilDecided(F, { id: newId(), type: 'phase.set', phase })).toMatchObject({ ok: true });
    // everyone casts 5 votes against a budget of 3 (at most 2 on one card), as a crash restarts PostgreSQL
    let votes = 0;
    const undecidedBefore = undecided.length;
    const crashed = (async () => {
      await until(() => votes >= 6, 10_000);
      await postgres.restart('immediate');
    })();
    const accepted = await Promise.all(
      writers.map(async (voter, i) => {
        let ok = 0;
        for (let k = 0; k < 5; k++) {
          const ack = await untilDecided(voter, { id: newId(), type: 'vote.cast', itemId: cards[(i * 5 + k) % cards.length]! }, count);
          votes++;
          if (ack.ok) ok++;
          else expect(ack).toMatchObject({ code: 'VOTE_BUDGET_EXCEEDED' });
        }
        return ok;
      }),
    );
    await crashed;
    expect(accepted).toEqual(writers.map(() => 3));
    expect((await storedBoard(boardId, processes)).votes).toBe(3 * writers.length);
    // the same board for everyone, through either process
    await until(() => people.every((p) => JSON.stringify(comparable(p)) === JSON.stringify(comparable(F)) && p.me?.votesLeft === 0), 15_000);
  }, 60_000);

  it('CL-12 a document ticket spent before PostgreSQL crashed (immediate) is refused after it, within its lifetime, through either process', async () => {
    const postgres = await ownPostgres(cleanup);
    const processes = await startProcesses(2, { databaseUrl: postgres.url });
    const { join } = peopleOf(processes, cleanup);
    const { boardId } = await createBoard(processes[0]!.url, 'Tickets through a crash');
    const A = await join(0, boardId, 'Alex');
    const issuedAt = Date.now();
    const ticket = await docTicket(A.socket!, 'notes');
    const first = new DocConnection(docUrl(processes[1]!.url, boardId, 'notes', ticket), new Y.Doc(), () => undefined);
    await first.open();
    await until(() => first.synced);
    first.close();

    await postgres.restart('immediate');
    // the same ticket again (a proxy's log, a copied URL), once PostgreSQL answers again
    for (const { url } of processes) {
      const code = await until(async () => {
        const again = new DocConnection(docUrl(url, boardId, 'notes', ticket), new Y.Doc(), () => undefined);
        const outcome = await until(() => again.closed?.code ?? (again.synced && 'opened'), 10_000);
        again.close();
        // (1011: PostgreSQL did not answer yet, so the ticket was not looked at)
        return outcome !== 1011 && outcome;
      }, 20_000);
      expect(code).toBe(4401);
    }
    expect(Date.now() - issuedAt).toBeLessThan(LIMITS.docTicketTtlMs);
  }, 60_000);
});
