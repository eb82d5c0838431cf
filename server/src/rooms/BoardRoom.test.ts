import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readBoardDoc, TEMPLATES } from '@candor/shared';
import { pino } from 'pino';
import { openSqliteStore } from '../storage/sqlite.js';
import type { BoardStore } from '../storage/BoardStore.js';
import { Keyring } from '../identity.js';
import { BoardRoom } from './BoardRoom.js';
import { attachPerson, createTestBoard } from './room.testing.js';

const template = TEMPLATES[2]!;
let counter = 0;
const newId = () => `id${String(++counter).padStart(10, '0')}`;

async function roomWith(store: BoardStore = openSqliteStore(':memory:')) {
  const keyring = new Keyring(Buffer.alloc(32, 7));
  await createTestBoard(store, keyring, 'board-room', 'Room test', template);
  const deps = { store, keyring, logger: pino({ level: 'silent' }), now: () => 1_000, newId, newSeed: () => 'seed', claimAfterMs: 60_000 };
  const room = new BoardRoom((await store.loadBoard('board-room'))!, deps);
  return { room, store, deps };
}

describe('BoardRoom', () => {
  it('AN-3 sends a card to its author alone and keeps its text out of the board document until Reveal', async () => {
    const { room } = await roomWith();
    const fac = attachPerson(room, 'fac', newId, { facilitator: true });
    const ada = attachPerson(room, 'ada', newId);
    const bob = attachPerson(room, 'bob', newId);
    await fac.join();
    await ada.join();
    await bob.join();
    const added = await ada.send({ type: 'card.add', columnId: 'start', text: 'pair on deploys' });
    expect(added.ok).toBe(true);
    expect(ada.received.at(-1)?.cards.map((c) => c.text)).toEqual(['pair on deploys']);
    expect(bob.received.every((v) => v.cards.length === 0)).toBe(true);
    const bytes = Buffer.from(Y.encodeStateAsUpdate(room.boardDoc)).toString('latin1');
    expect(bytes).not.toContain('pair on deploys');
    expect(readBoardDoc(room.boardDoc)?.cardCount).toBe(0); // AN-10: one writer is not counted in public

    expect((await fac.send({ type: 'phase.set', phase: 'reveal' })).ok).toBe(true);
    expect(readBoardDoc(room.boardDoc)?.cards.map((c) => c.text)).toEqual(['pair on deploys']);
  });

  it('CM-1 applies a command id once and answers a repeat with the stored result', async () => {
    const { room } = await roomWith();
    const ada = attachPerson(room, 'ada', newId);
    await ada.join();
    const first = await ada.send({ id: 'repeat-me-1', type: 'card.add', columnId: 'start', text: 'once' });
    const again = await ada.send({ id: 'repeat-me-1', type: 'card.add', columnId: 'start', text: 'once' });
    expect(again).toEqual(first);
    expect(room.state.cards.size).toBe(1);
  });

  it('CM-2 answers INTERNAL and changes nothing when the store cannot commit', async () => {
    const store = openSqliteStore(':memory:');
    const { room } = await roomWith(store);
    const ada = attachPerson(room, 'ada', newId);
    await ada.join();
    store.commit = store.commitBatch = async () => {
      throw new Error('disk full');
    };
    const result = await ada.send({ type: 'card.add', columnId: 'start', text: 'lost?' });
    expect(result).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(room.state.cards.size).toBe(0);
    expect(readBoardDoc(room.boardDoc)?.cardCount).toBe(0);
  });

  it('AN-4 rebuilds the same board from the store after a restart', async () => {
    const store = openSqliteStore(':memory:');
    const { room, deps } = await roomWith(store);
    const fac = attachPerson(room, 'fac', newId, { facilitator: true });
    await fac.join();
    await fac.send({ type: 'card.add', columnId: 'stop', text: 'late reviews' });
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    const again = new BoardRoom((await store.loadBoard('board-room'))!, deps);
    const before = readBoardDoc(room.boardDoc)!;
    const after = readBoardDoc(again.boardDoc)!;
    // presence is not stored: nobody is online in a freshly loaded room, so the facilitator is away
    // (and DN-2 counts only the people online)
    const withoutPresence = (v: typeof before) => ({ ...v, participants: [], facilitator: null, progress: v.progress && { ...v.progress, of: 0 } });
    expect(withoutPresence(after)).toEqual(withoutPresence(before));
    expect(after.participants).toEqual([{ handle: before.participants[0]!.handle, name: 'fac', online: false, facilitator: true, done: false }]);
    expect(after.facilitator).toEqual({ handle: before.participants[0]!.handle, name: 'fac', online: false, claimableAt: 1_000 + 60_000 });
  });

  it('DU-3 folds a document’s many stored updates into one snapshot once it has been quiet, and loads back the same text', async () => {
    vi.useFakeTimers();
    try {
      const store = openSqliteStore(':memory:');
      const { room } = await roomWith(store);
      const text = room.notesDoc.getMap<Y.Text>('notes');
      room.notesDoc.transact(() => text.set('scratch', new Y.Text()), 'test');
      for (let i = 0; i < 520; i++) room.notesDoc.transact(() => text.get('scratch')!.insert(i, 'x'), 'test');
      await vi.advanceTimersByTimeAsync(0);
      expect((await store.loadBoard('board-room'))!.docs.notes.length).toBe(521);
      await vi.advanceTimersByTimeAsync(2_500);
      const docs = (await store.loadBoard('board-room'))!.docs;
      expect(docs.notes).toHaveLength(1);
      const reloaded = new Y.Doc();
      Y.applyUpdate(reloaded, docs.notes[0]!);
      expect(reloaded.getMap<Y.Text>('notes').get('scratch')!.toString()).toBe('x'.repeat(520));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('BoardRoom batching', () => {
  it('RX-4 a burst of reactions and raised hands is projected once per batch, not once per click', async () => {
    // the room gathers the commands of one turn of the event loop with setImmediate: only timers are faked
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { room } = await roomWith();
      const fac = attachPerson(room, 'fac', newId, { facilitator: true });
      const crowd = Array.from({ length: 20 }, (_, i) => attachPerson(room, `p${i}`, newId));
      await fac.join();
      for (const p of crowd) await p.join();
      const card = await crowd[0]!.send({ type: 'card.add', columnId: 'start', text: 'topic' });
      const itemId = (card as { data: { cardId: string } }).data.cardId;
      for (const phase of ['reveal', 'vote', 'discuss'] as const) expect((await fac.send({ type: 'phase.set', phase })).ok).toBe(true);
      expect((await fac.send({ type: 'discuss.select', itemId })).ok).toBe(true);
      await vi.advanceTimersByTimeAsync(100);

      let projections = 0;
      room.boardDoc.on('update', () => projections++);
      const acks = await Promise.all(
        crowd.flatMap((p) => [p.send({ type: 'reaction.toggle', itemId, reaction: 'agree', on: true }), p.send({ type: 'hand.raise', raised: true })]),
      );
      expect(acks.every((a) => a.ok)).toBe(true);
      // Every click was acknowledged; the room has not projected any of them yet.
      expect(projections).toBe(0);
      await vi.advanceTimersByTimeAsync(30);
      expect(projections).toBe(1);
      const board = readBoardDoc(room.boardDoc)!;
      expect(board.reactions[itemId]).toEqual({ agree: 20 });
      expect(board.raisedHands).toHaveLength(20);
    } finally {
      vi.useRealTimers();
    }
  });
});
