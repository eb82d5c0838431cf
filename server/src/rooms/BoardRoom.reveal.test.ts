import { describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import * as Y from 'yjs';
import { projectBoardDoc, readBoardDoc, RevealKeys, revealOrder, TEMPLATES } from '@candor/shared';
import { openSqliteStore } from '../storage/sqlite.js';
import type { BoardStore } from '../storage/BoardStore.js';
import { Keyring } from '../identity.js';
import type { BoardRoom } from './BoardRoom.js';
import type { RoomDeps } from './roomPorts.js';
import type { DocPeer } from './RoomDocuments.js';
import { createTestBoard, recordCommits, roomDriver, turns } from './room.testing.js';
import { CARD_ENTRIES_KEPT_FROM, CARD_ENTRIES_PER_TURN } from './RoomFanout.js';

/**
 * RV-8: revealing is a fact of the board (its phase), not of each card at rest: the reveal's commit holds the
 * phase change alone, and a board loaded from storage shows every card that existed at the reveal revealed.
 */
const template = TEMPLATES[2]!;
const column = template.columns[0]!.id;
let counter = 0;
const newId = () => `rv${String(++counter).padStart(10, '0')}`;
const keyring = new Keyring(Buffer.alloc(32, 8));

async function boardIn(store: BoardStore, timeZone?: string) {
  await createTestBoard(store, keyring, 'board-reveal', 'Reveal', template, timeZone);
}

const { person, load: loadBoard } = roomDriver(keyring, newId);
/** The board's room as loaded from `store` now (a restart, or kill -9: only what was committed is there). */
const load = (store: BoardStore, more: Partial<RoomDeps> = {}) => loadBoard(store, 'board-reveal', more);

/** A store whose commits are recorded, with a board of three cards by two people, in Write. */
async function writtenBoard(timeZone?: string) {
  const store = openSqliteStore(':memory:');
  await boardIn(store, timeZone);
  const commits = recordCommits(store);
  const room = await load(store);
  const fac = person(room, 'fac', true);
  const ada = person(room, 'ada');
  await fac.join();
  await ada.join();
  for (const text of ['one', 'two']) await ada.send({ type: 'card.add', columnId: column, text });
  await fac.send({ type: 'card.add', columnId: column, text: 'three' });
  return { store, commits, room, fac, ada };
}

/** a board in Write with `CARD_ENTRIES_KEPT_FROM` cards, loaded again as after a restart (made in `timeZone`, EX-12) */
async function bigBoardLoaded(more: Partial<RoomDeps> = {}, timeZone?: string) {
  const { store, room } = await writtenBoard(timeZone);
  const writers = Array.from({ length: Math.ceil(CARD_ENTRIES_KEPT_FROM / 45) }, (_, k) => person(room, `writer${k}`));
  let added = 3;
  for (const writer of writers) {
    await writer.join();
    for (let c = 0; c < 45 && added < CARD_ENTRIES_KEPT_FROM; c++, added++) await writer.send({ type: 'card.add', columnId: column, text: `card-${added}` });
  }
  room.destroy();
  const loaded = await load(store, more);
  return { loaded, fac: person(loaded, 'fac', true), ada: person(loaded, 'ada') };
}

const publicTexts = (room: BoardRoom) => (readBoardDoc(room.boardDoc)?.cards.map((c) => c.text) ?? []).sort();

describe('RV-8 the reveal is the phase, not a rewrite of every card at rest', () => {
  it('RV-8 the reveal is committed without the anonymous state', async () => {
    const { commits, fac } = await writtenBoard();
    const before = commits.length;
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    const reveal = commits.slice(before);
    expect(reveal).toHaveLength(1);
    expect(reveal[0]!.events.map((e) => e.type)).toEqual(['phase.changed']);
    expect(reveal[0]!.anonymousState).toBeUndefined();
  });

  it('RV-8 a board loaded after the reveal was committed shows every card revealed', async () => {
    const { store, fac } = await writtenBoard();
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    expect(publicTexts(await load(store))).toEqual(['one', 'three', 'two']);
  });

  it('RV-8 going back to Write stores the cards as revealed: after a load they stay public and a new card stays private', async () => {
    const { store, commits, fac, ada } = await writtenBoard();
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    const before = commits.length;
    await fac.send({ type: 'phase.set', phase: 'write' });
    expect(commits.slice(before)[0]!.anonymousState).toBeDefined();
    await ada.send({ type: 'card.add', columnId: column, text: 'later' });
    const loaded = await load(store);
    expect(publicTexts(loaded)).toEqual(['one', 'three', 'two']);
    expect(JSON.stringify(loaded.publicView())).not.toContain('later');
    expect(loaded.state.cards.size).toBe(4);
  });

  it('RV-8 a second reveal after going back to Write reveals the later card too, also after a load', async () => {
    const { store, fac, ada } = await writtenBoard();
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    await fac.send({ type: 'phase.set', phase: 'write' });
    await ada.send({ type: 'card.add', columnId: column, text: 'later' });
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    expect(publicTexts(await load(store))).toEqual(['later', 'one', 'three', 'two']);
  });
});

describe('RV-7 a big board\'s reveal inserts card entries encoded as the cards were written', () => {
  /** the card texts the room encodes (as document entries) while `act` runs */
  async function encodedWhile(act: (seen: () => string[]) => Promise<unknown>): Promise<string[]> {
    const texts: string[] = [];
    const cardTexts = () => texts.filter((t) => /"card-[0-9]+|"(one|two|three|four|edited)"/.test(t));
    const encode = TextEncoder.prototype.encode;
    const spy = vi.spyOn(TextEncoder.prototype, 'encode').mockImplementation(function (this: TextEncoder, input?: string) {
      texts.push(input ?? '');
      return encode.call(this, input);
    });
    try {
      await act(cardTexts);
    } finally {
      spy.mockRestore();
    }
    return cardTexts();
  }


  it('RV-7 a big board loaded again makes its entries once the room is quiet, not among a room joining', async () => {
    const entriesQuietMs = 500;
    const { loaded, fac, ada } = await bigBoardLoaded({ entriesQuietMs });
    const joiners = Array.from({ length: 6 }, (_, k) => person(loaded, `joiner${k}`));
    const whileJoining = await encodedWhile(async () => {
      await ada.join();
      for (const joiner of joiners) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        await joiner.join();
      }
    });
    // people kept joining, each well within the quiet time after the one before: no card got its entry meanwhile
    expect(whileJoining).toEqual([]);
    // the room has been quiet since: every card gets its entry, and the reveal encodes none (one watch over the
    // whole wait: a batch that ran between two shorter watches went unseen, 400 of 500 in CI)
    const encoded = await encodedWhile((seen) => vi.waitFor(() => expect(seen()).toHaveLength(CARD_ENTRIES_KEPT_FROM), { timeout: 10_000, interval: 5 }));
    expect(encoded).toHaveLength(CARD_ENTRIES_KEPT_FROM);
    await fac.join();
    expect(await encodedWhile(() => fac.send({ type: 'phase.set', phase: 'reveal' }))).toEqual([]);
    expect(publicTexts(loaded)).toHaveLength(CARD_ENTRIES_KEPT_FROM);
    loaded.destroy();
  });

  it('RV-7 a big board loaded again makes its entries in turns of their own: a join encodes none, the reveal none after them', async () => {
    const { loaded, fac, ada } = await bigBoardLoaded();
    expect(loaded.state.cards.size).toBe(CARD_ENTRIES_KEPT_FROM);
    expect(await encodedWhile(() => ada.join())).toEqual([]);
    // at most one batch in any turn
    const batches: number[] = [];
    for (let i = 0; i < Math.ceil(CARD_ENTRIES_KEPT_FROM / CARD_ENTRIES_PER_TURN) + 1; i++) batches.push((await encodedWhile(() => turns(1))).length);
    expect(Math.max(...batches)).toBeLessThanOrEqual(CARD_ENTRIES_PER_TURN);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(CARD_ENTRIES_KEPT_FROM);
    await fac.join();
    expect(await encodedWhile(() => fac.send({ type: 'phase.set', phase: 'reveal' }))).toEqual([]);
    expect(publicTexts(loaded)).toHaveLength(CARD_ENTRIES_KEPT_FROM);
  });

  it('RV-7 a card the reveal finds without an entry yet is encoded by the reveal', async () => {
    const { loaded, fac, ada } = await bigBoardLoaded();
    await ada.join();
    await fac.join();
    // the reveal comes before the batches have run: it encodes what is left, and every card is revealed
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    expect(publicTexts(loaded)).toHaveLength(CARD_ENTRIES_KEPT_FROM);
    expect(publicTexts(loaded)).toContain('card-499');
    loaded.destroy();
  });

  it('RV-7 a small board encodes its cards at the reveal', async () => {
    const { fac } = await writtenBoard();
    expect(await encodedWhile(() => fac.send({ type: 'phase.set', phase: 'reveal' }))).toHaveLength(3);
  });

  it('RV-7 from CARD_ENTRIES_KEPT_FROM cards a card is encoded when it is written; the reveal encodes none, an edit after it only that card', async () => {
    const { fac, ada, room } = await writtenBoard();
    const writers = Array.from({ length: Math.ceil(CARD_ENTRIES_KEPT_FROM / 45) }, (_, k) => person(room, `writer${k}`));
    let added = 3;
    for (const writer of writers) {
      await writer.join();
      for (let c = 0; c < 45 && added < CARD_ENTRIES_KEPT_FROM - 1; c++, added++) await writer.send({ type: 'card.add', columnId: column, text: `card-${added}` });
    }
    expect(room.state.cards.size).toBe(CARD_ENTRIES_KEPT_FROM - 1);
    // the card that makes the board big: its own entry in its turn, every other card's in turns of their own after it
    expect(await encodedWhile(() => ada.send({ type: 'card.add', columnId: column, text: 'four' }))).toEqual([expect.stringContaining('"four"')]);
    expect(await encodedWhile(() => turns(Math.ceil(CARD_ENTRIES_KEPT_FROM / CARD_ENTRIES_PER_TURN) + 1))).toHaveLength(CARD_ENTRIES_KEPT_FROM - 1);
    expect(await encodedWhile(() => fac.send({ type: 'card.add', columnId: column, text: 'card-9999' }))).toHaveLength(1);
    expect(await encodedWhile(() => fac.send({ type: 'phase.set', phase: 'reveal' }))).toEqual([]);
    expect(publicTexts(room)).toHaveLength(CARD_ENTRIES_KEPT_FROM + 1);
    const four = room.publicView().cards.find((c) => c.text === 'four')!;
    const edit = await encodedWhile(() => ada.send({ type: 'card.edit', cardId: four.id, text: 'edited' }));
    expect(edit).toEqual([JSON.stringify([four.id, column, 'edited', null, true])]);
    expect(publicTexts(room)).toContain('edited');
    expect(publicTexts(room)).not.toContain('four');
  });

  it('RV-10 on a big board each card gets its reveal-order key when it is written: the reveal hashes no id, in the order RV-2 gives', async () => {
    const { loaded, fac, ada } = await bigBoardLoaded();
    await ada.join();
    await ada.send({ type: 'card.add', columnId: column, text: 'written after the load' });
    await turns(Math.ceil(CARD_ENTRIES_KEPT_FROM / CARD_ENTRIES_PER_TURN) + 1);
    await fac.join();
    const ordered = vi.spyOn(RevealKeys.prototype, 'orderOf');
    try {
      await fac.send({ type: 'phase.set', phase: 'reveal' });
      // the reveal's projection took the cards in the order they were kept in as they were written
      expect(ordered.mock.results[0]?.value).toHaveLength(CARD_ENTRIES_KEPT_FROM + 1);
    } finally {
      ordered.mockRestore();
    }
    const seed = loaded.state.revealSeed!;
    expect(seed).toBe('seed');
    expect(readBoardDoc(loaded.boardDoc)!.cards.map((c) => c.id)).toEqual(revealOrder([...loaded.state.cards.keys()], seed));
    loaded.destroy();
  });
});

describe('RV-11 a big board quiet in Write has its reveal ready before the facilitator reveals', () => {
  const quiet = { revealReadyQuietMs: 20 };

  /** a board in Write with `CARD_ENTRIES_KEPT_FROM` cards (Ada wrote 'one' and 'two'), loaded again, Ada and the facilitator in */
  async function bigBoard(more: Partial<RoomDeps> = {}, timeZone?: string) {
    const board = await bigBoardLoaded({ ...quiet, ...more }, timeZone);
    await board.fac.join();
    await board.ada.join();
    return board;
  }

  /** a reader of the board document, as a browser holds it: the whole document first, then every update sent */
  function readerOf(room: BoardRoom) {
    const updates: Uint8Array[] = [];
    const doc = new Y.Doc();
    const peer: DocPeer = {
      participantId: 'pid-reader',
      sendUpdate: (update) => {
        updates.push(update);
        Y.applyUpdate(doc, update);
      },
      resync: () => undefined,
    };
    room.documents.join('board', peer);
    Y.applyUpdate(doc, room.documents.answer('board', peer, Y.encodeStateVector(new Y.Doc())));
    return { updates, view: () => readBoardDoc(doc) };
  }

  type Ready = { update: Uint8Array };
  const readyOf = (room: BoardRoom): Ready | undefined => room['fanout']['ready'] as Ready | undefined;
  const madeReady = (room: BoardRoom, not?: Ready) =>
    vi.waitFor(
      () => {
        const ready = readyOf(room);
        expect(ready).toBeDefined();
        expect(ready).not.toBe(not);
        return ready!;
      },
      { timeout: 10_000, interval: 5 },
    );

  /** how many updates projecting the room's public view into its board document again would write (none: it holds it) */
  function projectionWrites(room: BoardRoom): number {
    let writes = 0;
    const count = () => writes++;
    room.boardDoc.on('update', count);
    projectBoardDoc(room.boardDoc, room.publicView());
    room.boardDoc.off('update', count);
    return writes;
  }

  it('RV-11 the reveal sends the update made ready before the command, and every reader holds the public view', async () => {
    const { loaded, fac } = await bigBoard();
    const reader = readerOf(loaded);
    const printed = vi.spyOn(console, 'log');
    const ready = await madeReady(loaded);
    const before = reader.updates.length;
    const writer = loaded.boardDoc.clientID;
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    expect(reader.updates.slice(before)[0]).toBe(ready.update);
    // the copy writes as the room's document did (Yjs drew it no new client id, nor said so on the console)
    expect(loaded.boardDoc.clientID).toBe(writer);
    expect(printed.mock.calls.flat().join(' ')).not.toContain('client-id');
    printed.mockRestore();
    expect(reader.view()).toEqual(loaded.publicView());
    expect(reader.view()!.cards).toHaveLength(CARD_ENTRIES_KEPT_FROM);
    expect(projectionWrites(loaded)).toBe(0);
    expect(readyOf(loaded)).toBeUndefined();
    loaded.destroy();
  });

  // EX-12: 20:00 UTC on Dec 6 is 09:00 on Dec 7 in Auckland and 12:00 on Dec 6 in Los Angeles
  const eveningUtc = { now: () => Date.parse('2026-12-06T20:00:00Z') };

  it('RV-11 EX-12 on a board made in Auckland the reveal made ready carries its day, the decision\'s: the facilitator there reveals with the update made ready', async () => {
    const { loaded, fac } = await bigBoard(eveningUtc, 'Pacific/Auckland');
    const reader = readerOf(loaded);
    const ready = await madeReady(loaded);
    const before = reader.updates.length;
    await fac.send({ type: 'phase.set', phase: 'reveal', timeZone: 'Pacific/Auckland' });
    expect(reader.updates.slice(before)[0]).toBe(ready.update);
    expect(loaded.publicView().heldOn).toBe('2026-12-07');
    expect(reader.view()).toEqual(loaded.publicView());
    expect(projectionWrites(loaded)).toBe(0);
    loaded.destroy();
  });

  it('RV-11 EX-12 a facilitator in Los Angeles reveals that Auckland board on another day: what was ready is not sent, the room says their day', async () => {
    const { loaded, fac } = await bigBoard(eveningUtc, 'Pacific/Auckland');
    const reader = readerOf(loaded);
    const ready = await madeReady(loaded);
    const before = reader.updates.length;
    await fac.send({ type: 'phase.set', phase: 'reveal', timeZone: 'America/Los_Angeles' });
    expect(reader.updates.slice(before)).not.toContain(ready.update);
    expect(loaded.publicView().heldOn).toBe('2026-12-06');
    expect(reader.view()).toEqual(loaded.publicView());
    expect(reader.view()!.cards).toHaveLength(CARD_ENTRIES_KEPT_FROM);
    loaded.destroy();
  });

  it('RV-11 nothing of the reveal made ready reaches anyone before the reveal', async () => {
    const { loaded } = await bigBoard();
    const reader = readerOf(loaded);
    await madeReady(loaded);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reader.view()!.cards).toEqual([]);
    expect(reader.updates.some((u) => Buffer.from(u).includes('card-1'))).toBe(false);
    loaded.destroy();
  });

  it('RV-11 a card edited after the reveal was made ready: the reveal right after shows the edit, not what was ready', async () => {
    const { loaded, fac, ada } = await bigBoard();
    const reader = readerOf(loaded);
    const ready = await madeReady(loaded);
    const one = [...loaded.state.cards.values()].find((c) => c.text === 'one')!;
    await ada.send({ type: 'card.edit', cardId: one.id, text: 'one, said better' });
    const before = reader.updates.length;
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    expect(reader.updates.slice(before)).not.toContain(ready.update);
    const texts = reader.view()!.cards.map((c) => c.text);
    expect(texts).toContain('one, said better');
    expect(texts).not.toContain('one');
    expect(reader.view()).toEqual(loaded.publicView());
    loaded.destroy();
  });

  it('RV-11 once quiet again the reveal is made ready anew, with the change', async () => {
    const { loaded, fac, ada } = await bigBoard();
    const reader = readerOf(loaded);
    const first = await madeReady(loaded);
    await ada.send({ type: 'card.add', columnId: column, text: 'written at the last moment' });
    const again = await madeReady(loaded, first);
    const before = reader.updates.length;
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    expect(reader.updates.slice(before)[0]).toBe(again.update);
    expect(reader.view()!.cards.map((c) => c.text)).toContain('written at the last moment');
    expect(reader.view()).toEqual(loaded.publicView());
    loaded.destroy();
  });

  it('RV-11 someone joining or leaving after the reveal was made ready: the reveal shows who is in the room now', async () => {
    const { loaded, fac } = await bigBoard();
    const reader = readerOf(loaded);
    const ready = await madeReady(loaded);
    await person(loaded, 'late').join();
    loaded.detach('socket-writer0');
    const before = reader.updates.length;
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    expect(reader.updates.slice(before)).not.toContain(ready.update);
    expect(reader.view()).toEqual(loaded.publicView());
    expect(reader.view()!.participants.find((p) => p.name === 'late')?.online).toBe(true);
    loaded.destroy();
  });

  it('RV-11 someone joining while the reveal is being made ready ends the making: what becomes ready has them in', async () => {
    const { loaded, fac } = await bigBoard();
    const reader = readerOf(loaded);
    const fork = loaded.documents.fork.bind(loaded.documents);
    // (the join arrives between two steps of the making: after the fork, before the projection into it)
    vi.spyOn(loaded.documents, 'fork').mockImplementationOnce(() => {
      const forked = fork();
      void person(loaded, 'between').join();
      return forked;
    });
    const ready = await madeReady(loaded);
    const between = (doc: Y.Doc) => readBoardDoc(doc)!.participants.find((p) => p.name === 'between');
    expect(between((ready as unknown as { fork: { doc: Y.Doc } }).fork.doc)?.online).toBe(true);
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    expect(reader.view()).toEqual(loaded.publicView());
    loaded.destroy();
  });

  it('RV-11 making the reveal ready fails: it is said in the log, nothing is ready, and the reveal works it out in its turn', async () => {
    const errors: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
    const { loaded, fac } = await bigBoardLoaded({ ...quiet, logger });
    await fac.join();
    vi.spyOn(loaded as unknown as { revealAhead: () => unknown }, 'revealAhead').mockImplementation(() => {
      throw new Error('no copy today');
    });
    const reader = readerOf(loaded);
    await vi.waitFor(() => expect(errors.join('')).toContain('reveal not made ready'), { timeout: 10_000, interval: 5 });
    expect(readyOf(loaded)).toBeUndefined();
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    expect(reader.view()).toEqual(loaded.publicView());
    expect(reader.view()!.cards).toHaveLength(CARD_ENTRIES_KEPT_FROM);
    loaded.destroy();
  });

  it('RV-11 a small board makes nothing ready', async () => {
    const store = openSqliteStore(':memory:');
    await boardIn(store);
    const room = await load(store, quiet);
    const fac = person(room, 'fac', true);
    await fac.join();
    await fac.send({ type: 'card.add', columnId: column, text: 'alone' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readyOf(room)).toBeUndefined();
    room.destroy();
  });
});
