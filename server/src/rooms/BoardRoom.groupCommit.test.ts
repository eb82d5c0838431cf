import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Command, TEMPLATES } from '@candor/shared';
import { pino } from 'pino';
import { openSqliteStore } from '../storage/sqlite.js';
import { Keyring } from '../identity.js';
import { BoardRoom } from './BoardRoom.js';

/**
 * CM-4: after a slow commit (a big board rewriting its anonymous state), the next batch waits as long again for
 * more commands to share its commit. The room's clock is the test's: each commit "takes" what the test says.
 */
type CommandBody = Command extends infer C ? (C extends Command ? Omit<C, 'id'> : never) : never;

const template = TEMPLATES[2]!;
let counter = 0;
const newId = () => `gc${String(++counter).padStart(10, '0')}`;

afterEach(() => {
  vi.useRealTimers();
});

async function roomWithCommitsOf(commitMs: number) {
  const store = openSqliteStore(':memory:');
  const keyring = new Keyring(Buffer.alloc(32, 5));
  await store.createBoard(
    { id: 'board-group', facilitatorHash: keyring.facilitatorHash('board-group', 'f'.repeat(40)), createdAt: 0 },
    { type: 'board.created', name: 'Group commit', templateId: template.id, columns: template.columns, settings: { voteBudget: 3, perItemCap: 2 } },
  );
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
  return { room, commits };
}

function person(room: BoardRoom, name: string) {
  const socketId = `socket-${name}`;
  room.attach({ id: socketId, sendMe: () => undefined, signOut: () => undefined, answerKnock: () => undefined });
  const send = (command: CommandBody) => room.handle(socketId, { id: newId(), ...command } as Command);
  return { send, join: () => send({ type: 'join', participantId: `pid-${name}`.padEnd(10, 'x'), secret: `${name}-secret`.padEnd(40, 'x'), name }) };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Two cards sent one turn of the event loop apart, after a first commit that took `commitMs`: the commits that stored them. */
async function twoCardsAfterACommitOf(commitMs: number) {
  const { room, commits } = await roomWithCommitsOf(commitMs);
  const ada = person(room, 'ada');
  const bo = person(room, 'bo');
  expect((await ada.join()).ok).toBe(true);
  expect((await bo.join()).ok).toBe(true);
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  const before = commits.length;
  const first = ada.send({ type: 'card.add', columnId: template.columns[0]!.id, text: 'first' });
  await nextTurn();
  await nextTurn();
  const second = bo.send({ type: 'card.add', columnId: template.columns[0]!.id, text: 'second' });
  await vi.advanceTimersByTimeAsync(commitMs);
  expect((await first).ok).toBe(true);
  expect((await second).ok).toBe(true);
  return commits.slice(before);
}

describe('CM-4 group commit after a slow commit', () => {
  it('CM-4 a command that comes while the room waits after a slow commit shares the next commit', async () => {
    expect(await twoCardsAfterACommitOf(10)).toEqual([2]);
  });

  it('CM-4 after fast commits each command is stored as soon as the room gets to it', async () => {
    expect(await twoCardsAfterACommitOf(1)).toEqual([1, 1]);
  });
});
