import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WS_CLOSE, encodeUpdate } from '@candor/shared';
import { createLogger } from '@candor/server';
import { openSqliteStore } from '@candor/server/testing';
import { DocConnection, Person, boardWithNote, healthz, startServer, until, useServer } from './harness.js';

/**
 * DO-14…DO-16 over the real transport: the notes attack of the abuse review (06b: two updates of ~28 KB, each
 * 4,000 characters typed one at a time at the start of one note, from two Yjs client ids) is refused with a
 * close code, leaves nothing behind, and neither it nor the same updates already in the store stall the server;
 * honest editing (a long paste, three people typing at one spot) goes through.
 */

const lines: string[] = [];
const memory = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});

/** 06b's updates: `count` characters typed one at a time at the start of `key`, by Yjs client `clientID`, on `base`. */
function typedAtStart(base: Uint8Array, key: string, clientID: number, count: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  const text = doc.getMap<Y.Text>('notes').get(key)!;
  doc.transact(() => {
    for (let i = 0; i < count; i++) text.insert(0, 'x');
  });
  return Y.encodeStateAsUpdate(doc, before);
}

describe('notes: what an edit may make the server do', () => {
  const live = useServer({ logger: createLogger('info', memory) });
  const people = live.people;

  it('DO-14 two 4,000-character inserts at one spot from two Yjs clients: the second closes its connection TOO_COSTLY; nothing of it is kept, and the board and the server go on', async () => {
    const { F, A: M, key, boardId } = await boardWithNote(live.server.url, people, ['Fran', 'Mallory']);
    const mallory = new DocConnection(await M.docUrl('notes'), new Y.Doc(), () => undefined);
    await until(() => mallory.synced);
    const base = Y.encodeStateAsUpdate(mallory.doc);
    const [first, second] = [typedAtStart(base, key, 1000, 4000), typedAtStart(base, key, 2000, 4000)];
    expect(second.length).toBeLessThan(32 * 1024);

    mallory.sendRaw(encodeUpdate(first));
    await F.waitFor(() => F.notes(key)?.length === 4000);
    mallory.sendRaw(encodeUpdate(second));
    expect((await mallory.waitClosed()).code).toBe(WS_CLOSE.TOO_COSTLY);
    expect((await healthz(live.server.url)).ok).toBe(true);
    expect(lines.some((l) => l.includes('notes-update-too-costly'))).toBe(true);

    // the room goes on: Fran types, Mallory's own page sees it, and nothing of the second update is anywhere
    F.typeNote(key, ' agreed');
    await M.waitFor(() => M.notes(key) === 'x'.repeat(4000) + ' agreed');
    expect(F.notes(key)).toBe('x'.repeat(4000) + ' agreed');
    const reader = new DocConnection(await F.docUrl('notes'), new Y.Doc(), () => undefined);
    await until(() => reader.synced);
    expect(reader.doc.getMap<Y.Text>('notes').get(key)!.toString()).toBe('x'.repeat(4000) + ' agreed');
    expect(Y.decodeStateVector(Y.encodeStateVector(reader.doc)).has(2000)).toBe(false);
    reader.ws.close();

    // ...and after a restart (what the store holds loads as it was)
    const dbFile = live.server.dbFile;
    for (const p of [F, M]) await p.disconnect();
    await live.server.close();
    live.server = await startServer({ dbFile, logger: createLogger('info', memory) });
    const R = new Person(live.server.url);
    people.push(R);
    await R.connect(boardId, 'Reader');
    await R.waitFor(() => R.notes(key) === 'x'.repeat(4000) + ' agreed');
  });

  it('DO-16 the same two updates stored before these bounds existed: the board loads, the costly one left out, and the server answers meanwhile', async () => {
    const { F, A, key, boardId } = await boardWithNote(live.server.url, people, ['Fran', 'Alex']);
    A.typeNote(key, 'kept');
    await F.waitFor(() => F.notes(key) === 'kept');
    const base = Y.encodeStateAsUpdate(F.notesDoc);
    // what an older server stored for the attack: both updates, as they came
    const dbFile = live.server.dbFile;
    for (const p of [F, A]) await p.disconnect();
    await live.server.close();
    const store = openSqliteStore(dbFile);
    await store.appendDocUpdate(boardId, 'notes', typedAtStart(base, key, 1000, 4000));
    await store.appendDocUpdate(boardId, 'notes', typedAtStart(base, key, 2000, 4000));
    store.close();

    live.server = await startServer({ dbFile, logger: createLogger('info', memory) });
    const R = new Person(live.server.url);
    people.push(R);
    await R.connect(boardId, 'Reader');
    expect(R.notes(key)).toBe('x'.repeat(4000) + 'kept');
    expect(lines.some((l) => l.includes('stored notes update left out') && l.includes(boardId))).toBe(true);
    expect((await healthz(live.server.url)).ok).toBe(true);
    R.typeNote(key, ' and more');
    const S = new Person(live.server.url);
    people.push(S);
    await S.connect(boardId, 'Second reader');
    await S.waitFor(() => S.notes(key) === 'x'.repeat(4000) + 'kept and more');
  });

  it('DO-14 honest editing goes through: a long paste, then three people typing at the end of one note at once', async () => {
    const { F, A, key, boardId } = await boardWithNote(live.server.url, people, ['Fran', 'Alex']);
    const B = new Person(live.server.url);
    people.push(B);
    await B.connect(boardId, 'Bea');
    await B.waitFor(() => B.notes(key) !== undefined);
    const paste = 'We agreed to pair on the flaky suite and to ask ops for a staging slot. '.repeat(1_400); // ~100 KB
    A.typeNote(key, paste);
    await F.waitFor(() => F.notes(key) === paste, 10_000);
    // every keystroke is sent at once, before the others' arrive: the three meet at the end of the note
    for (let i = 0; i < 60; i++) for (const [person, letter] of [[F, 'f'], [A, 'a'], [B, 'b']] as const) person.typeNote(key, letter);
    await until(() => [F, A, B].every((p) => p.notes(key)?.length === paste.length + 180) && F.notes(key) === A.notes(key) && A.notes(key) === B.notes(key), 10_000);
    const typed = F.notes(key)!.slice(paste.length);
    for (const letter of 'fab') expect(typed.split(letter).length - 1).toBe(60);
    expect([F, A, B].map((p) => p.notesConn!.closed)).toEqual([null, null, null]);
  });
});
