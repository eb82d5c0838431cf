import type { Client } from 'pg';
import type { Logger } from '../logger.js';
import { DataFileError } from './sqlite.js';

/**
 * PG-7: how a process shares its database. `alone` (no REDIS_URL): it is the only Candor process on it, as SQLite's
 * exclusive lock makes one the only process on its file (DU-5). `with others` (REDIS_URL): any number of processes
 * that tell each other through Redis what changed (CL-*), and none of the first kind.
 */
export type Sharing = 'alone' | 'with others';

/** An arbitrary constant: the class of the installation's advisory lock (the other key is the schema's hash). */
const INSTALLATION_LOCK_CLASS = 0x63616e66;
/** a process killed a moment ago may still hold the lock until PostgreSQL has ended its session */
const CLAIM_PATIENCE_MS = 2_000;
const CLAIM_RETRY_MS = 200;
/** after its connection was lost (PostgreSQL restarted, its session ended), how often the lock is taken again */
const RECLAIM_MS = 2_000;
const CONNECT_MS = 5_000;
/** how soon PostgreSQL ends the session of a process whose machine went away (idle + interval × count seconds) */
const KEEPALIVE = { idleS: 5, intervalS: 2, count: 3 };

const refusal: Record<Sharing, string> = {
  alone:
    'another Candor process serves this database (DATABASE_URL): without REDIS_URL run one process per database; to run several, start every one with the same REDIS_URL (see the README, Running several processes).',
  'with others':
    'a Candor process without REDIS_URL serves this database (DATABASE_URL): it would never hear what the others change; stop it, or start it with the same REDIS_URL, first.',
};

/**
 * PG-7: holds the installation's advisory lock for as long as the process runs, on a connection of its own (a
 * session lock, which PostgreSQL lets go when the session ends): exclusive for a process `alone`, shared for the
 * processes `with others`. Before, a second process started on the database without REDIS_URL served it silently:
 * each process showed the other's people as gone (the facilitator as claimable) and their changes only once its own
 * next command found its copy stale. Refused with one line instead; the lock is taken again if its connection is lost.
 */
export async function claimInstallation(url: string, schema: string, sharing: Sharing, logger?: Logger): Promise<{ release(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const lockQuery = `SELECT pg_try_advisory_lock${sharing === 'alone' ? '' : '_shared'}($1, hashtext($2)) AS held`;
  let client: Client | null = null;
  let released = false;
  let retry: NodeJS.Timeout | null = null;

  /** one attempt: true if this session holds the lock now (a connection that fails throws) */
  const take = async (): Promise<boolean> => {
    const next = new pg.Client({
      connectionString: url,
      application_name: 'candor-installation',
      connectionTimeoutMillis: CONNECT_MS,
      keepAlive: true,
      // a process whose machine died sends no goodbye: PostgreSQL would keep its session, and the lock, for the system's
      // TCP keepalive time (two hours on Linux), refusing its replacement that long; its probes end it within ~11 s
      options: `-c tcp_keepalives_idle=${KEEPALIVE.idleS} -c tcp_keepalives_interval=${KEEPALIVE.intervalS} -c tcp_keepalives_count=${KEEPALIVE.count}`,
    });
    // PostgreSQL ending the session (a restart, pg_terminate_backend) must not end the process: the lock is taken again
    next.on('error', () => undefined);
    next.on('end', () => {
      if (client !== next || released) return;
      client = null;
      logger?.warn('the installation lock\'s connection to PostgreSQL was lost; taking it again');
      reclaim();
    });
    let held = false;
    try {
      await next.connect();
      const { rows } = await next.query<{ held: boolean }>(lockQuery, [INSTALLATION_LOCK_CLASS, schema]);
      held = rows[0]?.held === true;
    } finally {
      // (not held, failed, or taken again just as the process closed: the session goes, and its lock with it)
      if (!held || released) await next.end().catch(() => undefined);
    }
    if (held && !released) client = next;
    return held;
  };

  const reclaim = () => {
    retry = setTimeout(() => {
      retry = null;
      if (released) return;
      take().then(
        (held) => {
          if (!held) logger?.error(`Candor's database is shared against its settings: ${refusal[sharing]}`);
          if (!held || !client) reclaim();
        },
        () => reclaim(),
      );
    }, RECLAIM_MS);
    retry.unref();
  };

  const deadline = Date.now() + CLAIM_PATIENCE_MS;
  const first = () =>
    take().catch((err: Error) => {
      // the operator's to fix, in one line, as the schema's connection says it (the URL is not repeated)
      throw new DataFileError(`cannot connect to PostgreSQL (DATABASE_URL): ${err.message}`);
    });
  while (!(await first())) {
    if (Date.now() > deadline) throw new DataFileError(refusal[sharing]);
    await new Promise((resolve) => setTimeout(resolve, CLAIM_RETRY_MS));
  }
  return {
    async release() {
      released = true;
      if (retry) clearTimeout(retry);
      const held = client as Client | null;
      client = null;
      await held?.end().catch(() => undefined);
    },
  };
}
