import { afterEach, describe, expect, it } from 'vitest';
import { STORE_ANSWER_MS } from '../../server/src/storage/postgresSilence.js';
import { holdBoardRow } from '../../server/src/storage/postgres.testing.js';
import { createBoard, newId, sendCommand } from './harness.js';
import { cardIdOf, peopleOf, startProcesses, storedBoard, untilDecided } from './clusterHarness.js';

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
});
