import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Person, createBoard, useServer } from './harness.js';
import { openDataFile } from './atRest.js';

/** SU: the summary email, end to end through a real SMTP server started here. */

/** The message's text as a mail program shows it: quoted-printable soft breaks and escapes undone. */
function decodedBody(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

interface Received {
  to: string[];
  raw: string;
}

const inbox: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  // plain SMTP on localhost: no certificate to trust
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
      callback();
    });
  },
});
const smtpPort = await new Promise<number>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port)));

describe('summary email', () => {
  const live = useServer({ smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
  beforeAll(() => inbox.splice(0));
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it('SU-1 at Close the facilitator emails the summary; it arrives with the cards and notes, and no author, voter or address is kept', async () => {
    expect(await (await fetch(`${live.server.url}/api/features`)).json()).toEqual({ email: true });
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Sprint 9 retro');
    const [F, A, B] = [new Person(live.server.url), new Person(live.server.url), new Person(live.server.url)];
    live.people.push(F, A, B);
    await F.connect(boardId, 'Fran-FACILITATOR', facilitatorKey);
    await A.connect(boardId, 'Ada-AUTHOR-NAME');
    await B.connect(boardId, 'Bo-VOTER-NAME');
    const card = (await A.cmd('card.add', { columnId: 'start', text: 'Pairing on deploys helped' })) as { ok: true; data: { cardId: string } };
    for (const phase of ['reveal', 'vote'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await B.cmd('vote.cast', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    expect(await F.cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.select', { itemId: card.data.cardId })).toMatchObject({ ok: true });
    const key = `item:${card.data.cardId}`;
    await A.waitFor(() => A.notes(key) !== undefined);
    A.typeNote(key, 'We agreed to keep pairing');
    await F.waitFor(() => F.notes(key) === 'We agreed to keep pairing');
    expect(await F.cmd('phase.set', { phase: 'act' })).toMatchObject({ ok: true });
    expect(await F.cmd('summary.email', { to: ['team@example.com'] })).toMatchObject({ ok: false, code: 'WRONG_PHASE' });
    expect(await F.cmd('phase.set', { phase: 'closed' })).toMatchObject({ ok: true });

    expect(await B.cmd('summary.email', { to: ['bo@example.com'] })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    const sent = await F.cmd('summary.email', { to: ['team-ADDR@example.com', 'lead-ADDR@example.org'] });
    expect(sent).toEqual({ ok: true, data: { sent: 2 } });

    await F.waitFor(() => inbox.length === 1);
    const [mail] = inbox;
    expect(mail!.to.sort()).toEqual(['lead-ADDR@example.org', 'team-ADDR@example.com']);
    expect(mail!.raw).toContain('Subject: Retro summary: Sprint 9 retro');
    const text = decodedBody(mail!.raw);
    // (AN-12: one voter, so no count: it would be Bo's vote)
    expect(text).toContain('Pairing on deploys helped');
    expect(text).not.toMatch(/\d+ votes?\)/);
    expect(text).toContain('We agreed to keep pairing');
    for (const name of ['Ada-AUTHOR-NAME', 'Bo-VOTER-NAME', A.participantId, B.participantId]) {
      expect(mail!.raw).not.toContain(name);
      expect(text).not.toContain(name);
    }

    // EX-10: sent from a German page, the summary and its subject are German; what people wrote is as they wrote it
    expect(await F.cmd('summary.email', { to: ['team-ADDR@example.com'], lang: 'de' })).toEqual({ ok: true, data: { sent: 1 } });
    await F.waitFor(() => inbox.length === 2);
    expect(decodedBody(inbox[1]!.raw)).toMatch(/## Maßnahmen[\s\S]*## Besprochen[\s\S]*We agreed to keep pairing[\s\S]*## Alle Karten/);
    expect(inbox[1]!.raw).not.toContain('Subject: Retro summary');
    expect(await F.cmd('summary.email', { to: ['team-ADDR@example.com'], lang: 'xx' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });

    // The addresses were used for the message only: nothing in the database holds them.
    const db = openDataFile(live.server.dbFile);
    try {
      for (const table of ['events', 'commands', 'participants', 'boards']) {
        const dump = JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all());
        expect(dump, table).not.toContain('ADDR@example');
      }
    } finally {
      db.close();
    }
  });
});
