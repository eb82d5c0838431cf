import type { Pool } from 'pg';

/**
 * CM-6: how long a query, or a new connection, waits for PostgreSQL before it is given up (the connection with it).
 * A frozen PostgreSQL (a stopped host, a partition) closes nothing and answers nothing: before, a command waited for
 * it for good. Far above a commit's time (milliseconds; the slowest acks measured under load took 1.5 s, most of it
 * waiting for the board), and short enough that a failed commit and the read back after it (CM-2) are answered
 * within the browser's 15 s patience.
 */
export const STORE_ANSWER_MS = 3_000;
/**
 * CM-6: PostgreSQL itself ends a statement that has run, or waited for a lock, this much less than the time the query
 * is waited for (`statement_timeout`), and says so: an answer, so nothing was changed and PostgreSQL is not silent.
 * Before, a commit that waited 3 s for its board's row (held by another session: a process stopped mid-transaction)
 * was given up unanswered, its outcome unknown, and every board of the process failed at once for 3 s after it.
 */
export const STATEMENT_ENDED_BEFORE_MS = 500;

/** pg's error for a query sent whose answer did not come within `query_timeout` */
const QUERY_UNANSWERED = 'Query read timeout';
/** pg's error for a query under way on a connection that ended (PostgreSQL killed, a network cut) */
const ENDED_UNDER_QUERY = 'Connection terminated unexpectedly';
/**
 * pg's error for a new connection PostgreSQL did not let in within `connectionTimeoutMillis` (not pg-pool's "timeout
 * exceeded when trying to connect", a wait for one of its busy connections: a busy pool, which says nothing of PostgreSQL)
 */
const CONNECT_UNANSWERED = 'Connection terminated due to connection timeout';

/** CM-6: the query was sent and no answer came: what it did is unknown, and its connection is of no further use */
export function sentUnanswered(err: unknown): boolean {
  return err instanceof Error && (err.message === QUERY_UNANSWERED || err.message === ENDED_UNDER_QUERY);
}

/**
 * CM-6: how often the silence looks at this process's own event loop, and how late a look must come for the process
 * to have stood still (SIGSTOP, a stall) rather than PostgreSQL. A query whose timer runs out right after such a
 * stand-still may have its answer waiting unread in the socket: the timers of the loop's next turn run before it reads.
 * An answer that came at A was left unread only by a stall covering A to the wait's end, which makes the next look that
 * much late: a stall noticed from 450 ms covers every statement PostgreSQL ended itself (its answer comes
 * `STATEMENT_ENDED_BEFORE_MS` before the wait's end), and leaves only answers of the wait's last 450 ms to be taken for
 * silence. (Noticed from 1.25 s before, a stall of 0.5–1 s over the end of a statement ended by PostgreSQL made every
 * call fail at once for 3 s: `postgresSilence.test.ts`.)
 */
const LOOP_LOOK_MS = 250;
const STOOD_STILL_MS = STATEMENT_ENDED_BEFORE_MS - LOOP_LOOK_MS - 50;

/** what every call gets at once while PostgreSQL is taken for silent: nothing was sent */
export class StoreSilent extends Error {
  constructor() {
    super(`PostgreSQL left a query unanswered for ${STORE_ANSWER_MS} ms just now`);
  }
}

/**
 * CM-6: once PostgreSQL left a query or a new connection unanswered for `STORE_ANSWER_MS` (a statement that ran or
 * waited long is ended by PostgreSQL before that, with an answer: `STATEMENT_ENDED_BEFORE_MS`), every query and
 * connection of the pools it guards fails at once for as long again (`StoreSilent`), then one is tried again. Else
 * the calls one command makes in turn (its id looked up, the board read, the commit, the read back after it) each
 * waited that long: a command under way when PostgreSQL froze was answered after 15 s.
 */
export class StoreSilence {
  private until = Number.NEGATIVE_INFINITY;
  /** when the event loop was last looked at, and when a look last found it had stood still */
  private lookedAt: number;
  private stoodStillAt = Number.NEGATIVE_INFINITY;
  private readonly looking: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.lookedAt = now();
    this.looking = setInterval(() => {
      const at = this.now();
      if (at - this.lookedAt >= LOOP_LOOK_MS + STOOD_STILL_MS) this.stoodStillAt = at;
      this.lookedAt = at;
    }, LOOP_LOOK_MS);
    this.looking.unref();
  }

  /**
   * A call failed: if for want of an answer, PostgreSQL is taken for silent — unless the process itself just stood
   * still (before, a process resumed after a stop of 3 s failed every call at once for 3 s more, though PostgreSQL
   * had answered: joins, commands and notes of every board; the overdue look runs before the query's timer does).
   */
  heard(err: unknown): void {
    if (!(err instanceof Error && (err.message === QUERY_UNANSWERED || err.message === CONNECT_UNANSWERED))) return;
    const now = this.now();
    if (now - this.stoodStillAt <= LOOP_LOOK_MS) return;
    this.until = now + STORE_ANSWER_MS;
  }

  /** the store closed: the event loop is no longer looked at */
  stop(): void {
    clearInterval(this.looking);
  }

  get silent(): boolean {
    return this.now() < this.until;
  }

  /** the pool, its `query` and `connect` failing at once while PostgreSQL is taken for silent (and telling it when it is) */
  guard(pool: Pool): Pool {
    const query = (...args: unknown[]) => {
      if (this.silent) return Promise.reject(new StoreSilent());
      return (pool.query as (...a: unknown[]) => Promise<unknown>)(...args).catch((err: unknown) => {
        this.heard(err);
        throw err;
      });
    };
    const connect = (callback?: (err: Error | undefined, ...rest: unknown[]) => void) => {
      if (!callback) throw new Error('connect takes a callback here');
      if (this.silent) return void process.nextTick(() => callback(new StoreSilent()));
      pool.connect((err, ...rest) => {
        if (err) this.heard(err);
        callback(err, ...rest);
      });
    };
    return new Proxy(pool, {
      get: (target, prop) => (prop === 'query' ? query : prop === 'connect' ? connect : Reflect.get(target, prop)),
    });
  }
}
