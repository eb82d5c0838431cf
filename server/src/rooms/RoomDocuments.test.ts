import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardStore } from '../storage/BoardStore.js';
import { type DocPeer, RoomDocuments } from './RoomDocuments.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

/** documents that store nothing (a board document is a projection; nothing here needs the store) */
function unstoredDocuments(): RoomDocuments {
  return new RoomDocuments('board-1', { board: [], notes: [] }, {
    store: {} as BoardStore,
    logger: pino({ level: 'silent' }),
    notesWritable: () => true,
    stored: { board: false, notes: false },
    deleted: () => false,
  });
}

const peer = (participantId: string): DocPeer & { received: Uint8Array[] } => {
  const received: Uint8Array[] = [];
  return { participantId, received, sendUpdate: (u) => void received.push(u), resync: () => undefined };
};

/** the whole-document answer for a new peer, held only weakly: what the test keeps must not keep it alive */
function answerWeakly(documents: RoomDocuments, who: DocPeer): WeakRef<Uint8Array> {
  documents.join('board', who);
  return new WeakRef(documents.answer('board', who, EMPTY_STATE_VECTOR));
}

describe('ME-2 a document keeps its encoded whole-document answer only while it is current', () => {
  it('ME-2 a change of the document drops the answer, and the next peer gets the changed document', async () => {
    const documents = unstoredDocuments();
    documents.doc('board').getMap('people').set('p1', 'Ada');
    const first = answerWeakly(documents, peer('a'));
    gc();
    // while the document does not change, the answer is kept for everyone else who asks for everything
    expect(first.deref() !== undefined).toBe(true);
    documents.doc('board').getMap('people').set('p2', 'Bo');
    await expect.poll(() => {
      gc();
      return first.deref() === undefined;
    }).toBe(true);
    const late = new Y.Doc();
    const newcomer = peer('c');
    documents.join('board', newcomer);
    Y.applyUpdate(late, documents.answer('board', newcomer, EMPTY_STATE_VECTOR));
    expect(late.getMap('people').toJSON()).toEqual({ p1: 'Ada', p2: 'Bo' });
    documents.destroy();
  });

  it('ME-2 peers asking at the same version share one encoded answer', () => {
    const documents = unstoredDocuments();
    documents.doc('board').getMap('people').set('p1', 'Ada');
    const a = peer('a');
    const b = peer('b');
    documents.join('board', a);
    documents.join('board', b);
    expect(documents.answer('board', a, EMPTY_STATE_VECTOR)).toBe(documents.answer('board', b, EMPTY_STATE_VECTOR));
    documents.destroy();
  });
});

describe('RV-9 the board document’s change reaches its peers in the turn that made it', () => {
  it('RV-9 a change of the unstored board document is handed to every peer before anything else runs', () => {
    const documents = unstoredDocuments();
    const a = peer('a');
    const b = peer('b');
    documents.join('board', a);
    documents.join('board', b);
    documents.doc('board').getMap('people').set('p1', 'Ada');
    // no await: the projection's caller (the command's ack, personal views) runs only after this
    expect(a.received).toHaveLength(1);
    expect(b.received).toEqual(a.received);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, a.received[0]!);
    expect(copy.getMap('people').toJSON()).toEqual({ p1: 'Ada' });
    documents.destroy();
  });

  it('RV-9 a change made while the document’s queue is busy waits its turn, in order', async () => {
    const documents = unstoredDocuments();
    const a = peer('a');
    const b = peer('b');
    documents.join('board', a);
    documents.join('board', b);
    // b sends an update to the read-only board document: refused, but it holds the queue for a moment
    const refused = documents.receive('board', b, Y.encodeStateAsUpdate(new Y.Doc()));
    documents.doc('board').getMap('people').set('p1', 'Ada');
    documents.doc('board').getMap('people').set('p2', 'Bo');
    expect(a.received).toHaveLength(0);
    await expect(refused).resolves.toBe('refused');
    await expect.poll(() => a.received.length).toBe(2);
    const copy = new Y.Doc();
    for (const update of a.received) Y.applyUpdate(copy, update);
    expect(copy.getMap('people').toJSON()).toEqual({ p1: 'Ada', p2: 'Bo' });
    documents.destroy();
  });
});

describe('DO-2 a peer update that brings nothing', () => {
  it('DO-2 a notes connection\'s sync step 2 with nothing the server lacks (every connection sends one when it opens) is not stored, announced to other processes or relayed; an edit is', async () => {
    const appended: Uint8Array[] = [];
    const announced: Uint8Array[] = [];
    // the notes as stored: one text, for the item discussed
    const stored = new Y.Doc();
    stored.getMap<Y.Text>('notes').set('item:1', new Y.Text(''));
    const documents = new RoomDocuments('board-1', { board: [], notes: [Y.encodeStateAsUpdate(stored)] }, {
      store: { appendDocUpdate: async (_board: string, _doc: string, update: Uint8Array) => appended.push(update) } as unknown as BoardStore,
      logger: pino({ level: 'silent' }),
      notesWritable: () => true,
      stored: { board: false, notes: true },
      deleted: () => false,
      notesStored: (update) => void announced.push(update),
    });
    const ada = peer('a');
    const bo = peer('b');
    documents.join('notes', ada);
    documents.join('notes', bo);
    // Ada's copy, synced from the server's answer: her reply to the server's step 1 is an update with nothing in it
    const hers = new Y.Doc();
    Y.applyUpdate(hers, documents.answer('notes', ada, Y.encodeStateVector(hers)));
    const serverVector = Y.encodeStateVector(documents.doc('notes'));
    const step2 = Y.encodeStateAsUpdate(hers, serverVector);
    expect(await documents.receive('notes', ada, step2)).toBe('applied');
    expect({ appended: appended.length, announced: announced.length, relayed: bo.received.length }).toEqual({ appended: 0, announced: 0, relayed: 0 });

    // a real edit is stored, announced and relayed (the control)
    hers.getMap<Y.Text>('notes').get('item:1')!.insert(0, 'pair on it');
    expect(await documents.receive('notes', ada, Y.encodeStateAsUpdate(hers, serverVector))).toBe('applied');
    expect({ appended: appended.length, announced: announced.length, relayed: bo.received.length }).toEqual({ appended: 1, announced: 1, relayed: 1 });
    expect(documents.doc('notes').getMap<Y.Text>('notes').get('item:1')!.toString()).toBe('pair on it');
    documents.destroy();
  });
});
