import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { YJS_PARAM, YJS_PATH, readBoardDoc } from '@candor/shared';
import { Person, createBoard, docTicket, until, useServer } from './harness.js';

/**
 * DO-4: the board document stays readable by a stock y-websocket client (the `y-websocket` package Candor's
 * protocol comes from). Candor's own compressed messages go only to clients that ask for them.
 */
describe('a stock y-websocket provider', () => {
  const live = useServer();
  const people = live.people;

  it('DO-4 a stock WebsocketProvider sees a 40-card reveal, and after a reconnect it still sees the board and follows it', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Stock reader');
    const [F, A] = [new Person(live.server.url), new Person(live.server.url)];
    people.push(F, A);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    const texts = Array.from({ length: 40 }, (_, i) => `card ${i}: ${'we keep finding out about outages from customers before our alerts '.repeat(4)}`.trim());
    for (const text of texts) expect(await A.cmd('card.add', { columnId: 'start', text })).toMatchObject({ ok: true });

    // A stock provider, as anyone would write it; its only Candor part is the ticket its session asked for.
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${live.server.url.replace(/^http/, 'ws')}${YJS_PATH}/${boardId}`, 'board', doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { [YJS_PARAM.ticket]: await docTicket(A.socket!, 'board') },
      disableBc: true,
    });
    const errors: unknown[] = [];
    const onError = (err: unknown) => errors.push(err);
    process.on('uncaughtException', onError);
    try {
      await until(() => provider.synced);
      expect(readBoardDoc(doc)?.phase).toBe('write');

      expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
      await until(() => readBoardDoc(doc)?.cards.length === 40);
      expect(new Set(readBoardDoc(doc)!.cards.map((c) => c.text))).toEqual(new Set(texts));

      // it goes away; the board changes meanwhile; it comes back with a fresh ticket
      provider.disconnect();
      expect(await F.cmd('timer.start', { durationSec: 120 })).toMatchObject({ ok: true });
      provider.params = { [YJS_PARAM.ticket]: await docTicket(A.socket!, 'board') };
      provider.connect();
      await until(() => provider.synced && readBoardDoc(doc)?.timer.endsAt !== null);
      expect(readBoardDoc(doc)!.cards).toHaveLength(40);
      expect(await F.cmd('timer.stop')).toMatchObject({ ok: true });
      await until(() => readBoardDoc(doc)?.timer.endsAt === null);
      expect(errors).toEqual([]);
    } finally {
      process.off('uncaughtException', onError);
      provider.destroy();
    }
  });
});
