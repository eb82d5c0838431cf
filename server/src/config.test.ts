import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, loadConfig } from './config.js';

/** The README's configuration table, row by row: `| \`NAME\` | default | what it does |`. */
function readmeTable(): Map<string, string> {
  const readme = fs.readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const rows = new Map<string, string>();
  for (const match of readme.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)) rows.set(match[1]!, match[2]!.trim().replace(/^`|`$/g, ''));
  return rows;
}

describe('CG-1 configuration', () => {
  it('CG-1 the README lists exactly the environment variables Candor reads', () => {
    expect([...readmeTable().keys()].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('CG-1 every default the README states is the one Candor uses', () => {
    const table = readmeTable();
    const config = loadConfig({});
    const stated = (name: string) => table.get(name);
    expect(String(config.port)).toBe(stated('PORT'));
    expect(config.host).toBe(stated('HOST'));
    expect(config.dataDir).toBe(path.resolve(stated('DATA_DIR')!));
    expect(config.dbFile).toBe(path.resolve(stated('DATA_DIR')!, 'candor.sqlite'));
    expect(config.logLevel).toBe(stated('LOG_LEVEL'));
    expect(String(config.idleUnloadMs)).toBe(stated('IDLE_UNLOAD_MS'));
    expect(String(config.claimAfterMs)).toBe(stated('FACILITATOR_CLAIM_AFTER_MS'));
    expect(config.sqliteSynchronous).toBe(stated('SQLITE_SYNCHRONOUS'));
    expect(String(config.sendBufferBytes)).toBe(stated('SEND_BUFFER_BYTES'));
    expect(String(config.sendBufferBytesPerAddress)).toBe(stated('SEND_BUFFER_BYTES_PER_ADDRESS'));
    expect(config.smtpFrom).toBe(stated('SMTP_FROM'));
    expect(String(config.trustProxy)).toBe(stated('TRUST_PROXY'));
    expect(String(config.connectionsPerAddress)).toBe(stated('MAX_CONNECTIONS_PER_ADDRESS'));
    expect(String(config.joinBurstPerAddress)).toBe(stated('MAX_JOINS_PER_ADDRESS'));
    expect(String(config.readBytesPerSecondPerAddress)).toBe(stated('MAX_READ_BYTES_PER_ADDRESS'));
    expect(String(config.commandsPerSecondPerAddress)).toBe(stated('MAX_COMMANDS_PER_ADDRESS'));
    expect(String(config.requestsPerSecondPerAddress)).toBe(stated('MAX_REQUESTS_PER_ADDRESS'));
    expect(stated('KEY_FILE')).toBe('<DATA_DIR>.key');
    expect(config.keyFile).toBe(`${path.resolve(stated('DATA_DIR')!)}.key`);
    // unset by default: nothing configured
    for (const name of ['DATABASE_URL', 'CANDOR_KEY', 'SMTP_URL']) expect(['—', 'unset']).toContain(stated(name));
    expect([config.databaseUrl, config.envKey, config.smtpUrl]).toEqual([null, undefined, null]);
    // CLIENT_DIST: unset means the built client beside the server (server/src/index.ts)
    expect(stated('CLIENT_DIST')).toBe('client/dist');
    expect(config.clientDist).toBeNull();
  });

  it('RC-14 CG-1 PING_INTERVAL_MS and PING_TIMEOUT_MS above ten minutes, and any duration past what a timer holds, stop the server at start', () => {
    // 3000000000 was taken: Node cannot wait that long (a timer holds at most 2^31-1 ms) and pinged every connection
    // every millisecond (1,358 pings in 2 s to one socket), and a refused join was told to wait 3,000,006 seconds
    expect(loadConfig({ PING_INTERVAL_MS: '600000', PING_TIMEOUT_MS: '600000' })).toMatchObject({ pingIntervalMs: 600_000, pingTimeoutMs: 600_000 });
    for (const bad of [
      { PING_INTERVAL_MS: '600001' },
      { PING_TIMEOUT_MS: '600001' },
      { PING_INTERVAL_MS: '3000000000' },
      { PING_INTERVAL_MS: '0' },
      { PING_TIMEOUT_MS: '-5000' },
      { PING_INTERVAL_MS: 'Infinity' },
      { IDLE_UNLOAD_MS: '2147483648' },
      { FACILITATOR_CLAIM_AFTER_MS: '2147483648' },
      { WRITER_LEASE_MS: '2147483648' },
    ]) {
      expect(() => loadConfig(bad), JSON.stringify(bad)).toThrow();
    }
    expect(loadConfig({ IDLE_UNLOAD_MS: '2147483647', FACILITATOR_CLAIM_AFTER_MS: '2147483647' })).toMatchObject({ idleUnloadMs: 2_147_483_647, claimAfterMs: 2_147_483_647 });
  });

  it('CG-1 values are parsed and checked at start: a bad one stops the server instead of being guessed', () => {
    const config = loadConfig({ PORT: '8080', SQLITE_SYNCHRONOUS: 'NORMAL', TRUST_PROXY: '1', KEY_FILE: 'k.key', DATA_DIR: '/tmp/x' });
    expect(config).toMatchObject({ port: 8080, sqliteSynchronous: 'NORMAL', trustProxy: 1, keyFile: path.resolve('k.key'), dbFile: '/tmp/x/candor.sqlite' });
    for (const bad of [{ PORT: '70000' }, { SQLITE_SYNCHRONOUS: 'OFF' }, { SEND_BUFFER_BYTES: '1000' }, { DATABASE_URL: 'mysql://x' }, { LOG_LEVEL: 'loud' }]) {
      expect(() => loadConfig(bad), JSON.stringify(bad)).toThrow();
    }
  });

  it('CG-1 a variable set to nothing (PORT= in an env file or a compose file) is not set: its default holds, not 0', () => {
    // `z.coerce.number()` read '' as 0: PORT= listened on a random port, IDLE_UNLOAD_MS= unloaded every board at once
    const defaults = loadConfig({});
    const empty = loadConfig({ PORT: '', IDLE_UNLOAD_MS: ' ', FACILITATOR_CLAIM_AFTER_MS: '', DATABASE_URL: '', LOG_LEVEL: '', TRUST_PROXY: '' });
    expect(empty).toMatchObject({ port: 3000, idleUnloadMs: defaults.idleUnloadMs, claimAfterMs: defaults.claimAfterMs, databaseUrl: null, logLevel: defaults.logLevel, trustProxy: defaults.trustProxy });
  });
});
