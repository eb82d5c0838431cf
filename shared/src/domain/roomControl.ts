import { fail } from '../protocol/errors.js';
import type { Command } from '../protocol/messages.js';
import { type BoardEvent, type BoardState, signatureOf, withLateFields } from './board.js';
import type { Actor, DecideContext, Decision } from './decide.js';
import { mayStay, membersEvent } from './access.js';
import { LIMITS } from './limits.js';
import { doneStageOf } from './progress.js';

/**
 * Issue 10: the commands a facilitator reaches for during a retro (rename, "I'm done", who may join, lock,
 * remove, hide a card) and an author signing their own card. `decide` hands them here after checking role
 * and phase; `evolve` hands their events here.
 */
export type RoomControlCommand = Extract<
  Command,
  {
    type:
      | 'board.rename'
      | 'done.mark'
      | 'done.reset'
      | 'access.password'
      | 'access.knock'
      | 'access.lockJoining'
      | 'access.admit'
      | 'board.lock'
      | 'participant.remove'
      | 'card.hide'
      | 'card.sign';
  }
>;

type RoomControlEvent = Extract<
  BoardEvent,
  {
    type:
      | 'board.renamed'
      | 'done.marked'
      | 'done.reset'
      | 'access.passwordChanged'
      | 'access.knockChanged'
      | 'access.joiningLocked'
      | 'access.admitted'
      | 'access.members'
      | 'board.locked'
      | 'participant.removed'
      | 'card.signed';
  }
>;

const done = (events: BoardEvent[], data: unknown = {}): Decision => ({ ok: true, events, data });

export function decideRoomControl(state: BoardState, actor: Actor, command: RoomControlCommand, ctx: DecideContext): Decision {
  switch (command.type) {
    case 'board.rename':
      return done(command.name === state.name ? [] : [{ type: 'board.renamed', name: command.name }]);
    case 'done.mark': {
      const stage = doneStageOf(state.phase)!;
      // DN-1: a mark pressed for a stage that is over (sent late, from a page that was offline) is not this stage's
      if (command.stage !== undefined && command.stage !== stage) {
        return fail('WRONG_PHASE', command.stage === 'write' ? 'Writing is over: the retro moved on to Vote.' : 'Voting is over.');
      }
      if (state.done[stage].has(actor.participantId) === command.done) return done([]);
      return done([{ type: 'done.marked', participantId: actor.participantId, stage, done: command.done }]);
    }
    case 'done.reset': {
      const stage = doneStageOf(state.phase)!;
      return done(state.done[stage].size === 0 ? [] : [{ type: 'done.reset', stage }]);
    }
    case 'access.password': {
      if (command.password === null) {
        return done(state.access.passwordHash === null ? [] : [{ type: 'access.passwordChanged', passwordHash: null, keep: [] }]);
      }
      if (!ctx.hashPassword) throw new Error('decide needs ctx.hashPassword to set a password');
      // JN-2: a new password signs everyone else out: only the facilitator stays admitted.
      return done([{ type: 'access.passwordChanged', passwordHash: ctx.hashPassword(command.password), keep: [actor.participantId] }]);
    }
    case 'access.knock': {
      if (state.access.knock === command.on) return done([]);
      // JN-4: everyone in the room stays in: the people listed, and those the door knows as in it though AB-6 forgot them
      const inRoom = new Set([...state.participants.keys(), ...state.access.members.keys()]);
      const admit = command.on ? [...inRoom].filter((id) => mayStay(state, id)) : [];
      return done([{ type: 'access.knockChanged', on: command.on, admit }, ...(command.on ? membersOfRoom(state, ctx) : [])]);
    }
    case 'access.lockJoining':
      if (state.access.joiningLocked === command.locked) return done([]);
      return done([{ type: 'access.joiningLocked', locked: command.locked }, ...(command.locked ? membersOfRoom(state, ctx) : [])]);
    case 'access.admit': {
      const knock = state.knocks.get(command.knockId);
      if (!knock) return fail('NOT_FOUND', 'Nobody is waiting with that knock any more.');
      return done(command.admit ? [{ type: 'access.admitted', participantId: knock.participantId }] : []);
    }
    case 'board.lock':
      return done(state.locked === command.locked ? [] : [{ type: 'board.locked', locked: command.locked }]);
    case 'participant.remove': {
      const target = [...state.participants.values()].find((p) => p.handle === command.handle && !state.access.removed.has(p.id));
      if (!target) return fail('NOT_FOUND', 'No such person in this retro.');
      if (target.id === actor.participantId) return fail('INVALID_INPUT', 'You cannot remove yourself; hand the role over first.');
      return done([{ type: 'participant.removed', participantId: target.id }]);
    }
    case 'card.hide': {
      // MO-3: the author is neither checked nor named: hiding says nothing about who wrote the card.
      const card = state.cards.get(command.cardId);
      if (!card?.revealed) return fail('NOT_FOUND', 'No such card.');
      return done([{ type: 'card.hidden', cardId: card.id }]);
    }
    case 'card.sign': {
      const card = state.cards.get(command.cardId);
      if (!card?.revealed) return fail('NOT_FOUND', 'No such card.');
      // SG-2: only the author signs; nobody else — the facilitator included — can put a name on a card.
      if (card.authorTag !== actor.authorTag) return fail('NOT_YOURS', 'Only the author can put their name on a card.');
      const name = command.signed ? (state.participants.get(actor.participantId)?.name ?? null) : null;
      return done(signatureOf(card) === name ? [] : [{ type: 'card.signed', cardId: card.id, name }]);
    }
    default: {
      const unreachable: never = command;
      return fail('INVALID_INPUT', `Unknown command ${(unreachable as { type: string }).type}.`);
    }
  }
}

/** JN-4: the door closes (joining locked, knock on): everyone in the people list is recorded as in the room (`membersEvent`). */
function membersOfRoom(state: BoardState, ctx: DecideContext): BoardEvent[] {
  return ctx.authHashOf ? membersEvent(state, state.participants.keys(), ctx.authHashOf) : [];
}

export function evolveRoomControl(state: BoardState, event: RoomControlEvent): void {
  const { access } = state;
  switch (event.type) {
    case 'board.renamed':
      state.name = event.name;
      return;
    case 'done.marked':
      if (event.done) state.done[event.stage].add(event.participantId);
      else state.done[event.stage].delete(event.participantId);
      return;
    case 'done.reset':
      state.done[event.stage].clear();
      return;
    case 'access.passwordChanged':
      access.passwordHash = event.passwordHash;
      if (event.passwordHash !== null) access.admitted = new Set(event.keep);
      return;
    case 'access.knockChanged':
      access.knock = event.on;
      for (const id of event.admit) access.admitted.add(id);
      return;
    case 'access.joiningLocked':
      access.joiningLocked = event.locked;
      return;
    case 'access.admitted':
      access.admitted.add(event.participantId);
      return;
    case 'access.members':
      for (const { participantId, authHash } of event.members) {
        access.members.delete(participantId);
        access.members.set(participantId, authHash);
      }
      for (const oldest of access.members.keys()) {
        if (access.members.size <= LIMITS.membersPerBoard) break;
        access.members.delete(oldest);
      }
      return;
    case 'board.locked':
      state.locked = event.locked;
      return;
    case 'participant.removed':
      access.removed.add(event.participantId);
      access.admitted.delete(event.participantId);
      access.members.delete(event.participantId);
      state.done.write.delete(event.participantId);
      state.done.vote.delete(event.participantId);
      return;
    case 'card.signed': {
      const card = state.cards.get(event.cardId);
      if (card) withLateFields(card).signature = event.name;
      return;
    }
    default: {
      const unreachable: never = event;
      throw new Error(`unknown event ${(unreachable as { type: string }).type}`);
    }
  }
}
