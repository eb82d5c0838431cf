import { describe, expect, it } from 'vitest';
import type { PublicBoardView } from '@candor/shared';
import { freshSchema, testDatabaseUrl } from '../../server/src/storage/postgres.testing.js';
import { PINGS_OUT_OF_THE_WAY, Person, type StartOptions, createBoard, newId, openSocket, sendCommand, startServer } from './harness.js';

/**
 * AB-6 forgets whoever did nothing public once they are gone (10 minutes after leaving, or at an orderly shutdown),
 * so that the people list never says who wrote, voted or answered. Such a person comes back with the same secret —
 * and the door must still know them (JN-4): were they in the room when the facilitator locked joining or turned the
 * knock on, they come back in without waiting, get their cards back, and are not paced as newcomers of their
 * address (AB-4). Nobody else gets in on their account, and the room sees their return exactly as it sees the return
 * of someone who did nothing at all.
 */
describe('people forgotten for privacy come back through a closed door', () => {
  const stores: Record<string, () => StartOptions> = { sqlite: () => ({}), postgres: () => ({ postgres: { url: testDatabaseUrl(), schema: freshSchema() } }) };
  const doors = { lockJoining: { locked: true }, knock: { on: true } } as const;
  const cases = Object.keys(stores).flatMap((store) => (Object.keys(doors) as (keyof typeof doors)[]).map((door) => [store, door] as const));

  /** whether a join with this person's identity gets in: 'in', or the refusal's message */
  const comesBack = (p: Person, url?: string) => p.reconnect(url).then(
    () => 'in',
    (err: Error) => err.message,
  );
  /** the view with one person's presence taken out: their entry in the people list, and how many people the progress counts */
  const without = (view: PublicBoardView, name: string) =>
    JSON.stringify({ ...view, participants: view.participants.filter((p) => p.name !== name), progress: { ...view.progress, of: null } });
  const closeDoor = (F: Person, door: keyof typeof doors) => F.cmd(door === 'lockJoining' ? 'access.lockJoining' : 'access.knock', doors[door]);

  it.each(cases)('JN-4 AB-6 AR-2 someone forgotten after leaving comes back in and their card is theirs; a stranger and a wrong secret do not (%s, %s)', async (kind, door) => {
    const server = await startServer({ ...stores[kind]!(), idleJoinerExpiryMs: 300, heartbeat: PINGS_OUT_OF_THE_WAY });
    const people = Array.from({ length: 4 }, () => new Person(server.url));
    const [F, A, B, O] = people as [Person, Person, Person, Person];
    try {
      const { boardId, facilitatorKey } = await createBoard(server.url, 'Closed door');
      await F.connect(boardId, 'Fran', facilitatorKey);
      // Ana writes a card nobody can see; Bea does nothing at all; then the door closes
      for (const [p, name] of [[A, 'Ana'], [B, 'Bea'], [O, 'Obi']] as const) await p.connect(boardId, name);
      const card = (await A.cmd('card.add', { columnId: 'start', text: 'Only Ana knows' })) as { ok: true; data: { cardId: string } };
      expect(card).toMatchObject({ ok: true });
      expect(await closeDoor(F, door)).toMatchObject({ ok: true });

      // both leave and are forgotten alike (AB-6)
      await A.disconnect();
      await B.disconnect();
      await O.waitFor(() => O.board()!.participants.every((p) => p.name !== 'Ana' && p.name !== 'Bea'), 3000);

      // each comes back with their secret; the room sees nothing but that person's presence, the same for both
      const shapes: string[] = [];
      for (const p of [A, B]) {
        await O.boardRoundTrip();
        const before = O.board()!;
        const seen = O.boardHistory.length;
        const socketFrames = O.socketFrames().length;
        expect(await comesBack(p), `${p.name} comes back`).toBe('in');
        await O.waitFor(() => O.board()!.participants.find((x) => x.name === p.name)?.online);
        await O.boardRoundTrip();
        for (const view of O.boardHistory.slice(seen)) expect(without(view, p.name), `${p.name} came back`).toBe(without(before, p.name));
        const entry = O.board()!.participants.find((x) => x.name === p.name)!;
        // what reached Obi: the same number of board views and of other messages (none telling him anything of his own)
        shapes.push(JSON.stringify({ ...entry, handle: entry.handle.length, name: entry.name.length, views: O.boardHistory.length - seen, socketFrames: O.socketFrames().length - socketFrames }));
      }
      expect(shapes[0], 'Ana’s return and Bea’s look alike').toBe(shapes[1]);
      expect((JSON.parse(shapes[0]!) as { views: number }).views).toBeGreaterThan(0);
      // Ana's card is hers again (AR-2)
      await A.waitFor(() => A.me!.cards.length === 1);
      expect(A.me!.cards).toMatchObject([{ id: card.data.cardId, text: 'Only Ana knows' }]);
      expect(await A.cmd('card.edit', { cardId: card.data.cardId, text: 'Only Ana knows, still' })).toMatchObject({ ok: true });
      expect(B.me!.cards).toEqual([]);

      // nobody gets in on their account: someone who was not in the room, and Bea's id with a made-up secret
      const stranger = await openSocket(server.url, { boardId });
      const strangerJoin = await sendCommand(stranger, { id: newId(), type: 'join', participantId: newId(), secret: newId(32), name: 'Sam' });
      expect(strangerJoin).toMatchObject({ ok: false, code: door === 'lockJoining' ? 'JOINING_LOCKED' : 'WAITING_TO_BE_ADMITTED' });
      stranger.close();
      await B.disconnect();
      await O.waitFor(() => O.board()!.participants.every((p) => p.name !== 'Bea'), 3000);
      const impostor = await openSocket(server.url, { boardId });
      expect(await sendCommand(impostor, { id: newId(), type: 'join', participantId: B.participantId, secret: newId(32), name: 'Bea' })).toMatchObject({
        ok: false,
        code: 'BAD_CREDENTIALS',
      });
      impostor.close();
      expect(await comesBack(B), 'Bea still comes back after the impostor').toBe('in');
    } finally {
      for (const p of people) await p.disconnect();
      await server.close();
    }
  });

  it.each(cases)('JN-4 AB-6 the people in the room come back without waiting after an orderly restart (%s, %s)', async (kind, door) => {
    const options = stores[kind]!();
    const servers = [await startServer(options)];
    const people = Array.from({ length: 3 }, () => new Person(servers[0]!.url));
    const [F, A, B] = people as [Person, Person, Person];
    try {
      const { boardId, facilitatorKey } = await createBoard(servers[0]!.url, 'Restarted behind a closed door');
      await F.connect(boardId, 'Fran', facilitatorKey);
      for (const [p, name] of [[A, 'Ana'], [B, 'Bea']] as const) await p.connect(boardId, name);
      const card = (await A.cmd('card.add', { columnId: 'start', text: 'Written before the deploy' })) as { ok: true; data: { cardId: string } };
      expect(await closeDoor(F, door)).toMatchObject({ ok: true });

      for (const p of people) await p.disconnect();
      await servers[0]!.close(); // the orderly shutdown forgets Ana and Bea (AB-6)
      servers.push(await startServer({ ...options, dbFile: servers[0]!.dbFile }));
      const url = servers[1]!.url;
      expect(await comesBack(F, url)).toBe('in');
      expect(F.board()!.participants.map((p) => p.name)).toEqual(['Fran']);
      for (const p of [A, B]) expect(await comesBack(p, url), `${p.name} after the restart`).toBe('in');
      await A.waitFor(() => A.me!.cards.length === 1);
      expect(A.me!.cards).toMatchObject([{ id: card.data.cardId, text: 'Written before the deploy' }]);
      const late = await openSocket(url, { boardId });
      expect(await sendCommand(late, { id: newId(), type: 'join', participantId: newId(), secret: newId(32), name: 'Late' })).toMatchObject({
        ok: false,
        code: door === 'lockJoining' ? 'JOINING_LOCKED' : 'WAITING_TO_BE_ADMITTED',
      });
      late.close();
    } finally {
      for (const p of people) await p.disconnect();
      for (const s of servers) await s.close().catch(() => undefined);
    }
  });

  const crowdCases = Object.keys(stores).flatMap((store) => (['open', ...Object.keys(doors)] as ('open' | keyof typeof doors)[]).map((door) => [store, door] as const));
  it.each(crowdCases)('AB-4 JN-4 a crowd of 80 behind one address comes back at once after an orderly restart; a newcomer of theirs is still paced (%s, door %s)', async (kind, door) => {
    const options = stores[kind]!();
    // the first server lets the whole crowd in at once; the restarted one has the usual 60 at once, then one a second
    const servers = [await startServer({ ...options, joinBurstPerAddress: 100 })];
    const F = new Person(servers[0]!.url);
    const crowd = Array.from({ length: 80 }, (_, i) => ({ participantId: newId(), secret: newId(32), name: `P${i}` }));
    const sockets: Awaited<ReturnType<typeof openSocket>>[] = [];
    const joinAll = async (url: string, boardId: string) => {
      const acks = [];
      for (const person of crowd) {
        const socket = await openSocket(url, { boardId });
        sockets.push(socket);
        acks.push(await sendCommand(socket, { id: newId(), type: 'join', ...person }));
      }
      return acks;
    };
    const closeAll = () => {
      for (const s of sockets.splice(0)) s.close();
    };
    try {
      const { boardId, facilitatorKey } = await createBoard(servers[0]!.url, 'A crowd behind one NAT');
      await F.connect(boardId, 'Fran', facilitatorKey);
      expect((await joinAll(servers[0]!.url, boardId)).filter((a) => !a.ok)).toEqual([]);
      if (door !== 'open') expect(await closeDoor(F, door)).toMatchObject({ ok: true });
      // the deploy: the server stops while everyone is connected
      await servers[0]!.close();
      closeAll();
      await F.disconnect();

      servers.push(await startServer({ ...options, dbFile: servers[0]!.dbFile }));
      const url = servers[1]!.url;
      await F.reconnect(url);
      const acks = await joinAll(url, boardId);
      expect(acks.filter((a) => !a.ok).map((a) => (a as { code: string }).code)).toEqual([]);
      await F.waitFor(() => F.board()!.participants.filter((p) => p.online).length === 81);
      // AB-4 still holds for people the board does not know, and the crowd's return took nothing of it: with the door
      // open again, the address has its 60 new participants at once, then RATE_LIMITED
      if (door !== 'open') expect(await F.cmd(door === 'lockJoining' ? 'access.lockJoining' : 'access.knock', door === 'lockJoining' ? { locked: false } : { on: false })).toMatchObject({ ok: true });
      const newcomers = [];
      for (let i = 0; i < 70; i++) {
        const socket = await openSocket(url, { boardId });
        sockets.push(socket);
        newcomers.push(await sendCommand(socket, { id: newId(), type: 'join', participantId: newId(), secret: newId(32), name: `N${i}` }));
      }
      expect(newcomers.slice(0, 60).filter((a) => !a.ok)).toEqual([]);
      expect(newcomers.slice(60).some((a) => !a.ok && a.code === 'RATE_LIMITED')).toBe(true);
    } finally {
      closeAll();
      await F.disconnect();
      for (const s of servers) await s.close().catch(() => undefined);
    }
  });
});
