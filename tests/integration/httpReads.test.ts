import { describe, expect, it } from 'vitest';
import { Person, createBoard, docTicket, newId, openSocket, sendCommand, until, useServer } from './harness.js';
import { BOARD_STEP1_EMPTY } from './socketBoardReader.js';

/**
 * JN-6: the board over HTTP is for the people in the room, on the same terms as the room itself. The link alone
 * shows the retro's name (for the join form); the public view and every export need a participant's credentials
 * that the door (JN-*, MO-1) would still let in. Otherwise anyone holding the link could read a password-protected
 * board, a removed person could keep reading it, and a reader would never show up in the people list.
 */

const EXPORTS = ['export.md', 'export.csv', 'actions.csv', 'export.json'];

async function read(url: string, pathname: string, who?: Person) {
  const headers: Record<string, string> = who ? { authorization: `Candor ${who.participantId} ${who.secret}` } : {};
  const res = await fetch(`${url}${pathname}`, { headers });
  return { status: res.status, body: await res.text() };
}

/** A closed retro of three; `beforeClose` runs in Act, where the facilitator can still change who is in. */
async function closedRetro(url: string, people: Person[], beforeClose: (room: { F: Person; A: Person; B: Person }) => Promise<void> = async () => {}) {
  const { boardId, facilitatorKey } = await createBoard(url, 'Quiet retro');
  const [F, A, B] = [new Person(url), new Person(url), new Person(url)];
  people.push(F, A, B);
  await F.connect(boardId, 'Fran', facilitatorKey);
  await A.connect(boardId, 'Alex');
  await B.connect(boardId, 'Bea');
  await A.cmd('card.add', { columnId: 'start', text: 'SECRET-CARD-TEXT' });
  for (const phase of ['reveal', 'vote', 'discuss', 'act']) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
  await beforeClose({ F, A, B });
  expect(await F.cmd('phase.set', { phase: 'closed' })).toMatchObject({ ok: true });
  return { boardId, F, A, B };
}

/** Fran (facilitating) and `alexName` in a new board whose door makes newcomers knock (JN-3). */
async function roomBehindDoor(url: string, people: Person[], title: string, alexName: string) {
  const { boardId, facilitatorKey } = await createBoard(url, title);
  const [F, A] = [new Person(url), new Person(url)];
  people.push(F, A);
  await F.connect(boardId, 'Fran', facilitatorKey);
  await A.connect(boardId, alexName);
  expect(await F.cmd('access.knock', { on: true })).toMatchObject({ ok: true });
  return { boardId, F, A };
}

describe('reading a board over HTTP', () => {
  const live = useServer();

  it('JN-6 the link alone shows the name only; the view and the exports need the credentials of someone in the room', async () => {
    const { boardId, A } = await closedRetro(live.server.url, live.people);
    const stranger = await read(live.server.url, `/api/boards/${boardId}`);
    expect(stranger.status).toBe(200);
    expect(JSON.parse(stranger.body)).toEqual({ door: { id: boardId, name: 'Quiet retro', facilitator: 'Fran' } });
    for (const file of EXPORTS) {
      const res = await read(live.server.url, `/api/boards/${boardId}/${file}`);
      expect(res.status, file).toBe(401);
      expect(res.body).not.toContain('SECRET-CARD-TEXT');
    }
    const member = await read(live.server.url, `/api/boards/${boardId}`, A);
    expect(member.status).toBe(200);
    expect(member.body).toContain('SECRET-CARD-TEXT');
    for (const file of EXPORTS.filter((f) => f !== 'actions.csv')) {
      const res = await read(live.server.url, `/api/boards/${boardId}/${file}`, A);
      expect(res.status, file).toBe(200);
      expect(res.body, file).toContain('SECRET-CARD-TEXT');
    }
    // a made-up secret for a real participant id is a stranger
    const forged = await fetch(`${live.server.url}/api/boards/${boardId}/export.md`, { headers: { authorization: `Candor ${A.participantId} not-the-secret` } });
    expect(forged.status).toBe(401);
  });

  it('JN-6 JN-3 JN-4 RC-4 someone knocking, refused at the knock or turned away by a locked door reads nothing over HTTP', async () => {
    const url = live.server.url;
    const { boardId, facilitatorKey } = await createBoard(url, 'Quiet retro');
    const [F, A] = [new Person(url), new Person(url)];
    live.people.push(F, A);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    await A.cmd('card.add', { columnId: 'start', text: 'SECRET-CARD-TEXT' });
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    expect(await F.cmd('access.knock', { on: true })).toMatchObject({ ok: true });
    const knock = async (name: string) => {
      const socket = await openSocket(url, { boardId });
      const who = { participantId: newId(), secret: newId(32) };
      const ack = await sendCommand(socket, { id: newId(), type: 'join', ...who, name });
      return { socket, ack, who };
    };
    const readsNothing = async (who: { participantId: string; secret: string }) => {
      const headers = { authorization: `Candor ${who.participantId} ${who.secret}` };
      const view = await fetch(`${url}/api/boards/${boardId}`, { headers });
      const body = await view.text();
      expect(body).not.toContain('SECRET-CARD-TEXT');
      expect(JSON.parse(body)).not.toHaveProperty('board');
      for (const file of EXPORTS) {
        const res = await fetch(`${url}/api/boards/${boardId}/${file}`, { headers });
        expect(res.status, file).toBeGreaterThanOrEqual(400);
        expect(await res.text(), file).not.toContain('SECRET-CARD-TEXT');
      }
    };
    const nell = await knock('Nell');
    expect(nell.ack).toMatchObject({ ok: false, code: 'WAITING_TO_BE_ADMITTED' });
    await F.waitFor(() => F.me?.knocks.length === 1);
    await readsNothing(nell.who);
    expect(await F.cmd('access.admit', { knockId: F.me!.knocks[0]!.id, admit: false })).toMatchObject({ ok: true });
    await F.waitFor(() => F.me?.knocks.length === 0);
    await readsNothing(nell.who);
    nell.socket.close();
    expect(await F.cmd('access.knock', { on: false })).toMatchObject({ ok: true });
    expect(await F.cmd('access.lockJoining', { locked: true })).toMatchObject({ ok: true });
    const late = await knock('Otto');
    expect(late.ack).toMatchObject({ ok: false, code: 'JOINING_LOCKED' });
    await readsNothing(late.who);
    late.socket.close();
    // Alex, in the room before the door closed, still reads
    expect((await read(url, `/api/boards/${boardId}`, A)).body).toContain('SECRET-CARD-TEXT');
  });

  it('JN-6 JN-3 a socket knocking at the door is sent nothing of the board while it waits: no card, no name but its own, no document', async () => {
    const url = live.server.url;
    const { boardId, F, A } = await roomBehindDoor(url, live.people, 'Behind the door', 'Alex-IN-THE-ROOM');
    const received: Buffer[] = [];
    const socket = await openSocket(url, { boardId }, (bytes) => received.push(bytes));
    const ack = await sendCommand(socket, { id: newId(), type: 'join', participantId: newId(), secret: newId(32), name: 'Nell' });
    expect(ack).toMatchObject({ ok: false, code: 'WAITING_TO_BE_ADMITTED' });
    await F.waitFor(() => F.me?.knocks.length === 1);
    // the room goes on while she waits: cards written and revealed, someone comes and goes, a note
    await A.cmd('card.add', { columnId: 'start', text: 'SECRET-CARD-BEHIND-THE-DOOR' });
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    const B = new Person(url);
    live.people.push(B);
    await F.cmd('access.knock', { on: false });
    await B.connect(boardId, 'Bea-CAME-AND-WENT');
    await F.cmd('access.knock', { on: true });
    await B.disconnect();
    // what she asks for is refused
    expect(await socket.timeout(10_000).emitWithAck('board.doc', BOARD_STEP1_EMPTY)).toMatchObject({ ok: false, code: 'NOT_JOINED' });
    for (const doc of ['board', 'notes'] as const) await expect(docTicket(socket, doc)).rejects.toThrow(/NOT_JOINED/);
    const bytes = Buffer.concat(received);
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of ['SECRET-CARD-BEHIND-THE-DOOR', 'Alex-IN-THE-ROOM', 'Bea-CAME-AND-WENT', A.participantId]) expect(bytes.includes(secret), secret).toBe(false);
    socket.close();
  });

  it('JN-9 JN-3 JN-6 a knock cannot ask whether a name is in the room: a name taken there knocks as any other, and is refused once let in', async () => {
    const url = live.server.url;
    const { boardId, F, A } = await roomBehindDoor(url, live.people, 'Who is in', 'Alex-IN-THE-ROOM');
    // before, a knock with a name of someone here was answered NAME_TAKEN, any other WAITING_TO_BE_ADMITTED: someone
    // outside the door could try names (20 a second) and learn who was in, without ever being let in
    const knock = async (name: string) => {
      const socket = await openSocket(url, { boardId });
      const who = { participantId: newId(), secret: newId(32) };
      const ack = await sendCommand(socket, { id: newId(), type: 'join', ...who, name });
      return { socket, ack, who };
    };
    const taken = await knock('alex-in-the-room');
    const free = await knock('Nobody-Here');
    expect(taken.ack).toEqual(free.ack);
    expect(taken.ack).toMatchObject({ ok: false, code: 'WAITING_TO_BE_ADMITTED' });
    await F.waitFor(() => F.me?.knocks.length === 2);
    // let in, the newcomer may still not wear the name of someone here (JN-9), and may take another
    const knockId = F.me!.knocks.find((k) => k.name === 'alex-in-the-room')!.id;
    const answered = new Promise<{ admitted: boolean }>((resolve) => taken.socket.once('knockAnswered', resolve));
    expect(await F.cmd('access.admit', { knockId, admit: true })).toMatchObject({ ok: true });
    expect(await answered).toMatchObject({ admitted: true });
    expect(await sendCommand(taken.socket, { id: newId(), type: 'join', ...taken.who, name: 'alex-in-the-room' })).toMatchObject({ ok: false, code: 'NAME_TAKEN', waitSeconds: expect.any(Number) });
    expect(await sendCommand(taken.socket, { id: newId(), type: 'join', ...taken.who, name: 'Alex B' })).toMatchObject({ ok: true });
    taken.socket.close();
    free.socket.close();
  });

  it('JN-9 a second Alex reads a closed retro while the first Alex has it open; a running retro still holds the name', async () => {
    const url = live.server.url;
    const newcomer = async (boardId: string) => {
      const socket = await openSocket(url, { boardId });
      const who = { participantId: newId(), secret: newId(32) };
      const ack = await sendCommand(socket, { id: newId(), type: 'join', ...who, name: 'alex' });
      socket.close();
      return { ack, who };
    };
    // running: the name of someone here now is theirs (two Alexes in the people list, among an action's owners…)
    const { boardId: running, facilitatorKey } = await createBoard(url, 'Running retro');
    const [F, A] = [new Person(url), new Person(url)];
    live.people.push(F, A);
    await F.connect(running, 'Fran', facilitatorKey);
    await A.connect(running, 'Alex');
    expect((await newcomer(running)).ack).toMatchObject({ ok: false, code: 'NAME_TAKEN' });
    // closed, with Alex still on its summary: another Alex comes to read it, and is let in (he was told to wait for a
    // name nobody would ever free while the first Alex read on); he reads the board as anyone in it does
    const closed = await closedRetro(url, live.people);
    expect(closed.A.socket?.connected).toBe(true);
    const second = await newcomer(closed.boardId);
    expect(second.ack).toMatchObject({ ok: true });
    const view = await fetch(`${url}/api/boards/${closed.boardId}`, { headers: { authorization: `Candor ${second.who.participantId} ${second.who.secret}` } });
    const body = (await view.json()) as { board?: { phase: string; participants: { name: string }[] } };
    expect(body.board?.phase).toBe('closed');
    expect(body.board?.participants.map((p) => p.name).filter((n) => n.toLowerCase() === 'alex')).toHaveLength(2);
  });

  it('JN-6 MO-1 a removed participant reads nothing more over HTTP', async () => {
    const { boardId, B } = await closedRetro(live.server.url, live.people, async ({ F, B }) => {
      const handle = F.board()!.participants.find((p) => p.name === 'Bea')!.handle;
      expect(await F.cmd('participant.remove', { handle })).toMatchObject({ ok: true });
      await until(() => B.socket?.connected === false);
    });
    expect(JSON.parse((await read(live.server.url, `/api/boards/${boardId}`, B)).body)).not.toHaveProperty('board');
    for (const file of EXPORTS) expect((await read(live.server.url, `/api/boards/${boardId}/${file}`, B)).status, file).toBe(403);
  });

  it('JN-6 JN-2 after a new password, people who have not entered it read nothing; the facilitator still does', async () => {
    const { boardId, F, A } = await closedRetro(live.server.url, live.people, async ({ F }) => {
      expect(await F.cmd('access.password', { password: 'daisy' })).toMatchObject({ ok: true });
    });
    await until(async () => (await read(live.server.url, `/api/boards/${boardId}/export.md`, A)).status === 403);
    expect(JSON.parse((await read(live.server.url, `/api/boards/${boardId}`, A)).body)).not.toHaveProperty('board');
    expect((await read(live.server.url, `/api/boards/${boardId}/export.md`, F)).status).toBe(200);
  });

  it('JN-6 TM-1 a team retro behind a password: the team link reads what the team page shows (its actions and owners), never its cards or its view', async () => {
    const url = live.server.url;
    const team = (await (await fetch(`${url}/api/teams`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Door team' }) })).json()) as { teamId: string };
    const made = await fetch(`${url}/api/teams/${team.teamId}/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Locked sprint', templateId: 'start-stop-continue' }) });
    const { boardId, facilitatorKey } = (await made.json()) as { boardId: string; facilitatorKey: string };
    const [F, A] = [new Person(url), new Person(url)];
    live.people.push(F, A);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    expect(await F.cmd('access.password', { password: 'tulip' })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'write' })).toMatchObject({ ok: true });
    const card = (await F.cmd('card.add', { columnId: 'start', text: 'TEAM-DOOR-CARD' })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote', 'discuss'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    const action = (await F.cmd('action.create', { itemId: card.data.cardId, text: 'TEAM-DOOR-ACTION' })) as { ok: true; data: { actionId: string } };
    expect(await F.cmd('action.volunteer', { actionId: action.data.actionId, volunteer: true })).toMatchObject({ ok: true });

    // the board's own link: the door only
    expect(JSON.parse((await read(url, `/api/boards/${boardId}`)).body)).toEqual({ door: { id: boardId, name: 'Locked sprint', facilitator: 'Fran' } });
    // the team link: the retro's outcome as the team page shows it, with no credentials and nobody in the people list
    for (const path of [`/api/teams/${team.teamId}`, `/api/teams/${team.teamId}/export.json`]) {
      const page = await read(url, path);
      expect(page.status, path).toBe(200);
      // the download is indented (TM-10): read as one line, as the page's own read is
      const body = JSON.stringify(JSON.parse(page.body));
      expect(body, path).toContain('TEAM-DOOR-ACTION');
      expect(body, path).toContain('"owners":["Fran"]');
      expect(body, path).not.toContain('TEAM-DOOR-CARD');
      for (const secret of [F.participantId, A.participantId, F.secret, facilitatorKey]) expect(page.body, path).not.toContain(secret);
    }
  });
});
