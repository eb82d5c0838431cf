import type { Pool } from 'pg';
import type { PostgresStore } from './postgres.js';

/**
 * CL-8: the board's writer lease (who may create the notes document's shared texts), kept on the board's row;
 * expiry is on the database's clock, and every change of it is a compare-and-set.
 */
export function writerLeases(pool: Pool): Pick<PostgresStore, 'claimWriter' | 'renewWriter' | 'releaseWriter' | 'writerLease'> {
  return {
  async claimWriter(boardId, owner, leaseMs) {
    const { rows } = await pool.query<{ writer_epoch: string }>(
      `UPDATE boards SET
         writer_epoch = CASE WHEN writer = $2 AND writer_until >= now() THEN writer_epoch ELSE writer_epoch + 1 END,
         writer = $2,
         writer_until = now() + $3 * interval '1 millisecond'
       WHERE id = $1 AND (writer IS NULL OR writer = $2 OR writer_until < now())
       RETURNING writer_epoch`,
      [boardId, owner, leaseMs],
    );
    return rows[0] ? Number(rows[0].writer_epoch) : null;
  },
  async renewWriter(boardId, owner, epoch, leaseMs) {
    const result = await pool.query(
      `UPDATE boards SET writer_until = now() + $4 * interval '1 millisecond' WHERE id = $1 AND writer = $2 AND writer_epoch = $3`,
      [boardId, owner, epoch, leaseMs],
    );
    return result.rowCount === 1;
  },
  async releaseWriter(boardId, owner, epoch) {
    await pool.query('UPDATE boards SET writer = NULL, writer_until = NULL WHERE id = $1 AND writer = $2 AND writer_epoch = $3', [boardId, owner, epoch]);
  },
  async writerLease(boardId) {
    const { rows } = await pool.query<{ owner: string | null; writer_epoch: string }>(
      'SELECT CASE WHEN writer_until >= now() THEN writer END AS owner, writer_epoch FROM boards WHERE id = $1',
      [boardId],
    );
    return rows[0] ? { owner: rows[0].owner, epoch: Number(rows[0].writer_epoch) } : null;
  },
  };
}
