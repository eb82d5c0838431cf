import { describe, expect, it } from 'vitest';
import type { Ack, CreateBoardResponse, TeamHistory } from '@candor/shared';
import { freshSchema, testDatabaseUrl } from '../../server/src/storage/postgres.testing.js';
import { faultyStore } from '@candor/server/testing';
import { Person, type StartOptions, type TestServer, newId, startServer, until, postCreated, namedPeople, accepted as ok, adaPromisesToPair, closedWithAdasPromise } from './harness.js';

/**
 * RE-13 on the real server: an owner marks a closed retro's promise done from the team page
 * (`POST /api/boards/:id/promise`), between retros, with nobody in the room. The room's rules decide (only an owner,
 * CM-1's command ids), it survives a restart, and the next retro's Review receives it, on SQLite and PostgreSQL.
 */
describe('RE-13 a promise marked done between retros', () => {
  const stores: Record<string, () => StartOptions> = { sqlite: () => ({}), postgres: () => ({ postgres: { url: testDatabaseUrl(), schema: freshSchema() } }) };

  it.each(Object.keys(stores))('RE-13 CM-1 TM-2 only an owner marks it, a resend changes nothing, it survives a restart and the next Review starts with it (%s)', async (kind) => {
    const options: StartOptions = { ...stores[kind]!(), idleUnloadMs: 50 };
    let server: TestServer = await startServer(options);
    const { people, person } = namedPeople(() => server.url);
    try {
      const post = <T>(path: string, body: unknown) => postCreated<T>(server.url, path, body);
      const team = async (): Promise<TeamHistory> => (await (await fetch(`${server.url}/api/teams/${teamId}`)).json()) as TeamHistory;
      const mark = async (boardId: string, who: Person, fields: Record<string, unknown>): Promise<[number, Ack]> => {
        const res = await fetch(`${server.url}/api/boards/${boardId}/promise`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: newId(), participantId: who.participantId, secret: who.secret, name: who.name, ...fields }),
        });
        return [res.status, (await res.json()) as Ack];
      };

      const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Platform' });
      const first = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 1', templateId: 'post-mortem' });
      const [F, A, B] = [person('Fran'), person('Ada'), person('Bo')];
      await F.connect(first.boardId, 'Fran', first.facilitatorKey);
      await A.connect(first.boardId, 'Ada');
      await B.connect(first.boardId, 'Bo');
      await ok(F, 'phase.set', { phase: 'write' });
      const item = (await ok(B, 'card.add', { columnId: 'system-allowed', text: 'deploys skip review' })).cardId!;
      for (const phase of ['reveal', 'vote', 'discuss'] as const) await ok(F, 'phase.set', { phase });
      await ok(F, 'discuss.select', { itemId: item });
      const actionId = (await ok(F, 'action.create', { itemId: item, text: 'Pair on every deploy' })).actionId!;
      await ok(A, 'action.volunteer', { actionId, volunteer: true });
      // Bo says "I can help" and takes it back: known to the room (a public act, AB-6), and no owner
      await ok(B, 'action.volunteer', { actionId, volunteer: true });
      await ok(B, 'action.volunteer', { actionId, volunteer: false });
      // in the retro itself it is the room's to tick (AC-6)
      expect(await mark(first.boardId, A, { actionId, done: true })).toMatchObject([409, { ok: false, code: 'WRONG_PHASE' }]);
      for (const phase of ['act', 'closed'] as const) await ok(F, 'phase.set', { phase });
      for (const p of people) await p.disconnect();
      // everyone gone, the board is unloaded: the team page's mark loads it from the store
      await until(async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { boardsLoaded: number }).boardsLoaded === 0);

      // the facilitator and someone else in the retro are not its owners; a wrong secret is nobody; bad input
      expect(await mark(first.boardId, F, { actionId, done: true })).toMatchObject([403, { ok: false, code: 'NOT_YOURS' }]);
      expect(await mark(first.boardId, B, { actionId, done: true })).toMatchObject([403, { ok: false, code: 'NOT_YOURS' }]);
      // someone never in it
      expect(await mark(first.boardId, new Person(server.url), { actionId, done: true, name: 'Eve' })).toMatchObject([403, { ok: false, code: 'BAD_CREDENTIALS' }]);
      expect(await mark(first.boardId, A, { actionId, done: true, secret: newId(32) })).toMatchObject([403, { ok: false, code: 'BAD_CREDENTIALS' }]);
      expect(await mark(first.boardId, A, { actionId: 'no-such-action', done: true })).toMatchObject([404, { ok: false, code: 'NOT_FOUND' }]);
      expect(await mark(first.boardId, A, { actionId, done: 'yes' })).toMatchObject([400, { ok: false, code: 'INVALID_INPUT' }]);
      expect(await mark(first.boardId, A, { actionId, done: true, on: '2020-01-01' })).toMatchObject([400, { ok: false, code: 'INVALID_INPUT' }]);
      expect((await team()).retros[0]!.actions[0]!.ownerDone).toBeNull();

      // Ada marks it; the same command again is answered alike and records nothing; its id for another is refused
      const id = newId();
      const today = new Date().toISOString().slice(0, 10);
      expect(await mark(first.boardId, A, { id, actionId, done: true })).toEqual([200, { ok: true, data: { reviewNow: null } }]);
      const marked = await team();
      expect(marked.retros[0]!.actions[0]).toMatchObject({ text: 'Pair on every deploy', owners: ['Ada'], status: 'open', ownerDone: { by: 'Ada', on: today } });
      expect(await mark(first.boardId, A, { id, actionId, done: true })).toEqual([200, { ok: true, data: { reviewNow: null } }]);
      expect(await mark(first.boardId, A, { id, actionId, done: false })).toMatchObject([409, { ok: false, code: 'ID_REUSED' }]);
      expect(await team()).toEqual(marked);

      // TM-2: on the same data after a restart
      await server.close();
      server = await startServer({ ...options, dbFile: server.dbFile });
      expect(await team()).toEqual(marked);

      // an undo and a mark again, then the next retro: its Review starts with Ada's word, still for the room to confirm
      expect(await mark(first.boardId, A, { actionId, done: false })).toEqual([200, { ok: true, data: { reviewNow: null } }]);
      expect((await team()).retros[0]!.actions[0]!.ownerDone).toBeNull();
      expect(await mark(first.boardId, A, { actionId, done: true })).toEqual([200, { ok: true, data: { reviewNow: null } }]);
      const second = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 2', templateId: 'post-mortem' });
      const F2 = person('Fran');
      await F2.connect(second.boardId, 'Fran', second.facilitatorKey);
      expect(F2.board()!.review).toMatchObject([{ text: 'Pair on every deploy', owners: ['Ada'], status: null, ownerDone: { by: 'Ada', on: today } }]);
      await ok(F2, 'review.mark', { ref: F2.board()!.review[0]!.ref, status: 'done' });
      expect((await team()).retros[0]!.actions[0]).toMatchObject({ status: 'done', ownerDone: { by: 'Ada', on: today } });
    } finally {
      for (const p of people) await p.disconnect();
      await server.close();
    }
  });

  it.each(Object.keys(stores))('RE-13 RE-1 a mark reaches the Review of a retro created before it, live, and stays after a restart; whose promise it is is read by id and secret, not by name (%s)', async (kind) => {
    const options: StartOptions = { ...stores[kind]!(), idleUnloadMs: 50 };
    let server: TestServer = await startServer(options);
    const { people, person } = namedPeople(() => server.url);
    try {
      const post = <T>(path: string, body: unknown) => postCreated<T>(server.url, path, body);
      // taken, the answer names the retro whose Review shows it now, if one does (the status said "the next Review")
      const mark = async (boardId: string, who: Person, actionId: string, done: boolean, reviewNow: string | null = 'Sprint 2') => {
        const res = await fetch(`${server.url}/api/boards/${boardId}/promise`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: newId(), participantId: who.participantId, secret: who.secret, name: who.name, actionId, done }),
        });
        expect(await res.json()).toEqual({ ok: true, data: { reviewNow } });
      };
      const today = new Date().toISOString().slice(0, 10);

      const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Platform' });
      const first = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 1', templateId: 'post-mortem' });
      const [F, A, otherAda] = [person('Fran'), person('Ada'), person('Ada')];
      await F.connect(first.boardId, 'Fran', first.facilitatorKey);
      await A.connect(first.boardId, 'Ada');
      const { actionId } = await adaPromisesToPair(F, A);
      // in the retro, nobody's promise is theirs to mark yet (AC-6: the room ticks it)
      const mine = async (who: Person | null) => {
        const res = await fetch(`${server.url}/api/boards/${first.boardId}/mine`, who ? { headers: { authorization: `Candor ${who.participantId} ${who.secret}` } } : {});
        return [res.status, await res.json()];
      };
      expect(await mine(A)).toEqual([200, { actionIds: [], facilitating: false }]);
      // the facilitator, while it runs, is the one who may close it (TM-16)
      expect(await mine(F)).toEqual([200, { actionIds: [], facilitating: true }]);
      for (const phase of ['act', 'closed'] as const) await ok(F, 'phase.set', { phase });
      await A.disconnect();
      // two people called Ada (the first one gone, a second comes in under her name): only the first promised
      await otherAda.connect(first.boardId, 'Ada');
      // "Mark done" is offered by who the room knows you are (id and secret), never by a name two people share
      expect(await mine(A)).toEqual([200, { actionIds: [actionId], facilitating: false }]);
      expect(await mine(otherAda)).toEqual([200, { actionIds: [], facilitating: false }]);
      expect(await mine(F)).toEqual([200, { actionIds: [], facilitating: false }]);
      expect(await mine(null)).toMatchObject([401, { ok: false, code: 'NOT_JOINED' }]);

      // the next retro is made right after Close, before Ada says anything: its Review lists the promise, no word yet
      const second = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 2', templateId: 'post-mortem' });
      const F2 = person('Fran');
      await F2.connect(second.boardId, 'Fran', second.facilitatorKey);
      expect(F2.board()!.review).toMatchObject([{ text: 'Pair on every deploy', status: null }]);
      expect(F2.board()!.review[0]!.ownerDone).toBeUndefined();

      // Ada marks it from the team page while Sprint 2's Review is open: the room sees her word at once
      await mark(first.boardId, A, actionId, true);
      await until(() => F2.board()!.review[0]!.ownerDone?.on === today);
      expect(F2.board()!.review).toMatchObject([{ status: null, ownerDone: { by: 'Ada', on: today } }]);
      // someone joining later reads it too (it is the board's, not a message)
      const B2 = person('Bo');
      await B2.connect(second.boardId, 'Bo');
      expect(B2.board()!.review[0]).toMatchObject({ status: null, ownerDone: { by: 'Ada', on: today } });

      // taken back, it is gone from the Review at once; marked again, it is there again
      await mark(first.boardId, A, actionId, false);
      await until(() => F2.board()!.review[0]!.ownerDone === undefined);
      await mark(first.boardId, A, actionId, true);
      await until(() => F2.board()!.review[0]!.ownerDone?.on === today);

      // RE-4: the Review's own mark is still the record of "kept": the room may say otherwise, and its word counts
      await ok(F2, 'review.mark', { ref: F2.board()!.review[0]!.ref, status: 'not-done', carry: true });
      const history = (await (await fetch(`${server.url}/api/teams/${teamId}`)).json()) as TeamHistory;
      expect(history.retros[1]!.promises).toMatchObject({ done: 0, notDone: 1 });
      expect(history.retros[0]!.actions[0]).toMatchObject({ status: 'open', ownerDone: { by: 'Ada', on: today } });
      // Sprint 2 past its Review: no Review shows it now, the next one will
      await ok(F2, 'phase.set', { phase: 'write' });
      await mark(first.boardId, A, actionId, true, null);

      // TM-2: after a restart (Sprint 2 loaded from the store) the Review still holds her word beside the room's mark
      for (const p of people) await p.disconnect();
      await server.close();
      server = await startServer({ ...options, dbFile: server.dbFile });
      const B3 = person('Bo');
      await B3.connect(second.boardId, 'Bo');
      expect(B3.board()!.review).toMatchObject([{ text: 'Pair on every deploy', status: 'not-done', ownerDone: { by: 'Ada', on: today } }]);
    } finally {
      for (const p of people) await p.disconnect();
      await server.close();
    }
  });
  it.each(Object.keys(stores))('RE-13 RE-1 a mark sent over the board’s own connection reaches a retro made ahead; one whose push was lost there (refused, a crash) is there once that retro is loaded again (%s)', async (kind) => {
    let refused = 0;
    // the later retro's store refuses what is written to it while `refusing`: the push after the mark is lost, as in a
    // crash between the two (the mark itself is stored)
    let refusing: string | null = null;
    const options: StartOptions = { ...stores[kind]!(), idleUnloadMs: 50 };
    let server: TestServer = await startServer({
      ...options,
      wrapStore: (store) => {
        const faults = faultyStore(store, ['commitBatch']);
        faults.hold(async (_method, args) => {
          if (args[0] !== refusing) return;
          refused++;
          throw new Error('injected: the push never reached this retro');
        });
        return faults;
      },
    });
    const { people, person } = namedPeople(() => server.url);
    try {
      const post = <T>(path: string, body: unknown) => postCreated<T>(server.url, path, body);
      const today = new Date().toISOString().slice(0, 10);
      const { teamId, first, A, actionId } = await closedWithAdasPromise(post, person);
      // the next retro is made right after Close; Fran opens its Review
      const second = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 2', templateId: 'post-mortem' });
      const F2 = person('Fran');
      await F2.connect(second.boardId, 'Fran', second.facilitatorKey);
      expect(F2.board()!.review).toMatchObject([{ text: 'Pair on every deploy', status: null }]);

      // Ada, still on the closed retro's board, marks it there (its own connection, not the team page): stored, and the
      // word goes on to Sprint 2, whose store refuses it this time
      refusing = second.boardId;
      await ok(A, 'promise.mark', { actionId, done: true });
      expect(A.board()!.actions[0]!.ownerDone).toEqual({ by: 'Ada', on: today });
      await until(() => refused > 0);
      expect(F2.board()!.review[0]!.ownerDone).toBeUndefined();

      // the server stops (as after a crash, nothing more was tried); started again, Sprint 2's Review has the word as it
      // is loaded, before anyone is shown it: read from Sprint 1's stored facts
      for (const p of people) await p.disconnect();
      await server.close();
      refusing = null;
      server = await startServer({ ...options, dbFile: server.dbFile });
      const B2 = person('Bo');
      await B2.connect(second.boardId, 'Bo');
      expect(B2.board()!.review[0]).toMatchObject({ status: null, ownerDone: { by: 'Ada', on: today } });

      // live, over the board's connection again: Ada takes it back on Sprint 1's board, and Sprint 2's Review hears it
      A.url = server.url;
      await A.connect(first.boardId, 'Ada');
      await ok(A, 'promise.mark', { actionId, done: false });
      await until(() => B2.board()!.review[0]!.ownerDone === undefined);
    } finally {
      for (const p of people) await p.disconnect();
      await server.close();
    }
  });
});

describe('RE-13 a promise two people share', () => {
  const stores: Record<string, () => StartOptions> = { sqlite: () => ({}), postgres: () => ({ postgres: { url: testDatabaseUrl(), schema: freshSchema() } }) };

  it.each(Object.keys(stores))('RE-13 a mark is taken back only by whoever made it: another owner is NOT_YOURS and is not offered it; once it is not marked, they mark it in their own name (%s)', async (kind) => {
    const server: TestServer = await startServer(stores[kind]!());
    const { people, person } = namedPeople(() => server.url);
    try {
      const post = <T>(path: string, body: unknown) => postCreated<T>(server.url, path, body);
      const mark = async (who: Person, done: boolean): Promise<[number, Ack]> => {
        const res = await fetch(`${server.url}/api/boards/${first.boardId}/promise`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: newId(), participantId: who.participantId, secret: who.secret, name: who.name, actionId, done }),
        });
        return [res.status, (await res.json()) as Ack];
      };
      const mine = async (who: Person) => (await (await fetch(`${server.url}/api/boards/${first.boardId}/mine`, { headers: { authorization: `Candor ${who.participantId} ${who.secret}` } })).json()) as { actionIds: string[] };
      const word = async () => ((await (await fetch(`${server.url}/api/teams/${teamId}`)).json()) as TeamHistory).retros[0]!.actions[0]!.ownerDone;
      const today = new Date().toISOString().slice(0, 10);

      const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Platform' });
      const first = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: 'Sprint 1', templateId: 'post-mortem' });
      const [F, Ben, Bo] = [person('Fran'), person('Ben'), person('Bo')];
      await F.connect(first.boardId, 'Fran', first.facilitatorKey);
      await Ben.connect(first.boardId, 'Ben');
      await Bo.connect(first.boardId, 'Bo');
      const { actionId } = await adaPromisesToPair(F, Ben);
      await ok(Bo, 'action.volunteer', { actionId, volunteer: true });
      for (const phase of ['act', 'closed'] as const) await ok(F, 'phase.set', { phase });
      // both may say it is done while nobody has
      expect((await mine(Ben)).actionIds).toEqual([actionId]);
      expect((await mine(Bo)).actionIds).toEqual([actionId]);

      expect(await mark(Ben, true)).toEqual([200, { ok: true, data: { reviewNow: null } }]);
      // Ben's word is Ben's: Bo cannot withdraw it, and is not offered to; his "done" too adds nothing to it
      expect(await mark(Bo, false)).toMatchObject([403, { ok: false, code: 'NOT_YOURS' }]);
      expect(await word()).toEqual({ by: 'Ben', on: today });
      expect(await mark(Bo, true)).toEqual([200, { ok: true, data: { reviewNow: null } }]);
      expect(await word()).toEqual({ by: 'Ben', on: today });
      expect((await mine(Bo)).actionIds).toEqual([]);
      expect((await mine(Ben)).actionIds).toEqual([actionId]);

      // Ben takes it back; then Bo may say it, in his own name, and only he may take that back
      expect(await mark(Ben, false)).toEqual([200, { ok: true, data: { reviewNow: null } }]);
      expect((await mine(Bo)).actionIds).toEqual([actionId]);
      expect(await mark(Bo, true)).toEqual([200, { ok: true, data: { reviewNow: null } }]);
      expect(await word()).toEqual({ by: 'Bo', on: today });
      expect(await mark(Ben, false)).toMatchObject([403, { ok: false, code: 'NOT_YOURS' }]);
      expect((await mine(Ben)).actionIds).toEqual([]);
    } finally {
      for (const p of people) await p.disconnect();
      await server.close();
    }
  });
});
