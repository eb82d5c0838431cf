import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { BoardStore } from '../storage/BoardStore.js';
import { RoomDocuments } from './RoomDocuments.js';

/**
 * AC-5 deletes an action's note and folds the stored notes into one snapshot before it answers the deletion. A
 * participant who creates and deletes actions as fast as the command limits allow (20 a second per connection, on
 * several connections) must not make the server rewrite the whole notes document once per deletion: compactions
 * asked for while one is waiting its turn are that one. One already writing has encoded the document before the
 * later deletions, so a compaction asked for then is a new one.
 */

const text = (snapshot: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  const notes = doc.getMap<Y.Text>('notes');
  return [...notes.keys()].sort().map((key) => `${key}=${notes.get(key)!.toString()}`);
};

/** a board's documents whose notes are stored in `store` */
function documentsOn(store: BoardStore): RoomDocuments {
  return new RoomDocuments('board-1', { board: [], notes: [] }, {
    store,
    logger: pino({ level: 'silent' }),
    notesWritable: () => true,
    stored: { board: false, notes: true },
    deleted: () => false,
  });
}

function notesRoom() {
  const snapshots: Uint8Array[] = [];
  let hold: Promise<void> | undefined;
  const store = {
    appendDocUpdate: async () => 1,
    compactDoc: async (_board: string, _name: string, snapshot: Uint8Array) => {
      snapshots.push(snapshot);
      await hold;
    },
    probe: async () => undefined,
  } as unknown as BoardStore;
  const documents = documentsOn(store);
  const notes = documents.doc('notes').getMap<Y.Text>('notes');
  return {
    documents,
    snapshots,
    holdWrites: (until: Promise<void>) => void (hold = until),
    write: (key: string, words: string) => notes.set(key, new Y.Text(words)),
    remove: (key: string) => documents.doc('notes').transact(() => notes.delete(key), 'server'),
  };
}

describe('RoomDocuments.compact', () => {
  it('AC-5 AB-16 a burst of twenty action deletions rewrites the stored notes once, without any of their words', async () => {
    const room = notesRoom();
    for (let i = 0; i < 21; i++) room.write(`action:${i}`, `words of action ${i}`);
    await expect.poll(() => room.documents.busy).toBe(false);
    const compacted: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      room.remove(`action:${i}`);
      compacted.push(room.documents.compact('notes'));
    }
    await Promise.all(compacted);
    expect(room.snapshots).toHaveLength(1);
    expect(text(room.snapshots[0]!)).toEqual(['action:20=words of action 20']);
  });

  it('AC-5 a deletion made while a compaction is being written gets a compaction of its own', async () => {
    const room = notesRoom();
    room.write('action:a', 'first words');
    room.write('action:b', 'second words');
    await expect.poll(() => room.documents.busy).toBe(false);
    let release!: () => void;
    room.holdWrites(new Promise<void>((resolve) => (release = resolve)));
    room.remove('action:a');
    const first = room.documents.compact('notes');
    // the first compaction has encoded the document and is being written
    await expect.poll(() => room.snapshots.length).toBe(1);
    room.remove('action:b');
    const second = room.documents.compact('notes');
    release();
    await Promise.all([first, second]);
    expect(room.snapshots.map(text)).toEqual([['action:b=second words'], []]);
  });

  it('PE-9 notes typed with no 2-second pause are still folded, at most 10 s after their 500th stored update', async () => {
    vi.useFakeTimers();
    try {
      // a store that counts the stored updates as SQLite's does, and starts again at one after a fold
      let stored = 0;
      const folds: number[] = [];
      const store = {
        appendDocUpdate: async () => ++stored,
        compactDoc: async () => {
          folds.push(stored);
          stored = 1;
        },
        probe: async () => undefined,
      } as unknown as BoardStore;
      const documents = documentsOn(store);
      const notes = documents.doc('notes').getMap<Y.Text>('notes');
      notes.set('action:1', new Y.Text());
      // someone in the room types a character a second, without stopping
      for (let i = 0; i < 560; i++) {
        notes.get('action:1')!.insert(0, 'x');
        await vi.advanceTimersByTimeAsync(1_000);
      }
      // before, the 2-second quiet never came: 561 updates stored, none folded
      expect(folds.length).toBeGreaterThan(0);
      expect(folds[0]).toBeGreaterThan(500);
      expect(folds[0]).toBeLessThanOrEqual(512);
      documents.destroy();
    } finally {
      vi.useRealTimers();
    }
  });
});
