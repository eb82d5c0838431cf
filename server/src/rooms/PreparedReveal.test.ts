import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type BoardEvent, type BoardState, type Command, emptyBoard, evolve, withLateFields, projectBoardDoc, readBoardDoc, TEMPLATES, viewOf } from '@candor/shared';
import { openSqliteStore } from '../storage/sqlite.js';
import { Keyring } from '../identity.js';
import type { DocPeer } from './RoomDocuments.js';
import { PreparedReveal } from './PreparedReveal.js';
import { roomDriver } from './room.testing.js';

/**
 * RV-10: a big board's card entries are encoded ahead, and the reveal's update takes those bytes: the very
 * update Yjs's own insert makes, whatever changed since they were prepared.
 */
const texts = ['plain text', 'ça coûte 5 €, naïve 😀', `lone \ud800 surrogate \udc00`, 'é'.repeat(70), 'x'.repeat(5_000) + '😀'.repeat(3_000), 'x'.repeat(42)];

/** a board in Write with `n` cards, their events as `publish` hands them over */
function writeBoard(n: number): { state: BoardState; events: BoardEvent[] } {
  const state = emptyBoard('b1');
  const events: BoardEvent[] = [];
  for (let i = 0; i < n; i++) {
    const event: BoardEvent = { type: 'card.added', cardId: `card${String(i).padStart(4, '0')}`, columnId: `col${i % 3}`, text: `${texts[i % texts.length]} #${i}`, authorTag: `t${i % 7}` };
    evolve(state, event);
    events.push(event);
  }
  return { state, events };
}

const publicView = (state: BoardState) => viewOf(state, { kind: 'public' }).board;

/** The reveal of `state` projected into two copies of its document, one with `insert`, one with Yjs's own insert. */
function revealBoth(state: BoardState, insert: PreparedReveal['insert']) {
  const copies = [insert, undefined].map((use) => {
    const doc = new Y.Doc();
    doc.clientID = 5;
    projectBoardDoc(doc, publicView(state));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    // what the card run is while its update is encoded
    let encodedAs = '';
    doc.on('afterTransactionCleanup', () => (encodedAs ||= (doc.getMap('board').get('cards') as Y.Array<unknown>)._start?.content.constructor.name ?? ''));
    return { doc, updates, use, encodedAs: () => encodedAs };
  });
  evolve(state, { type: 'phase.changed', phase: 'reveal', revealSeed: 'seed' });
  for (const copy of copies) projectBoardDoc(copy.doc, publicView(state), copy.use);
  return copies.map(({ doc, updates, encodedAs }) => ({ doc, encodedAs: encodedAs(), updates: updates.map((u) => Buffer.from(u).toString('hex')) }));
}

afterEach(() => vi.useRealTimers());

describe('RV-10 the reveal’s cards take bytes encoded ahead, the very update Yjs makes', () => {
  it('RV-10 the reveal’s update is byte for byte Yjs’s, with every entry prepared or some changed since', () => {
    vi.useFakeTimers();
    const { state, events } = writeBoard(240);
    const prepared = new PreparedReveal(state);
    prepared.changed(events);
    vi.advanceTimersByTime(100);
    // changed after they were prepared, and never announced: the reveal must not take their old bytes
    state.cards.get('card0003')!.text = 'edited behind its back';
    withLateFields(state.cards.get('card0010')!).signature = 'Ada';
    const [ours, yjs] = revealBoth(state, prepared.insert);
    expect([ours!.encodedAs, yjs!.encodedAs]).toEqual(['PreparedRun', 'ContentAny']);
    expect(ours!.updates).toHaveLength(1);
    expect(ours!.updates).toEqual(yjs!.updates);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(ours!.doc));
    expect(readBoardDoc(client)!.cards.map((c) => c.text)).toContain('edited behind its back');
  });

  it('RV-10 after the reveal the run is Yjs’s own content: later updates and the whole document encode as Yjs’s', () => {
    vi.useFakeTimers();
    const { state, events } = writeBoard(210);
    const prepared = new PreparedReveal(state);
    prepared.changed(events);
    vi.advanceTimersByTime(100);
    const [ours, yjs] = revealBoth(state, prepared.insert).map((c) => ({ ...c, list: c.doc.getMap('board').get('cards') as Y.Array<unknown> }));
    expect(ours!.list._start!.content.constructor).toBe(Y.ContentAny);
    const later: Record<string, string[]> = { ours: [], yjs: [] };
    for (const [name, copy] of [['ours', ours!], ['yjs', yjs!]] as const) {
      copy.doc.on('update', (u: Uint8Array) => later[name]!.push(Buffer.from(u).toString('hex')));
      // a card revealed later, right after the run (Yjs merges it into the run), then an edit inside the run
      copy.list.insert(copy.list.length, [['late', 'col0', 'later', null, false, null]]);
      copy.doc.transact(() => {
        copy.list.delete(2, 1);
        copy.list.insert(2, [['card0002', 'col2', 'edited', null, true, null]]);
      });
    }
    expect(later.ours).toEqual(later.yjs);
    expect(Buffer.from(Y.encodeStateAsUpdate(ours!.doc)).equals(Buffer.from(Y.encodeStateAsUpdate(yjs!.doc)))).toBe(true);
  });

  it('RV-10 a small board prepares nothing, and nothing prepared outlives Write', () => {
    vi.useFakeTimers();
    const small = writeBoard(20);
    const none = new PreparedReveal(small.state);
    none.changed(small.events);
    vi.advanceTimersByTime(100);
    const insert = vi.fn();
    const seen = (prepared: PreparedReveal) => (prepared as unknown as { prepared: Map<string, unknown> | null }).prepared;
    expect(seen(none)).toBeNull();
    const big = writeBoard(200);
    const prepared = new PreparedReveal(big.state);
    prepared.changed(big.events);
    vi.advanceTimersByTime(100);
    expect(seen(prepared)?.size).toBe(200);
    evolve(big.state, { type: 'phase.changed', phase: 'vote' });
    prepared.changed([{ type: 'phase.changed', phase: 'vote' }]);
    vi.advanceTimersByTime(2_000);
    expect(seen(prepared)).toBeNull();
    expect(insert).not.toHaveBeenCalled();
  });
});

describe('RV-10 in a room', () => {
  const template = TEMPLATES[2]!;
  const column = template.columns[0]!.id;
  let counter = 0;
  const newId = () => `pr${String(++counter).padStart(10, '0')}`;
  const keyring = new Keyring(Buffer.alloc(32, 7));
  const { person, load } = roomDriver(keyring, newId);

  it('RV-10 no card text leaves before the reveal, and the reveal’s update is the one Yjs’s own insert makes', async () => {
    const store = openSqliteStore(':memory:');
    await store.createBoard(
      { id: 'board-prep', facilitatorHash: keyring.facilitatorHash('board-prep', 'f'.repeat(40)), createdAt: 0 },
      { type: 'board.created', name: 'Prepared', templateId: template.id, columns: template.columns, settings: { voteBudget: 3, perItemCap: 2 } },
    );
    const room = await load(store, 'board-prep');
    const fac = person(room, 'fac', true);
    await fac.join();
    const writers = Array.from({ length: 5 }, (_, i) => person(room, `w${i}`));
    for (const w of writers) await w.join();
    const updates: Uint8Array[] = [];
    const peer: DocPeer = { participantId: 'pid-facxxxxx', sendUpdate: (u) => updates.push(u), resync: () => undefined };
    room.documents.join('board', peer);
    updates.push(room.documents.answer('board', peer, Y.encodeStateVector(new Y.Doc())));
    const written: string[] = [];
    for (let i = 0; i < 220; i++) {
      const text = `secret card ${i} ${texts[i % texts.length]!.slice(0, 200)}`;
      written.push(text);
      await writers[i % writers.length]!.send({ type: 'card.add', columnId: column, text });
    }
    // let the entries be prepared, as they are while people write
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((room as unknown as { fanout: { reveal: { prepared: Map<string, unknown> } } }).fanout.reveal.prepared.size).toBe(220);
    const before = Buffer.concat(updates).toString('latin1');
    for (const text of written) expect(before.includes(Buffer.from(`secret card ${text.split(' ')[2]} `).toString('latin1'))).toBe(false);

    // what Yjs's own insert would have sent: the same document before the reveal, written to as the server's client
    const replica = new Y.Doc();
    for (const u of updates) Y.applyUpdate(replica, u);
    replica.clientID = room.documents.doc('board').clientID;
    const count = updates.length;
    const ack = await room.handle('socket-fac', { id: newId(), type: 'phase.set', phase: 'reveal' } as Command);
    expect(ack.ok).toBe(true);
    const revealUpdates = updates.slice(count);
    expect(revealUpdates).toHaveLength(1);
    const expected: Uint8Array[] = [];
    replica.on('update', (u: Uint8Array) => expected.push(u));
    projectBoardDoc(replica, viewOf(room.state, { kind: 'public' }).board);
    expect(Buffer.from(revealUpdates[0]!).equals(Buffer.from(expected[0]!))).toBe(true);
    const client = new Y.Doc();
    for (const u of updates) Y.applyUpdate(client, u);
    // every card, as written (a lone surrogate reads back as U+FFFD, as with Yjs's own insert)
    expect(readBoardDoc(client)!.cards.map((c) => c.text).sort()).toEqual(written.map((t) => Buffer.from(t).toString()).sort());
    room.destroy();
    await store.close();
  });
});
