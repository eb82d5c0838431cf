import { afterEach } from 'vitest';
import { TEMPLATES } from '@candor/shared';
import { pino } from 'pino';
import { Keyring } from '../identity.js';
import { openPostgresStore, type PostgresStore } from '../storage/postgres.js';
import { anonymousStateKey } from '../storage/sealedState.js';
import { freshSchema, testDatabaseUrl } from '../storage/postgres.testing.js';
import type { RoomCluster } from '../cluster/RoomCluster.js';
import type { RoomDeps } from './roomPorts.js';
import type { BoardRoom } from './BoardRoom.js';

/** the server key both processes share, as every process of one installation must */
const SERVER_KEY = Buffer.alloc(32, 9);
import { attachPerson } from './room.testing.js';

/** The template the two-process tests' board is made from. */
export const TWO_PROCESS_TEMPLATE = TEMPLATES[2]!;

/**
 * Two processes of one board, as the room tests stand them in (no Redis): two PostgreSQL pools on one fresh
 * schema, the board created through the first, and the dependencies each process gives its rooms (as `createApp`
 * does: one server key, and the board's reveal seed from it). `opened` collects the stores for the test to close.
 */
export async function boardOnTwoPools(board: { id: string; name: string; facilitatorKey: string }, newId: () => string, opened: PostgresStore[]) {
  const url = testDatabaseUrl();
  const schema = freshSchema();
  const keyring = new Keyring(SERVER_KEY);
  const open = async () => {
    const store = await openPostgresStore(url, { schema, stateKey: anonymousStateKey(SERVER_KEY) });
    opened.push(store);
    return store;
  };
  const storeA = await open();
  const storeB = await open();
  const { id, columns } = TWO_PROCESS_TEMPLATE;
  await storeA.createBoard(
    { id: board.id, facilitatorHash: keyring.facilitatorHash(board.id, board.facilitatorKey), createdAt: 0 },
    { type: 'board.created', name: board.name, templateId: id, columns, settings: { voteBudget: 3, perItemCap: 2 } },
  );
  const deps = (store: PostgresStore): RoomDeps => ({ store, keyring, logger: pino({ level: 'silent' }), now: () => 5_000, newId, newSeed: (boardId) => keyring.revealSeed(boardId), claimAfterMs: 60_000 });
  return { storeA, storeB, deps, keyring };
}

/**
 * People of the two-process tests: `attachPerson` with a socket of its own each time (one name may have a tab on
 * each process), whose join must be answered ok.
 */
/**
 * What every two-process room test file sets up: ids starting with `prefix`, its people, the first column of
 * `TWO_PROCESS_TEMPLATE`, and `opened` (for `boardOnTwoPools`), whose stores are closed after each test.
 */
export function twoProcessTest(prefix: string) {
  let counter = 0;
  const newId = () => `${prefix}${String(++counter).padStart(10, '0')}`;
  const opened: PostgresStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  return { column: TWO_PROCESS_TEMPLATE.columns[0]!.id, newId, person: twoProcessPeople(newId), opened };
}

export function twoProcessPeople(newId: () => string) {
  return (room: BoardRoom, name: string, facilitator = false) => {
    const person = attachPerson(room, name, newId, { facilitator, socketId: `socket-${name}-${newId()}` });
    return { ...person, join: () => person.must(person.joinCommand) };
  };
}

/** The state as plain data in one order (maps and sets sorted), so that two folds of it compare equal or not. */
function canonical(value: unknown): unknown {
  if (value instanceof Map) return [...value].map(([k, v]) => [k, canonical(v)] as const).sort(([x], [y]) => (String(x) < String(y) ? -1 : 1));
  if (value instanceof Set) return [...value].map(canonical).sort();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

/** What `room` holds now, against what it holds after rebuilding its copy from everything stored. */
export async function againstFullReload(room: BoardRoom) {
  const incremental = canonical(room.state);
  await room['reloadState']();
  return { incremental, reloaded: canonical(room.state) };
}

/**
 * The cluster of a process whose room tests stand in no Redis: it announces nothing and hears nothing, every
 * ticket is refused, and, given a store, it reads the stored version and takes the board's lock there, as the real
 * one does (CL-2), though its lock reads no changes on the way (CL-24: a copy that is behind reads them itself).
 * `instead` replaces any of its parts.
 */
export function quietCluster(store?: PostgresStore, instead: Partial<RoomCluster> = {}): RoomCluster {
  return {
    storedVersion: async (boardId) => (store ? store.storedVersion(boardId) : null),
    serialize: (boardId, work) => (store ? store.withBoardLock(boardId, work) : work(null)),
    committed: () => undefined,
    presenceChanged: () => undefined,
    onlineElsewhere: () => false,
    notesStored: () => undefined,
    notesRewritten: () => undefined,
    writerEpoch: () => null,
    issueTicket: () => 'ticket',
    redeemTicket: async () => null,
    knocked: () => undefined,
    knockGone: () => undefined,
    knockAnswered: () => undefined,
    deleted: () => undefined,
    ...instead,
  };
}
