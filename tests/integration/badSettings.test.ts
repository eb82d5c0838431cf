import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from './harness.js';
import { runUntilExit } from './spawnedServer.js';

/**
 * CG-1: a setting Candor cannot use stops the built server at start, before it listens, with one line that names the
 * variable, what it holds and what it takes. Before, a bad number or enum printed zod's issue list as JSON with a stack,
 * and a TRUST_PROXY Express could not read threw inside createApp ("TypeError: invalid IP address"), a stack naming no
 * setting at all.
 */

/** Starts the built server with `env` on a data directory of its own and waits for it to exit. */
async function startAndWaitForExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-settings-'));
  try {
    return await runUntilExit({ DATA_DIR: path.join(dataDir, 'data'), ...env });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('CG-1 bad settings', () => {
  beforeAll(() => ensureServerBuilt(), 120_000);

  it('CG-1 PG-1 a bad setting (HOST too, a URL no client reads) stops the server with one line naming it, its value and what it takes, never a stack', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: 'abc' }, 'Candor cannot start: PORT is "abc": must be a whole number'],
      [{ SEND_BUFFER_BYTES: '1000' }, 'Candor cannot start: SEND_BUFFER_BYTES is "1000": must be at least 65536'],
      [{ PING_INTERVAL_MS: '1e9' }, 'Candor cannot start: PING_INTERVAL_MS is "1e9": must be at most 600000'],
      [{ LOG_LEVEL: 'loud' }, 'Candor cannot start: LOG_LEVEL is "loud": must be one of fatal, error, warn, info, debug, trace, silent'],
      [{ TRUST_PROXY: 'garbage' }, 'Candor cannot start: TRUST_PROXY is "garbage": must be true, false, a number of proxy hops, or addresses and subnets separated by commas'],
      // a URL may hold a password: the line names the variable and never repeats what it holds
      [{ DATABASE_URL: 'mysql://candor:hunter2@db/candor' }, 'Candor cannot start: DATABASE_URL must start with postgres:// or postgresql://'],
      // a password with a bare # (or / or ?) is no URL its client reads: before, a stack, and for REDIS_URL the whole URL in it
      [{ DATABASE_URL: 'postgres://candor:hunter2#x@127.0.0.1:1/candor' }, 'Candor cannot start: DATABASE_URL is not a URL: a password holding #, / or ? must be percent-encoded (%23, %2F, %3F)'],
      [{ DATABASE_URL: 'postgres://candor@127.0.0.1:1/candor', REDIS_URL: 'redis://:hunter2#x@127.0.0.1:1' }, 'Candor cannot start: REDIS_URL is not a URL: a password holding #, / or ? must be percent-encoded (%23, %2F, %3F)'],
      // Redis tells processes on one PostgreSQL what changed; SQLite serves one process (README: REDIS_URL needs DATABASE_URL)
      [{ REDIS_URL: 'redis://127.0.0.1:1' }, 'Candor cannot start: REDIS_URL is for several processes sharing one PostgreSQL: set DATABASE_URL too (SQLite serves one process).'],
      [{ PORT: '70000', IDLE_UNLOAD_MS: '-1' }, 'Candor cannot start: PORT is "70000": must be at most 65535; IDLE_UNLOAD_MS is "-1": must be at least 0'],
      // a built client that is not there: before, the server started and answered every page "the client is not built"
      [{ CLIENT_DIST: '/nowhere/dist' }, 'Candor cannot start: CLIENT_DIST is "/nowhere/dist": holds no built client (no index.html)'],
      // a HOST that is no address of this machine (TEST-NET-1): before, Node's EADDRNOTAVAIL with its stack
      [{ HOST: '192.0.2.1', PORT: '5888' }, 'Candor cannot start: cannot listen on HOST "192.0.2.1", PORT 5888: EADDRNOTAVAIL (listen EADDRNOTAVAIL: address not available 192.0.2.1:5888)'],
    ];
    const results = await Promise.all(cases.map(([env]) => startAndWaitForExit(env)));
    results.forEach(({ code, stderr }, i) => {
      expect(code, JSON.stringify(cases[i]![0])).toBe(1);
      expect(stderr.trim().split('\n'), JSON.stringify(cases[i]![0])).toEqual([cases[i]![1]]);
    });
    expect(results.map((r) => r.stderr).join('')).not.toContain('hunter2');
  }, 30_000);
});
