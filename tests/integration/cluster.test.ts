import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WS_CLOSE, notesKey } from '@candor/shared';
import { Redis } from '@candor/server/testing';
import * as Y from 'yjs';
import { DocConnection, Person, boardWithNote, createBoard, docTicket, docUrl, newId, openSocket, sendCommand, until, accepted as ok, adaPromisesToPair } from './harness.js';
import { type SpawnedServer, kill9 } from './spawnedServer.js';
import { comparable, startProcesses, storedNotes, textsEverSet, twinOf } from './clusterHarness.js';

/**
 * CL-*: three Candor processes on one PostgreSQL (this run's database) and one Redis, people spread over
 * them, as a round-robin load balancer would spread them. They share one server key (CANDOR_KEY), as every
 * process of one installation must.
 */

describe('several processes on one PostgreSQL and one Redis', () => {
  const processes: SpawnedServer[] = [];
  const people: Person[] = [];
  let redisMessages: string[] = [];
  let listener: Redis;

  beforeAll(async () => {
    processes.push(...(await startProcesses(3)));
    // everything published on Redis while these tests run, to search it (CL-5)
    listener = new Redis(inject('redisUrl'));
    await listener.psubscribe('*');
    listener.on('pmessage', (_pattern: string, channel: string, message: string) => redisMessages.push(`${channel} ${message}`));
  }, 120_000);

  afterAll(async () => {
    for (const p of people) await p.disconnect();
    listener?.disconnect();
    for (const p of processes) await kill9(p);
  });

  const url = (i: number) => processes[i]!.url;
  const person = (i: number) => {
    const p = new Person(url(i));
    people.push(p);
    return p;
  };

  it('CL-1 a whole retro with people on two, then three processes gives every person the same board and the same notes', async () => {
    const { boardId, facilitatorKey } = await createBoard(url(0), 'Across processes');
    const F = person(0);
    const A = person(1);
    const B = person(0);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    await B.connect(boardId, 'Bea');
    const a = (await A.cmd('card.add', { columnId: 'start', text: 'written on process two' })) as { ok: true; data: { cardId: string } };
    expect(a.ok).toBe(true);
    expect(await B.cmd('card.add', { columnId: 'stop', text: 'written on process one' })).toMatchObject({ ok: true });
    // the third process joins in
    const C = person(2);
    await C.connect(boardId, 'Cai');
    expect(await C.cmd('card.add', { columnId: 'continue', text: 'written on process three' })).toMatchObject({ ok: true });
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: a.data.cardId })).toMatchObject({ ok: true });
    expect(await C.cmd('vote.cast', { itemId: a.data.cardId })).toMatchObject({ ok: true });
    // (AN-12: four voters through three processes, so that the tallies show)
    expect(await B.cmd('vote.cast', { itemId: a.data.cardId })).toMatchObject({ ok: true });
    expect(await F.cmd('vote.cast', { itemId: a.data.cardId })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: a.data.cardId })).toMatchObject({ ok: true });
    const key = notesKey.item(a.data.cardId);
    for (const p of [F, A, B, C]) await p.waitFor(() => p.notes(key) !== undefined);
    A.typeNote(key, 'typed on two. ');
    await C.waitFor(() => C.notes(key) === 'typed on two. ');
    C.typeNote(key, 'typed on three.');
    const everyone = [F, A, B, C];
    for (const p of everyone) await p.waitFor(() => p.notes(key) === 'typed on two. typed on three.');
    // CL-8: the note's text was made once, by the board's one writer, not once per process
    for (const p of everyone) expect(textsEverSet(p, key)).toBe(1);

    await F.waitFor(() => F.board()?.phase === 'discuss' && F.board()!.participants.filter((p) => p.online).length === 4);
    for (const p of everyone) await p.waitFor(() => JSON.stringify(comparable(p)) === JSON.stringify(comparable(F)));
    const board = F.board()!;
    expect(board.cards.map((c) => c.text).sort()).toEqual(['written on process one', 'written on process three', 'written on process two']);
    expect(board.tallies?.[a.data.cardId]).toBe(4);
    // each person's own view is the same whichever process serves it
    expect(A.me?.votesLeft).toBe(2);
    const twin = twinOf(A, url(2));
    people.push(twin);
    await twin.connect(boardId, 'Alex');
    await twin.waitFor(() => JSON.stringify(twin.me) === JSON.stringify(A.me));
  }, 90_000);

  it('CL-1 GP-5 "worth the time?" answered through three processes: each person keeps their own, Close shows one distribution', async () => {
    const { boardId, facilitatorKey } = await createBoard(url(0), 'Worth it across processes');
    const [F, A, B, C] = [person(0), person(1), person(2), person(1)];
    await F.connect(boardId, 'Fran', facilitatorKey);
    for (const [p, name] of [[A, 'Alex'], [B, 'Bea'], [C, 'Cai']] as const) await p.connect(boardId, name);
    expect(await A.cmd('card.add', { columnId: 'start', text: 'worth it?' })).toMatchObject({ ok: true });
    for (const phase of ['reveal', 'vote', 'discuss', 'act'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    const given = new Map<Person, number>([[F, 5], [A, 2], [B, 4], [C, 4]]);
    for (const [p, value] of given) expect(await p.cmd('roti.answer', { value })).toMatchObject({ ok: true });
    // Alex changes the answer through another process; the one serving Alex first follows
    const twin = twinOf(A, url(2));
    people.push(twin);
    await twin.connect(boardId, 'Alex');
    await twin.waitFor(() => twin.me?.roti === 2);
    expect(await twin.cmd('roti.answer', { value: 3 })).toMatchObject({ ok: true });
    given.set(A, 3);
    for (const [p, value] of given) await p.waitFor(() => p.me?.roti === value);
    for (const p of given.keys()) expect(p.board()!.roti).toEqual({ open: true, distribution: null, notEnough: false });
    expect(await F.cmd('phase.set', { phase: 'closed' })).toMatchObject({ ok: true });
    const shown = { open: false, distribution: { min: 1, counts: [0, 0, 1, 2, 1], total: 4, average: 4 }, notEnough: false };
    for (const p of [...given.keys(), twin]) await p.waitFor(() => p.board()?.phase === 'closed' && p.board()!.roti.distribution !== null);
    for (const p of [...given.keys(), twin]) expect(p.board()!.roti).toEqual(shown);
    for (const [p, value] of given) expect(p.me?.roti).toBe(value);
  }, 90_000);

  it('CL-34 LK-1 a notes edit sent through another process the moment the lock (or Close) is acknowledged is kept by nobody', async () => {
    // Fran on process one, Alex on process two
    const { F, A, key } = await boardWithNote(url(0), people, ['Fran', 'Alex'], url(1));
    A.typeNote(key, 'before.');
    await F.waitFor(() => F.notes(key) === 'before.');
    // Alex types through process two as the lock is acknowledged on process one: before, process two had not heard of
    // the lock yet for some of them (3 of 8) and kept the edit, relayed to everyone
    for (let round = 0; round < 8; round++) {
      const doc = new Y.Doc();
      const conn = new DocConnection(await A.docUrl('notes'), doc, () => undefined);
      await until(() => conn.synced && doc.getMap<Y.Text>('notes').get(key) !== undefined);
      expect(await F.cmd('board.lock', { locked: true })).toMatchObject({ ok: true });
      const note = doc.getMap<Y.Text>('notes').get(key)!;
      const closed = conn.waitClosed();
      note.insert(note.length, ` LOCKED-${round}`);
      expect((await closed).code).toBe(WS_CLOSE.LOCKED);
      expect(await F.cmd('board.lock', { locked: false })).toMatchObject({ ok: true });
    }
    // the same at Close: an edit sent as Close is acknowledged is not in the closed retro's notes
    const doc = new Y.Doc();
    const conn = new DocConnection(await A.docUrl('notes'), doc, () => undefined);
    await until(() => conn.synced && doc.getMap<Y.Text>('notes').get(key) !== undefined);
    for (const phase of ['act', 'closed'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    const note = doc.getMap<Y.Text>('notes').get(key)!;
    note.insert(note.length, ' AFTER-CLOSE');
    await conn.roundTrip();
    conn.close();
    const fresh = new Y.Doc();
    const reader = new DocConnection(await F.docUrl('notes'), fresh, () => undefined);
    await until(() => reader.synced && fresh.getMap<Y.Text>('notes').get(key) !== undefined);
    expect(fresh.getMap<Y.Text>('notes').get(key)!.toString()).toBe('before.');
    expect(F.notes(key)).toBe('before.');
    reader.close();
  });

  it('CL-1 PE-9 words erased in a note through one process are in no stored notes row once a phase change through another is acknowledged', async () => {
    // Fran on process one, Alex on process two
    const { boardId, F, A, key } = await boardWithNote(url(0), people, ['Fran', 'Alex'], url(1));
    const erased = `erased-${newId(20)}`;
    A.typeNote(key, `kept ${erased}`);
    await F.waitFor(() => F.notes(key)?.includes(erased));
    const holds = (rows: Buffer[]) => rows.some((row) => row.includes(erased));
    await until(async () => holds(await storedNotes(boardId, processes)));
    A.eraseNote(key, erased);
    await F.waitFor(() => F.notes(key) === 'kept ');
    expect(await F.cmd('phase.set', { phase: 'act' })).toMatchObject({ ok: true });
    // whichever process writes the board's documents folds them, as it commits the change or as it hears of it
    await until(async () => !holds(await storedNotes(boardId, processes)), 10_000);
    const C = person(2);
    await C.connect(boardId, 'Cai');
    await C.waitFor(() => C.notes(key) === 'kept ');
  });

  it('CL-2 concurrent over-budget votes of one person through three processes accept exactly the budget', async () => {
    const { boardId, facilitatorKey } = await createBoard(url(0), 'Budget across processes');
    const F = person(0);
    await F.connect(boardId, 'Fran', facilitatorKey);
    const cards: string[] = [];
    for (let i = 0; i < 6; i++) cards.push(((await F.cmd('card.add', { columnId: 'start', text: `card ${i}` })) as { data: { cardId: string } }).data.cardId);
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    const V = person(0);
    await V.connect(boardId, 'Vic');
    const tabs = [V, twinOf(V, url(1)), twinOf(V, url(2))];
    people.push(tabs[1]!, tabs[2]!);
    await tabs[1]!.connect(boardId, 'Vic');
    await tabs[2]!.connect(boardId, 'Vic');
    // 3 tabs × 6 cards = 18 votes at once against a budget of 3
    const acks = await Promise.all(tabs.flatMap((tab) => cards.map((itemId) => tab.cmd('vote.cast', { itemId }))));
    expect(acks.filter((ack) => ack.ok)).toHaveLength(3);
    expect(acks.filter((ack) => !ack.ok).every((ack) => !ack.ok && (ack.code === 'VOTE_BUDGET_EXCEEDED' || ack.code === 'VOTE_CAP_EXCEEDED'))).toBe(true);
    for (const tab of tabs) await tab.waitFor(() => tab.me?.votesLeft === 0);
    expect(await F.cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.phase === 'discuss');
    // (one voter: AN-12 withholds the tallies, so the budget is read from Vic's own view, through every process)
    expect(F.board()!.tallies).toBeNull();
    for (const tab of tabs) expect(Object.values(tab.me!.votes).reduce((sum, n) => sum + n, 0)).toBe(3);
  }, 90_000);

  it('CL-3 one command id sent at once through two processes has one effect and one answer', async () => {
    const { boardId, facilitatorKey } = await createBoard(url(1), 'One id, two processes');
    const F = person(2);
    await F.connect(boardId, 'Fran', facilitatorKey);
    const A = person(0);
    await A.connect(boardId, 'Alex');
    const tab = twinOf(A, url(1));
    people.push(tab);
    await tab.connect(boardId, 'Alex');
    const id = newId();
    const [one, two] = await Promise.all([A.cmd('card.add', { columnId: 'start', text: 'once' }, id), tab.cmd('card.add', { columnId: 'start', text: 'once' }, id)]);
    expect(one).toMatchObject({ ok: true });
    expect(two).toEqual(one);
    const cardId = (one as { data: { cardId: string } }).data.cardId;
    for (const p of [A, tab]) await p.waitFor(() => JSON.stringify(p.me?.cards.map((c) => c.id)) === JSON.stringify([cardId]));
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    for (const p of [F, A, tab]) await p.waitFor(() => p.board()?.phase === 'reveal' && p.board()!.cards.length === 1);
    // the same id with another command is refused on any process (CM-3)
    expect(await tab.cmd('card.add', { columnId: 'start', text: 'something else' }, id)).toMatchObject({ ok: false, code: 'ID_REUSED' });
    expect(await A.cmd('card.add', { columnId: 'start', text: 'something else' }, id)).toMatchObject({ ok: false, code: 'ID_REUSED' });
  }, 60_000);

  it('CL-4 a person who joined on one process is recognised on another; the same participant id with another secret is refused there', async () => {
    const { boardId } = await createBoard(url(0), 'Who is who');
    const A = person(0);
    await A.connect(boardId, 'Alex');
    expect(await A.cmd('card.add', { columnId: 'start', text: 'mine' })).toMatchObject({ ok: true });
    await A.waitFor(() => A.me?.cards.length === 1);
    const mine = structuredClone(A.me);
    // P3 has this board loaded already (someone else is there) before Alex moves over
    const other = person(2);
    await other.connect(boardId, 'Ola');
    expect(await A.reconnect(url(2))).toMatchObject({ ok: true });
    await A.waitFor(() => JSON.stringify(A.me) === JSON.stringify(mine));
    const impostor = new Person(url(1));
    people.push(impostor);
    Object.assign(impostor, { participantId: A.participantId });
    await expect(impostor.connect(boardId, 'Alex')).rejects.toThrow(/BAD_CREDENTIALS/);
  }, 60_000);

  it('CL-5 nothing that crosses Redis names a card, a vote or its author, and nothing of a board stays in Redis', async () => {
    redisMessages = [];
    const { boardId, facilitatorKey } = await createBoard(url(0), 'What Redis sees');
    const F = person(0);
    const A = person(1);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    const secretText = `anonymous-${newId()}`;
    const card = (await A.cmd('card.add', { columnId: 'start', text: secretText })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.cards.some((c) => c.text === secretText));
    expect(redisMessages.some((m) => m.includes(boardId))).toBe(true);
    for (const message of redisMessages) {
      expect(message).not.toContain(secretText);
      expect(message).not.toContain(card.data.cardId);
      expect(message).not.toContain(A.secret);
    }
    const reader = listener.duplicate();
    const keys = await reader.keys('*');
    reader.disconnect();
    expect(keys.filter((k) => k.includes(boardId))).toEqual([]);
  }, 60_000);

  it('CL-12 a document ticket asked for on one process opens the document on any other, once', async () => {
    const { boardId } = await createBoard(url(0), 'Tickets anywhere');
    const A = person(0);
    await A.connect(boardId, 'Alex');
    const ticket = await docTicket(A.socket!, 'notes');
    // an opaque token: the participant id is not readable in the URL (proxies log URLs)
    expect(Buffer.from(ticket, 'base64url').toString('latin1')).not.toContain(A.participantId);
    const there = new DocConnection(docUrl(url(1), boardId, 'notes', ticket), new Y.Doc(), () => undefined);
    await there.open();
    await until(() => there.synced);
    const again = new DocConnection(docUrl(url(2), boardId, 'notes', ticket), new Y.Doc(), () => undefined);
    expect((await again.waitClosed()).code).toBe(4401);
    // a ticket is for its board and its document only
    const other = await createBoard(url(0), 'Another board');
    const otherBoard = new DocConnection(docUrl(url(2), other.boardId, 'notes', await docTicket(A.socket!, 'notes')), new Y.Doc(), () => undefined);
    expect((await otherBoard.waitClosed()).code).toBe(4401);
    const otherDoc = new DocConnection(docUrl(url(1), boardId, 'board', await docTicket(A.socket!, 'notes')), new Y.Doc(), () => undefined);
    expect((await otherDoc.waitClosed()).code).toBe(4401);
    there.close();
  }, 60_000);

  it('CL-13 "being moved" (MV-1) reaches people on the other processes, as a card id only, over pub/sub', async () => {
    const { boardId, facilitatorKey } = await createBoard(url(0), 'Moving across processes');
    const F = person(0);
    const A = person(1);
    const B = person(2);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Ada');
    await B.connect(boardId, 'Bo Quillfeather');
    const cardId = ((await A.cmd('card.add', { columnId: 'start', text: 'moved about' })) as { data: { cardId: string } }).data.cardId;
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.phase === 'reveal');
    const seen: { moving: string[]; still: string[] }[] = [];
    F.socket!.on('cards.moving', (batch: { moving: string[]; still: string[] }) => seen.push(batch));
    redisMessages = [];
    expect(await B.socket!.timeout(5000).emitWithAck('card.moving', { cardId, moving: true })).toEqual({ ok: true, data: {} });
    await until(() => seen.some((b) => b.moving.includes(cardId)));
    expect(await B.socket!.timeout(5000).emitWithAck('card.moving', { cardId, moving: false })).toMatchObject({ ok: true });
    await until(() => seen.some((b) => b.still.includes(cardId)));
    for (const message of redisMessages.filter((m) => m.includes(cardId))) {
      for (const who of [B.participantId, B.secret, 'Quillfeather']) expect(message).not.toContain(who);
    }
  }, 60_000);

  it('RE-13 CL-1 CL-2 an owner’s mark on a closed retro through one process reaches the Review of the retro made ahead that people hold on another, live', async () => {
    const post = async <T>(path: string, body: unknown) => (await (await fetch(`${url(0)}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;
    const { teamId } = await post<{ teamId: string }>('/api/teams', { name: 'Platform' });
    const first = await post<{ boardId: string; facilitatorKey: string }>(`/api/teams/${teamId}/boards`, { name: 'Sprint 1', templateId: 'post-mortem' });
    const [F, A] = [person(0), person(0)];
    await F.connect(first.boardId, 'Fran', first.facilitatorKey);
    await A.connect(first.boardId, 'Ada');
    const { actionId } = await adaPromisesToPair(F, A);
    for (const phase of ['act', 'closed'] as const) await ok(F, 'phase.set', { phase });
    // Sprint 2, made right after Close, is open on process two
    const second = await post<{ boardId: string; facilitatorKey: string }>(`/api/teams/${teamId}/boards`, { name: 'Sprint 2', templateId: 'post-mortem' });
    const F2 = person(1);
    await F2.connect(second.boardId, 'Fran', second.facilitatorKey);
    expect(F2.board()!.review).toMatchObject([{ text: 'Pair on every deploy', status: null }]);
    // Ada marks it on Sprint 1's board, through process one: process two's people see her word in Sprint 2's Review
    await ok(A, 'promise.mark', { actionId, done: true });
    await F2.waitFor(() => F2.board()!.review[0]!.ownerDone?.by === 'Ada');
    // and taken back, through process three's team page route this time
    const res = await fetch(`${url(2)}/api/boards/${first.boardId}/promise`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: newId(), participantId: A.participantId, secret: A.secret, name: 'Ada', actionId, done: false }),
    });
    // (the answer names the Review that shows the promise now, read there as well)
    expect(await res.json()).toEqual({ ok: true, data: { reviewNow: 'Sprint 2' } });
    await F2.waitFor(() => F2.board()!.review[0]!.ownerDone === undefined);
  }, 60_000);

  it('CL-15 a knock through one process reaches a facilitator on another, whose answer reaches the one knocking', async () => {
    const { boardId, facilitatorKey } = await createBoard(url(0), 'Knocks across processes');
    const F = person(0);
    await F.connect(boardId, 'Fran', facilitatorKey);
    expect(await F.cmd('access.knock', { on: true })).toMatchObject({ ok: true });
    const knock = async (name: string) => {
      const socket = await openSocket(url(1), { boardId });
      const answers: { admitted: boolean; message: string }[] = [];
      socket.on('knockAnswered', (info: { admitted: boolean; message: string }) => answers.push(info));
      const identity = { participantId: newId(), secret: newId(32), name };
      const join = () => sendCommand(socket, { id: newId(), type: 'join', ...identity });
      return { socket, answers, join, first: await join() };
    };
    const nell = await knock('Nell');
    const otto = await knock('Otto');
    expect(nell.first).toMatchObject({ ok: false, code: 'WAITING_TO_BE_ADMITTED' });
    await F.waitFor(() => F.me?.knocks.length === 2);
    const knockOf = (name: string) => F.me!.knocks.find((k) => k.name === name)!.id;
    expect(await F.cmd('access.admit', { knockId: knockOf('Nell'), admit: true })).toMatchObject({ ok: true });
    expect(await F.cmd('access.admit', { knockId: knockOf('Otto'), admit: false })).toMatchObject({ ok: true });
    await until(() => nell.answers.length > 0 && otto.answers.length > 0);
    expect(nell.answers[0]).toMatchObject({ admitted: true });
    expect(otto.answers[0]).toMatchObject({ admitted: false });
    expect(otto.answers[0]!.message).toContain('Ask Fran');
    expect(await nell.join()).toMatchObject({ ok: true });
    expect(await otto.join()).toMatchObject({ ok: false, code: 'WAITING_TO_BE_ADMITTED' });
    await F.waitFor(() => F.board()?.participants.some((p) => p.name === 'Nell') && F.me?.knocks.length === 1);
    // the one still knocking leaves: the facilitator's list empties
    otto.socket.close();
    await F.waitFor(() => F.me?.knocks.length === 0);
    nell.socket.close();
  }, 60_000);

  it('CL-16 a board deleted through one process is gone on the others: their people are told, their documents close, and nothing loads it again', async () => {
    const { boardId, facilitatorKey } = await createBoard(url(0), 'Deleted across processes');
    const F = person(0);
    const A = person(1);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    const told = new Promise<void>((resolve) => A.socket!.once('board.deleted', () => resolve()));
    expect(await F.cmd('board.delete')).toMatchObject({ ok: true });
    await told;
    await A.notesConn!.waitClosed();
    for (const i of [0, 1, 2]) expect((await fetch(`${url(i)}/api/boards/${boardId}`)).status).toBe(404);
  }, 60_000);
});
