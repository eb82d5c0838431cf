/**
 * Join and restart on a big board, in-process (no network, so the figure is the room's own work):
 * 500 people each write 3 cards (1,500 cards) and cast their votes; then the room is rebuilt from the
 * store as after a restart (timed), and all 500 join again one after another (each join timed: this is
 * where a restarted room recognises a person's facts), then once more on the live room.
 * Run: pnpm exec tsx bench/joinRestart.ts [people] [cardsEach]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../server/src/logger.js';
import { type Command, TEMPLATES } from '@candor/shared';
import { openSqliteStore } from '../server/src/storage/sqlite.js';
import { Keyring } from '../server/src/identity.js';
import { BoardRoom } from '../server/src/rooms/BoardRoom.js';
import { openRoomData } from './lib/roomData.js';

const PEOPLE = Number(process.argv[2] ?? 500);
const CARDS_EACH = Number(process.argv[3] ?? 3);
const template = TEMPLATES[2]!;
let counter = 0;
const newId = () => `${Math.random().toString(36).slice(2, 12)}${(++counter).toString(36)}`;

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-join-'));
  const opened = await openRoomData(path.join(dir, 'candor.sqlite'));
  const store = opened.store;
  const keyring = new Keyring(opened.serverKey);
  const boardId = 'board-bench-join';
  await store.createBoard(
    { id: boardId, facilitatorHash: keyring.facilitatorHash(boardId, 'f'.repeat(40)), createdAt: 0 },
    { type: 'board.created', name: 'Join bench', templateId: template.id, columns: template.columns, settings: { voteBudget: 3, perItemCap: 2 } },
  );
  const deps = { store, keyring, logger: createLogger('silent'), now: () => Date.now(), newId, newSeed: () => 'seed', claimAfterMs: 60_000 };
  const people = Array.from({ length: PEOPLE }, (_, i) => ({ participantId: `pid-${i}`.padEnd(12, 'x'), secret: `secret-${i}`.padEnd(40, 'x'), name: `P${i}` }));
  let socketNo = 0;
  const send = async (room: BoardRoom, socketId: string, body: Record<string, unknown>) => {
    const ack = await room.handle(socketId, { id: newId(), ...body } as Command);
    if (!ack.ok) throw new Error(`${String(body.type)}: ${ack.message}`);
  };
  // CPU time as well as wall time: on a shared, loaded machine the wall clock mostly measures the neighbours
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const joinAll = async (room: BoardRoom): Promise<{ wall: number[]; cpu: number[] }> => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (const p of people) {
      const socketId = `s${++socketNo}`;
      // an address of its own per connection, as people on their own machines (AB-4 paces joins per address)
      room.attach({ id: socketId, address: `10.0.${socketNo >> 8}.${socketNo & 255}`, sendMe: () => undefined, signOut: () => undefined, answerKnock: () => undefined });
      const t = performance.now();
      const c = cpuMs();
      await send(room, socketId, { type: 'join', ...p });
      cpu.push(cpuMs() - c);
      wall.push(performance.now() - t);
    }
    return { wall, cpu };
  };

  let room = new BoardRoom((await store.loadBoard(boardId))!, deps);
  room.attach({ id: 'fac', sendMe: () => undefined, signOut: () => undefined, answerKnock: () => undefined });
  await send(room, 'fac', { type: 'join', participantId: 'pid-facilitator', secret: 'f-secret'.padEnd(40, 'x'), name: 'Fac', facilitatorKey: 'f'.repeat(40) });
  const firstJoins = await joinAll(room);
  for (let i = 0; i < PEOPLE; i++) for (let c = 0; c < CARDS_EACH; c++) await send(room, `s${i + 1}`, { type: 'card.add', columnId: template.columns[0]!.id, text: `card ${c} of ${i}` });
  room.destroy();

  const t = performance.now();
  const c = cpuMs();
  room = new BoardRoom((await store.loadBoard(boardId))!, deps);
  const restartCpuMs = cpuMs() - c;
  const restartMs = performance.now() - t;
  const afterRestart = await joinAll(room);
  const live = await joinAll(room);
  room.destroy();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const f = (n: number) => n.toFixed(2);
  console.log(
    JSON.stringify({
      people: PEOPLE,
      cards: PEOPLE * CARDS_EACH,
      restartMs: f(restartMs),
      restartCpuMs: f(restartCpuMs),
      firstJoinP99Ms: f(p99(firstJoins.wall)),
      joinAfterRestartP99Ms: f(p99(afterRestart.wall)),
      joinAfterRestartCpuP99Ms: f(p99(afterRestart.cpu)),
      joinAfterRestartCpuMeanMs: f(afterRestart.cpu.reduce((a, b) => a + b, 0) / afterRestart.cpu.length),
      liveRejoinP99Ms: f(p99(live.wall)),
      liveRejoinCpuP99Ms: f(p99(live.cpu)),
      liveRejoinCpuMeanMs: f(live.cpu.reduce((a, b) => a + b, 0) / live.cpu.length),
    }),
  );
}

await main();
