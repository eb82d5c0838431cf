import { afterEach, describe, expect, it } from 'vitest';
import type { Ack } from '@candor/shared';
import { installationDatabase } from '../../server/src/storage/postgres.testing.js';
import { Person, createBoard, newId, sendCommand, until } from './harness.js';
import { isRunning, kill9 } from './spawnedServer.js';
import { startProcesses, storedBoard } from './clusterHarness.js';
import { cuttableProxy } from './cuttableProxy.js';

/**
 * CM-2 with real processes: PostgreSQL stops under two processes (every connection to it ended, new ones refused;
 * here through a relay the test cuts, so that the shared PostgreSQL serves everyone else) and stays away for longer
 * than the browser waits for an answer (15 s).
 */

const cardIdOf = (ack: Ack) => (ack as { ok: true; data: { cardId: string } }).data.cardId;

describe('PostgreSQL stays away', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('CM-2 every command sent while PostgreSQL is away is answered (INTERNAL, nothing changed) well within the browser\'s 15 s; back, the same ids sent again are applied once, and everyone sees the same board', async () => {
    const shared = new URL(await installationDatabase());
    const proxy = await cuttableProxy(shared.hostname, Number(shared.port));
    cleanup.push(() => proxy.close());
    const through = new URL(shared);
    through.port = String(proxy.port);
    const processes = await startProcesses(2, { databaseUrl: through.toString(), env: { WRITER_LEASE_MS: '2000' } });
    const people: Person[] = [];
    cleanup.push(async () => {
      for (const p of people) await p.disconnect();
      for (const p of processes) await kill9(p);
    });
    const join = async (i: number, boardId: string, name: string, facilitatorKey?: string) => {
      const person = new Person(processes[i]!.url);
      people.push(person);
      await person.connect(boardId, name, facilitatorKey);
      return person;
    };
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
    // as someone who presses again after "nothing was changed": the same command, the same id, until it is stored
    const stored: Ack[] = [];
    for (const { person, payload } of sent) {
      stored.push(
        await until(async () => {
          const ack = await sendCommand(person.socket!, payload, 14_000).catch(() => null);
          return ack && (ack.ok || ack.code !== 'INTERNAL') ? ack : null;
        }, 30_000),
      );
    }
    expect(stored.map((a) => a.ok)).toEqual(sent.map(() => true));
    // a second time each: the first answer, nothing applied twice (CM-1)
    for (const [i, { person, payload }] of sent.entries()) expect(await sendCommand(person.socket!, payload)).toEqual(stored[i]);
    const cards = [before, cardIdOf(stored[0]!), cardIdOf(stored[1]!), cardIdOf(stored[2]!)].sort();
    expect((await storedBoard(boardId, processes)).cardIds.sort()).toEqual(cards);
    for (const person of [F, A]) await person.waitFor(() => person.board()?.phase === 'reveal' && JSON.stringify(person.board()!.cards.map((c) => c.id).sort()) === JSON.stringify(cards), 15_000);
    expect(F.board()!.cards.map((c) => c.text).sort()).toEqual(['before', 'during', 'during, again', 'during, on one']);
  }, 60_000);
});
