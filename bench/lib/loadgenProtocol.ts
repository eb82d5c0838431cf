import type { StormRequest, StormTarget } from './stormClient.js';

/** The IPC protocol between the bench (coordinator) and its two load-generating processes. */
export interface Person {
  key: number;
  pid: string;
  secret: string;
  name: string;
  /** the board this person joins, when not the request's */
  boardId?: string;
}

type Op =
  | { op: 'join'; url: string; boardId: string; people: Person[]; concurrency: number }
  | {
      op: 'openWs';
      targets: { key: number; url: string }[];
      handshake: boolean;
      concurrency: number;
      /** a second document connection of each person (the notes, as the browser opens them), kept beside the first */
      beside?: boolean;
    }
  /** DO-10: these joined people read the board document over their socket, as the browser does (counted like a document WebSocket) */
  | { op: 'readBoard'; keys: number[]; concurrency: number }
  /** floorzio: these people connect a Socket.io client to the floor, which takes no join (then `readBoard`) */
  | { op: 'connectOnly'; url: string; keys: number[]; concurrency: number }
  | { op: 'cmds'; items: { key: number; cmd: Record<string, unknown> }[] }
  /** closes these people's Socket.io connections (their documents stay open): they show as away */
  | { op: 'dropSockets'; keys: number[] }
  | { op: 'arm' }
  | { op: 'collect'; quietMs: number; timeoutMs: number }
  | { op: 'ackLoad'; durationMs: number; rateHz: number; plan: 'card.add' | 'vote'; texts: string[]; itemIds: string[] }
  /** the restart storm: everyone comes back to a server that was just killed (bench/lib/stormClient.ts) */
  | { op: 'storm'; targets: StormTarget[]; req: StormRequest }
  | { op: 'status' }
  | { op: 'reset' }
  | { op: 'exit' };

export type LoadgenRequest = Op & { reqId: number };
export type LoadgenOp = Op;

export type LoadgenReply = { reqId: number; ok: true; data: unknown } | { reqId: number; ok: false; error: string };

/** What each person received in the measured window, as parallel arrays (one entry per person with a WebSocket). */
export interface WindowStats {
  keys: number[];
  wsBytes: number[];
  wsFrames: number[];
  wsFirst: number[];
  wsLast: number[];
  sockBytes: number[];
  sockFrames: number[];
  /** when each person's last chunk of bytes came off its TCP socket, before its client decoded it */
  rawLast: number[];
  /** each load process's CPU (user + system) from arm to the end of the window, ms */
  loadgenCpuMs: number[];
  /** each load process's minor page faults in the same window (its heap growing again: kernel time on its clients' path) */
  loadgenPageFaults: number[];
  timedOut: boolean;
}

export interface Outcome {
  ok: number;
  errors: Record<string, number>;
}
