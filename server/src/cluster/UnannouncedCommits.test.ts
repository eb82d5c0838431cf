import { afterEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import { UNANNOUNCED_AFTER_MS, UnannouncedCommits } from './UnannouncedCommits.js';

/** a loaded room standing at `at`, counting the catch-ups asked of it */
function roomAt(id: string, at: number) {
  const asked: (number | null)[] = [];
  const room = {
    id,
    at,
    isBehind: (version: number) => room.at < version,
    catchUpTo: (version: number | null) => {
      asked.push(version);
      return Promise.resolve();
    },
  };
  return { room, asked, asRoom: room as unknown as BoardRoom };
}

describe('commits nobody announced', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('CM-6 CL-1 a copy still behind the stored version a moment after the check catches up; one behind only for that moment (an announcement on its way) is left alone; every board in one query', async () => {
    vi.useFakeTimers();
    const stored = new Map([
      ['board-a', 5],
      ['board-b', 5],
      ['board-c', 5],
    ]);
    const queries: string[][] = [];
    const check = new UnannouncedCommits(
      {
        storedVersions: (ids) => {
          queries.push([...ids]);
          return Promise.resolve(new Map([...stored].filter(([id]) => ids.includes(id))));
        },
      },
      pino({ level: 'silent' }),
    );
    const a = roomAt('board-a', 4); // a commit made on PostgreSQL's waking, its sender killed: nobody will announce it
    const b = roomAt('board-b', 4); // an announcement on its way
    const c = roomAt('board-c', 5); // up to date
    const rooms = [a.asRoom, b.asRoom, c.asRoom];

    await check.check(rooms);
    expect(queries).toEqual([['board-a', 'board-b', 'board-c']]);
    await vi.advanceTimersByTimeAsync(UNANNOUNCED_AFTER_MS / 2);
    b.room.at = 5;
    expect([a.asked, b.asked, c.asked]).toEqual([[], [], []]);
    await vi.advanceTimersByTimeAsync(UNANNOUNCED_AFTER_MS / 2);
    expect([a.asked, b.asked, c.asked]).toEqual([[5], [], []]);
    check.close();
  });

  it('CM-6 a check that fails (PostgreSQL away) changes nothing and the next one goes on', async () => {
    vi.useFakeTimers();
    let away = true;
    const check = new UnannouncedCommits(
      { storedVersions: () => (away ? Promise.reject(new Error('Connection terminated')) : Promise.resolve(new Map([['board-a', 2]]))) },
      pino({ level: 'silent' }),
    );
    const a = roomAt('board-a', 1);
    await check.check([a.asRoom]);
    await vi.advanceTimersByTimeAsync(UNANNOUNCED_AFTER_MS);
    expect(a.asked).toEqual([]);
    away = false;
    await check.check([a.asRoom]);
    await vi.advanceTimersByTimeAsync(UNANNOUNCED_AFTER_MS);
    expect(a.asked).toEqual([2]);
    check.close();
  });
});
