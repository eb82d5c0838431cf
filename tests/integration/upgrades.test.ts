import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SERVER_ENTRY, ensureServerBuilt, until } from './harness.js';

/**
 * AB-1 / AB-2: a client that opens sockets and never finishes with them cannot use up the server's file
 * descriptors. The built server runs with a lowered fd limit (`ulimit -n` in its shell), so sockets it failed
 * to close would stop it answering anyone; every count below is of sockets the server closed by itself.
 */

const FD_LIMIT = 256;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A raw TCP connection that records what the server sent and whether the server closed it. */
class RawSocket {
  readonly socket: net.Socket;
  received = '';
  closedByServer = false;
  private closingMyself = false;

  constructor(port: number, send?: string) {
    this.socket = net.connect(port, '127.0.0.1', () => {
      if (send) this.socket.write(send);
    });
    this.socket.on('data', (d) => (this.received += d.toString('latin1')));
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => {
      if (!this.closingMyself) this.closedByServer = true;
    });
  }

  close(): void {
    this.closingMyself = true;
    this.socket.destroy();
  }
}

const upgradeTo = (pathname: string, complete = true) =>
  `GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: ${Buffer.from('0123456789abcdef').toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
  (complete ? '\r\n' : '');

describe('AB-1 / AB-2 sockets nobody finishes', () => {
  let child: ChildProcess;
  let port: number;
  let url: string;
  const output: string[] = [];
  const raw: RawSocket[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-upgrades-'));

  beforeAll(async () => {
    ensureServerBuilt();
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn('bash', ['-c', `ulimit -n ${FD_LIMIT} && exec "${process.execPath}" "${SERVER_ENTRY}"`], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output.join('')}`);
      return (await fetch(`${url}/healthz`).catch(() => null))?.ok ?? false;
    }, 15_000);
  });

  afterAll(async () => {
    for (const s of raw) s.close();
    if (child && child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The server still serves everyone: health and board creation answer. */
  async function stillServes(): Promise<void> {
    await until(async () => (await fetch(`${url}/healthz`).catch(() => null))?.status === 200, 15_000);
    const created = await fetch(`${url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'After the flood', templateId: 'start-stop-continue' }),
    });
    expect(created.status).toBe(201);
  }

  it('AB-1 an upgrade to a path nobody serves is answered 404 and closed, 1,100 times over a 256-fd limit', async () => {
    const batch = 100;
    for (let sent = 0; sent < 1100; sent += batch) {
      const sockets = Array.from({ length: batch }, (_, i) => new RawSocket(port, upgradeTo(`/not-here/${sent + i}`)));
      raw.push(...sockets);
      await until(() => sockets.every((s) => s.closedByServer), 15_000);
      expect(sockets.filter((s) => s.received.startsWith('HTTP/1.1 404 ')).length).toBe(batch);
    }
    await stillServes();
  });

  it('AB-2 sockets that send nothing, half a request or never finish the Socket.io handshake are closed by the server', async () => {
    const idle = Array.from({ length: 60 }, () => new RawSocket(port));
    const halfRequest = Array.from({ length: 30 }, () => new RawSocket(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
    const halfUpgrade = Array.from({ length: 30 }, (_, i) => new RawSocket(port, upgradeTo(`/yjs/board${i}xxxx/board`, false)));
    // a WebSocket to Socket.io that never sends its CONNECT packet
    const silentSocketIo = Array.from({ length: 30 }, () => new RawSocket(port, upgradeTo('/socket.io/?EIO=4&transport=websocket')));
    const all = [...idle, ...halfRequest, ...halfUpgrade, ...silentSocketIo];
    raw.push(...all);
    await until(() => silentSocketIo.every((s) => s.received.startsWith('HTTP/1.1 101 ')), 10_000);
    await until(() => all.filter((s) => s.closedByServer).length === all.length, 25_000);
    await stillServes();
  });
});
