import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
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
  });
});
