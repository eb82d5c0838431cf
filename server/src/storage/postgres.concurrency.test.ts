import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import type { BoardEvent } from '@candor/shared';
import { CommandKeyTaken, Fenced, POSTGRES_SCHEMA_VERSION, openPostgresStore, type LockedBoard } from './postgres.js';
import { StaleCopy } from './BoardStore.js';
import { anonymousStateStorage, freshSchema, testDatabaseUrl, TEST_STATE_KEY } from './postgres.testing.js';
import { DataFileError } from './sqlite.js';

/**
 * PG-2…PG-5: what one PostgreSQL store must get right when commands of one board arrive through different
 * connections at once (as they will from several processes). Two stores on one schema have two pools.
 */
const sealed = (n: number) => new Uint8Array(284).fill(n % 256);
const created: BoardEvent = {
  type: 'board.created',
  name: 'Concurrency',
  templateId: 'start-stop-continue',
  columns: [{ id: 'start', title: 'Start', prompt: 'What should we begin?' }],
  settings: { voteBudget: 5, perItemCap: 5 },
};
const selected = (itemId: string): BoardEvent => ({ type: 'discuss.selected', itemId });

async function twoPools(names: [string, string] = ['candor-a', 'candor-b']) {
  const url = testDatabaseUrl();
  const schema = freshSchema();
  const a = await openPostgresStore(url, { stateKey: TEST_STATE_KEY, schema, applicationName: `${names[0]}-${schema}` });
  const b = await openPostgresStore(url, { stateKey: TEST_STATE_KEY, schema, applicationName: `${names[1]}-${schema}` });
  await a.createBoard({ id: 'board-race', facilitatorHash: 'f', createdAt: 1 }, created);
  const admin = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await admin.connect();
  return {
    a,
    b,
    schema,
    admin,
    async close() {
      await Promise.all([a.close(), b.close(), admin.end()]);
    },
  };
}

/**
 * A commit through `store` that holds the board's row until `release()`: `holding` resolves once it has it, and
 * `done` with the commit's result.
 */
async function holdBoard(store: Awaited<ReturnType<typeof openPostgresStore>>, commandKey: string, itemId: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let entered!: () => void;
  const holding = new Promise<void>((resolve) => (entered = resolve));
  const done = store.commitLocked('board-race', commandKey, async () => {
    entered();
    await gate;
    return { events: [selected(itemId)], sealed: sealed(1) };
  });
  await holding;
  return { release, done };
}

/** Waits until the pool named `application` has a statement waiting for a lock (another transaction holds the row). */
async function waitingForLock(admin: pg.Client, application: string): Promise<void> {
  await vi.waitFor(
    async () => {
      const { rows } = await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [application]);
      expect(rows).toHaveLength(1);
    },
    { timeout: 10_000, interval: 20 },
  );
}

/** yields to the event loop a few times, so the other transactions get to run while this one is open */
async function interleave(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('PostgreSQL store under concurrency', () => {
  it('PG-3 concurrent over-budget votes through two pools: exactly the budget is accepted, each against the count before it', async () => {
    const { a, b, close } = await twoPools();
    const BUDGET = 5;
    const seen: number[] = [];
    // a vote is one byte of the anonymous state's marks; the rule reads the state under the board row lock
    const vote = (i: number) =>
      (i % 2 ? a : b).commitLocked('board-race', `vote-${i}`, async ({ anonymousState }: LockedBoard) => {
        const votes = anonymousState.marks?.length ?? 0;
        await interleave();
        if (votes >= BUDGET) return { refuse: 'VOTE_BUDGET' };
        seen.push(votes);
        return { events: [], anonymousState: { marks: new Uint8Array([...(anonymousState.marks ?? []), i]) }, sealed: sealed(i) };
      });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => vote(i)));
    expect(results.filter((r) => 'lastSeq' in r)).toHaveLength(BUDGET);
    expect(results.filter((r) => 'refused' in r)).toHaveLength(40 - BUDGET);
    // every accepted vote saw the count its predecessors left: none decided on a stale read
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect((await b.loadBoard('board-race'))?.anonymousState.marks).toHaveLength(BUDGET);
    await close();
  });

  it('PG-4 one command key sent twice at once through two pools has one effect', async () => {
    const { a, b, close } = await twoPools();
    const attempts = Array.from({ length: 20 }, (_, i) =>
      [a, b].map((store) => store.commit('board-race', { commandKey: `same-${i}`, events: [selected(`item-${i}`)], sealed: sealed(i) })),
    ).flat();
    const settled = await Promise.allSettled(attempts);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(20);
    const refusals = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(refusals).toHaveLength(20);
    for (const r of refusals) expect(r.reason).toBeInstanceOf(CommandKeyTaken);
    const events = (await a.loadBoard('board-race'))!.events;
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(new Set(events.slice(1).map((e) => (e.event as { itemId: string }).itemId)).size).toBe(20);
    await close();
  });

  it('BD-3 a board deleted while another process is writing to it is deleted whole: the delete waits for the writer, then takes what it wrote too', async () => {
    const { a, b, schema, admin, close } = await twoPools();
    // a process holds the board, as a commit or a document write does, and writes a row of the board
    const writing = await holdBoard(a, 'written-meanwhile', 'meanwhile');
    const deleting = b.deleteBoard('board-race');
    await waitingForLock(admin, `candor-b-${schema}`);
    writing.release();
    expect(await writing.done).toEqual({ lastSeq: 2 });
    // before: the delete had cleared the board's rows first and then failed on the one written meanwhile
    // (a foreign key still pointing at the board), so the person deleting it was told INTERNAL
    await deleting;
    expect(await a.loadBoard('board-race')).toBeNull();
    for (const table of ['events', 'commands', 'doc_updates', 'participants', 'anonymous_state']) {
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM ${table} WHERE board_id = 'board-race'`);
      expect(rows[0].n, table).toBe(0);
    }
    await close();
  });

  it('PG-5 a commit that reaches a board another transaction holds waits for it: numbers follow commit order, no reader sees a gap', async () => {
    const { a, b, schema, admin, close } = await twoPools();
    const first = await holdBoard(a, 'first', 'first');
    const second = b.commit('board-race', { commandKey: 'second', events: [selected('second')], sealed: sealed(2) });
    // the second transaction is waiting for the board row's lock, not numbering its event
    await waitingForLock(admin, `candor-b-${schema}`);
    const meanwhile = await admin.query<{ seq: number }>("SELECT seq FROM events WHERE board_id = 'board-race' ORDER BY seq");
    expect(meanwhile.rows.map((r) => r.seq)).toEqual([1]);
    first.release();
    expect(await first.done).toEqual({ lastSeq: 2 });
    expect(await second).toEqual({ lastSeq: 3 });
    const events = (await a.loadBoard('board-race'))!.events;
    expect(events.map((e) => [e.seq, (e.event as { itemId?: string }).itemId])).toEqual([
      [1, undefined],
      [2, 'first'],
      [3, 'second'],
    ]);
    await close();
  });

  it('PG-2 creates its tables on an empty schema and refuses another version or foreign tables with a clear message', async () => {
    const { a, b, schema, admin, close } = await twoPools();
    await a.close();
    await b.close();
    const url = testDatabaseUrl();
    const again = await openPostgresStore(url, { stateKey: TEST_STATE_KEY, schema });
    expect(await again.boardExists('board-race')).toBe(true);
    await again.close();
    // the anonymous state, rewritten whole by every batch, is compressed with lz4, never pglz (schema versions 3 and
    // 6; Debian's PostgreSQL has lz4, so the tests' server does)
    const stateStorage = () => anonymousStateStorage(admin, schema);
    expect(await stateStorage()).toBe('xl');
    const cardsPart = Buffer.from(JSON.stringify({ cards: Array.from({ length: 300 }, (_, i) => ({ id: `card-${i}`, text: 'I am stuck on the release pipeline again' })) }));
    await admin.query(`INSERT INTO ${schema}.anonymous_state (board_id, part, state, digest) VALUES ('board-race', 'cards', $1::bytea, md5($1::bytea))`, [cardsPart]);
    const stored = await admin.query<{ method: string; size: number }>(
      `SELECT pg_column_compression(state) AS method, pg_column_size(state) AS size FROM ${schema}.anonymous_state WHERE board_id = 'board-race' AND part = 'cards'`,
    );
    expect(stored.rows[0]!.method).toBe('lz4');
    expect(stored.rows[0]!.size).toBeLessThan(cardsPart.length / 2);
    await admin.query(`DELETE FROM ${schema}.anonymous_state WHERE board_id = 'board-race'`);
    // a database of the first layout (before CL-2's change counter) is brought to this one
    await admin.query(
      'ALTER TABLE boards DROP COLUMN version, DROP COLUMN writer, DROP COLUMN writer_epoch, DROP COLUMN writer_until; ALTER TABLE anonymous_state ALTER COLUMN state SET STORAGE EXTENDED; UPDATE schema_version SET version = 1',
    );
    const migrated = await openPostgresStore(url, { stateKey: TEST_STATE_KEY, schema });
    expect(await migrated.storedVersion('board-race')).toBe(0);
    expect(await stateStorage()).toBe('xl');
    await migrated.close();
    expect((await admin.query<{ version: number }>('SELECT version FROM schema_version')).rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
    await admin.query('UPDATE schema_version SET version = 99');
    await expect(openPostgresStore(url, { stateKey: TEST_STATE_KEY, schema })).rejects.toThrow(DataFileError);
    await expect(openPostgresStore(url, { stateKey: TEST_STATE_KEY, schema })).rejects.toThrow(new RegExp(`version 99, but this server reads version ${POSTGRES_SCHEMA_VERSION}`));
    const foreign = freshSchema();
    await admin.query(`CREATE SCHEMA ${foreign}; CREATE TABLE ${foreign}.boards (id TEXT)`);
    await expect(openPostgresStore(url, { stateKey: TEST_STATE_KEY, schema: foreign })).rejects.toThrow(/already holds tables \(boards\) but no Candor schema_version/);
    await admin.end();
  });

  it('CL-2 a commit or a new participant decided against an older version of the board is refused with StaleCopy and writes nothing', async () => {
    const { a, b, close } = await twoPools();
    const version = (await a.storedVersion('board-race'))!;
    await b.commit('board-race', { commandKey: 'k-b', events: [selected('by-b')], sealed: sealed(1), expectedVersion: version });
    expect(await b.storedVersion('board-race')).toBe(version + 1);
    await expect(a.commit('board-race', { commandKey: 'k-a', events: [selected('by-a')], sealed: sealed(2), expectedVersion: version })).rejects.toThrow(StaleCopy);
    await expect(a.upsertParticipant('board-race', { id: 'p1', name: 'Ada', handle: 'h1', authHash: 'x', isFacilitator: false }, version)).rejects.toThrow(StaleCopy);
    const loaded = (await a.loadBoard('board-race'))!;
    expect(loaded.events.map((e) => (e.event as { itemId?: string }).itemId)).toEqual([undefined, 'by-b']);
    expect(loaded.participants).toEqual([]);
    expect(await a.findCommand('board-race', 'k-a')).toBeNull();
    expect(loaded.version).toBe(version + 1);
    await a.upsertParticipant('board-race', { id: 'p1', name: 'Ada', handle: 'h1', authHash: 'x', isFacilitator: false }, version + 1);
    expect(await b.storedVersion('board-race')).toBe(version + 2);
    await close();
  });

  it('CL-6 a compaction up to the updates one process has seen keeps those another process appended meanwhile', async () => {
    const { a, b, close } = await twoPools();
    await a.appendDocUpdate('board-race', 'notes', new Uint8Array([1]));
    await a.appendDocUpdate('board-race', 'notes', new Uint8Array([2]));
    await b.appendDocUpdate('board-race', 'notes', new Uint8Array([3]));
    await a.compactDoc('board-race', 'notes', new Uint8Array([12]), 2);
    expect((await b.loadBoard('board-race'))!.docs.notes).toEqual([new Uint8Array([12]), new Uint8Array([3])]);
    expect(await b.appendDocUpdate('board-race', 'notes', new Uint8Array([4]))).toBe(3);
    await close();
  });

  it('CL-12 a document ticket is spent once across stores, the same hash at once through both included; the marks of expired tickets are dropped', async () => {
    const { a, b, admin, close } = await twoPools();
    const [one, two] = await Promise.all([a.spendTicket('hash-1', 2_000), b.spendTicket('hash-1', 2_000)]);
    expect([one, two].sort()).toEqual([false, true]);
    expect(await a.spendTicket('hash-1', 2_000)).toBe(false);
    expect(await b.spendTicket('hash-2', 3_000)).toBe(true);
    await a.dropSpentTickets(2_500);
    expect((await admin.query<{ hash: string }>('SELECT hash FROM spent_tickets ORDER BY hash')).rows.map((r) => r.hash)).toEqual(['hash-2']);
    await close();
  });

  it('CL-31 the stored marks of several boards in one read: each board\'s version, and a notes mark that a new update or a compaction changes; a board gone is left out', async () => {
    const { a, b, close } = await twoPools();
    const before = (await b.storedMarks(['board-race', 'no-such-board'])).get('board-race')!;
    expect([...(await b.storedMarks(['board-race', 'no-such-board'])).keys()]).toEqual(['board-race']);
    await a.commitLocked('board-race', 'key-1', () => ({ events: [selected('x')], sealed: sealed(1) }));
    await a.appendDocUpdate('board-race', 'notes', new Uint8Array([1]));
    const after = (await b.storedMarks(['board-race'])).get('board-race')!;
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.notes).not.toBe(before.notes);
    await a.appendDocUpdate('board-race', 'notes', new Uint8Array([2]));
    await a.compactDoc('board-race', 'notes', new Uint8Array([1, 2, 3]), 2);
    await a.appendDocUpdate('board-race', 'notes', new Uint8Array([4]));
    // two updates again, as after the first append: the compaction's snapshot tells them apart
    expect((await b.storedMarks(['board-race'])).get('board-race')!.notes).not.toBe(after.notes);
    await close();
  });

  it('CL-8 the writer lease: one holder at a time, taken over with the next epoch once it expired, renewed and released only by its holder at its epoch, and a write under a lost epoch is fenced', async () => {
    const { a, b, admin, close } = await twoPools();
    const first = await a.claimWriter('board-race', 'process-a', 60_000);
    expect(first).toBe(1);
    expect(await b.claimWriter('board-race', 'process-b', 60_000)).toBeNull();
    expect(await a.claimWriter('board-race', 'process-a', 60_000)).toBe(first);
    expect(await a.appendDocUpdate('board-race', 'notes', new Uint8Array([1]), first!)).toBe(1);
    // the lease runs out (on the database's clock); the other process takes it with the next epoch
    await admin.query("UPDATE boards SET writer_until = now() - interval '1 second'");
    await expect(a.appendDocUpdate('board-race', 'notes', new Uint8Array([2]), first!)).rejects.toThrow(Fenced);
    const second = await b.claimWriter('board-race', 'process-b', 60_000);
    expect(second).toBe(first! + 1);
    // the old holder can neither renew, nor release, nor write, nor compact
    expect(await a.renewWriter('board-race', 'process-a', first!, 60_000)).toBe(false);
    await a.releaseWriter('board-race', 'process-a', first!);
    await expect(a.appendDocUpdate('board-race', 'notes', new Uint8Array([2]), first!)).rejects.toThrow(Fenced);
    await expect(a.compactDoc('board-race', 'notes', new Uint8Array([9]), 1, first!)).rejects.toThrow(Fenced);
    expect(await b.renewWriter('board-race', 'process-b', second!, 60_000)).toBe(true);
    expect(await b.appendDocUpdate('board-race', 'notes', new Uint8Array([3]), second!)).toBe(2);
    expect((await a.loadBoard('board-race'))!.docs.notes).toEqual([new Uint8Array([1]), new Uint8Array([3])]);
    // released by its holder, it is free at once, with the next epoch
    await b.releaseWriter('board-race', 'process-b', second!);
    expect(await a.claimWriter('board-race', 'process-a', 60_000)).toBe(second! + 1);
    await close();
  });

  it('CL-2 the board lock has one holder at a time across stores, and the version it hands over is read once it is held', async () => {
    const { a, b, admin, schema, close } = await twoPools();
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let aHolds!: () => void;
    const aHolding = new Promise<void>((resolve) => (aHolds = resolve));
    const first = a.withBoardLock('board-race', async (version) => {
      order.push(`a holds at ${version}`);
      aHolds();
      await held;
      await a.commit('board-race', { commandKey: 'k-under-lock', events: [selected('x')], sealed: sealed(1), expectedVersion: version! });
      order.push('a committed');
    });
    await aHolding;
    const second = b.withBoardLock('board-race', async (version) => {
      order.push(`b holds at ${version}`);
    });
    // b waits for a (PostgreSQL shows its advisory lock not granted), however long a takes
    await vi.waitFor(async () => {
      const { rows } = await admin.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid WHERE l.locktype = 'advisory' AND NOT l.granted AND s.application_name = $1",
        [`candor-b-${schema}-locks`],
      );
      expect(Number(rows[0]!.n)).toBe(1);
    });
    expect(order).toEqual(['a holds at 0']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['a holds at 0', 'a committed', 'b holds at 1']);
    await close();
  });
  it('CL-2 a board lock whose session PostgreSQL ends while its holder decides (a process stalled past BOARD_LOCK_IDLE_MS) ends nothing else: the holder goes on, and the lock is free for the next', async () => {
    const { a, b, admin, schema, close } = await twoPools();
    try {
      const version = await a.withBoardLock('board-race', async (held) => {
        // what PostgreSQL does to a holder idle in its transaction for BOARD_LOCK_IDLE_MS (a process stopped with SIGSTOP)
        const { rows } = await admin.query<{ pid: number }>(
          "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction'",
          [`candor-a-${schema}-locks`],
        );
        expect(rows).toHaveLength(1);
        await vi.waitFor(async () => expect((await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [rows[0]!.pid])).rowCount).toBe(0));
        // a round trip on another connection, by which time the end of this one has reached the store (with no query
        // of it under way: an unheard `error` there ended the process that was resumed)
        await a.storedVersion('board-race');
        await a.commit('board-race', { commandKey: 'k-after-lock-lost', events: [selected('x')], sealed: sealed(2), expectedVersion: held! });
        return held;
      });
      expect(version).toBe(0);
      expect(await b.withBoardLock('board-race', async (held) => held)).toBe(1);
      expect(await a.withBoardLock('board-race', async (held) => held)).toBe(1);
    } finally {
      await close();
    }
  });

  it('CL-24 given a copy\'s mark, the board lock reads what changed since it once held, in its round trip: what the holder before committed is there', async () => {
    const { a, b, close } = await twoPools();
    const loaded = (await b.loadBoard('board-race'))!;
    const since = { afterSeq: loaded.events.length, participantsDigest: loaded.participantsDigest!, anonymousDigests: { cards: null, marks: null } };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let aHolds!: () => void;
    const aHolding = new Promise<void>((resolve) => (aHolds = resolve));
    const first = a.withBoardLock('board-race', async (version) => {
      aHolds();
      await held;
      await a.commitBatch('board-race', {
        participants: [],
        commands: [{ commandKey: 'k-under-lock', sealed: sealed(1) }],
        events: [selected('x')],
        anonymousState: { cards: new TextEncoder().encode('{"cards":"written under a\'s lock"}') },
        expectedVersion: version!,
        underBoardLock: true,
      });
    });
    await aHolding;
    const query = vi.spyOn(pg.Client.prototype, 'query');
    const second = b.withBoardLock(
      'board-race',
      async (version, changes) => ({ version, changes }),
      since,
    );
    release();
    await first;
    const { version, changes } = await second;
    // the lock and the read were one query of the lock's connection
    const texts = query.mock.calls.map(([q]) => (typeof q === 'string' ? q : (q as { text?: unknown } | undefined)?.text));
    expect(texts.filter((text) => typeof text === 'string' && text.includes('pg_advisory_xact_lock') && text.includes('anonymous_state'))).toHaveLength(1);
    query.mockRestore();
    expect(version).toBe(1);
    expect(changes).toEqual(await b.loadChanges('board-race', since));
    expect(changes!.events.map((e) => e.event)).toEqual([selected('x')]);
    expect(changes!.anonymousParts.cards?.json).toBe('{"cards":"written under a\'s lock"}');
    expect(changes!.anonymousParts.marks).toBeUndefined();
    // a mark's texts go in as literals: quotes in them are data, not SQL
    const odd = await b.withBoardLock('board-race', async (_v, c) => c, { ...since, participantsDigest: "x'); DROP TABLE boards; --" });
    expect(odd!.participants).not.toBeNull();
    expect(await b.storedVersion('board-race')).toBe(1);
    await close();
  });
});
