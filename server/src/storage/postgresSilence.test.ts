import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PostgresStore } from './postgres.js';
import { holdBoardRow, openTestStore } from './postgres.testing.js';
import { STATEMENT_ENDED_BEFORE_MS, STORE_ANSWER_MS, StoreSilence } from './postgresSilence.js';

/**
 * CM-6: PostgreSQL is taken for silent when a query goes unanswered for STORE_ANSWER_MS, and then every call fails at
 * once for as long again. A process whose own event loop stood still that long (SIGSTOP, a long stall) finds its
 * query's timer run out before it reads the answer waiting in its socket: that is not PostgreSQL's silence.
 */
const opened: PostgresStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/**
 * Holds this process's event loop for `ms`, as a stop (SIGSTOP) or a long stall does: from a check-phase callback, so
 * that the loop's next turn runs its overdue timers before it reads its sockets, as after a stop in `epoll_wait`
 */
function standStill(ms: number): Promise<void> {
  return new Promise((resolve) =>
    setImmediate(() => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        // nothing runs meanwhile: no timer, no socket read
      }
      resolve();
    }),
  );
}

describe('a stall of the process is not a silent PostgreSQL', () => {
  it('CM-6 a query whose timer ran out while the process itself stood still does not make the next calls fail at once', async () => {
    const { store, url, schema } = await openTestStore();
    opened.push(store);
    await store.createBoard({ id: 'board-stall', facilitatorHash: 'h', createdAt: 0 }, { type: 'board.created', name: 'Stall', templateId: 'start-stop-continue', columns: [], settings: { voteBudget: 3, perItemCap: 2 } });
    // a write that waits for the board's row (held by another session) is under way, its answer not yet come
    const row = await holdBoardRow(`${url}${url.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`, 'board-stall');
    const waiting = store.removeParticipant('board-stall', 'nobody').then(
      () => 'done',
      (err: Error) => err.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    // the process stands still past the time the query is waited for; PostgreSQL answers meanwhile (it ends the
    // statement), and the answer waits in the socket
    await standStill(STORE_ANSWER_MS + 500);
    await row.release();
    // (what became of that write is pg's to say: its timer ran before the answer was read)
    expect(await waiting).toBe('Query read timeout');
    // PostgreSQL answered all along: the next call is sent, and answered
    await expect(store.probe()).resolves.toBeUndefined();
  });

  it('CM-6 a stall of under a second over the end of a query\'s wait, which PostgreSQL answered meanwhile by ending the statement (statement_timeout), does not make the next calls fail at once', async () => {
    const { store, url, schema } = await openTestStore();
    opened.push(store);
    await store.createBoard({ id: 'board-short-stall', facilitatorHash: 'h', createdAt: 0 }, { type: 'board.created', name: 'Stall', templateId: 'start-stop-continue', columns: [], settings: { voteBudget: 3, perItemCap: 2 } });
    const row = await holdBoardRow(`${url}${url.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`, 'board-short-stall');
    const sentAt = Date.now();
    const waiting = store.removeParticipant('board-short-stall', 'nobody').then(
      () => 'done',
      (err: Error) => err.message,
    );
    // PostgreSQL ends the statement STATEMENT_ENDED_BEFORE_MS before the wait's end, and answers so: the process stands
    // still from a moment before that answer to a moment after the wait's end, 800 ms in all
    const stallFrom = STORE_ANSWER_MS - STATEMENT_ENDED_BEFORE_MS - 200;
    await new Promise((resolve) => setTimeout(resolve, stallFrom));
    await standStill(sentAt + STORE_ANSWER_MS + 100 - Date.now());
    const stalled = Date.now() - sentAt - stallFrom;
    await row.release();
    // (the stall began before the answer came and ended after the wait's end, under a second: else this says nothing)
    expect(await waiting).toBe('Query read timeout');
    expect(stalled).toBeLessThan(1_000);
    // PostgreSQL answered all along: the next call is sent, and answered
    await expect(store.probe()).resolves.toBeUndefined();
  });

  it('CM-6 a query left unanswered while the process ran on is PostgreSQL\'s silence; one whose timer ran out just after the process stood still is not', () => {
    vi.useFakeTimers();
    try {
      const unanswered = new Error('Query read timeout');
      const ranOn = new StoreSilence();
      vi.advanceTimersByTime(STORE_ANSWER_MS);
      ranOn.heard(unanswered);
      expect(ranOn.silent).toBe(true);
      ranOn.stop();

      const stoodStill = new StoreSilence();
      vi.advanceTimersByTime(1_000);
      // the clock moves on with no timer run (the process stopped), then the loop turns again: the look runs first
      vi.setSystemTime(Date.now() + STORE_ANSWER_MS);
      vi.advanceTimersByTime(250);
      stoodStill.heard(unanswered);
      expect(stoodStill.silent).toBe(false);
      // a while later, a query left unanswered is PostgreSQL's silence again
      vi.advanceTimersByTime(STORE_ANSWER_MS);
      stoodStill.heard(unanswered);
      expect(stoodStill.silent).toBe(true);
      stoodStill.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
