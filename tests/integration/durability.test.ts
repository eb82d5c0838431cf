import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notesKey } from '@candor/shared';
import { Person, createBoard, ensureServerBuilt, readerHeaders, startServer } from './harness.js';
import { type SpawnedServer, kill9, startServerProcess } from './spawnedServer.js';

/**
 * DU: an acknowledged change survives `kill -9`. The built server runs as a child process on a temp data
 * directory; it is killed with SIGKILL (no shutdown hook runs) and started again on the same directory.
 */

/** `kill -9`, and that it was one (no shutdown hook ran). */
async function killHard(running: SpawnedServer): Promise<void> {
  await kill9(running);
  expect(running.child.signalCode).toBe('SIGKILL');
}

describe('durability', () => {
  let dataDir: string;
  let running: SpawnedServer | null = null;
  const people: Person[] = [];

  beforeAll(() => {
    ensureServerBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-du-'));
  }, 120_000);

  afterAll(async () => {
    for (const p of people) await p.disconnect();
    if (running) await killHard(running);
  });

  it('DU-1 every acknowledged card, vote and note survives kill -9 and a restart on the same data directory', async () => {
    running = await startServerProcess({ dataDir });
    const { boardId, facilitatorKey } = await createBoard(running.url, 'Survives kill -9');
    const F = new Person(running.url);
    const A = new Person(running.url);
    const B = new Person(running.url);
    // (AN-12: four voters, so that the tallies show and say every vote survived)
    const [C, D] = [new Person(running.url), new Person(running.url)];
    people.push(F, A, B, C, D);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    await B.connect(boardId, 'Bea');
    await C.connect(boardId, 'Cleo');
    await D.connect(boardId, 'Dev');

    const add = async (p: Person, columnId: string, text: string) => {
      const ack = await p.cmd('card.add', { columnId, text });
      expect(ack).toMatchObject({ ok: true });
      return (ack as { data: { cardId: string } }).data.cardId;
    };
    const [a1, a2, a3] = [await add(A, 'start', 'durable one'), await add(A, 'stop', 'durable two'), await add(A, 'continue', 'durable three')];
    const b1 = await add(B, 'start', 'durable bea');
    expect(await A.cmd('card.edit', { cardId: a3, text: 'durable three, edited' })).toMatchObject({ ok: true });
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    for (const itemId of [a1, a1, b1]) expect(await A.cmd('vote.cast', { itemId })).toMatchObject({ ok: true });
    for (const itemId of [a2, a3]) expect(await B.cmd('vote.cast', { itemId })).toMatchObject({ ok: true });
    expect(await C.cmd('vote.cast', { itemId: b1 })).toMatchObject({ ok: true });
    expect(await D.cmd('vote.cast', { itemId: a2 })).toMatchObject({ ok: true });
    await A.waitFor(() => A.me?.votesLeft === 0);
    await B.waitFor(() => B.me?.votesLeft === 1);
    const aBefore = structuredClone(A.me!);
    const bBefore = structuredClone(B.me!);
    expect(aBefore.cards.map((c) => c.text)).toEqual(['durable one', 'durable two', 'durable three, edited']);

    // 1. killed in the middle of Vote
    await killHard(running);
    running = await startServerProcess({ dataDir });
    for (const p of [F, A, B, C, D]) expect(await p.reconnect(running.url)).toMatchObject({ ok: true });
    expect(A.me).toEqual(aBefore);
    expect(B.me).toEqual(bBefore);
    expect(F.me?.isFacilitator).toBe(true);
    expect(A.board()).toMatchObject({ phase: 'vote', cardCount: 4, tallies: null });
    expect(A.board()!.cards.map((c) => c.text).sort()).toEqual(['durable bea', 'durable one', 'durable three, edited', 'durable two']);
    // the budget remembers the votes cast before the crash
    expect(await A.cmd('vote.cast', { itemId: a2 })).toMatchObject({ ok: false, code: 'VOTE_BUDGET_EXCEEDED' });

    expect(await F.cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.tallies);
    const tallies = { [a1]: 2, [a2]: 2, [a3]: 1, [b1]: 2 };
    expect(A.board()!.tallies).toEqual(tallies);

    // notes typed into the shared document, and an action with an owner
    expect(await F.cmd('discuss.select', { itemId: a1 })).toMatchObject({ ok: true });
    const key = notesKey.item(a1);
    await A.waitFor(() => A.notes(key) !== undefined);
    A.typeNote(key, 'We agreed to pair on deploys.');
    await B.waitFor(() => A.notes(key) !== undefined && B.notes(key) === 'We agreed to pair on deploys.');
    B.typeNote(key, ' Bea adds a line.');
    await F.waitFor(() => F.notes(key) === 'We agreed to pair on deploys. Bea adds a line.');
    const created = await F.cmd('action.create', { itemId: a1, text: 'Pair on the next deploy' });
    expect(created).toMatchObject({ ok: true });
    const actionId = (created as { data: { actionId: string } }).data.actionId;
    expect(await A.cmd('action.volunteer', { actionId, volunteer: true })).toMatchObject({ ok: true });
    await F.waitFor(() => F.notes(notesKey.action(actionId)) !== undefined);
    F.typeNote(notesKey.action(actionId), ' by Friday');
    await A.waitFor(() => A.notes(notesKey.action(actionId)) === 'Pair on the next deploy by Friday');
    const boardBefore = structuredClone(A.board()!);

    // 2. killed during Discuss
    await killHard(running);
    running = await startServerProcess({ dataDir });
    const reader = new Person(running.url);
    people.push(reader);
    for (const p of [F, A, B, C, D]) await p.reconnect(running.url);
    await reader.connect(boardId, 'Reader');
    expect(reader.notes(key)).toBe('We agreed to pair on deploys. Bea adds a line.');
    expect(reader.notes(notesKey.action(actionId))).toBe('Pair on the next deploy by Friday');
    expect(reader.board()).toMatchObject({ phase: 'discuss', tallies, currentItemId: a1, actions: [{ id: actionId, owners: ['Alex'] }] });
    expect({ ...reader.board()!, participants: [] }).toEqual({ ...boardBefore, participants: [] });
    expect(A.me?.actionIds).toEqual([actionId]);
    expect(A.me?.votes).toEqual(aBefore.votes);
    expect(A.me?.cards).toEqual(aBefore.cards);

    // and the retro can be finished and exported from the restored state
    for (const phase of ['act', 'closed'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    const exported = await (await fetch(`${running.url}/api/boards/${boardId}/export.md`, { headers: readerHeaders(F) })).text();
    expect(exported).toContain('Pair on the next deploy by Friday — Alex');
    expect(exported).toContain('We agreed to pair on deploys. Bea adds a line.');
  });

  it('DU-2 clients that reconnect after each restart follow the board rebuilt from storage (restarted 8 times)', async () => {
    // AR-4: the board document is never stored; each start rebuilds it and every connection starts a fresh copy.
    let server = await startServer();
    const { dbFile } = server;
    const { boardId, facilitatorKey } = await createBoard(server.url, 'Restarts');
    const F = new Person(server.url);
    const A = new Person(server.url);
    people.push(F, A);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    try {
      for (let round = 1; round <= 8; round++) {
        await server.close();
        server = await startServer({ dbFile });
        await F.reconnect(server.url);
        await A.reconnect(server.url);
        const budget = round + 1;
        expect(await F.cmd('settings.update', { voteBudget: budget, perItemCap: 1 })).toMatchObject({ ok: true });
        expect(await A.cmd('card.add', { columnId: 'start', text: `round ${round}` })).toMatchObject({ ok: true });
        // the board document follows the budget; the card (one writer, so not counted in public, AN-10) is A's own
        await A.waitFor(() => A.board()?.settings.voteBudget === budget && A.me?.cards.length === round);
        await F.waitFor(() => F.board()?.participants.every((p) => p.online));
        await A.waitFor(() => JSON.stringify(A.board()) === JSON.stringify(F.board()));
      }
    } finally {
      await F.disconnect();
      await A.disconnect();
      await server.close();
    }
  });
});
