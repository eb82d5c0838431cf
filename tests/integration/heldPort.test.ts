import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@candor/shared';
import { HeldPort, createApp } from '@candor/server';
import { SERVER_ENTRY, ensureServerBuilt } from './harness.js';

describe('DU-6 the port is taken before the server loads', () => {
  beforeAll(() => ensureServerBuilt(), 120_000);

  it('DU-6 connections made while the server starts wait and are served once it is ready, none refused', async () => {
    const held = await HeldPort.take(0, '127.0.0.1');
    const url = `http://127.0.0.1:${held.port}`;
    // nothing can answer yet: an HTTP request and a Socket.io connection, as a restarted server's clients make them
    const health = fetch(`${url}/healthz`);
    const socket = io(url, { transports: ['websocket'], auth: { boardId: 'nope', protocolVersion: PROTOCOL_VERSION }, reconnection: false, forceNew: true });
    // the manager's 'error' is a transport that could not connect (refused); 'open' an Engine.IO handshake done
    const refused = vi.fn();
    socket.io.on('error', refused);
    const opened = new Promise<void>((resolve) => socket.io.once('open', () => resolve()));
    try {
      await vi.waitFor(() => expect(held.waitingCount).toBe(2));
      const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'candor-held-')), 'candor.sqlite');
      const app = await createApp({ config: { dbFile, clientDist: null, idleUnloadMs: 60_000, logLevel: 'silent' } });
      try {
        expect(await app.listenOn(held)).toBe(held.port);
        expect((await health).status).toBe(200);
        // the WebSocket handshake that waited completes (what the server then says of board 'nope' is another matter)
        await opened;
        expect(refused).not.toHaveBeenCalled();
        // and the port keeps serving whoever comes next
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
      } finally {
        await app.close();
      }
    } finally {
      socket.close();
    }
  });

  it('DU-6 while the server starts, one address may leave only so many connections waiting, and all of them only so many; the rest are reset, not kept', async () => {
    for (const limits of [{ perAddress: 3 }, { perAddress: null, total: 3 }]) {
      const held = await HeldPort.take(0, '127.0.0.1', limits);
      const sockets: net.Socket[] = [];
      try {
        const reset = vi.fn();
        for (let i = 0; i < 5; i++) {
          const socket = net.connect(held.port, '127.0.0.1');
          socket.on('error', () => {});
          socket.on('close', reset);
          sockets.push(socket);
        }
        // three wait for the server; the fourth and fifth are let go at once
        await vi.waitFor(() => expect(reset).toHaveBeenCalledTimes(2));
        expect(held.waitingCount).toBe(3);
      } finally {
        for (const socket of sockets) socket.destroy();
        held.release();
      }
    }
  });

  it('DU-6 a port already in use stops the built server with one line and a non-zero exit', async () => {
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as net.AddressInfo).port;
    try {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-port-'));
      const child = spawn(process.execPath, [SERVER_ENTRY], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
    } finally {
      other.close();
    }
  }, 30_000);
});
