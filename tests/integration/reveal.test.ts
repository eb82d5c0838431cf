import { inflateRawSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { YJS_COMPRESS_MIN_BYTES, YJS_MESSAGE_COMPRESSED } from '@candor/shared';
import { Person, createBoard, newId, useServer } from './harness.js';

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

  it('RV-2 RV-10 on a board of 500+ cards written in turn by eleven people, the reveal\'s bytes a reader receives follow the reveal order, not the order of writing', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Big board, byte order');
    const F = new Person(live.server.url);
    const writers = Array.from({ length: 11 }, () => new Person(live.server.url));
    const R = new Person(live.server.url);
    people.push(F, R, ...writers);
    await F.connect(boardId, 'Fran', facilitatorKey);
    for (const [i, w] of writers.entries()) await w.connect(boardId, `Writer ${i}`);
    await R.connect(boardId, 'Reader');
    // round after round, each writer one card: the order of writing interleaves everyone (506 cards: past 500,
    // where each card's document entry is made as it is written, RV-7, RV-10)
    const written: string[] = [];
    for (let round = 0; round < 46; round++) {
      const texts = writers.map((_, i) => `rv-${String(round).padStart(2, '0')}-${i}-${newId(8)}`);
      written.push(...texts);
      const acks = await Promise.all(writers.map((w, i) => w.cmd('card.add', { columnId: 'start', text: texts[i]! })));
      for (const ack of acks) expect(ack).toMatchObject({ ok: true });
    }
    const mark = R.frames.length;
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await R.waitFor(() => R.board()?.cards.length === written.length, 20_000);
    const shown = R.board()!.cards.map((c) => c.text);
    expect(new Set(shown)).toEqual(new Set(written));
    expect(shown).not.toEqual(written);
    // what the reader's socket carried for the board since the reveal, each message as it was sent (inflated where it
    // came compressed, as the browser does)
    const bytes = Buffer.concat(
      R.frames
        .slice(mark)
        .filter((f) => f.channel === 'board')
        .map((f) => (f.bytes[0] === YJS_MESSAGE_COMPRESSED ? inflateRawSync(f.bytes.subarray(1)) : f.bytes)),
    );
    const positions = shown.map((text) => bytes.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  }, 60_000);
});

describe('a reveal made ready', () => {
  // (a whole room's cards come from one address here: AB-14's pace is raised, as for a crowd behind one proxy)
  const live = useServer({ commandsPerSecondPerAddress: 2_000 });
  const people = live.people;

  it('RV-11 a big board quiet in Write reveals the document it had ready: every reader gets every card, the same bytes on every socket', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Big board, ready');
    const F = new Person(live.server.url);
    const writers = Array.from({ length: 11 }, () => new Person(live.server.url));
    const [R, S] = [new Person(live.server.url), new Person(live.server.url)];
    people.push(F, R, S, ...writers);
    await F.connect(boardId, 'Fran', facilitatorKey);
    for (const [i, w] of writers.entries()) await w.connect(boardId, `Writer ${i}`);
    await R.connect(boardId, 'Reader');
    await S.connect(boardId, 'Second reader');
    const written: string[] = [];
    for (let round = 0; round < 46; round++) {
      const texts = writers.map((_, i) => `ready-${String(round).padStart(2, '0')}-${i}-${newId(8)}`);
      written.push(...texts);
      for (const ack of await Promise.all(writers.map((w, i) => w.cmd('card.add', { columnId: 'start', text: texts[i]! })))) expect(ack).toMatchObject({ ok: true });
    }
    // the room, as its sockets hold it: quiet, it makes its reveal ready (RV-11)
    type Held = { data: { room?: { id: string; fanout: { ready?: unknown } } } };
    const room = ([...live.server.io.of('/').sockets.values()] as Held[]).find((s) => s.data.room?.id === boardId)!.data.room!;
    await vi.waitFor(() => expect(room.fanout.ready).toBeDefined(), { timeout: 10_000, interval: 10 });
    const marks = [R, S].map((p) => p.frames.length);
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    for (const p of [R, S]) await p.waitFor(() => p.board()?.cards.length === written.length, 20_000);
    expect(new Set(R.board()!.cards.map((c) => c.text))).toEqual(new Set(written));
    expect(S.board()!.cards.map((c) => c.text)).toEqual(R.board()!.cards.map((c) => c.text));
    expect(room.fanout.ready).toBeUndefined();
    const revealOf = (p: Person, from: number) => p.frames.slice(from).filter((f) => f.channel === 'board' && f.bytes[0] === YJS_MESSAGE_COMPRESSED);
    const [r, s] = [revealOf(R, marks[0]!), revealOf(S, marks[1]!)];
    expect(r).toHaveLength(1);
    expect(Buffer.compare(r[0]!.bytes, s[0]!.bytes)).toBe(0);
  }, 60_000);
});
