import { describe, expect, it } from 'vitest';
import { YJS_COMPRESS_MIN_BYTES, YJS_MESSAGE_COMPRESSED } from '@candor/shared';
import { Person, createBoard, useServer } from './harness.js';

/** RV-6: a large reveal travels as one compressed message, the same bytes for every socket, and decodes to every card. */
describe('reveal on the wire', () => {
  const live = useServer();
  const people = live.people;

  it('RV-6 sends a large reveal compressed, once encoded for all, and every reader gets every card', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Big reveal');
    const [F, A, B, C] = [new Person(live.server.url), new Person(live.server.url), new Person(live.server.url), new Person(live.server.url)];
    people.push(F, A, B, C);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    await B.connect(boardId, 'Bea');
    await C.connect(boardId, 'Cy');
    const texts = Array.from({ length: 40 }, (_, i) => `card ${i}: ${'we keep finding out about outages from customers before our alerts '.repeat(4)}`.trim());
    for (const text of texts) expect(await A.cmd('card.add', { columnId: 'start', text })).toMatchObject({ ok: true });

    const marks = [B, C].map((p) => p.frames.length);
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    for (const p of [B, C]) await p.waitFor(() => p.board()?.cards.length === texts.length);
    expect(new Set(B.board()!.cards.map((c) => c.text))).toEqual(new Set(texts));

    const compressedOf = (p: Person, from: number) =>
      p.frames.slice(from).filter((f) => f.channel === 'board' && f.bytes[0] === YJS_MESSAGE_COMPRESSED);
    const [b, c] = [compressedOf(B, marks[0]!), compressedOf(C, marks[1]!)];
    expect(b).toHaveLength(1);
    expect(c).toHaveLength(1);
    // the same bytes went to both sockets
    expect(Buffer.compare(b[0]!.bytes, c[0]!.bytes)).toBe(0);
    const plainSize = texts.reduce((n, t) => n + t.length, 0);
    expect(plainSize).toBeGreaterThan(YJS_COMPRESS_MIN_BYTES);
    expect(b[0]!.bytes.length).toBeLessThan(plainSize / 2);
  });
});
