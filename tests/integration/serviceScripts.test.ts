import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, freePort } from './spawnedServer.js';

/**
 * CG-2: `scripts/test.sh` reads each service's URL as `$(bash scripts/redis.sh)`. A server started by the script
 * must not keep that pipe (or the CI's log pipe) open: a PostgreSQL started that way held the pipe and one CI run
 * waited its whole 90 minutes for the URL. Here the script starts a Redis of its own on a free port, and the
 * script's output must end when the script does, with the URL as its only line.
 */
describe('service scripts', () => {
  let port = 0;
  afterAll(() => {
    if (port) execFileSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { stdio: 'ignore' });
  });

  it('CG-2 a server the script starts keeps none of our pipes: the URL arrives and the output ends with the script', async () => {
    port = await freePort();
    const child = spawn('bash', [path.join(REPO_ROOT, 'scripts/redis.sh')], {
      env: { ...process.env, CANDOR_TEST_REDIS_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // 'close' comes only once every holder of the child's stdout and stderr has let go of them
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    expect(await exited).toBe(0);
    await closed;
    expect(stdout).toBe(`redis://127.0.0.1:${port}\n`);
    expect(execFileSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).trim()).toBe('PONG');
    // AN (README, "Running several processes"): the Redis it starts keeps no slow log, where a slow PUBLISH would stay
    // with its board id and the start of its message
    expect(execFileSync('redis-cli', ['-p', String(port), 'config', 'get', 'slowlog-log-slower-than'], { encoding: 'utf8' }).trim().split('\n')).toEqual(['slowlog-log-slower-than', '-1']);
  });
});

/** CG-3: `npm test` ends with one line over both runners' reports; a runner whose report is missing counts as failed. */
describe('the summary line', () => {
  const summary = (vitest: unknown, playwright: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-summary-'));
    const file = (name: string, body: unknown) => {
      const at = path.join(dir, name);
      if (body !== null) fs.writeFileSync(at, JSON.stringify(body));
      return at;
    };
    try {
      return execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/summary.mjs'), file('v.json', vitest), file('p.json', playwright)], { encoding: 'utf8' }).trim();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const vitest = { numPassedTests: 660, numFailedTests: 1, numFailedTestSuites: 0, numPendingTests: 0, numTodoTests: 0 };
  const playwright = { stats: { expected: 37, flaky: 1, unexpected: 0, skipped: 0 } };

  it('CG-3 sums both runners, counts a flaky pass as passed, and names skipped tests only when there are some', () => {
    expect(summary(vitest, playwright)).toBe('Tests: 698 passed, 1 failed');
    expect(summary({ ...vitest, numPendingTests: 2 }, { stats: { ...playwright.stats, skipped: 1 } })).toBe('Tests: 698 passed, 1 failed, 3 skipped');
  });

  it('CG-3 a file whose test failed counts once (the test), a file that broke before its tests ran counts once too', () => {
    const files = [
      { status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'passed' }] },
      { status: 'failed', assertionResults: [] },
      { status: 'passed', assertionResults: [{ status: 'passed' }] },
    ];
    expect(summary({ ...vitest, numPassedTests: 2, numFailedTests: 1, numFailedTestSuites: 2, testResults: files }, playwright)).toBe('Tests: 40 passed, 2 failed');
  });

  it('CG-3 a runner that left no report counts as a failure, never as a pass', () => {
    expect(summary(vitest, null)).toBe('Tests: 660 passed, 2 failed');
    expect(summary(null, null)).toBe('Tests: 0 passed, 2 failed');
  });
});
