import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { type Ack, WS_CLOSE } from '@candor/shared';
import { Person, createBoard, docTicket, getDoor, newId, openSocket, sendCommand, until, useServer } from './harness.js';
import { BOARD_STEP1_EMPTY } from './socketBoardReader.js';

/**
 * Issue 10 rules as a raw client meets them: every refusal comes from the server with its error code, not
 * from a hidden button. NA-*, DN-*, JN-*, LK-*, MO-*, SG-*, VO-10.
 */

/** A raw join: a socket that joins with the given fields and keeps what the server tells it. */
async function rawJoin(url: string, boardId: string, fields: Record<string, unknown> = {}) {
  const socket = await openSocket(url, { boardId });
  const heard: { event: string; info: unknown }[] = [];
  for (const event of ['signedOut', 'knockAnswered'] as const) socket.on(event, (info: unknown) => heard.push({ event, info }));
  const identity = { participantId: newId(), secret: newId(32), name: 'Raw Person', ...fields };
  const ack = await sendCommand(socket, { id: newId(), type: 'join', ...identity });
  const join = (extra: Record<string, unknown> = {}) => sendCommand(socket, { id: newId(), type: 'join', ...identity, ...extra });
  return { socket, ack, heard, join, identity };
}

async function boardWithPeople(url: string, people: Person[], names = ['Fran', 'Alex', 'Bea']) {
  const { boardId, facilitatorKey } = await createBoard(url, 'Facilitation');
  const [F, A, B] = names.map(() => new Person(url)) as [Person, Person, Person];
  people.push(F, A, B);
  await F.connect(boardId, names[0]!, facilitatorKey);
  await A.connect(boardId, names[1]!);
  await B.connect(boardId, names[2]!);
  return { boardId, facilitatorKey, F, A, B };
}

const closed = (socket: Socket) => until(() => !socket.connected);

describe('naming', () => {
  const live = useServer();

  it('NA-1 a retro created without a name is named after the day; a team retro after its team and number', async () => {
    const url = live.server.url;
    const post = (path: string, body: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, string> }));
    const plain = await post('/api/boards', { templateId: 'start-stop-continue' });
    expect(plain.status).toBe(201);
    expect((await getDoor(url, plain.body.boardId!)).name).toMatch(/^Retro \d{4}-\d{2}-\d{2}$/);
    const team = await post('/api/teams', { name: 'Platform' });
    const first = await post(`/api/teams/${team.body.teamId}/boards`, { templateId: 'start-stop-continue' });
    const second = await post(`/api/teams/${team.body.teamId}/boards`, { templateId: 'start-stop-continue' });
    expect((await getDoor(url, first.body.boardId!)).name).toBe('Platform retro #1');
    expect((await getDoor(url, second.body.boardId!)).name).toBe('Platform retro #2');
    // the page that created it says "“Platform retro #1” is ready": the name the server gave comes back with the links
    expect([plain.body.name, first.body.name, second.body.name]).toEqual([(await getDoor(url, plain.body.boardId!)).name, 'Platform retro #1', 'Platform retro #2']);
    // created from a German page, the third is named in German; a language the server does not write is refused
    const third = await post(`/api/teams/${team.body.teamId}/boards`, { templateId: 'start-stop-continue', lang: 'de' });
    expect((await getDoor(url, third.body.boardId!)).name).toBe('Platform Retro Nr. 3');
    expect((await post('/api/boards', { templateId: 'start-stop-continue', lang: 'xx' })).status).toBe(400);
    expect((await post('/api/boards', { name: '   ', templateId: 'start-stop-continue' })).status).toBe(400);
  });

  it('NA-2 the facilitator renames the retro live and everyone sees it; a participant is refused', async () => {
    const { F, A } = await boardWithPeople(live.server.url, live.people);
    expect(await A.cmd('board.rename', { name: 'Hijacked' })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('board.rename', { name: 'Sprint 43 retro' })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.name === 'Sprint 43 retro');
  });
});

describe("I'm done", () => {
  const live = useServer();

  it('DN-1 (DN-2, DN-3, DN-5) marks count "x of y" among the people online; away people leave the count; the facilitator resets', async () => {
    const { F, A, B } = await boardWithPeople(live.server.url, live.people);
    expect(await A.cmd('done.mark', { done: true })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.progress?.done === 1);
    expect(F.board()?.progress).toEqual({ stage: 'write', done: 1, of: 3 });
    expect(A.me?.doneIn).toEqual({ write: true, vote: false });
    expect(F.board()?.participants.find((p) => p.name === 'Alex')?.done).toBe(true);
    await B.disconnect();
    await F.waitFor(() => F.board()?.progress?.of === 2);
    expect(await F.cmd('done.mark', { done: true })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.progress?.done === 2);
    expect(A.board()?.progress).toEqual({ stage: 'write', done: 2, of: 2 });
    expect(await A.cmd('done.reset')).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('done.reset')).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.progress?.done === 0 && A.me?.doneIn.write === false);
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    expect(await A.cmd('done.mark', { done: true })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
  });

  it('DN-4 thirty people marking themselves done at once reach an observer in a few batched projections, not one per mark', async () => {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Thirty');
    const F = new Person(live.server.url);
    live.people.push(F);
    await F.connect(boardId, 'Fran', facilitatorKey);
    const crowd = Array.from({ length: 30 }, () => new Person(live.server.url));
    live.people.push(...crowd);
    await Promise.all(crowd.map((p, i) => p.connect(boardId, `Person ${i}`)));
    await F.waitFor(() => F.board()?.progress?.of === 31);
    const before = F.boardHistory.length;
    await Promise.all(crowd.map((p) => p.cmd('done.mark', { done: true })));
    await F.waitFor(() => F.board()?.progress?.done === 30);
    const projections = F.boardHistory.slice(before).filter((v, i, all) => i === 0 || v.progress?.done !== all[i - 1]!.progress?.done);
    expect(projections.length).toBeLessThan(30 / 3);
  });
});

describe('who may join', () => {
  const live = useServer();

  it('JN-1 with a password, a join without it is PASSWORD_REQUIRED, a wrong one WRONG_PASSWORD; the right one gets in', async () => {
    const { boardId, F } = await boardWithPeople(live.server.url, live.people);
    expect(await F.cmd('access.password', { password: 'tulip garden' })).toMatchObject({ ok: true });
    const none = await rawJoin(live.server.url, boardId);
    expect(none.ack).toMatchObject({ ok: false, code: 'PASSWORD_REQUIRED' });
    expect(await none.join({ password: 'rose' })).toMatchObject({ ok: false, code: 'WRONG_PASSWORD' });
    expect(await none.join({ password: '' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await none.join({ password: 'tulip garden' })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.participants.some((p) => p.name === 'Raw Person' && p.online));
    expect(F.board()?.access).toEqual({ password: true, knock: false, joiningLocked: false });
    none.socket.close();
  });

  it('JN-2 a new password signs everyone else out (documents closed too) until they enter the new one', async () => {
    const { boardId, F, A } = await boardWithPeople(live.server.url, live.people);
    const raw = await rawJoin(live.server.url, boardId);
    expect(raw.ack).toMatchObject({ ok: true });
    expect(await F.cmd('access.password', { password: 'daisy' })).toMatchObject({ ok: true });
    await until(() => raw.heard.some((h) => h.event === 'signedOut'));
    expect(raw.heard[0]).toMatchObject({ event: 'signedOut', info: { reason: 'password' } });
    expect(await sendCommand(raw.socket, { id: newId(), type: 'card.add', columnId: 'start', text: 'still here?' })).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    const closedDoc = await A.notesConn!.waitClosed();
    expect(closedDoc.code).toBe(WS_CLOSE.FORBIDDEN);
    // DO-10: the board document, read over the socket, ends too: asking again is NOT_JOINED
    expect(await A.socket!.timeout(5000).emitWithAck('board.doc', BOARD_STEP1_EMPTY)).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    // DO-6: documents open only with a ticket from a joined session, which a signed-out person no longer has.
    await expect(docTicket(A.socket!, 'board')).rejects.toThrow(/NOT_JOINED/);
    expect(await raw.join({ password: 'tulip' })).toMatchObject({ ok: false, code: 'WRONG_PASSWORD' });
    expect(await raw.join({ password: 'daisy' })).toMatchObject({ ok: true });
    // The facilitator is not signed out.
    expect(await F.cmd('timer.start', { durationSec: 60 })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()?.participants.find((p) => p.name === 'Alex')?.online === false);
    raw.socket.close();
  });

  it('JN-3 with knock on, a newcomer waits; the facilitator sees the knock, admits one and refuses another, who is told whom to ask', async () => {
    const { boardId, F, A } = await boardWithPeople(live.server.url, live.people);
    expect(await F.cmd('access.knock', { on: true })).toMatchObject({ ok: true });
    // people already in stay in
    expect(await A.reconnect()).toMatchObject({ ok: true });
    const nell = await rawJoin(live.server.url, boardId, { name: 'Nell' });
    expect(nell.ack).toMatchObject({ ok: false, code: 'WAITING_TO_BE_ADMITTED' });
    expect((nell.ack as { message: string }).message).toContain('Fran');
    const otto = await rawJoin(live.server.url, boardId, { name: 'Otto' });
    await F.waitFor(() => F.me?.knocks.length === 2);
    expect(A.me?.knocks).toEqual([]);
    expect(JSON.stringify(A.board())).not.toContain('Nell');
    expect(await sendCommand(nell.socket, { id: newId(), type: 'card.add', columnId: 'start', text: 'sneaking in' })).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    const knockOf = (name: string) => F.me!.knocks.find((k) => k.name === name)!.id;
    expect(await A.cmd('access.admit', { knockId: knockOf('Nell'), admit: true })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('access.admit', { knockId: knockOf('Nell'), admit: true })).toMatchObject({ ok: true });
    expect(await F.cmd('access.admit', { knockId: knockOf('Otto'), admit: false })).toMatchObject({ ok: true });
    await until(() => nell.heard.length > 0 && otto.heard.length > 0);
    expect(nell.heard[0]).toMatchObject({ event: 'knockAnswered', info: { admitted: true } });
    expect(otto.heard[0]).toMatchObject({ event: 'knockAnswered', info: { admitted: false } });
    expect((otto.heard[0]!.info as { message: string }).message).toContain('Ask Fran');
    expect(await nell.join()).toMatchObject({ ok: true });
    expect(await otto.join()).toMatchObject({ ok: false, code: 'WAITING_TO_BE_ADMITTED' });
    await F.waitFor(() => F.board()?.participants.some((p) => p.name === 'Nell') && F.me?.knocks.length === 1);
    otto.socket.close();
    await F.waitFor(() => F.me?.knocks.length === 0);
    nell.socket.close();
  });

  it('JN-4 with joining locked, newcomers are refused with JOINING_LOCKED; people already in come back', async () => {
    const { boardId, F, A } = await boardWithPeople(live.server.url, live.people);
    expect(await A.cmd('access.lockJoining', { locked: true })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('access.lockJoining', { locked: true })).toMatchObject({ ok: true });
    const late = await rawJoin(live.server.url, boardId);
    expect(late.ack).toMatchObject({ ok: false, code: 'JOINING_LOCKED' });
    expect((late.ack as { message: string }).message).toContain('Ask Fran');
    expect(await A.reconnect()).toMatchObject({ ok: true });
    expect(await F.cmd('access.lockJoining', { locked: false })).toMatchObject({ ok: true });
    expect(await late.join()).toMatchObject({ ok: true });
    late.socket.close();
  });
});

describe('lock, remove, hide, sign', () => {
  const live = useServer();

  it('LK-1 a locked board refuses a participant’s writes with BOARD_LOCKED; the facilitator unlocks', async () => {
    const { F, A } = await boardWithPeople(live.server.url, live.people);
    expect(await F.cmd('board.lock', { locked: true })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.locked === true);
    expect(await A.cmd('card.add', { columnId: 'start', text: 'blocked' })).toMatchObject({ ok: false, code: 'BOARD_LOCKED' });
    expect(await F.cmd('card.add', { columnId: 'start', text: 'facilitator writes' })).toMatchObject({ ok: true });
    expect(await F.cmd('board.lock', { locked: false })).toMatchObject({ ok: true });
    expect(await A.cmd('card.add', { columnId: 'start', text: 'allowed again' })).toMatchObject({ ok: true });
  });

  it('MO-1 (MO-2) a removed participant’s connections end, the room is told, and that identity cannot come back', async () => {
    const { boardId, F, A, B } = await boardWithPeople(live.server.url, live.people);
    const signedOut: unknown[] = [];
    B.socket!.on('signedOut', (info: unknown) => signedOut.push(info));
    const handle = F.board()!.participants.find((p) => p.name === 'Bea')!.handle;
    expect(await A.cmd('participant.remove', { handle })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('participant.remove', { handle })).toMatchObject({ ok: true });
    await until(() => signedOut.length === 1 && B.socket?.connected === false);
    expect(signedOut[0]).toMatchObject({ reason: 'removed' });
    expect((await B.notesConn!.waitClosed()).code).toBe(WS_CLOSE.FORBIDDEN);
    await A.waitFor(() => A.board()?.removed.includes('Bea') && !A.board()?.participants.some((p) => p.name === 'Bea'));
    const again = await openSocket(live.server.url, { boardId });
    const ack = await sendCommand(again, { id: newId(), type: 'join', participantId: B.participantId, secret: B.secret, name: 'Bea' });
    expect(ack).toMatchObject({ ok: false, code: 'REMOVED' });
    await expect(docTicket(again, 'board')).rejects.toThrow(/NOT_JOINED/);
    again.close();
    await closed(again);
  });

  it('MO-3 the facilitator hides a revealed card: gone from every view and the export; the ack names nobody', async () => {
    const { boardId, F, A } = await boardWithPeople(live.server.url, live.people);
    const bad = (await A.cmd('card.add', { columnId: 'start', text: 'ABUSIVE-CARD-TEXT' })) as { ok: true; data: { cardId: string } };
    await A.cmd('card.add', { columnId: 'start', text: 'a fine card' });
    expect(await F.cmd('card.hide', { cardId: bad.data.cardId })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    expect(await A.cmd('card.hide', { cardId: bad.data.cardId })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    const hidden = await F.cmd('card.hide', { cardId: bad.data.cardId });
    expect(hidden).toEqual({ ok: true, data: {} });
    await F.waitFor(() => F.board()?.hiddenCards === 1);
    expect(JSON.stringify(F.board())).not.toContain('ABUSIVE-CARD-TEXT');
    await A.waitFor(() => A.me?.cards.length === 1);
    for (const phase of ['vote', 'discuss', 'act', 'closed']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    for (const file of ['export.md', 'export.csv', 'export.json']) {
      const res = await F.fetchText(`/api/boards/${boardId}/${file}`);
      expect(res.status).toBe(200);
      expect(res.body).not.toContain('ABUSIVE-CARD-TEXT');
    }
    // EX-10: the Markdown in the language the page asks for, English for any other
    const german = await F.fetchText(`/api/boards/${boardId}/export.md?lang=de`);
    expect(german.body).toMatch(/## Maßnahmen[\s\S]*## Alle Karten[\s\S]*a fine card/);
    expect(german.body).not.toContain('ABUSIVE-CARD-TEXT');
    for (const lang of ['xx', 'de&lang=en', '']) expect((await F.fetchText(`/api/boards/${boardId}/export.md?lang=${lang}`)).body).toContain('## All cards');
  });

  it('EX-3 MO-3 a deleted action\'s words are in no export, the JSON included; a card hidden in Discuss is in none, the room\'s notes on it stay under "(removed)"', async () => {
    const { boardId, F, A } = await boardWithPeople(live.server.url, live.people);
    const bad = (await A.cmd('card.add', { columnId: 'start', text: 'ABUSIVE-IN-DISCUSS' })) as { ok: true; data: { cardId: string } };
    const fine = (await A.cmd('card.add', { columnId: 'start', text: 'a fine card' })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote', 'discuss']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    const note = async (itemId: string, text: string) => {
      expect(await F.cmd('discuss.select', { itemId })).toMatchObject({ ok: true });
      await A.waitFor(() => A.notes(`item:${itemId}`) !== undefined);
      A.typeNote(`item:${itemId}`, text);
      await F.waitFor(() => F.notes(`item:${itemId}`) === text);
    };
    // the room discusses the abusive card and writes under it; then the facilitator hides it
    await note(bad.data.cardId, 'NOTE-ON-THE-HIDDEN-ITEM');
    await note(fine.data.cardId, 'NOTE-KEPT');
    expect(await F.cmd('action.create', { itemId: fine.data.cardId, text: 'ACTION-KEPT' })).toMatchObject({ ok: true });
    const gone = (await F.cmd('action.create', { itemId: fine.data.cardId, text: 'ACTION-DELETED' })) as { ok: true; data: { actionId: string } };
    expect(await F.cmd('action.delete', { actionId: gone.data.actionId })).toMatchObject({ ok: true });
    expect(await F.cmd('card.hide', { cardId: bad.data.cardId })).toMatchObject({ ok: true });
    for (const phase of ['act', 'closed']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    const exported: Record<string, string> = {};
    for (const file of ['export.json', 'export.md', 'export.csv', 'actions.csv']) {
      const { status, body } = await F.fetchText(`/api/boards/${boardId}/${file}`);
      expect(status).toBe(200);
      for (const text of ['ABUSIVE-IN-DISCUSS', 'ACTION-DELETED']) expect(body, `${text} in ${file}`).not.toContain(text);
      exported[file] = body;
    }
    // what stays on the board is in the JSON; the room's notes on the hidden card's item are where the Markdown has them
    for (const text of ['a fine card', 'NOTE-KEPT', 'ACTION-KEPT', 'NOTE-ON-THE-HIDDEN-ITEM']) expect(exported['export.json']).toContain(text);
    expect(exported['export.md']).toMatch(/### \(removed\)\n\n> NOTE-ON-THE-HIDDEN-ITEM/);
  });

  it('SG-2 nobody but the author can sign a card: the facilitator and others get NOT_YOURS from a raw socket', async () => {
    const { F, A, B } = await boardWithPeople(live.server.url, live.people);
    const card = (await A.cmd('card.add', { columnId: 'start', text: 'signed later' })) as { ok: true; data: { cardId: string } };
    const cardId = card.data.cardId;
    expect(await A.cmd('card.sign', { cardId, signed: true })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    expect(await F.cmd('card.sign', { cardId, signed: true })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await B.cmd('card.sign', { cardId, signed: true })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(B.board()?.cards.find((c) => c.id === cardId)?.signedBy).toBeNull();
    expect(await A.cmd('card.sign', { cardId, signed: true })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.cards.find((c) => c.id === cardId)?.signedBy === 'Alex');
    expect(A.me?.cards[0]?.signed).toBe(true);
  });

  it('VO-10 mid-vote the facilitator only raises budget and cap, and the refusal of a lower one says the same before and after votes', async () => {
    const { F, A } = await boardWithPeople(live.server.url, live.people);
    const card = (await A.cmd('card.add', { columnId: 'start', text: 'vote on me' })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    const probe = () => F.cmd('settings.update', { voteBudget: 1, perItemCap: 1 }) as Promise<Ack>;
    const before = await probe();
    expect(await A.cmd('vote.cast', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    expect(await A.cmd('vote.cast', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    const below = await probe();
    expect(below).toMatchObject({ ok: false, code: 'ONLY_RAISED_WHILE_VOTING' });
    // the old refusal gave the most votes anyone had spent: polled, a live view of Alex's votes
    expect(below).toEqual(before);
    expect(await F.cmd('settings.update', { voteBudget: 6, perItemCap: 4 })).toMatchObject({ ok: true });
    await A.waitFor(() => A.me?.votesLeft === 4);
    expect(await A.cmd('vote.cast', { itemId: card.data.cardId })).toMatchObject({ ok: true });
  });
});

describe('stepping', () => {
  const live = useServer();

  it('PH-2 a step sent from a phase the room has left is refused with CONFLICT and moves nothing: a second press, or a second device still showing an older phase, never takes another step', async () => {
    const { F, A, B } = await boardWithPeople(live.server.url, live.people);
    const card = (await A.cmd('card.add', { columnId: 'start', text: 'Deploys on Friday' })) as { ok: true; data: { cardId: string } };
    expect(await F.cmd('phase.set', { phase: 'reveal', from: 'write' })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'vote', from: 'reveal' })).toMatchObject({ ok: true });
    for (const voter of [A, B]) expect(await voter.cmd('vote.cast', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'discuss', from: 'vote' })).toMatchObject({ ok: true });
    // the facilitator's phone still shows Reveal: its "Next: Vote" would take the room back from Discuss and clear
    // every vote (AN-12), without the question the step back asks
    expect(await F.cmd('phase.set', { phase: 'vote', from: 'reveal' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    // the same press again, sent twice: not a step on from where the room is now
    expect(await F.cmd('phase.set', { phase: 'discuss', from: 'vote' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    // a step from a phase the room never had is refused the same way, before the step itself is judged
    expect(await F.cmd('phase.set', { phase: 'act', from: 'write' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    await A.waitFor(() => A.board()?.phase === 'discuss');
    expect(A.board()?.phase).toBe('discuss');
    // from the phase the room is in, the step is taken; and the votes were never cleared
    expect(await F.cmd('phase.set', { phase: 'act', from: 'discuss' })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()?.phase === 'act');
    expect(A.me?.votes[card.data.cardId]).toBe(1);
  });
});
