import type { Logger } from '../logger.js';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { PostgresStore } from '../storage/postgres.js';

/**
 * CM-6: how long a copy found behind the stored board is given for the announcement of that change to come (each
 * process's own messages come back from Redis within milliseconds; a busy machine's event loop may hold them a while)
 * before it catches up by itself
 */
export const UNANNOUNCED_AFTER_MS = 500;

/**
 * CM-6 CL-1: finds the commits nobody announced. A commit sent and never answered (PostgreSQL frozen) may be made when
 * PostgreSQL wakes; the process that sent it announces it once it reads the board past it (`StoredCopy.readPast`), but
 * a process killed before that never does, and the people of the other processes did not see it until the board's
 * next change. So each process reads its loaded boards' change counters, in one query, every presence period: a copy
 * still behind the version read there `UNANNOUNCED_AFTER_MS` later missed an announcement and catches up. A copy
 * behind only for a moment (an announcement on its way, its own commit being counted) costs nothing more.
 */
export class UnannouncedCommits {
  private checking = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly versions: Pick<PostgresStore, 'storedVersions'>,
    private readonly logger: Logger,
  ) {}

  async check(rooms: readonly BoardRoom[]): Promise<void> {
    if (this.checking || rooms.length === 0) return;
    this.checking = true;
    try {
      const stored = await this.versions.storedVersions(rooms.map((room) => room.id));
      for (const room of rooms) {
        const version = stored.get(room.id);
        if (version !== undefined && room.isBehind(version)) this.catchUpLater(room, version);
      }
    } catch (err) {
      // (PostgreSQL away or silent: the commands say so; the next check tries again)
      this.logger.warn({ reason: (err as Error).message }, "could not check the boards' stored versions");
    } finally {
      this.checking = false;
    }
  }

  private catchUpLater(room: BoardRoom, version: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!room.isBehind(version)) return;
      this.logger.warn({ board: room.id, version }, 'a stored change nobody announced: catching up');
      room.catchUpTo(version).catch((err: unknown) => this.logger.error({ err, board: room.id }, 'could not catch up on a change nobody announced'));
    }, UNANNOUNCED_AFTER_MS);
    timer.unref();
    this.timers.add(timer);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
