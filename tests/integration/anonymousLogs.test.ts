import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@candor/server';
import { type FaultyStore, faultyStore } from '@candor/server/testing';
import type { Ack } from '@candor/shared';
import { personTags, storedTags } from './atRest.js';
import { Person, createBoard, newId, openSocket, sendCommand, useServer } from './harness.js';

/**
 * The README: the running server knows which cards and votes carry whose tag, and "Candor does not log any of
 * this". A whole retro runs with the log at `trace`, through the paths a client can make the server complain
 * on (refusals, bad input, a card too long, unknown events, malformed document messages) and a commit the store
 * fails; then no log line may hold a card's text or id, an item voted on, an action, a person's tags or a
 * stored fact's tag, or the participant id of anyone who wrote, voted or answered.
 */

const lines: string[] = [];
const memory = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString());
    done();
  },
});

function ok(ack: Ack): Extract<Ack, { ok: true }> {
  expect(ack).toMatchObject({ ok: true });
  return ack as Extract<Ack, { ok: true }>;
}

describe('what the log holds', () => {
  let faults: FaultyStore | null = null;
  const live = useServer({
    logger: createLogger('trace', memory),
    wrapStore: (store) => (faults = faultyStore(store, ['commit', 'commitBatch'])),
  });

  it('AR-10 AN-1 GP-5 no log line links anyone to a card, a vote or an answer ("worth the time?" among them), also when commands are refused or a commit fails', async () => {
    const { url, dbFile, keyFile } = live.server;
    const { boardId, facilitatorKey } = await createBoard(url, 'Quiet log');
    const [F, A, B, C] = [new Person(url), new Person(url), new Person(url), new Person(url)];
    live.people.push(F, A, B, C);
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    await B.connect(boardId, 'Bea');
    await C.connect(boardId, 'Cleo');

    const texts = ['LOG-CARD-ALEX', 'LOG-CARD-BEA', 'LOG-CARD-CLEO', 'LOG-CARD-ALEX-EDITED'];
    for (const [p, value] of [[F, 3], [A, 1], [B, 5], [C, 2]] as const) ok(await p.cmd('pulse.answer', { value }));
    const a1 = (ok(await A.cmd('card.add', { columnId: 'start', text: texts[0] })).data as { cardId: string }).cardId;
    const b1 = (ok(await B.cmd('card.add', { columnId: 'stop', text: texts[1] })).data as { cardId: string }).cardId;
    const c1 = (ok(await C.cmd('card.add', { columnId: 'continue', text: texts[2] })).data as { cardId: string }).cardId;
    ok(await A.cmd('card.edit', { cardId: a1, text: texts[3] }));
    // refusals and bad input, each carrying a card id or a text
    expect(await B.cmd('card.edit', { cardId: a1, text: 'LOG-NOT-YOURS' })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await B.cmd('card.add', { columnId: 'start', text: `LOG-TOO-LONG-${'x'.repeat(1000)}` })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await B.cmd('card.add', { columnId: 'nowhere', text: 'LOG-NO-COLUMN' })).toMatchObject({ ok: false });
    expect(await A.cmd('card.add', { columnId: 'start', text: 'LOG-EXTRA-KEY', authorTag: 'LOG-FORGED-TAG' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const raw = await openSocket(url, { boardId });
    expect(await sendCommand(raw, { id: newId(), type: 'card.add', columnId: 'start', text: 'LOG-BEFORE-JOIN' })).toMatchObject({ ok: false });
    raw.emit('card.whisper', { cardId: a1, participantId: A.participantId });
    raw.close();
    // malformed board-document messages (DO-11) from someone who joined and wrote nothing, until the server hangs up
    const dee = await openSocket(url, { boardId });
    ok(await sendCommand(dee, { id: newId(), type: 'join', participantId: newId(), secret: newId(32), name: 'Dee' }));
    for (let i = 0; i < 4; i++) dee.emit('board.doc', Buffer.from([0, 9, 9, 9]), () => undefined);
    dee.close();

    // a commit the store fails: answered INTERNAL, logged
    faults!.failNext(1);
    expect(await C.cmd('card.add', { columnId: 'start', text: 'LOG-FAILED-COMMIT' })).toMatchObject({ ok: false, code: 'INTERNAL' });

    for (const phase of ['reveal', 'vote'] as const) ok(await F.cmd('phase.set', { phase }));
    for (const [p, itemId] of [[A, b1], [B, c1], [C, a1], [F, a1]] as const) ok(await p.cmd('vote.cast', { itemId }));
    for (let i = 0; i < 3; i++) await A.cmd('vote.cast', { itemId: b1 });
    ok(await F.cmd('phase.set', { phase: 'discuss' }));
    ok(await F.cmd('discuss.select', { itemId: a1 }));
    ok(await A.cmd('reaction.toggle', { itemId: a1, reaction: 'agree', on: true }));
    ok(await F.cmd('lens.set', { on: true }));
    ok(await B.cmd('lens.tap', { itemId: a1, part: 'empathy', on: true }));
    const actionId = (ok(await F.cmd('action.create', { itemId: a1, text: 'LOG-ACTION' })).data as { actionId: string }).actionId;
    ok(await F.cmd('consensus.start', { actionId }));
    ok(await B.cmd('consensus.answer', { actionId, value: 1 }));
    // GP-5: "worth the time?" in Act, one answer changed, one refused for a key of its own
    ok(await F.cmd('phase.set', { phase: 'act' }));
    for (const [p, value] of [[A, 2], [B, 5], [C, 4], [A, 3]] as const) ok(await p.cmd('roti.answer', { value }));
    expect(await C.cmd('roti.answer', { value: 9, note: 'LOG-ROTI-EXTRA' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });

    const log = lines.join('');
    // a positive control: at `trace` the server did write lines, the failed commit among them
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => /batch not stored|command failed/.test(l))).toBe(true);

    const forbidden: Record<string, string> = { 'the action': actionId, 'the action text': 'LOG-ACTION' };
    for (const [i, text] of texts.entries()) forbidden[`card text ${i}`] = text;
    for (const marker of ['LOG-NOT-YOURS', 'LOG-TOO-LONG', 'LOG-NO-COLUMN', 'LOG-FORGED-TAG', 'LOG-BEFORE-JOIN', 'LOG-FAILED-COMMIT', 'LOG-ROTI-EXTRA']) forbidden[marker] = marker;
    for (const [name, id] of Object.entries({ a1, b1, c1 })) forbidden[`card id ${name}`] = id;
    for (const p of [A, B, C, F]) {
      forbidden[`${p.name}'s participant id`] = p.participantId;
      personTags(keyFile, boardId, p.secret).forEach((t, i) => (forbidden[`${p.name}'s tag ${i}`] = t));
    }
    storedTags(dbFile, boardId).forEach((t, i) => (forbidden[`stored fact tag ${i}`] = t));
    expect(storedTags(dbFile, boardId).length).toBeGreaterThanOrEqual(15);
    for (const [what, value] of Object.entries(forbidden)) expect(log.includes(value), `${what} in the log`).toBe(false);
  });
});
