import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { now, sleep } from '../lib/clock.js';
import { makeCards } from '../lib/cards.js';
import { createBoard, healthz, notesDocUrl, people } from '../lib/candor.js';
import { type Crowd, mergeOutcomes } from '../lib/loadgens.js';
import type { Person } from '../lib/loadgenProtocol.js';
import { type Usage, startCandor } from '../lib/procs.js';

/**
 * Scenario 6: memory per board. `boards` boards, each with `people` participants writing `cards` cards
 * each (one Socket.io connection each, over which they read the board document as the browser does (DO-10), and
 * with `notes` the notes document's WebSocket as the browser opens it, all kept open until every board is
 * written), then
 * everyone leaves and the boards must be saved and unloaded (IDLE_UNLOAD_MS=2000). RSS is read after a
 * full GC (--expose-gc, asked through the probe), against the same server's RSS before any board loaded.
 */
export interface MemoryResult {
  boards: number;
  people: number;
  cardsEach: number;
  /** connections per person: Socket.io (which carries the board document, DO-10), and with `notes` the notes document too (as the browser) */
  connectionsEach: number;
  /** DO-10: the board document was read over the Socket.io connection (absent in results from before it) */
  boardOverSocket?: boolean;
  baselineMb: number;
  activeMb: number;
  idleMb: number;
  activeKbPerBoard: number;
  idleKbPerBoard: number;
  activeHeapKbPerBoard: number;
  idleHeapKbPerBoard: number;
  /** V8's `external` (buffers' contents and other memory outside the JS heap), so that a heap saving that only moved bytes into buffers shows */
  activeExternalKbPerBoard: number;
  /**
   * `external` again after a second full GC, against the baseline's read the same way. Right after one GC V8 still
   * counts the buffers that GC freed (it settles that count at the next one): the first figure moves with how many
   * buffers the load had just dropped (20–50 KB a board), this one with what is held. Absent in older results.
   */
  activeExternalSettledKbPerBoard?: number;
  /** Node's count of live ArrayBuffer and Buffer memory (`arrayBuffers`, part of `external`), after that second GC */
  activeArrayBuffersKbPerBoard?: number;
  loadedWhileActive: number;
  loadedAfterIdle: number;
  /**
   * `--memory-rounds N`: N more rounds of as many other boards through the same life after the first ones unloaded;
   * after each, the idle heap's growth over the idle heap before it, per board: what a server keeps round after round
   * of boards (the first idle figure also holds what follows the peak of connections, like WeakMap tables). Absent
   * without it.
   */
  roundsIdleHeapKbPerBoard?: number[];
  unloadMs: number;
  writeErrors: Record<string, number>;
  seconds: number;
}

/**
 * The server allows one address a burst of 20 board creations, then one every 5 s (AB-7): create them over
 * several server starts.
 */
async function createBoards(dataDir: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < count) {
    const server = await startCandor({ dataDir });
    try {
      for (let i = 0; i < 20 && ids.length < count; i++) ids.push((await createBoard(server.url, `Memory ${ids.length}`)).boardId);
    } finally {
      await server.stop();
    }
  }
  return ids;
}

const WARMUP_BOARDS = 5;

export async function memoryPerBoard(
  crowd: Crowd,
  o: {
    boards: number;
    people: number;
    cards: number;
    wave?: number;
    log?: (s: string) => void;
    /** a directory for heap snapshots at the baseline, with every board active and once all are unloaded */
    snapshots?: string;
    /** each person also opens the notes document, as the browser does once joined */
    notes?: boolean;
    /** rounds of as many other boards again once the first unloaded, and the idle heap after each (`roundsIdleHeapKbPerBoard`) */
    rounds?: number;
  },
): Promise<MemoryResult> {
  const log = o.log ?? (() => undefined);
  const started = now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-bench-mem-'));
  try {
    // A few extra boards go through the same life first, so that code compiled on first use (V8 keeps it)
    // is in the baseline and not charged to the measured boards.
    const rounds = o.rounds ?? 0;
    const allIds = await createBoards(dataDir, o.boards * (1 + rounds) + WARMUP_BOARDS);
    const warmupIds = allIds.slice(0, WARMUP_BOARDS);
    const boardIds = allIds.slice(WARMUP_BOARDS, WARMUP_BOARDS + o.boards);
    const roundIds = (round: number) => allIds.slice(WARMUP_BOARDS + o.boards * round, WARMUP_BOARDS + o.boards * (round + 1));
    log(`created ${allIds.length} boards (${WARMUP_BOARDS} to warm up) in ${(now() - started).toFixed(0)} ms`);
    // Memory does not depend on fsyncs: fill the boards with synchronous=NORMAL so 1,000 boards fit the time.
    const server = await startCandor({ dataDir, idleUnloadMs: 2000, exposeGc: true, sqliteSynchronous: 'NORMAL' });
    try {
      const { url } = server;
      const texts = makeCards(o.people * o.cards, 3);
      const writeErrors: Record<string, number> = {};
      const wave = o.wave ?? 25;
      let key = 0;
      const populate = async (ids: string[]) => {
        for (let first = 0; first < ids.length; first += wave) {
          const group: Person[] = [];
          for (const boardId of ids.slice(first, first + wave)) {
            group.push(...people(o.people, key, boardId));
            key += o.people;
          }
          const joined = mergeOutcomes(await crowd.split(group, (mine) => ({ op: 'join', url, boardId: '', people: mine, concurrency: 25 })));
          if (joined.ok !== group.length) throw new Error(`join: ${JSON.stringify(joined.errors)}`);
          const readers = group.map((p) => ({ key: p.key }));
          const read = mergeOutcomes(await crowd.split(readers, (mine) => ({ op: 'readBoard', keys: mine.map((r) => r.key), concurrency: 25 })));
          if (read.ok !== group.length) throw new Error(`board documents: ${JSON.stringify(read.errors)}`);
          if (o.notes) {
            const notes = group.map((p) => ({ key: p.key, url: notesDocUrl(url, p.boardId!) }));
            const besides = mergeOutcomes(await crowd.split(notes, (mine) => ({ op: 'openWs', targets: mine, handshake: true, concurrency: 25, beside: true })));
            if (besides.ok !== group.length) throw new Error(`notes documents: ${JSON.stringify(besides.errors)}`);
          }
          const items = group.flatMap((p, i) =>
            Array.from({ length: o.cards }, (_, c) => ({ key: p.key, cmd: { type: 'card.add', columnId: texts[(i * o.cards + c) % texts.length]!.columnId, text: texts[(i * o.cards + c) % texts.length]!.text } })),
          );
          const written = mergeOutcomes(await crowd.split(items, (mine) => ({ op: 'cmds', items: mine }), 600_000));
          for (const [code, k] of Object.entries(written.errors)) writeErrors[code] = (writeErrors[code] ?? 0) + k;
          log(`boards ${first + 1}–${Math.min(first + wave, ids.length)} written (${written.ok} cards) at ${((now() - started) / 1000).toFixed(1)} s`);
        }
      };
      const waitUnloaded = async () => {
        let loaded = (await healthz(url)).boardsLoaded;
        for (let i = 0; i < 300 && loaded > 0; i++) {
          await sleep(200);
          loaded = (await healthz(url)).boardsLoaded;
        }
        return loaded;
      };
      await populate(warmupIds);
      await crowd.reset();
      await waitUnloaded();
      await sleep(500);
      if (o.snapshots) fs.mkdirSync(o.snapshots, { recursive: true });
      const snapshot = (name: string) => (o.snapshots ? path.join(o.snapshots, `memory-${name}-${Date.now()}.heapsnapshot`) : undefined);
      const baseline = await server.usage(true);
      const baselineSettled = await server.usage(true);
      if (o.snapshots) await server.usage(true, snapshot('baseline'));
      await populate(boardIds);
      await sleep(500);
      const active: Usage = await server.usage(true);
      const activeSettled: Usage = await server.usage(true);
      if (o.snapshots) await server.usage(true, snapshot('active'));
      const loadedWhileActive = (await healthz(url)).boardsLoaded;

      await crowd.reset();
      const leftAt = now();
      const loadedAfterIdle = await waitUnloaded();
      const unloadMs = now() - leftAt;
      await sleep(500);
      const idle: Usage = await server.usage(true);
      if (o.snapshots) await server.usage(true, snapshot('idle'));
      const kb = (bytes: number) => bytes / 1024 / o.boards;
      const roundsIdleHeapKbPerBoard: number[] = [];
      let before = idle;
      for (let round = 1; round <= rounds; round++) {
        await populate(roundIds(round));
        await crowd.reset();
        if ((await waitUnloaded()) > 0) throw new Error(`round ${round + 1}: boards still loaded`);
        await sleep(500);
        const after: Usage = await server.usage(true);
        if (o.snapshots) await server.usage(true, snapshot(`idle${round + 1}`));
        roundsIdleHeapKbPerBoard.push(kb(after.heapUsed - before.heapUsed));
        log(`round ${round + 1}: heap ${((after.heapUsed - before.heapUsed) / 1024).toFixed(0)} KB over the idle heap before it, ${roundsIdleHeapKbPerBoard.at(-1)!.toFixed(1)} KB per board`);
        before = after;
      }
      return {
        boards: o.boards,
        people: o.people,
        cardsEach: o.cards,
        connectionsEach: o.notes ? 2 : 1,
        boardOverSocket: true,
        baselineMb: baseline.rss / 2 ** 20,
        activeMb: active.rss / 2 ** 20,
        idleMb: idle.rss / 2 ** 20,
        activeKbPerBoard: kb(active.rss - baseline.rss),
        idleKbPerBoard: kb(idle.rss - baseline.rss),
        activeHeapKbPerBoard: kb(active.heapUsed - baseline.heapUsed),
        idleHeapKbPerBoard: kb(idle.heapUsed - baseline.heapUsed),
        activeExternalKbPerBoard: kb(active.external - baseline.external),
        activeExternalSettledKbPerBoard: kb(activeSettled.external - baselineSettled.external),
        activeArrayBuffersKbPerBoard: kb(activeSettled.arrayBuffers - baselineSettled.arrayBuffers),
        loadedWhileActive,
        loadedAfterIdle,
        ...(rounds > 0 ? { roundsIdleHeapKbPerBoard } : {}),
        unloadMs,
        writeErrors,
        seconds: (now() - started) / 1000,
      };
    } finally {
      await crowd.reset().catch(() => undefined);
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
