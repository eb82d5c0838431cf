import { describe, expect, it } from 'vitest';
import { LIMITS, YJS_COMPRESS_MIN_BYTES, YJS_MESSAGE_COMPRESSED } from '@candor/shared';
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

  it('RV-12 a big board’s first reveal, made ahead while Write was quiet, reaches every reader whole: the cards first, then the phase, the same bytes for each', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Made ahead');
    const F = new Person(live.server.url);
    const readers = [new Person(live.server.url), new Person(live.server.url)];
    const writers = Array.from({ length: 11 }, () => new Person(live.server.url));
    people.push(F, ...readers, ...writers);
    await F.connect(boardId, 'Fran', facilitatorKey);
    for (const [i, p] of readers.entries()) await p.connect(boardId, `Reader ${i}`);
    for (const [i, p] of writers.entries()) await p.connect(boardId, `Writer ${i}`);
    const perWriter = Math.min(46, LIMITS.cardsPerPerson);
    await Promise.all(
      writers.map(async (w, i) => {
        for (let k = 0; k < perWriter; k++) expect(await w.cmd('card.add', { columnId: 'start', text: `card ${i}-${k}` })).toMatchObject({ ok: true });
      }),
    );
    const total = writers.length * perWriter;
    // Write is quiet now: the room makes the reveal ahead once it has been for 250 ms (RV-12)
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const marks = readers.map((p) => ({ frames: p.frames.length, views: p.boardHistory.length }));
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    for (const p of readers) await p.waitFor(() => p.board()?.phase === 'reveal' && p.board()!.cards.length === total);
    for (const [i, p] of readers.entries()) {
      // the update made ahead: every card, while the phase was still Write; then the reveal's phase
      const views = p.boardHistory.slice(marks[i]!.views);
      expect(views[0]).toMatchObject({ phase: 'write' });
      expect(views[0]!.cards).toHaveLength(total);
      expect(views.at(-1)).toMatchObject({ phase: 'reveal' });
      expect(new Set(views.at(-1)!.cards.map((c) => c.text)).size).toBe(total);
    }
    const compressedOf = (p: Person, from: number) => p.frames.slice(from).filter((f) => f.channel === 'board' && f.bytes[0] === YJS_MESSAGE_COMPRESSED);
    const [a, b] = readers.map((p, i) => compressedOf(p, marks[i]!.frames));
    expect(a).toHaveLength(1);
    expect(Buffer.compare(a![0]!.bytes, b![0]!.bytes)).toBe(0);
  }, 120_000);
});
