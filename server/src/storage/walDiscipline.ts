import fs from 'node:fs';
import type Database from 'better-sqlite3';

/** how much of the WAL file is overwritten with zeros per write call */
const ZEROS = Buffer.alloc(64 * 1024);

/**
 * AR-6: the WAL must never keep a timeline of anonymous facts. Its frames are whole pages in the order they were
 * written, so two anonymous commits in it order them, and a join next to a card names the card's writer
 * (`tests/integration/dumpAttackWal.test.ts`). So the WAL holds either a run of named commits (participant
 * rows, the public log, command keys — a join costs one fsync, as before AR-6) or exactly one anonymous commit,
 * which is what a rollback journal holds during a commit: one transaction's change.
 *
 * - `named(write)`: a write of named or public facts; it may join other named commits in the WAL. The run is
 *   checkpointed in a turn of its own once it passes 3 MB, and by the commit that takes it past 1,000 pages
 *   (SQLite's own limit) if no such turn came first.
 * - `alone(write)`: a write of anonymous state, or a delete. It finds the WAL checkpointed; once it committed,
 *   the WAL is checkpointed again (the file synced) and every byte of the WAL file is overwritten with zeros and
 *   synced, all before it returns — so an edited or deleted text is in no file once the commit returned.
 *
 * Zeros rather than truncation: the WAL file keeps its blocks, so the named commits that follow overwrite them
 * in place, and their fsync writes only data. A WAL truncated after every card was regrown by the joins after
 * it, and on this machine's disk (ext4, `discard`) those growing fsyncs reached 4–23 ms, against 0.1–0.9 ms for
 * overwrites (`strace -T` of the join bench, issue 9).
 *
 * SQLite reads nothing of the WAL after a complete RESTART checkpoint (its index starts again at frame 0, in
 * this process's memory: `locking_mode=EXCLUSIVE`), and the next commit writes a new header at offset 0, so
 * the zeros are never read as frames; a file of zeros is an empty WAL to SQLite's recovery too.
 */
export class WalDiscipline {
  private holds: 'nothing' | 'named' | 'anonymous' = 'nothing';
  private fd: number | null = null;
  /** bytes of the WAL file written since it was last all zeros (each run of frames starts at offset 0) */
  private dirty = 0;
  /** the WAL file's size when the current run of named commits began */
  private runStartSize = 0;

  private readonly walFile: string | null;
  /** the database file, held open to sync it after a checkpoint (and never closed before SQLite's own handle: closing a descriptor drops the process's locks on the file) */
  private dbFd: number | null = null;

  /**
   * `dbFile` ':memory:': a database with no WAL. SQLite's own checkpoints are turned off: every checkpoint is
   * this class's, so it knows how far into the file frames were written since its last scrub.
   */
  constructor(
    private readonly db: Database.Database,
    dbFile: string,
    private readonly synchronous: 'FULL' | 'NORMAL',
  ) {
    this.walFile = dbFile === ':memory:' ? null : `${dbFile}-wal`;
    if (this.walFile !== null && synchronous === 'FULL') this.dbFd = fs.openSync(dbFile, 'r');
    this.pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma('wal_autocheckpoint = 0');
  }

  private readonly pageSize: number;

  named<T>(write: () => T): T {
    if (this.holds === 'anonymous') this.scrub();
    if (this.holds === 'nothing' && this.walFile !== null) this.runStartSize = fs.fstatSync(this.descriptor()).size;
    const result = write();
    this.holds = 'named';
    // instead of SQLite's automatic checkpoint: a run of named commits that grew the file past the limit is
    // copied into the database file, and the next commit starts the WAL again at its beginning. Past the soft
    // limit that happens in a turn of the event loop of its own, once this commit has returned (its join is
    // answered without waiting for the copy and the database file's sync); a run that reaches the hard limit
    // before such a turn came is checkpointed here. The commit is durable already: if the checkpoint fails (a
    // full disk), it is tried again after the next named commit.
    if (this.walFile !== null) {
      const size = fs.fstatSync(this.descriptor()).size;
      if (size > this.runStartSize && size > NAMED_RUN_BYTES) this.checkpointRun();
      else if (size > NAMED_RUN_SOFT_BYTES && size > this.runStartSize) this.checkpointRunSoon();
    }
    return result;
  }

  /** a run of named commits, copied into the database file now; a failure leaves it in the WAL, which SQLite reads as ever */
  private checkpointRun(): void {
    if (this.holds !== 'named') return;
    try {
      this.restart();
    } catch {
      // tried again after the next named commit
    }
  }

  private checkpointRunSoon(): void {
    this.soon ??= setImmediate(() => {
      this.soon = null;
      // whatever came in between decides: an anonymous commit has checkpointed the run already, or left the
      // WAL to be zeroed (holds 'anonymous'), which only the next write may do
      this.checkpointRun();
    });
  }

  private soon: NodeJS.Immediate | null = null;

  /**
   * If the commit succeeded and the scrubbing after it fails, the commit stands (it is durable and will be
   * acknowledged); the WAL is scrubbed before the next write, which fails if that fails again.
   */
  alone<T>(write: () => T): T {
    if (this.holds === 'named') this.restart();
    // before the write: frames of a transaction that failed half-way are bytes in the WAL too
    this.holds = 'anonymous';
    let committed = false;
    try {
      const result = write();
      committed = true;
      return result;
    } catch (err) {
      // a transaction that failed may have left frames past the last one SQLite counts: zero the whole file
      if (this.walFile !== null) this.dirty = fs.fstatSync(this.descriptor()).size;
      throw err;
    } finally {
      try {
        this.scrub();
      } catch (err) {
        if (!committed) throw err;
      }
    }
  }

  /** after SQLite's handle is closed */
  close(): void {
    if (this.soon) clearImmediate(this.soon);
    this.soon = null;
    for (const fd of [this.fd, this.dbFd]) if (fd !== null) fs.closeSync(fd);
    this.fd = null;
    this.dbFd = null;
  }

  /** copies the WAL into the database file (synced); the next commit writes its frames from offset 0 again */
  private restart(): void {
    let frames: number;
    if (this.dbFd === null) frames = checkpoint(this.db, 'RESTART');
    else {
      // At synchronous=FULL every commit in the WAL was synced when it committed; SQLite would sync the WAL again
      // before copying it and the database file after. The copy runs unsynced instead and the database file is
      // synced here, once, before anything is zeroed: a power cut before that finds the WAL whole.
      this.db.pragma('synchronous = OFF');
      try {
        frames = checkpoint(this.db, 'RESTART');
      } finally {
        this.db.pragma(`synchronous = ${this.synchronous}`);
      }
      fs.fdatasyncSync(this.dbFd);
    }
    this.dirty = Math.max(this.dirty, frames === 0 ? 0 : WAL_HEADER + frames * (WAL_FRAME_HEADER + this.pageSize));
    this.holds = 'nothing';
  }

  /** checkpoints, then overwrites every byte written into the WAL file since it was last all zeros */
  private scrub(): void {
    this.restart();
    if (this.walFile !== null && this.dirty > 0) {
      // until the zeros are written and synced the file may hold what was just checkpointed: if writing them
      // fails, the next write (named or not) scrubs again before it writes anything
      this.holds = 'anonymous';
      const fd = this.descriptor();
      for (let at = 0; at < this.dirty; at += ZEROS.length) fs.writeSync(fd, ZEROS, 0, Math.min(ZEROS.length, this.dirty - at), at);
      fs.fdatasyncSync(fd);
      this.holds = 'nothing';
    }
    this.dirty = 0;
  }

  private descriptor(): number {
    this.fd ??= fs.openSync(this.walFile!, 'r+');
    return this.fd;
  }
}

const WAL_HEADER = 32;
const WAL_FRAME_HEADER = 24;
/** how long the WAL may grow with named commits before the commit that grows it further checkpoints it: SQLite's default, 1,000 pages of 4 KiB */
const NAMED_RUN_BYTES = 1000 * 4096;
/** past this, a run of named commits is checkpointed in a turn of its own, after the commit (and its join's answer) */
const NAMED_RUN_SOFT_BYTES = 3 * 1024 * 1024;

/** copies the WAL into the database file (synced) and returns how many frames it held; TRUNCATE also cuts the file to nothing */
export function checkpoint(db: Database.Database, mode: 'RESTART' | 'TRUNCATE'): number {
  const [result] = db.pragma(`wal_checkpoint(${mode})`) as { busy: number; log: number; checkpointed: number }[];
  if (!result || result.busy !== 0) throw new Error('the WAL could not be checkpointed');
  return Math.max(0, result.log);
}
