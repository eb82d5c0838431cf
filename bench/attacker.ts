import net from 'node:net';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type Ack } from '@candor/shared';
import { now, sleep, within } from './lib/clock.js';
import { boardDocUrl, newId, withTicket } from './lib/candor.js';
import { SYNC_STEP1_EMPTY } from './lib/yjsWire.js';

/**
 * The attacker of the abuse scenario (bench/scenarios/abuse.ts), in a process of its own so that its work
 * does not slow the honest people being measured. Runs the attacks of issue 8 items 1, 2, 3 and 5 at once
 * against one victim board for `seconds`, each from addresses of its own (X-Forwarded-For; the server runs
 * with TRUST_PROXY), then reports what the server answered. Started with one JSON argument; talks over IPC.
 */

export interface AttackPlan {
  url: string;
  victimBoardId: string;
  seconds: number;
  /** item 2: joined clients that ask for the board document again and again and never read */
  amplifiers: number;
  /** item 1: idle sockets kept open at any time */
  idleSockets: number;
  /** which of the items (1, 2, 3, 5) to run */
  items: number[];
}

export interface AttackReport {
  badUpgrades: { sent: number; answered404: number; closedByServer: number };
  idle: { opened: number; closedByServer: number };
  amplification: { clients: number; step1Sent: number; closedByServer: number; closeCodes: Record<string, number> };
  joinFlood: { tried: number; joined: number; refused: Record<string, number> };
  malformed: { sent: number; connections: number };
}

const plan = JSON.parse(process.argv[2]!) as AttackPlan;
const wsUrl = plan.url.replace(/^http/, 'ws');
const port = Number(new URL(plan.url).port);
let running = true;
const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

/** A socket.io connection from `address` that has joined the victim board as a fresh participant. */
async function joinFrom(address: string, name: string): Promise<{ sock: Socket; ack: Ack; pid: string; secret: string }> {
  const sock = io(plan.url, {
    transports: ['websocket'],
    auth: { boardId: plan.victimBoardId, protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { 'x-forwarded-for': address },
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
  });
  await within(
    10_000,
    'attacker connect',
    new Promise<void>((resolve, reject) => {
      sock.once('connect', () => resolve());
      sock.once('connect_error', reject);
    }),
  ).catch((err) => {
    sock.close();
    throw err;
  });
  const pid = newId();
  const secret = newId(32);
  const ack = (await sock.timeout(10_000).emitWithAck('cmd', { id: newId(), type: 'join', participantId: pid, secret, name })) as Ack;
  return { sock, ack, pid, secret };
}

/** Item 1: upgrades to a path nobody serves, 20 at a time. */
async function badUpgrades(report: AttackReport['badUpgrades']): Promise<void> {
  const one = () =>
    new Promise<void>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.write(`GET /not-here/${newId()} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Forwarded-For: 10.66.1.1\r\n` +
          'Sec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\nSec-WebSocket-Version: 13\r\n\r\n');
      });
      report.sent++;
      let got = '';
      s.on('data', (d) => (got += d.toString('latin1')));
      s.on('error', () => undefined);
      const giveUp = setTimeout(() => s.destroy(), 10_000);
      s.on('close', () => {
        clearTimeout(giveUp);
        if (got.startsWith('HTTP/1.1 404')) report.answered404++;
        if (got) report.closedByServer++;
        resolve();
      });
    });
  await Promise.all(Array.from({ length: 20 }, async () => { while (running) await one(); }));
}

/** Item 1: sockets that send nothing, or half an upgrade, kept at `idleSockets` open. */
async function idleSockets(report: AttackReport['idle']): Promise<void> {
  const open = new Set<net.Socket>();
  while (running) {
    while (open.size < plan.idleSockets && running) {
      const s = net.connect(port, '127.0.0.1', () => {
        if (report.opened % 2 === 0) s.write('GET /yjs/half HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n');
      });
      report.opened++;
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        if (open.delete(s) && running) report.closedByServer++;
      });
    }
    await sleep(100);
  }
  for (const s of open) s.destroy();
}

/**
 * Item 2: a joined participant opens the board document, stops reading, and sends sync step 1 again and
 * again (each is answered with the whole document).
 */
async function amplify(index: number, report: AttackReport['amplification']): Promise<void> {
  const address = `10.66.2.${index + 1}`;
  const { sock, ack } = await joinFrom(address, `Amplifier ${index}`);
  if (!ack.ok) return void sock.close();
  report.clients++;
  const ws = new WebSocket(await withTicket(sock, boardDocUrl(plan.url, plan.victimBoardId)), {
    headers: { 'x-forwarded-for': address },
    perMessageDeflate: false,
  });
  let closed = false;
  ws.on('error', () => undefined);
  ws.on('close', (code) => {
    closed = true;
    if (running) {
      report.closedByServer++;
      count(report.closeCodes, String(code));
    }
  });
  await new Promise<void>((resolve) => {
    ws.once('open', () => resolve());
    ws.once('close', () => resolve());
  });
  // stop reading: the server's answers pile up on its side
  (ws as unknown as { _socket: net.Socket })._socket?.pause();
  // 200 a second: twice what a document connection may send (the rest is dropped), without the attacker
  // spending the CPU the measured server and the honest people share with it
  while (running && !closed) {
    for (let i = 0; i < 10 && ws.readyState === WebSocket.OPEN; i++) {
      ws.send(SYNC_STEP1_EMPTY);
      report.step1Sent++;
    }
    await sleep(50);
  }
  ws.terminate();
  sock.close();
}

/** Item 3: joins with fresh ids from one address, each on a connection of its own that stays open. */
async function joinFlood(report: AttackReport['joinFlood']): Promise<void> {
  const held: Socket[] = [];
  while (running) {
    report.tried++;
    try {
      const { sock, ack } = await joinFrom('10.66.3.1', `Filler ${report.tried}`);
      if (ack.ok) report.joined++;
      else count(report.refused, ack.code);
      held.push(sock);
    } catch (err) {
      count(report.refused, (err as Error).message.slice(0, 40));
      await sleep(20);
    }
  }
  for (const s of held) s.close();
}

/** Item 5: malformed document messages, reconnecting whenever the server closes the connection. */
async function malformed(report: AttackReport['malformed']): Promise<void> {
  const address = '10.66.5.1';
  const { sock, ack } = await joinFrom(address, 'Garbage');
  if (!ack.ok) return void sock.close();
  const notesUrl = boardDocUrl(plan.url, plan.victimBoardId).replace(/\/board\?.*$/, '/notes');
  const garbage = Uint8Array.from([0, 1, 0xff, 0xff, 0xff, 0xff, 0x07]);
  while (running) {
    // each connection needs a fresh single-use ticket from the joined session (DO-6)
    const url = await withTicket(sock, notesUrl).catch(() => null);
    if (!url) break;
    const ws = new WebSocket(url, { headers: { 'x-forwarded-for': address }, perMessageDeflate: false });
    report.connections++;
    ws.on('error', () => undefined);
    const opened = await new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('close', () => resolve(false));
    });
    while (running && opened && ws.readyState === WebSocket.OPEN) {
      for (let i = 0; i < 20; i++) ws.send(garbage);
      report.sent += 20;
      await sleep(20);
    }
    ws.terminate();
    if (!opened) await sleep(100);
  }
  sock.close();
}

async function main(): Promise<void> {
  const report: AttackReport = {
    badUpgrades: { sent: 0, answered404: 0, closedByServer: 0 },
    idle: { opened: 0, closedByServer: 0 },
    amplification: { clients: 0, step1Sent: 0, closedByServer: 0, closeCodes: {} },
    joinFlood: { tried: 0, joined: 0, refused: {} },
    malformed: { sent: 0, connections: 0 },
  };
  const started = now();
  const item = (n: number) => plan.items.includes(n);
  const attacks = [
    ...(item(1) ? [badUpgrades(report.badUpgrades), idleSockets(report.idle)] : []),
    ...(item(2) ? Array.from({ length: plan.amplifiers }, (_, i) => amplify(i, report.amplification)) : []),
    ...(item(3) ? [joinFlood(report.joinFlood)] : []),
    ...(item(5) ? [malformed(report.malformed)] : []),
  ].map((a) => a.catch((err: Error) => process.stderr.write(`attack failed: ${err.stack}\n`)));
  process.send!({ started: true });
  await sleep(plan.seconds * 1000 - (now() - started));
  running = false;
  await within(30_000, 'attacks stopping', Promise.all(attacks)).catch(() => undefined);
  process.send!({ report });
}

void main().then(() => setTimeout(() => process.exit(0), 100));
process.on('disconnect', () => process.exit(0));
