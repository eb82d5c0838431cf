import { describe, expect, it } from 'vitest';
import type { PublicBoardView } from '@candor/shared';
import { freshSchema, testDatabaseUrl } from '../../server/src/storage/postgres.testing.js';
import { Person, type StartOptions, createBoard, startServer, accepted as ok } from './harness.js';

/**
 * After a restart every stored vote, answer, tap and reaction waits for its owner under a placeholder (AR-2) and is
 * recognised when they come back. An observer watching people return one by one sees each return; if anything
 * besides that person's presence moved at that moment — a count of answers, tappers, reactions, voters — it would
 * name what they had done. cardCountReload.test.ts does this for the card count; here for the marks, in Discuss
 * with a fist of five still open, the lens on and a reaction made, on SQLite and PostgreSQL.
 */
describe('people coming back after a restart, as an observer sees each return', () => {
  const stores: Record<string, () => StartOptions> = { sqlite: () => ({}), postgres: () => ({ postgres: { url: testDatabaseUrl(), schema: freshSchema() } }) };

  it.each(Object.keys(stores))('AR-2 AN-8 TL-4 RX-2 a return after a restart changes nothing an observer holds but that person’s presence (%s)', async (kind) => {
    const options = stores[kind]!();
    const servers = [await startServer(options)];
    const people = Array.from({ length: 5 }, () => new Person(servers[0]!.url));
    const [F, A, B, C, O] = people as [Person, Person, Person, Person, Person];
    try {
      const { boardId, facilitatorKey } = await createBoard(servers[0]!.url, 'Coming back');
      await F.connect(boardId, 'Fran', facilitatorKey);
      for (const [p, name] of [[A, 'Alex'], [B, 'Bea'], [C, 'Cy'], [O, 'Obi']] as const) await p.connect(boardId, name);
      // Alex does everything, Bea nothing; Cy some of it
      const item = (await ok(A, 'card.add', { columnId: 'start', text: 'Pairing helps' })).cardId!;
      await ok(C, 'card.add', { columnId: 'stop', text: 'Friday deploys' });
      for (const phase of ['reveal', 'vote'] as const) await ok(F, 'phase.set', { phase });
      for (const p of [A, A, C, F, O]) await ok(p, 'vote.cast', { itemId: item });
      await ok(F, 'phase.set', { phase: 'discuss' });
      await ok(F, 'discuss.select', { itemId: item });
      await ok(F, 'lens.set', { on: true });
      for (const p of [A, C]) await ok(p, 'lens.tap', { itemId: item, part: 'reliability', on: true });
      await ok(A, 'reaction.toggle', { itemId: item, reaction: 'agree', on: true });
      const actionId = (await ok(F, 'action.create', { itemId: item, text: 'Pair on the deploy script' })).actionId!;
      await ok(F, 'consensus.start', { actionId });
      for (const p of [A, C]) await ok(p, 'consensus.answer', { actionId, value: 2 });
      await O.waitFor(() => O.board()!.actions[0]?.consensus?.answered === 2 && O.board()!.lens[0]?.tappers === 2 && O.board()!.reactions[item]?.agree === 1);

      for (const p of people) await p.disconnect();
      await servers[0]!.close();
      servers.push(await startServer({ ...options, dbFile: servers[0]!.dbFile }));
      const url = servers[1]!.url;

      /** the view with one person's presence taken out: their entry in the list (the facilitator's also in `facilitator`) */
      const without = (view: PublicBoardView, name: string) =>
        JSON.stringify({
          ...view,
          participants: view.participants.filter((p) => p.name !== name),
          facilitator: view.facilitator?.name === name ? null : view.facilitator,
        });
      expect(await O.reconnect(url)).toMatchObject({ ok: true });
      for (const p of [F, C, B, A]) {
        await O.boardRoundTrip();
        const before = O.board()!;
        const seen = O.boardHistory.length;
        expect(await p.reconnect(url)).toMatchObject({ ok: true });
        await O.waitFor(() => O.board()!.participants.find((x) => x.name === p.name)?.online);
        await O.boardRoundTrip();
        // every board Obi held from the return on is the one before, but for that person's presence
        for (const view of O.boardHistory.slice(seen)) expect(without(view, p.name), `${p.name} came back`).toBe(without(before, p.name));
      }
      // and the marks are theirs again (AR-2): what they did is theirs, nothing of it moved in public
      expect(A.me).toMatchObject({ votes: { [item]: 2 }, consensus: { [actionId]: 2 }, reactions: { [item]: ['agree'] } });
      expect(B.me).toMatchObject({ votes: {}, consensus: {}, reactions: {} });
      expect(O.board()!.actions[0]!.consensus).toMatchObject({ answered: 2, revealed: false });
      expect(O.board()!.lens[0]!.tappers).toBe(2);
    } finally {
      for (const p of people) await p.disconnect();
      for (const s of servers) await s.close().catch(() => undefined);
    }
  });

  it.each(Object.keys(stores))('AB-6 AN-1 AR-1 someone who only wrote, voted or answered is forgotten like someone who did nothing, and gets it all back on return after a restart (%s)', async (kind) => {
    const options = { ...stores[kind]!(), idleJoinerExpiryMs: 300 };
    const servers = [await startServer(options)];
    const people = Array.from({ length: 4 }, () => new Person(servers[0]!.url));
    const [F, A, B, O] = people as [Person, Person, Person, Person];
    try {
      const { boardId, facilitatorKey } = await createBoard(servers[0]!.url, 'Forgotten alike');
      await F.connect(boardId, 'Fran', facilitatorKey);
      for (const [p, name] of [[A, 'Alex'], [B, 'Bea'], [O, 'Obi']] as const) await p.connect(boardId, name);
      // Alex answers the pulse and writes a card — nothing anyone else can see; Bea does nothing
      expect(await A.cmd('pulse.answer', { value: 2 })).toMatchObject({ ok: true });
      const card = (await A.cmd('card.add', { columnId: 'start', text: 'Only Alex knows' })) as { ok: true; data: { cardId: string } };
      await A.disconnect();
      await B.disconnect();
      // both leave; whether either stays in the people list must not depend on what they did unseen
      await O.waitFor(() => !O.board()!.participants.some((p) => p.name === 'Bea'), 3000);
      await O.boardRoundTrip();
      expect(O.board()!.participants.map((p) => p.name)).toEqual(['Fran', 'Obi']);

      // a restart (the shutdown forgets whoever never did anything public): Alex comes back and everything is his
      for (const p of [F, O]) await p.disconnect();
      await servers[0]!.close();
      servers.push(await startServer({ ...options, dbFile: servers[0]!.dbFile }));
      expect(await O.reconnect(servers[1]!.url)).toMatchObject({ ok: true });
      expect(O.board()!.participants.map((p) => p.name)).toEqual(['Fran', 'Obi']);
      expect(await A.reconnect(servers[1]!.url)).toMatchObject({ ok: true });
      await A.waitFor(() => A.me!.cards.length === 1);
      expect(A.me).toMatchObject({ pulse: 2, cards: [{ id: card.data.cardId, text: 'Only Alex knows' }] });
      expect(await A.cmd('card.edit', { cardId: card.data.cardId, text: 'Only Alex knows, still' })).toMatchObject({ ok: true });
      expect(await A.cmd('pulse.answer', { value: 3 })).toMatchObject({ ok: true });
      expect(A.me!.pulse).toBe(3);
    } finally {
      for (const p of people) await p.disconnect();
      for (const s of servers) await s.close().catch(() => undefined);
    }
  });
});
