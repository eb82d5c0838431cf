import { afterEach, describe, expect, it } from 'vitest';
import { TEMPLATES } from '@candor/shared';
import { pino } from 'pino';
import * as Y from 'yjs';
import { Keyring } from '../identity.js';
import type { RoomCluster } from '../cluster/RoomCluster.js';
import { openPostgresStore, type PostgresStore } from '../storage/postgres.js';
import { freshSchema, testDatabaseUrl } from '../storage/postgres.testing.js';
import { BoardRoom, type RoomDeps } from './BoardRoom.js';
import { RoomRegistry } from './RoomRegistry.js';

/**
 * CL-18: a process that loads a board while another process stores a change of it. The other process's
 * announcement ("board B changed") reaches only boards already listed as loaded; one stored after the load's
 * snapshot and announced before the room was listed reaches nobody, and without CL-18 the copy stayed behind
 * until the board's next change (in CL-14, a card missing from a screen after Reveal).
 */

const BOARD = 'board-cl18';
const FACILITATOR_KEY = 'f'.repeat(40);
const template = TEMPLATES[2]!;
let counter = 0;
const newId = () => `cl${String(++counter).padStart(10, '0')}`;
const opened: PostgresStore[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** A cluster that announces nothing: this test stands in for the announcement that was lost. */
const silentCluster = {
  storedVersion: async () => null,
  serialize: async (_boardId: string, work: (v: number | null) => Promise<unknown>) => work(null),
  committed: () => undefined,
  presenceChanged: () => undefined,
  onlineElsewhere: () => false,
  notesStored: () => undefined,
  writerEpoch: () => null,
  issueTicket: () => 'ticket',
  redeemTicket: async () => null,
  knocked: () => undefined,
  knockGone: () => undefined,
  knockAnswered: () => undefined,
  deleted: () => undefined,
} as unknown as RoomCluster;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('CL-18 a board loaded while another process changes it', () => {
  it('CL-18 catches up on a change and a notes update stored between its load and its listing, with no announcement to help', async () => {
    const url = testDatabaseUrl();
    const schema = freshSchema();
    const keyring = new Keyring(Buffer.alloc(32, 7));
    const open = async () => {
      const store = await openPostgresStore(url, { schema });
      opened.push(store);
      return store;
    };
    const storeA = await open();
    const storeB = await open();
    await storeA.createBoard(
      { id: BOARD, facilitatorHash: keyring.facilitatorHash(BOARD, FACILITATOR_KEY), createdAt: 0 },
      { type: 'board.created', name: 'CL-18', templateId: template.id, columns: template.columns, settings: { voteBudget: 3, perItemCap: 2 } },
    );
    const deps = (store: PostgresStore): RoomDeps => ({ store, keyring, logger: pino({ level: 'silent' }), now: () => 5_000, newId, newSeed: () => 'seed', claimAfterMs: 60_000 });
    const a = new BoardRoom((await storeA.loadBoard(BOARD))!, deps(storeA));
    a.attach({ id: 'socket-fac', sendMe: () => undefined, signOut: () => undefined, answerKnock: () => undefined });
    const joined = await a.handle('socket-fac', { id: newId(), type: 'join', participantId: 'pid-facxxx', secret: 'fac-secret'.padEnd(40, 'x'), name: 'Fac', facilitatorKey: FACILITATOR_KEY });
    expect(joined.ok).toBe(true);

    // process B's load takes its snapshot, then is held before the room is listed
    const snapshotTaken = deferred();
    const release = deferred();
    const gated: PostgresStore = Object.assign(Object.create(storeB) as PostgresStore, {
      loadBoard: async (...args: Parameters<PostgresStore['loadBoard']>) => {
        const loaded = await storeB.loadBoard(...args);
        snapshotTaken.resolve();
        await release.promise;
        return loaded;
      },
    });
    const registry = new RoomRegistry(gated, { ...deps(gated), cluster: silentCluster }, 60_000);
    const loading = registry.get(BOARD);
    await snapshotTaken.promise;
    expect(registry.peek(BOARD)).toBeUndefined();

    // meanwhile process A stores a change and a notes update (their announcements would find no room listed in B)
    const phase = await a.handle('socket-fac', { id: newId(), type: 'phase.set', phase: 'reveal' });
    expect(phase.ok).toBe(true);
    const notes = new Y.Doc();
    notes.getMap<Y.Text>('notes').set('item-1', new Y.Text('stored while B was loading'));
    await storeA.appendDocUpdate(BOARD, 'notes', Y.encodeStateAsUpdate(notes));
    release.resolve();

    const b = (await loading)!;
    expect(b.publicView().phase).toBe('reveal');
    expect(b.documents.doc('notes').getMap<Y.Text>('notes').get('item-1')?.toString()).toBe('stored while B was loading');
    b.destroy();
    a.destroy();
  });
});
