import type { ErrorCode } from '../protocol/errors.js';
import { fail } from '../protocol/errors.js';
import type { Command } from '../protocol/messages.js';
import type { BoardEvent, BoardState } from './board.js';
import { LIMITS } from './limits.js';
import { canTransition, type Phase } from './phases.js';
import { canVote, itemIds, itemOf, retractTarget } from './voting.js';

/** Who is acting: their id (for public promises) and the keyed tags that stand for them on cards and votes. */
export interface Actor {
  participantId: string;
  isFacilitator: boolean;
  authorTag: string;
  voterTag: string;
}

export interface DecideContext {
  now: number;
  newId: () => string;
  newSeed: () => string;
}

export type Decision = { ok: true; events: BoardEvent[]; data: unknown } | { ok: false; code: ErrorCode; message: string };

type BoardCommand = Exclude<Command, { type: 'join' }>;

/** Commands only the facilitator may send (PE-1). */
export const FACILITATOR_COMMANDS = ['phase.set', 'settings.update', 'discuss.select', 'timer.start', 'timer.stop', 'action.delete'] as const;

export function isFacilitatorCommand(type: Command['type']): boolean {
  return (FACILITATOR_COMMANDS as readonly string[]).includes(type);
}

/** Where each command may be sent (PH-3). */
const ALLOWED_PHASES: Record<BoardCommand['type'], readonly Phase[]> = {
  'card.add': ['write'],
  'card.edit': ['write', 'reveal'],
  'card.delete': ['write', 'reveal'],
  'card.group': ['reveal'],
  'card.ungroup': ['reveal'],
  'group.title': ['reveal', 'vote', 'discuss', 'act'],
  'phase.set': ['write', 'reveal', 'vote', 'discuss', 'act'],
  'settings.update': ['write', 'reveal'],
  'vote.cast': ['vote'],
  'vote.retract': ['vote'],
  'discuss.select': ['discuss', 'act'],
  'timer.start': ['write', 'reveal', 'vote', 'discuss', 'act'],
  'timer.stop': ['write', 'reveal', 'vote', 'discuss', 'act'],
  'action.create': ['discuss', 'act'],
  'action.volunteer': ['discuss', 'act'],
  'action.due': ['discuss', 'act'],
  'action.delete': ['discuss', 'act'],
};

export function allowedIn(type: BoardCommand['type'], phase: Phase): boolean {
  return ALLOWED_PHASES[type].includes(phase);
}

const done = (events: BoardEvent[], data: unknown = {}): Decision => ({ ok: true, events, data });

/** Checks one command against the rules and says which events it records. Pure: no I/O, no clock but ctx. */
export function decide(state: BoardState, actor: Actor, command: BoardCommand, ctx: DecideContext): Decision {
  if (isFacilitatorCommand(command.type) && !actor.isFacilitator) {
    return fail('NOT_FACILITATOR', 'Only the facilitator can do that.');
  }
  if (!allowedIn(command.type, state.phase)) {
    return fail('WRONG_PHASE', `That cannot be done during ${state.phase === 'closed' ? 'Close' : state.phase}.`);
  }
  switch (command.type) {
    case 'card.add': {
      if (!state.columns.some((c) => c.id === command.columnId)) return fail('NOT_FOUND', 'No such column.');
      const mine = [...state.cards.values()].filter((c) => c.authorTag === actor.authorTag).length;
      if (mine >= LIMITS.cardsPerPerson) return fail('CARD_LIMIT', `At most ${LIMITS.cardsPerPerson} cards per person.`);
      const cardId = ctx.newId();
      return done([{ type: 'card.added', cardId, columnId: command.columnId, text: command.text, authorTag: actor.authorTag }], { cardId });
    }
    case 'card.edit':
    case 'card.delete': {
      const card = state.cards.get(command.cardId);
      if (!card) return fail('NOT_FOUND', 'No such card.');
      if (card.authorTag !== actor.authorTag) return fail('NOT_YOURS', 'Only the author can change a card.');
      if (command.type === 'card.edit') return done([{ type: 'card.edited', cardId: card.id, text: command.text }]);
      return done([{ type: 'card.deleted', cardId: card.id }]);
    }
    case 'card.group': {
      const card = state.cards.get(command.cardId);
      const other = state.cards.get(command.withCardId);
      if (!card?.revealed || !other?.revealed) return fail('NOT_FOUND', 'No such card.');
      if (card.id === other.id) return fail('INVALID_INPUT', 'A card cannot be grouped with itself.');
      if (card.groupId && card.groupId === other.groupId) return done([]);
      if (other.groupId) return done([{ type: 'card.grouped', cardId: card.id, groupId: other.groupId }]);
      const groupId = ctx.newId();
      return done([
        { type: 'card.grouped', cardId: other.id, groupId },
        { type: 'card.grouped', cardId: card.id, groupId },
      ]);
    }
    case 'card.ungroup': {
      const card = state.cards.get(command.cardId);
      if (!card?.revealed) return fail('NOT_FOUND', 'No such card.');
      if (!card.groupId) return done([]);
      return done([{ type: 'card.ungrouped', cardId: card.id }]);
    }
    case 'group.title': {
      if (!state.groups.has(command.groupId)) return fail('NOT_FOUND', 'No such group.');
      return done([{ type: 'group.titled', groupId: command.groupId, title: command.title }]);
    }
    case 'phase.set': {
      if (!canTransition(state.phase, command.phase)) {
        return fail('BAD_TRANSITION', `Cannot move from ${state.phase} to ${command.phase}: one step at a time.`);
      }
      const revealSeed = command.phase === 'reveal' && !state.revealSeed ? ctx.newSeed() : undefined;
      return done([{ type: 'phase.changed', phase: command.phase, ...(revealSeed ? { revealSeed } : {}) }]);
    }
    case 'settings.update': {
      if (command.perItemCap > command.voteBudget) return fail('INVALID_INPUT', 'The per-item cap cannot exceed the budget.');
      return done([{ type: 'settings.changed', settings: { voteBudget: command.voteBudget, perItemCap: command.perItemCap } }]);
    }
    case 'vote.cast': {
      const check = canVote(state, actor.voterTag, command.itemId);
      if (check === 'no-item') return fail('NOT_FOUND', 'No such item.');
      if (check === 'budget') return fail('VOTE_BUDGET_EXCEEDED', `You have used all ${state.settings.voteBudget} votes.`);
      if (check === 'cap') return fail('VOTE_CAP_EXCEEDED', `At most ${state.settings.perItemCap} votes on one item.`);
      return done([{ type: 'vote.cast', targetId: itemOf(state, command.itemId)!, voterTag: actor.voterTag }]);
    }
    case 'vote.retract': {
      const item = itemOf(state, command.itemId);
      if (!item) return fail('NOT_FOUND', 'No such item.');
      const target = retractTarget(state, actor.voterTag, item);
      if (!target) return fail('NOT_FOUND', 'You have no vote on that item.');
      return done([{ type: 'vote.retracted', targetId: target, voterTag: actor.voterTag }]);
    }
    case 'discuss.select': {
      if (!itemIds(state).includes(command.itemId)) return fail('NOT_FOUND', 'No such item.');
      return done([{ type: 'discuss.selected', itemId: command.itemId }]);
    }
    case 'timer.start': {
      const durationMs = command.durationSec * 1000;
      return done([{ type: 'timer.started', endsAt: ctx.now + durationMs, durationMs }]);
    }
    case 'timer.stop':
      return done(state.timer.endsAt === null ? [] : [{ type: 'timer.stopped' }]);
    case 'action.create': {
      if (!itemIds(state).includes(command.itemId)) return fail('NOT_FOUND', 'No such item.');
      const actionId = ctx.newId();
      return done([{ type: 'action.created', actionId, itemId: command.itemId, text: command.text }], { actionId });
    }
    case 'action.volunteer': {
      const action = state.actions.get(command.actionId);
      if (!action) return fail('NOT_FOUND', 'No such action.');
      if (action.owners.includes(actor.participantId) === command.volunteer) return done([]);
      return done([{ type: 'action.owner', actionId: action.id, participantId: actor.participantId, volunteer: command.volunteer }]);
    }
    case 'action.due': {
      if (!state.actions.has(command.actionId)) return fail('NOT_FOUND', 'No such action.');
      return done([{ type: 'action.due', actionId: command.actionId, dueDate: command.dueDate }]);
    }
    case 'action.delete': {
      if (!state.actions.has(command.actionId)) return fail('NOT_FOUND', 'No such action.');
      return done([{ type: 'action.deleted', actionId: command.actionId }]);
    }
    default: {
      const unreachable: never = command;
      return fail('INVALID_INPUT', `Unknown command ${(unreachable as { type: string }).type}.`);
    }
  }
}

