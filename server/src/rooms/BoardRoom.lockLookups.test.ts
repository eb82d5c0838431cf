import { describe, expect, it, onTestFinished } from 'vitest';
import { CommandKeyTaken } from '../storage/BoardStore.js';
import type { PostgresStore } from '../storage/postgres.js';
import { BoardRoom } from './BoardRoom.js';
import type { CommandBody } from './room.testing.js';
import { boardOnTwoPools, quietCluster, twoProcessTest } from './twoProcesses.testing.js';

/**
 * CL-33: commands that reach a process while one of its batches waits for the board's lock join that batch once the
 * lock is held; their command keys are read as they arrive, beside the wait, not in one more round trip under the
 * lock, where every other process's commands of the board wait for it. Two rooms of one board on two PostgreSQL
 * pools stand for two processes, both busy on the board (each was told the other changed it, CL-25), so that their
 * batches go to the board's lock.
 */
const BOARD = 'board-lock-lookups';
const FACILITATOR_KEY = 'f'.repeat(40);
const { column, newId, person, opened } = twoProcessTest('ll');

/** a's store, whose command-key reads are kept by whether a batch of a held the board's lock then, and its commits refused for a key taken */
function watchedLookups(store: PostgresStore) {
  const read = { outside: [] as string[], underLock: [] as string[], held: false, keyTaken: 0 };
  const commitBatch = store.commitBatch.bind(store);
  store.commitBatch = (boardId, batch) =>
    commitBatch(boardId, batch).catch((err: unknown) => {
      if (err instanceof CommandKeyTaken) read.keyTaken++;
      throw err;
    });
  const findCommands = store.findCommands.bind(store);
  const findCommand = store.findCommand.bind(store);
  store.findCommands = (boardId, keys) => {
    (read.held ? read.underLock : read.outside).push(...keys);
    return findCommands(boardId, keys);
  };
  store.findCommand = (boardId, key) => {
    (read.held ? read.underLock : read.outside).push(key);
    return findCommand(boardId, key);
  };
  return read;
}

/** a and b, each with its own people, each knowing the board busy through the other */
async function busyOnTwo() {
  const { storeA, storeB, deps } = await boardOnTwoPools({ id: BOARD, name: 'CL-33', facilitatorKey: FACILITATOR_KEY }, newId, opened);
  const read = watchedLookups(storeA);
  const clusterA = quietCluster(storeA, {
    serialize: (boardId, work, since, partsBelow) =>
      storeA.withBoardLock(
        boardId,
        async (version, changes) => {
          read.held = true;
          try {
            return await work(version, changes);
          } finally {
            read.held = false;
          }
        },
        since,
        partsBelow,
      ),
  });
  // b's batches can be held once they hold the board's lock
  const holdB: { gate: Promise<void> | null; holding: boolean } = { gate: null, holding: false };
  const clusterB = quietCluster(storeB, {
    serialize: (boardId, work, since, partsBelow) =>
      storeB.withBoardLock(
        boardId,
        async (version, changes) => {
          holdB.holding = true;
          await holdB.gate;
          holdB.holding = false;
          return work(version, changes);
        },
        since,
        partsBelow,
      ),
  });
  const a = new BoardRoom((await storeA.loadBoard(BOARD))!, { ...deps(storeA), cluster: clusterA });
  const b = new BoardRoom((await storeB.loadBoard(BOARD))!, { ...deps(storeB), cluster: clusterB });
  const fran = person(a, 'fran', true);
  const ann = person(a, 'ann');
  const bob = person(a, 'bob');
  const ada = person(b, 'ada');
  for (const p of [fran, ann, bob, ada]) await p.join();
  // CL-25: each told the other changed the board (as Redis would carry it): their batches take the lock at once
  const version = (await storeA.storedVersion(BOARD))!;
  await a.catchUpTo(version);
  await b.catchUpTo(version);
  /** b takes the board's lock through a batch of ada's and holds it until the answer is called */
  const bHoldsTheLock = async (command: CommandBody & { id: string } = { type: 'card.add', columnId: column, text: 'held by b', id: newId() }, by = ada) => {
    let open!: () => void;
    holdB.gate = new Promise<void>((resolve) => (open = resolve));
    const sent = by.send(command);
    const letGo = async () => {
      holdB.gate = null;
      open();
      return sent;
    };
    // (a test that fails lets go too, so that the stores can be closed)
    onTestFinished(() => void letGo());
    await expect.poll(() => holdB.holding).toBe(true);
    return letGo;
  };
  return { a, b, read, fran, ann, bob, ada, bHoldsTheLock };
}

describe('command keys of a busy board, two processes', () => {
  it('CL-33 the command keys of commands that arrive while the board\'s lock is awaited are read then, none under the lock', async () => {
    const { a, read, fran, ann, bob, bHoldsTheLock } = await busyOnTwo();
    const letGo = await bHoldsTheLock();
    read.outside.length = 0;
    // fran's batch reads her key and waits for the lock b holds
    const first = fran.send({ type: 'card.add', columnId: column, text: 'first' });
    await expect.poll(() => read.outside.length).toBe(1);
    // ann's and bob's commands arrive meanwhile: they join fran's batch once the lock is had
    const later = [ann.send({ type: 'card.add', columnId: column, text: 'second' }), bob.send({ type: 'card.add', columnId: column, text: 'third' })];
    await expect.poll(() => read.outside.length).toBe(3);
    expect((await letGo()).ok).toBe(true);
    for (const ack of await Promise.all([first, ...later])) expect(ack.ok).toBe(true);
    expect(read.underLock).toEqual([]);
    expect([...a.state.cards.values()].map((c) => c.text).sort()).toEqual(['first', 'held by b', 'second', 'third']);
  });

  it('CL-33 CM-3 a command sent again through a while its first copy is being stored through b, its key read before that: applied once, answered alike', async () => {
    const { a, b, read, fran, ann, bHoldsTheLock } = await busyOnTwo();
    // fran has a tab on b too; her command goes through b first, and b holds the board's lock with it
    const franOnB = person(b, 'fran');
    await franOnB.join();
    await a.catchUpTo(null);
    const command = { type: 'card.add' as const, columnId: column, text: 'sent twice', id: newId() };
    const letGo = await bHoldsTheLock(command, franOnB);
    read.outside.length = 0;
    const waiting = ann.send({ type: 'card.add', columnId: column, text: 'ann' });
    await expect.poll(() => read.outside.length).toBe(1);
    // the browser sends it again through a (its answer from b not come): its key is read now, before b stores it
    const again = fran.send(command);
    await expect.poll(() => read.outside.length).toBe(2);
    const first = await letGo();
    const [annAck, second] = await Promise.all([waiting, again]);
    expect(first.ok && annAck.ok && second.ok).toBe(true);
    expect(second).toEqual(first);
    // (a's commit found the key b had stored since a read it, and a's batch was decided again: CL-3)
    expect(read.keyTaken).toBe(1);
    await b.catchUpTo(null);
    for (const room of [a, b]) expect([...room.state.cards.values()].map((c) => c.text).sort()).toEqual(['ann', 'sent twice']);
  });

  it('CL-33 CM-3 a card.delete sent again through a while its first copy is stored through b, its key read before that: answered as the first, not refused', async () => {
    const { a, b, read, fran, ann, bHoldsTheLock } = await busyOnTwo();
    const franOnB = person(b, 'fran');
    await franOnB.join();
    const { cardId } = await fran.must({ type: 'card.add', columnId: column, text: 'to delete' });
    await b.catchUpTo(null);
    // deleted through b first, b holding the board's lock with it
    const command = { type: 'card.delete' as const, cardId: cardId!, id: newId() };
    const letGo = await bHoldsTheLock(command, franOnB);
    read.outside.length = 0;
    const waiting = ann.send({ type: 'card.add', columnId: column, text: 'ann' });
    await expect.poll(() => read.outside.length).toBe(1);
    // sent again through a, its key read while a waits for the lock, before b stores the first copy: decided against
    // the board after b's, the card is gone and the command would be refused, though its first copy was applied
    const again = fran.send(command);
    await expect.poll(() => read.outside.length).toBe(2);
    const first = await letGo();
    const [annAck, second] = await Promise.all([waiting, again]);
    expect(first.ok && annAck.ok).toBe(true);
    expect(second).toEqual(first);
    expect([...a.state.cards.values()].map((c) => c.text)).toEqual(['ann']);
  });

  it('CL-33 CM-3 the same, the command sent again opening a\'s batch (its key read while the lock is awaited, CM-3): answered as the first, not refused', async () => {
    const { a, b, read, fran, bHoldsTheLock } = await busyOnTwo();
    const franOnB = person(b, 'fran');
    await franOnB.join();
    const { cardId } = await fran.must({ type: 'card.add', columnId: column, text: 'to delete' });
    await b.catchUpTo(null);
    const command = { type: 'card.delete' as const, cardId: cardId!, id: newId() };
    const letGo = await bHoldsTheLock(command, franOnB);
    read.outside.length = 0;
    const again = fran.send(command);
    await expect.poll(() => read.outside.length).toBe(1);
    const first = await letGo();
    expect(first.ok).toBe(true);
    expect(await again).toEqual(first);
    expect(a.state.cards.size).toBe(0);
  });
});
