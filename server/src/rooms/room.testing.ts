import { expect } from 'vitest';
import type { Command, PersonalView, Template } from '@candor/shared';
import { pino } from 'pino';
import type { BoardStore, CommitBatch } from '../storage/BoardStore.js';
import type { Keyring } from '../identity.js';
import { BoardRoom } from './BoardRoom.js';
import type { RoomDeps } from './roomPorts.js';

/**
 * A board as the home page creates it (3 votes each, at most 2 on one item), stored in `store`; its facilitator key
 * is the one `attachPerson` joins a facilitator with; made in `timeZone` when given (EX-12).
 */
export async function createTestBoard(store: BoardStore, keyring: Keyring, boardId: string, name: string, template: Template, timeZone?: string): Promise<void> {
  await store.createBoard(
    { id: boardId, facilitatorHash: keyring.facilitatorHash(boardId, 'f'.repeat(40)), createdAt: 0 },
    { type: 'board.created', name, templateId: template.id, columns: template.columns, settings: { voteBudget: 3, perItemCap: 2 }, ...(timeZone ? { timeZone } : {}) },
  );
}

/** Lets `n` turns of the event loop pass (a big board's card entries and reveal keys are kept a batch a turn, RV-7). */
export async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A command as a test writes it; the helper gives it its id. */
export type CommandBody = Command extends infer C ? (C extends Command ? Omit<C, 'id'> : never) : never;

/**
 * What the BoardRoom tests that drive a room over a real store share: the room as loaded from the store now (a
 * restart, or kill -9: only what was committed is there), and people who join and send through it as the socket
 * layer would. `newId` gives command and card ids, so each test file keeps its own recognisable ones.
 */
export function roomDriver(keyring: Keyring, newId: () => string) {
  async function load(store: BoardStore, boardId: string, more: Partial<RoomDeps> = {}): Promise<BoardRoom> {
    // (a big board's cards get their entries in the turns right after the change that found them, not once the
    // room is quiet, so that a test can count the turns: RV-7)
    const deps = { store, keyring, logger: pino({ level: 'silent' }), now: () => 1_000, newId, newSeed: () => 'seed', claimAfterMs: 60_000, entriesQuietMs: 0 };
    return new BoardRoom((await store.loadBoard(boardId))!, { ...deps, ...more });
  }

  function person(room: BoardRoom, name: string, facilitator = false) {
    const { must, joinCommand } = attachPerson(room, name, newId, { facilitator });
    return { send: must, join: () => must(joinCommand) };
  }

  return { load, person };
}

/**
 * A person attached to `room` as the socket layer would attach them: the personal views they are sent, their
 * commands (`send` answers the ack as it is; `must` expects it ok and answers its data) and their join. The
 * socket's id is `socket-<name>` unless given (a test that attaches one name twice gives each its own).
 */
export function attachPerson(room: BoardRoom, name: string, newId: () => string, { facilitator = false, socketId = `socket-${name}` } = {}) {
  const received: PersonalView[] = [];
  room.attach({ id: socketId, sendMe: (view) => received.push(view), signOut: () => undefined, answerKnock: () => undefined });
  const participantId = `pid-${name}`.padEnd(10, 'x');
  const joinCommand: CommandBody = { type: 'join', participantId, secret: `${name}-secret`.padEnd(40, 'x'), name, ...(facilitator ? { facilitatorKey: 'f'.repeat(40) } : {}) };
  const send = (command: CommandBody & { id?: string }) => room.handle(socketId, { id: newId(), ...command } as Command);
  const must = async (command: CommandBody) => {
    const ack = await send(command);
    expect(ack.ok, `${command.type} by ${name}: ${JSON.stringify(ack)}`).toBe(true);
    return (ack as { ok: true; data: Record<string, string> }).data;
  };
  return { socketId, participantId, received, send, must, joinCommand, join: () => send(joinCommand) };
}

/** Every batch `store` is asked to commit from now on, in order (the store still commits it). */
export function recordCommits(store: BoardStore): CommitBatch[] {
  const commits: CommitBatch[] = [];
  const commitBatch = store.commitBatch.bind(store);
  store.commitBatch = (boardId, batch) => {
    commits.push(batch);
    return commitBatch(boardId, batch);
  };
  return commits;
}
