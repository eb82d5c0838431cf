import { Writable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { CreateBoardResponse } from '@candor/shared';
import { createLogger } from '@candor/server';
import { type StartOptions, type TestServer, accepted as ok, closedWithAdasPromise, namedPeople, newId, startServer, until } from './harness.js';

/** a team's history: Sprint 1 and 28 more closed, Sprint 30 in its Review */
const RETROS = 30;

const lines: string[] = [];
const memory = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});
/** the heap in use once collected: what the rooms a mark left loaded hold, not garbage */
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;
const heapUsed = () => {
  collect();
  return process.memoryUsage().heapUsed;
};
/** the rooms built so far: each logs 'board loaded' once, as the registry makes it */
const roomsBuilt = () => lines.filter((line) => (JSON.parse(line) as { msg?: string }).msg === 'board loaded').length;

/**
 * RE-13 RE-1: an owner's "Mark done" reaches the Review of every later retro of the team that lists it and is not
 * closed. A team's later retros are mostly closed (records, RE-4, which hear nothing): the mark builds no room for them.
 */
describe('RE-13 a mark on a team of 30 retros', () => {
  it('RE-13 RE-1 builds the room of the marked retro only: the 28 closed retros after it are read as stored, Sprint 30 (open, in Review, live) hears the word', async () => {
    // (one address stands for the whole team here; each retro is made from an address of its own, AB-7)
    const options: StartOptions = { trustProxy: 1, joinBurstPerAddress: 1_000, commandsPerSecondPerAddress: 1_000, requestsPerSecondPerAddress: 1_000 };
    let server: TestServer = await startServer(options);
    const { people, person } = namedPeople(() => server.url);
    try {
      let made = 0;
      const post = async <T>(path: string, body: unknown): Promise<T> => {
        const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.0.${++made}` }, body: JSON.stringify(body) });
        expect(res.status).toBe(201);
        return (await res.json()) as T;
      };
      const { teamId, first, A, actionId } = await closedWithAdasPromise(post, person);
      for (let n = 2; n < RETROS; n++) {
        const retro = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: `Sprint ${n}`, templateId: 'post-mortem' });
        const fran = person('Fran');
        await fran.connect(retro.boardId, 'Fran', retro.facilitatorKey);
        for (const phase of ['write', 'reveal', 'vote', 'discuss', 'act', 'closed'] as const) await ok(fran, 'phase.set', { phase });
        await fran.disconnect();
      }
      const last = await post<CreateBoardResponse>(`/api/teams/${teamId}/boards`, { name: `Sprint ${RETROS}`, templateId: 'post-mortem' });
      for (const p of people) await p.disconnect();

      // the next morning: nothing is loaded but what someone opens (Fran, Sprint 30's Review, where Ada's promise is listed)
      await server.close();
      server = await startServer({ ...options, dbFile: server.dbFile, logger: createLogger('debug', memory) });
      const F30 = person('Fran');
      await F30.connect(last.boardId, 'Fran', last.facilitatorKey);
      expect(F30.board()!.review).toMatchObject([{ text: 'Pair on every deploy', status: null }]);
      expect(F30.board()!.review[0]!.ownerDone).toBeUndefined();

      // Ada marks it done from the team page
      const built = roomsBuilt();
      const heapBefore = heapUsed();
      const started = performance.now();
      const res = await fetch(`${server.url}/api/boards/${first.boardId}/promise`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: newId(), participantId: A.participantId, secret: A.secret, name: 'Ada', actionId, done: true }),
      });
      expect(await res.json()).toEqual({ ok: true, data: { reviewNow: `Sprint ${RETROS}` } });
      const answered = performance.now() - started;
      await until(() => F30.board()!.review[0]!.ownerDone?.by === 'Ada', 30_000);
      const told = performance.now() - started;
      const heapAfter = heapUsed();
      // (a figure to read, not to assert: the machine's load decides it)
      console.log(
        `RE-13 one mark, team of ${RETROS} retros: ${roomsBuilt() - built} room(s) built, answered in ${answered.toFixed(0)} ms, ` +
          `Sprint ${RETROS} told in ${told.toFixed(0)} ms, ${((heapAfter - heapBefore) / 1024).toFixed(0)} KiB more heap in use`,
      );
      expect(roomsBuilt() - built, 'rooms built for one mark').toBe(1);
    } finally {
      for (const p of people) await p.disconnect();
      await server.close();
    }
  }, 120_000);
});
