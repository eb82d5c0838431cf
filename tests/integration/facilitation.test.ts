import { describe, expect, it } from 'vitest';
import { Person, createBoard, getBoard, newId, openSocket, sendCommand, useServer } from './harness.js';

/** Issue 10: running the retro. Every rule is refused by the server, from a raw socket, with its code. */

describe('running the retro', () => {
  const live = useServer({ claimAfterMs: 200 });
  const person = () => {
    const p = new Person(live.server.url);
    live.people.push(p);
    return p;
  };

  /** F (with the facilitator link), A and B; three cards revealed, grouped as `group` + `single`; in `phase`. */
  async function retro(phase: 'reveal' | 'discuss') {
    const { boardId, facilitatorKey } = await createBoard(live.server.url, 'Running it');
    const [F, A, B] = [person(), person(), person()];
    await F.connect(boardId, 'Fran', facilitatorKey);
    await A.connect(boardId, 'Alex');
    await B.connect(boardId, 'Bea');
    const ids: string[] = [];
    for (const text of ['Standups run far too long every day', 'Meetings eat afternoons', 'Deploys are scary']) {
      const ack = (await A.cmd('card.add', { columnId: 'start', text })) as { ok: true; data: { cardId: string } };
      ids.push(ack.data.cardId);
    }
    expect(await F.cmd('phase.set', { phase: 'reveal' })).toMatchObject({ ok: true });
    expect(await B.cmd('card.group', { cardId: ids[0], withCardId: ids[1] })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.groups.length === 1);
    const group = B.board()!.groups[0]!.id;
    if (phase === 'discuss') {
      expect(await F.cmd('phase.set', { phase: 'vote' })).toMatchObject({ ok: true });
      // (AN-12: four voters, so that the tallies show and set the order: the single card first)
      const D = person();
      await D.connect(boardId, 'Dee');
      for (const voter of [B, A, F, D]) expect(await voter.cmd('vote.cast', { itemId: ids[2] })).toMatchObject({ ok: true });
      expect(await F.cmd('phase.set', { phase: 'discuss' })).toMatchObject({ ok: true });
      await B.waitFor(() => B.board()?.phase === 'discuss');
    }
    return { boardId, facilitatorKey, F, A, B, ids, group, single: ids[2]! };
  }

  it('CA-7 an edit after the reveal shows as edited to everyone', async () => {
    const { A, B, ids } = await retro('reveal');
    expect(B.board()!.cards.find((c) => c.id === ids[2])!.edited).toBe(false);
    expect(await A.cmd('card.edit', { cardId: ids[2], text: 'Deploys are scary on Fridays' })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.cards.find((c) => c.id === ids[2])?.edited === true);
  });

  it('GR-6 GR-7 a group starts titled from its first card; a stale save is CONFLICT and the first save stays', async () => {
    const { A, B, group } = await retro('reveal');
    const start = B.board()!.groups[0]!.title;
    expect(['Standups run far too long every…', 'Meetings eat afternoons']).toContain(start);
    expect(await A.cmd('group.title', { groupId: group, title: 'Meetings', previous: start })).toMatchObject({ ok: true });
    const stale = await B.cmd('group.title', { groupId: group, title: 'Time sinks', previous: start });
    expect(stale).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(!stale.ok && stale.message).toContain('Meetings');
    await B.waitFor(() => B.board()!.groups[0]!.title === 'Meetings');
    expect(await B.cmd('group.title', { groupId: group, title: 'Time sinks', previous: 'Meetings' })).toMatchObject({ ok: true });
    await A.waitFor(() => A.board()!.groups[0]!.title === 'Time sinks');
  });

  it('GR-8 with grouping restricted, a raw socket of a participant is NOT_FACILITATOR for group, ungroup and title', async () => {
    const { boardId, F, A, B, ids, group } = await retro('reveal');
    expect(await A.cmd('grouping.restrict', { facilitatorOnly: true })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('grouping.restrict', { facilitatorOnly: true })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()?.groupingFacilitatorOnly === true);
    const before = (await getBoard(live.server.url, boardId, F)).board;
    const socket = await openSocket(live.server.url, { boardId });
    try {
      expect(await sendCommand(socket, { id: newId(), type: 'join', participantId: B.participantId, secret: B.secret, name: 'Bea' })).toMatchObject({ ok: true });
      const title = before.groups[0]!.title;
      for (const command of [
        { type: 'card.group', cardId: ids[2], withCardId: ids[0] },
        { type: 'card.ungroup', cardId: ids[0] },
        { type: 'group.title', groupId: group, title: 'mine now', previous: title },
      ]) {
        expect(await sendCommand(socket, { id: newId(), ...command }), command.type).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
      }
    } finally {
      socket.close();
    }
    expect((await getBoard(live.server.url, boardId, F)).board).toEqual(before);
    expect(await F.cmd('card.group', { cardId: ids[2], withCardId: ids[0] })).toMatchObject({ ok: true });
  });

  it('DI-5 DI-6 DI-9 the facilitator reorders, "Next item" moves everyone on and marks the item done; the timer does not carry over', async () => {
    const { F, A, B, group, single } = await retro('discuss');
    expect(B.board()!.discussOrder).toEqual([single, group]);
    expect(await A.cmd('discuss.order', { itemIds: [group, single] })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('discuss.order', { itemIds: [group, single] })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.discussOrder?.[0] === group);
    expect(await F.cmd('discuss.next')).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.currentItemId === group);
    expect(await F.cmd('timer.start', { durationSec: 10 })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.timer.endsAt !== null);
    expect(await A.cmd('discuss.next')).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('discuss.next')).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.currentItemId === single);
    expect(B.board()).toMatchObject({ doneItemIds: [group], timer: { endsAt: null, durationMs: 0, pausedMs: null } });
    expect(await F.cmd('discuss.reopen', { itemId: group })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.currentItemId === group && B.board()!.doneItemIds.length === 0);
  });

  it('DI-10 a second "Next item" from the item the room already left changes nothing, from a raw socket too', async () => {
    const { F, B, group, single } = await retro('discuss');
    expect(await F.cmd('discuss.next', { from: null })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.currentItemId === single);
    expect(await F.cmd('discuss.next', { from: single })).toMatchObject({ ok: true, data: { itemId: group } });
    expect(await F.cmd('discuss.next', { from: single })).toMatchObject({ ok: true, data: { itemId: group } });
    await B.waitFor(() => B.board()!.currentItemId === group);
    expect(B.board()!.doneItemIds).toEqual([single]);
    expect(await F.cmd('discuss.next', { from: 'not an id' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('DI-7 DI-8 pause, resume and +1 min reach everyone; from a participant they are NOT_FACILITATOR', async () => {
    const { F, A, B } = await retro('discuss');
    expect(await F.cmd('timer.start', { durationSec: 180 })).toMatchObject({ ok: true });
    expect(await F.cmd('timer.pause')).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.timer.pausedMs !== null);
    const paused = B.board()!.timer.pausedMs!;
    expect(paused).toBeGreaterThan(170_000);
    expect(await F.cmd('timer.extend')).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.timer.pausedMs === paused + 60_000);
    for (const type of ['timer.pause', 'timer.resume', 'timer.extend'] as const) {
      expect(await A.cmd(type), type).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    }
    expect(await F.cmd('timer.resume')).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.timer.endsAt !== null && B.board()!.timer.pausedMs === null);
  });

  it('AC-5 AC-6 actions are ticked done live; an owner deletes their own; anyone else is NOT_YOURS', async () => {
    const { F, A, B, group } = await retro('discuss');
    expect(await F.cmd('discuss.select', { itemId: group })).toMatchObject({ ok: true });
    expect(await F.cmd('discuss.next')).toMatchObject({ ok: true });
    // an action from an item already discussed, not the current one
    const made = (await A.cmd('action.create', { itemId: group, text: 'Shorter standups' })) as { ok: true; data: { actionId: string } };
    const actionId = made.data.actionId;
    expect(await B.cmd('action.done', { actionId, done: true })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()!.actions[0]?.done === true);
    expect(await A.cmd('action.done', { actionId, done: false })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()!.actions[0]?.done === false);
    expect(await B.cmd('action.delete', { actionId })).toMatchObject({ ok: false, code: 'NOT_YOURS' });
    expect(await A.cmd('action.volunteer', { actionId, volunteer: true })).toMatchObject({ ok: true });
    expect(await A.cmd('action.delete', { actionId })).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.actions.length === 0);
  });

  it('RX-1 RX-2 RX-3 hands are named, reactions are counts, and with reactions off a reaction is REACTIONS_OFF', async () => {
    const { F, A, B, single } = await retro('discuss');
    expect(await F.cmd('discuss.select', { itemId: single })).toMatchObject({ ok: true });
    expect(await A.cmd('hand.raise', { raised: true })).toMatchObject({ ok: true });
    expect(await A.cmd('reaction.toggle', { itemId: single, reaction: 'celebrate', on: true })).toMatchObject({ ok: true });
    expect(await B.cmd('reaction.toggle', { itemId: single, reaction: 'celebrate', on: true })).toMatchObject({ ok: true });
    await F.waitFor(() => F.board()!.raisedHands.length === 1 && F.board()!.reactions[single]?.celebrate === 2);
    expect(F.board()!.raisedHands[0]!.name).toBe('Alex');
    expect(await A.cmd('reaction.toggle', { itemId: single, reaction: 'shrug', on: true })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await F.cmd('reactions.enable', { enabled: false })).toMatchObject({ ok: true });
    expect(await B.cmd('reaction.toggle', { itemId: single, reaction: 'agree', on: true })).toMatchObject({ ok: false, code: 'REACTIONS_OFF' });
    await A.waitFor(() => A.board()!.reactionsOn === false);
  });

  it('FA-6 the creator who comes back to a claimed role is told who holds it and takes it back in one step', async () => {
    const { F, A, B } = await retro('reveal');
    await F.disconnect();
    await A.waitFor(() => A.board()!.facilitator?.online === false);
    await A.waitFor(async () => (await A.cmd('facilitator.claim')).ok, 3000);
    await F.reconnect();
    // Back with the link, but the role stays where it went: the log says who and how.
    expect(F.me?.isFacilitator).toBe(false);
    expect(F.board()!.facilitatorLog.at(-1)).toEqual({ name: 'Alex', how: 'claim' });
    expect(await B.cmd('facilitator.reclaim')).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await A.cmd('facilitator.reclaim')).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('facilitator.reclaim')).toMatchObject({ ok: true });
    await B.waitFor(() => B.board()!.facilitator?.name === 'Fran');
    expect(B.board()!.facilitatorLog.at(-1)).toEqual({ name: 'Fran', how: 'reclaim' });
    await F.waitFor(() => F.me?.isFacilitator === true);
  });

  it('SU-2 without SMTP_URL the features say so and summary.email is EMAIL_UNAVAILABLE', async () => {
    const { F, A } = await retro('discuss');
    expect(await (await fetch(`${live.server.url}/api/features`)).json()).toEqual({ email: false });
    for (const phase of ['act', 'closed'] as const) expect(await F.cmd('phase.set', { phase })).toMatchObject({ ok: true });
    expect(await A.cmd('summary.email', { to: ['team@example.com'] })).toMatchObject({ ok: false, code: 'NOT_FACILITATOR' });
    expect(await F.cmd('summary.email', { to: ['not an address'] })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await F.cmd('summary.email', { to: ['team@example.com'] })).toMatchObject({ ok: false, code: 'EMAIL_UNAVAILABLE' });
  });
});
