import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ownPostgres } from './clusterHarness.js';
import { ensureServerBuilt } from './harness.js';
import { SERVER_ENTRY, freePort, isRunning, spawnServer, waitFor } from './spawnedServer.js';

/**
 * PG-7: a process whose machine died sends PostgreSQL no goodbye (no FIN, no RST), so PostgreSQL keeps its session,
 * and with it the lock that refuses a second process, until TCP says the peer is gone: two hours of the system's
 * keepalive, unless the session asks for sooner. The dead machine here is a network namespace of the test's own
 * behind a veth pair: the first process runs in it, is frozen (SIGSTOP) and its end of the pair taken down, so that
 * nothing answers PostgreSQL's probes any more, as when a machine loses power. Needs root, `ip` and a kernel that makes
 * both (the tests' machine has all three); elsewhere it is skipped and says so.
 */
const canMakeNetworks = process.getuid?.() === 0 && spawnSync('ip', ['-V']).status === 0 && kernelMakesNetworks();

/** whether this kernel makes network namespaces and veth pairs (a pair made and removed again) */
function kernelMakesNetworks(): boolean {
  const tag = randomBytes(3).toString('hex');
  const made = spawnSync('ip', ['link', 'add', `cdp${tag}`, 'type', 'veth', 'peer', 'name', `cdq${tag}`]).status === 0;
  if (made) spawnSync('ip', ['link', 'del', `cdp${tag}`]);
  const namespace = spawnSync('ip', ['netns', 'add', `candor-probe-${tag}`]).status === 0;
  if (namespace) spawnSync('ip', ['netns', 'del', `candor-probe-${tag}`]);
  return made && namespace;
}

/** how long the replacement may take: PG-7's probes end the session in about 11 s, then a start takes a few */
const REPLACED_WITHIN_MS = 30_000;

describe.skipIf(!canMakeNetworks)('PG-7 a process whose machine died (needs root, ip, network namespaces and veth pairs)', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });

  it('PG-7 lets go of the database within seconds: its replacement, refused while it ran, starts once PostgreSQL\'s probes go unanswered', async () => {
    ensureServerBuilt();
    const tag = randomBytes(3).toString('hex');
    const namespace = `candor-dead-${tag}`;
    const [hostEnd, deadEnd] = [`cdh${tag}`, `cdd${tag}`];
    const net = `10.231.${randomInt(256)}`;
    const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
    ip('netns', 'add', namespace);
    cleanup.push(async () => void ip('netns', 'del', namespace));
    ip('link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', deadEnd);
    // (the pair would outlive the namespace while the dead process's sockets still wait to close there)
    cleanup.push(async () => void ip('link', 'del', hostEnd));
    ip('link', 'set', deadEnd, 'netns', namespace);
    ip('addr', 'add', `${net}.1/30`, 'dev', hostEnd);
    ip('link', 'set', hostEnd, 'up');
    ip('netns', 'exec', namespace, 'ip', 'addr', 'add', `${net}.2/30`, 'dev', deadEnd);
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', deadEnd, 'up');
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up');

    const postgres = await ownPostgres(cleanup, { alsoListenOn: { address: `${net}.1`, trusted: `${net}.0/30` } });
    const key = randomBytes(32).toString('hex');
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-pg-dead-')), 'data');
    const fromThere = new URL(postgres.url);
    fromThere.hostname = `${net}.1`;

    // the first process, on the machine that will die
    const port = await freePort();
    const first: ChildProcess = spawn('ip', ['netns', 'exec', namespace, process.execPath, SERVER_ENTRY], {
      env: { ...process.env, PORT: String(port), HOST: `${net}.2`, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: fromThere.toString(), CANDOR_KEY: key },
      stdio: 'ignore',
    });
    cleanup.push(async () => {
      first.kill('SIGCONT');
      first.kill('SIGKILL');
    });
    await waitFor(async () => (await fetch(`http://${net}.2:${port}/healthz`).catch(() => null))?.ok === true, 20_000, 'the first process to start');

    const second = { dataDir, databaseUrl: postgres.url, env: { CANDOR_KEY: key } };
    /** starts a second process on the database: whether it serves, or what it said as it stopped */
    const attempt = async (): Promise<{ started: boolean; lines: string[]; child: ChildProcess }> => {
      const at = await freePort();
      const { child, output } = spawnServer(second, at);
      let started = false;
      await waitFor(async () => child.exitCode !== null || (started = (await fetch(`http://127.0.0.1:${at}/healthz`).catch(() => null))?.ok === true), 20_000, 'the second process to serve or stop');
      if (!started) await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      return { started, lines: output.join('').trim().split('\n'), child };
    };

    // while it runs, a second process is refused (so what follows is the lock let go, not one never taken)
    const refused = await attempt();
    expect(refused).toMatchObject({ started: false, lines: [expect.stringMatching(/^Candor cannot start: another Candor process serves this database/)] });

    // its machine dies: the process stops, and its network with it, without a word to PostgreSQL
    first.kill('SIGSTOP');
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', deadEnd, 'down');
    const died = Date.now();

    let replacement: ChildProcess | null = null;
    let tries = 0;
    while (Date.now() - died < 45_000) {
      tries += 1;
      const next = await attempt();
      if (next.started) {
        replacement = next.child;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const took = Date.now() - died;
    if (replacement) cleanup.push(async () => void replacement!.kill('SIGKILL'));
    // before PG-7's probes, every attempt for two hours was refused ("another Candor process serves this database")
    expect({ replaced: replacement !== null && isRunning(replacement) }).toEqual({ replaced: true });
    expect(took, `replaced after ${took} ms and ${tries} tries`).toBeLessThan(REPLACED_WITHIN_MS);
  }, 90_000);
});
