import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { notesKey } from '@candor/shared';
import { Person, createBoard, ensureServerBuilt } from './harness.js';
import { dataDirBytes, holdsPieceOf, marked } from './fileSearch.js';
import { type SpawnedServer, kill9, startServerProcess } from './spawnedServer.js';

/**
 * PE-9 AR-6 attacked as an unlucky room would: the notes are folded into one snapshot when the board moves on, and
 * the process is killed with SIGKILL right after the phase change's ack; an edit is on its way while the phase
 * changes; the facilitator steps back (Act → Discuss), the room types and erases again, and the board moves on twice
 * in a row. After each restart the note must read as it was left (nothing acknowledged lost) and no file of DATA_DIR
 * may hold the erased words.
 */

describe('PE-9 folded notes and kill -9', () => {
  let dataDir: string;
  let running: SpawnedServer | null = null;
  const people: Person[] = [];

  beforeAll(() => {
    ensureServerBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-pe9-'));
  }, 120_000);

  afterAll(async () => {
    for (const p of people) await p.disconnect();
    if (running) await kill9(running);
  });

  async function restart(...reconnecting: Person[]): Promise<Person> {
    await kill9(running!);
    expect(running!.child.signalCode).toBe('SIGKILL');
    running = await startServerProcess({ dataDir });
    for (const p of reconnecting) expect(await p.reconnect(running.url)).toMatchObject({ ok: true });
    const reader = new Person(running.url);
    people.push(reader);
    return reader;
  }

  it('PE-9 AR-6 killed -9 right after each phase change\'s ack, back to Discuss and on again twice in a row: the note whole, the erased words in no file', async () => {
    running = await startServerProcess({ dataDir });
    const { boardId, facilitatorKey } = await createBoard(running.url, 'Folded and killed');
    const [F, A, B] = [new Person(running.url), new Person(running.url), new Person(running.url)];
    people.push(F, A, B);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    await B.connect(boardId, 'Bea');
    const card = (await A.cmd('card.add', { columnId: 'start', text: 'a card' })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote', 'discuss']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    const key = notesKey.item(card.data.cardId);
    await A.waitFor(() => A.notes(key) !== undefined);
    await B.waitFor(() => B.notes(key) !== undefined);

    // 1. typed, erased, then an edit on its way while the phase changes; killed right after the ack
    const T = { kept: marked('kept'), erased: marked('erased-once'), late: marked('late'), again: marked('typed-again'), erasedAgain: marked('erased-twice') };
    A.typeNote(key, `${T.kept} ${T.erased}`);
    await F.waitFor(() => F.notes(key)?.includes(T.erased));
    await vi.waitFor(() => expect(holdsPieceOf(dataDirBytes(dataDir), T.erased), 'a positive control').toBe(true));
    A.eraseNote(key, ` ${T.erased}`);
    await F.waitFor(() => F.notes(key) === T.kept);
    B.typeNote(key, ` ${T.late}`); // not awaited: on its way while the phase changes
    expect(await F.cmd('phase.set', { phase: 'act' })).toMatchObject({ ok: true });
    // relayed is stored (the room stores, then relays): once Fran has the late words they are acknowledged
    await F.waitFor(() => F.notes(key) === `${T.kept} ${T.late}`);
    expect(holdsPieceOf(dataDirBytes(dataDir), T.erased), 'erased words in the files after the ack').toBe(false);
    let reader = await restart(F, A, B);
    await reader.connect(boardId, 'Reader one');
    await reader.waitFor(() => reader.notes(key) === `${T.kept} ${T.late}`);
    expect(reader.board()?.phase).toBe('act');
    expect(holdsPieceOf(dataDirBytes(dataDir), T.erased), 'erased words in the files after the restart').toBe(false);

    // 2. back to Discuss, typed and erased again, then on to Act and back and on once more without waiting between
    expect(await F.cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    await A.waitFor(() => A.notes(key) === `${T.kept} ${T.late}`);
    A.typeNote(key, ` ${T.again} ${T.erasedAgain}`);
    await F.waitFor(() => F.notes(key)?.includes(T.erasedAgain));
    A.eraseNote(key, ` ${T.erasedAgain}`);
    const left = `${T.kept} ${T.late} ${T.again}`;
    await F.waitFor(() => F.notes(key) === left);
    const quick = [F.cmd('phase.set', { phase: 'act' }), F.cmd('phase.set', { phase: 'discuss' }), F.cmd('phase.set', { phase: 'act' })];
    for (const ack of await Promise.all(quick)) expect(ack).toMatchObject({ ok: true });
    const files = dataDirBytes(dataDir);
    expect(holdsPieceOf(files, T.erasedAgain), 'words erased after stepping back').toBe(false);
    expect(holdsPieceOf(files, T.erased)).toBe(false);
    expect(holdsPieceOf(files, T.again), 'the words that stay').toBe(true);
    reader = await restart();
    await reader.connect(boardId, 'Reader two');
    await reader.waitFor(() => reader.notes(key) === left);
    expect(reader.board()?.phase).toBe('act');
  });

  it('PE-9 a board that never had a note moves through every phase, killed -9 after each ack, and comes back in the phase it was moved to', async () => {
    running ??= await startServerProcess({ dataDir });
    const { boardId, facilitatorKey } = await createBoard(running.url, 'No notes at all');
    const F = new Person(running.url);
    people.push(F);
    await F.connect(boardId, 'Fran', facilitatorKey);
    expect(await F.cmd('card.add', { columnId: 'start', text: 'nothing to say' })).toMatchObject({ ok: true });
    for (const phase of ['reveal', 'vote', 'discuss', 'act', 'closed'] as const) {
      expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
      await restart(F);
      await F.waitFor(() => F.board()?.phase === phase);
    }
  });
});
