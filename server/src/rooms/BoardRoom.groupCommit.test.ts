import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEMPLATES } from '@candor/shared';
import { pino } from 'pino';
import { openSqliteStore } from '../storage/sqlite.js';
import { Keyring } from '../identity.js';
import { BoardRoom } from './BoardRoom.js';
import { attachPerson, createTestBoard } from './room.testing.js';

/**
 * CM-4: after a slow commit of a big anonymous state (a big board rewriting it whole) that stored 8 commands or
 * more, the next batch waits as long again for more commands to share its commit. The room's clock is the test's: each commit "takes" what
 * the test says.
 */
const template = TEMPLATES[2]!;
let counter = 0;
const newId = () => `gc${String(++counter).padStart(10, '0')}`;

afterEach(() => {
  vi.useRealTimers();
});

async function roomWithCommitsOf(commitMs: number) {
  const store = openSqliteStore(':memory:');
  const keyring = new Keyring(Buffer.alloc(32, 5));
  await createTestBoard(store, keyring, 'board-group', 'Group commit', template);
  let clock = 1_000;
  const commits: number[] = [];
  const commitBatch = store.commitBatch.bind(store);
  store.commitBatch = async (boardId, batch) => {
    commits.push(batch.commands.length);
    clock += commitMs;
    return commitBatch(boardId, batch);
  };
  const deps = { store, keyring, logger: pino({ level: 'silent' }), now: () => clock, newId, newSeed: () => 'seed', claimAfterMs: 60_000 };
  const room = new BoardRoom((await store.loadBoard('board-group'))!, deps);
  return { room, commits, pause: (ms: number) => (clock += ms) };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** 90 cards of 900 characters: an anonymous state of about 85 KB */
async function fill(room: BoardRoom) {
  const writers = [attachPerson(room, 'cy', newId), attachPerson(room, 'di', newId)];
  for (const w of writers) expect((await w.join()).ok).toBe(true);
  const adds = writers.flatMap((w, k) => Array.from({ length: 45 }, (_, i) => w.send({ type: 'card.add', columnId: template.columns[0]!.id, text: `${k}-${i} `.padEnd(900, 'x') })));
  expect((await Promise.all(adds)).every((a) => a.ok)).toBe(true);
}

/** A room whose commits each take `commitMs`, with ada and bo joined. */
async function roomOfTwo(commitMs: number) {
  const { room, commits, pause } = await roomWithCommitsOf(commitMs);
  const ada = attachPerson(room, 'ada', newId);
  const bo = attachPerson(room, 'bo', newId);
  expect((await ada.join()).ok).toBe(true);
  expect((await bo.join()).ok).toBe(true);
  return { room, commits, pause, ada, bo };
}

/**
 * Two cards sent one turn of the event loop apart, after a first commit that took `commitMs` (on a board whose
 * anonymous state is over 64 KB when `big`): the commits that stored them.
 */
async function twoCardsAfter(o: { commitMs: number; big: boolean }) {
  const { room, commits, ada, bo } = await roomOfTwo(o.commitMs);
  if (o.big) await fill(room);
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  const before = commits.length;
  const first = ada.send({ type: 'card.add', columnId: template.columns[0]!.id, text: 'first' });
  await nextTurn();
  await nextTurn();
  const second = bo.send({ type: 'card.add', columnId: template.columns[0]!.id, text: 'second' });
  await vi.advanceTimersByTimeAsync(o.commitMs);
  expect((await first).ok).toBe(true);
  expect((await second).ok).toBe(true);
  return commits.slice(before);
}

describe('CM-4 group commit after a slow commit of a big board', () => {
  it('CM-4 a command that comes while the room waits after a slow commit of a big board that stored many commands shares the next commit', async () => {
    // (the commit before the first card stored the 90 cards of `fill`, at once)
    expect(await twoCardsAfter({ commitMs: 10, big: true })).toEqual([2]);
  });

  it('CM-4 after a slow commit of a big board that stored fewer than 8 commands the next command is stored as soon as the room gets to it', async () => {
    const { room, commits, ada, bo } = await roomOfTwo(10);
    await fill(room);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    // the commit before it stored the 90 cards of `fill`: this card waits, then is stored alone
    const alone = ada.send({ type: 'card.add', columnId: template.columns[0]!.id, text: 'alone' });
    await vi.advanceTimersByTimeAsync(10);
    expect((await alone).ok).toBe(true);
    const before = commits.length;
    const first = ada.send({ type: 'card.add', columnId: template.columns[0]!.id, text: 'first' });
    await nextTurn();
    await nextTurn();
    const second = bo.send({ type: 'card.add', columnId: template.columns[0]!.id, text: 'second' });
    const answered: boolean[] = [];
    void first.then(() => answered.push(true));
    void second.then(() => answered.push(true));
    // without advancing the (fake) timers: a command held back for others to join it would never be answered
    for (let turn = 0; turn < 50 && answered.length < 2; turn++) await nextTurn();
    expect(answered).toHaveLength(2);
    expect(commits.slice(before)).toEqual([1, 1]);
  });

  it('CM-4 after fast commits each command is stored as soon as the room gets to it', async () => {
    expect(await twoCardsAfter({ commitMs: 1, big: true })).toEqual([1, 1]);
  });

  it('CM-4 on a small board even slow commits make nobody wait', async () => {
    expect(await twoCardsAfter({ commitMs: 10, big: false })).toEqual([1, 1]);
  });

  it('CM-4 a command that comes when no commit has followed another for a while (a reveal after the writing) does not wait', async () => {
    const { room, commits, pause, ada } = await roomOfTwo(10);
    await fill(room);
    pause(1_000);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const before = commits.length;
    const card = ada.send({ type: 'card.add', columnId: template.columns[0]!.id, text: 'after a pause' });
    let answered = false;
    void card.then(() => (answered = true));
    // without advancing the (fake) timers: a command held back for others to join it would never be answered
    for (let turn = 0; turn < 50 && !answered; turn++) await nextTurn();
    expect(answered).toBe(true);
    expect(commits.slice(before)).toEqual([1]);
  });
});
