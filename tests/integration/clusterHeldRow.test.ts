import { afterEach, describe, expect, it } from 'vitest';
import { notesKey } from '@candor/shared';
import { STORE_ANSWER_MS } from '../../server/src/storage/postgresSilence.js';
import { holdBoardRow } from '../../server/src/storage/postgres.testing.js';
import { createBoard, newId, sendCommand, until } from './harness.js';
import { cardIdOf, comparable, peopleOf, SHORT_LEASE_MS, startProcesses, stopHoldingBoardRow, storedBoard, untilDecided } from './clusterHarness.js';

/**
 * CM-6: a statement that waits for a board's row lock held by another session (a process stopped mid-transaction,
 * or a slow one) is not a silent PostgreSQL: PostgreSQL answers everyone else meanwhile. Only that board's commands
 * may wait; the process's other boards go on.
 */
describe('a board whose row is held locked', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('CM-6 a commit waiting for another session\'s lock of its board is answered (nothing changed), and meanwhile another board\'s commands on the same process are applied, every one', async () => {
    const processes = await startProcesses(1);
    const { join } = peopleOf(processes, cleanup);
    const held = await createBoard(processes[0]!.url, 'Held');
    const free = await createBoard(processes[0]!.url, 'Free');
    const pat = await join(0, held.boardId, 'Pat', held.facilitatorKey);
    const quinn = await join(0, free.boardId, 'Quinn', free.facilitatorKey);
    const cardId = cardIdOf(await quinn.cmd('card.add', { columnId: 'start', text: 'free 0' }));

    const row = await holdBoardRow(processes[0]!.options.databaseUrl!, held.boardId);
    cleanup.push(() => row.release());
    const patCard = { id: newId(), type: 'card.add', columnId: 'start', text: 'waits for the row' };
    const patAnswer = sendCommand(pat.socket!, patCard, 14_000);
    // Quinn edits her card, a few times a second, for as long as Pat's commit may wait and as long again after
    const refused: string[] = [];
    let applied = 0;
    const stopAt = Date.now() + 2 * STORE_ANSWER_MS + 1_000;
    for (let n = 1; Date.now() < stopAt; n++) {
      const ack = await quinn.cmd('card.edit', { cardId, text: `free ${n}` });
      if (ack.ok) applied++;
      else refused.push(ack.code);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(refused, `${applied} applied`).toEqual([]);
    expect(applied).toBeGreaterThan(20);

    // PostgreSQL ended Pat's statement itself, so nothing was changed and the process knows it
    expect(await patAnswer).toMatchObject({ ok: false, code: 'INTERNAL' });
    await row.release();
    // sent again once the row is free, it is applied once
    const ack = await untilDecided(pat, patCard);
    expect(ack).toMatchObject({ ok: true });
    expect((await storedBoard(held.boardId, processes)).cardIds).toEqual([cardIdOf(ack)]);
  }, 40_000);

  it('CL-2 a process stopped mid-transaction holding its board\'s row (a notes update) holds the other processes\' commands of the board up only until PostgreSQL ends its session; resumed, it goes on', async () => {
    const processes = await startProcesses(2, { env: { WRITER_LEASE_MS: String(SHORT_LEASE_MS) } });
    const { people, join } = peopleOf(processes, cleanup);
    const { boardId, facilitatorKey } = await createBoard(processes[1]!.url, 'Stopped mid-note');
    const F = await join(1, boardId, 'Fran', facilitatorKey);
    const T = await join(0, boardId, 'Tia');
    const items = [cardIdOf(await F.cmd('card.add', { columnId: 'start', text: 'one' })), cardIdOf(await T.cmd('card.add', { columnId: 'start', text: 'two' }))];
    for (const phase of ['reveal', 'vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: items[0]! })).toMatchObject({ ok: true });
    await T.waitFor(() => T.notes(notesKey.item(items[0]!)) !== undefined, 10_000);

    // Tia types the note through her process, each keystroke a notes update stored there under the board's row
    // (should the server close her notes connection meanwhile, for an update it could not store in time on a busy
    // machine, DO-3, she opens it again, as the browser does: else nothing would be written for the stop to catch)
    let typing = true;
    let reopened = 0;
    const typed = (async () => {
      while (typing) {
        if (T.notesConn?.closed) {
          reopened++;
          await T.reconnect().catch(() => undefined);
          continue;
        }
        T.typeNote(notesKey.item(items[0]!), 'x');
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    await stopHoldingBoardRow(processes[0]!, 30_000).catch((error: Error) => {
      throw new Error(`${error.message} (Tia's notes connection opened again ${reopened} times)`);
    });
    typing = false;
    await typed;
    const stoppedAt = Date.now();
    // Fran, on the other process, moves from item to item: refused while the row is held, then decided again
    let firstDecidedAfter: number | null = null;
    for (let n = 1; firstDecidedAfter === null && Date.now() - stoppedAt < 12_000; n++) {
      const ack = await F.cmd('discuss.select', { itemId: items[n % 2]! }, newId());
      if (ack.ok) firstDecidedAfter = Date.now() - stoppedAt;
      else expect(ack).toMatchObject({ code: 'INTERNAL' });
    }
    processes[0]!.child.kill('SIGCONT');
    expect(firstDecidedAfter).not.toBeNull();
    // resumed, Tia's process goes on: all she typed reaches Fran (her notes connection opened again, as the browser
    // does, if the server closed it for an update it could not store, DO-3), and both see the same board
    const key = notesKey.item(items[0]!);
    T.typeNote(key, ' after');
    let reopening = false;
    await until(() => {
      if (T.notesConn?.closed && !reopening) {
        reopening = true;
        // (refused for a moment too, a browser tries again)
        void T.reconnect()
          .catch(() => undefined)
          .finally(() => (reopening = false));
      }
      return T.notes(key)?.endsWith(' after') && F.notes(key) === T.notes(key);
    }, 15_000);
    await F.waitFor(() => people.every((p) => JSON.stringify(comparable(p)) === JSON.stringify(comparable(F))), 15_000);
  }, 60_000);
});
