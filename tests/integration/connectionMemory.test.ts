import type { IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Person, createBoard, until, useServer } from './harness.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * ME-1: an open connection keeps nothing of the HTTP request that opened it. engine.io would keep each Socket.io
 * WebSocket's upgrade request (through a listener on the TCP socket) for the connection's lifetime.
 */
describe('ME-1 open connections and their upgrade requests', () => {
  const live = useServer();

  it('ME-1 the upgrade requests of open Socket.io and document connections are collected, and the people go on working', async () => {
    const { url, httpServer } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Kept light');
    const requests: WeakRef<IncomingMessage>[] = [];
    const watch = (req: IncomingMessage) => void requests.push(new WeakRef(req));
    httpServer.prependListener('upgrade', watch);
    const F = new Person(url);
    const A = new Person(url);
    live.people.push(F, A);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    httpServer.off('upgrade', watch);
    // each person: one Socket.io WebSocket and the two documents
    expect(requests).toHaveLength(6);
    await until(() => {
      gc();
      return requests.every((r) => r.deref() === undefined);
    });
    // the connections those requests opened still serve: a command is answered, and the documents follow
    expect((await A.cmd('card.add', { columnId: 'start', text: 'still here' })).ok).toBe(true);
    expect((await A.cmd('done.mark', { done: true })).ok).toBe(true);
    await A.waitFor((a) => a.me?.cards.length === 1);
    await F.waitFor((f) => f.board()?.progress?.done === 1);
  });
});
