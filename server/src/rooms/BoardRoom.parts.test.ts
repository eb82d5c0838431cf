import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '@candor/shared';
import { openSqliteStore } from '../storage/sqlite.js';
import type { BoardStore, CommitBatch } from '../storage/BoardStore.js';
import { Keyring } from '../identity.js';
import type { BoardRoom } from './BoardRoom.js';
import { createTestBoard, recordCommits, roomDriver } from './room.testing.js';

/**
 * AR-1: the anonymous state is stored in parts, and a batch writes only the parts it changed: a vote writes the
 * marks (a few dozen bytes a vote), not every card's text again.
 */
const template = TEMPLATES[2]!;
const column = template.columns[0]!.id;
const BOARD = 'board-parts';
let counter = 0;
const newId = () => `pa${String(++counter).padStart(10, '0')}`;
const keyring = new Keyring(Buffer.alloc(32, 5));
const CARDS_EACH = 20;

const { person, load: loadBoard } = roomDriver(keyring, newId);
const load = (store: BoardStore) => loadBoard(store, BOARD);

/** every byte of anonymous state a batch hands the store, whatever its shape */
function anonymousBytes(batch: CommitBatch): Buffer {
  const written = batch.anonymousState as unknown;
  if (!written) return Buffer.alloc(0);
  if (written instanceof Uint8Array) return Buffer.from(written);
  return Buffer.concat(Object.values(written as Record<string, Uint8Array>).map((part) => Buffer.from(part)));
}

/** the vote units on an item */
const unitsOn = (room: BoardRoom, itemId: string) => [...(room.state.votes.get(itemId)?.values() ?? [])].reduce((a, n) => a + n, 0);

/** A board in Vote with 60 cards by three people, its commits recorded. */
async function votingBoard() {
  const store = openSqliteStore(':memory:');
  await createTestBoard(store, keyring, BOARD, 'Parts', template);
  const commits = recordCommits(store);
  const room = await load(store);
  const fac = person(room, 'fac', true);
  const people = [fac, person(room, 'ada'), person(room, 'bob')];
  for (const p of people) await p.join();
  const texts: string[] = [];
  const cardIds: string[] = [];
  for (const [i, p] of people.entries()) {
    for (let c = 0; c < CARDS_EACH; c++) {
      const text = `card ${i}-${c}: something we should talk about`;
      texts.push(text);
      cardIds.push((await p.send({ type: 'card.add', columnId: column, text })).cardId!);
    }
  }
  await fac.send({ type: 'phase.set', phase: 'reveal' });
  await fac.send({ type: 'phase.set', phase: 'vote' });
  return { store, commits, people, texts, cardIds };
}

describe('AR-1 the anonymous state at rest in parts', () => {
  it('AR-1 a vote batch stores the marks alone: none of the cards’ texts, a few hundred bytes', async () => {
    const { commits, people, texts, cardIds } = await votingBoard();
    // RV-8: the first anonymous write after the reveal stores the cards as revealed, once
    await people[0]!.send({ type: 'vote.cast', itemId: cardIds[1]! });
    const before = commits.length;
    await people[1]!.send({ type: 'vote.cast', itemId: cardIds[0]! });
    const vote = commits.slice(before);
    expect(vote).toHaveLength(1);
    const written = anonymousBytes(vote[0]!);
    expect(written.length).toBeGreaterThan(0);
    for (const text of texts) expect(written.includes(Buffer.from(text)), text).toBe(false);
    // one vote among the marks: its target and tag, far below one card's entry per card (60 here)
    expect(written.length).toBeLessThan(400);
    expect(Object.keys(vote[0]!.anonymousState ?? {})).toEqual(['marks']);
  });

  it('AR-1 a card batch stores the cards alone; after a restart every card and vote is back with its owner', async () => {
    const { store, commits, people, cardIds } = await votingBoard();
    await people[1]!.send({ type: 'vote.cast', itemId: cardIds[0]! });
    await people[2]!.send({ type: 'vote.cast', itemId: cardIds[0]! });
    await people[0]!.send({ type: 'phase.set', phase: 'reveal' });
    await people[0]!.send({ type: 'phase.set', phase: 'write' });
    const before = commits.length;
    await people[2]!.send({ type: 'card.add', columnId: column, text: 'written after the votes' });
    expect(commits.slice(before).map((c) => Object.keys(c.anonymousState ?? {}))).toEqual([['cards']]);

    const restarted = await load(store);
    expect(restarted.state.cards.size).toBe(3 * CARDS_EACH + 1);
    expect(unitsOn(restarted, cardIds[0]!)).toBe(2);
    const fac = person(restarted, 'fac', true);
    const ada = person(restarted, 'ada');
    await fac.join();
    await ada.join();
    await person(restarted, 'bob').join();
    await fac.send({ type: 'phase.set', phase: 'reveal' });
    await fac.send({ type: 'phase.set', phase: 'vote' });
    // ada's vote is hers again: she can take it back
    await ada.send({ type: 'vote.retract', itemId: cardIds[0]! });
    expect(unitsOn(restarted, cardIds[0]!)).toBe(1);
    expect(restarted.state.cardsByAuthor.size).toBe(3);
  });
});
