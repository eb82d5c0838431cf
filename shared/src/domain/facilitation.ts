import { fail } from '../protocol/errors.js';
import type { Command } from '../protocol/messages.js';
import type { BoardEvent, BoardState } from './board.js';
import type { Actor, DecideContext, Decision } from './decide.js';
import { sameCheckIn } from './checkIn.js';
import { spotlightOf } from './columnWalk.js';
import { LIMITS } from './limits.js';
import { revealOrder } from './reveal.js';
import { itemIds, rankItems, talliesShown } from './voting.js';

/** The commands of running the retro (issue 10, items 11 and 13–21); `decide` hands them here. */
export const FACILITATION_COMMANDS = [
  'grouping.restrict',
  'discuss.order',
  'discuss.next',
  'discuss.reopen',
  'timer.pause',
  'timer.resume',
  'timer.extend',
  'action.done',
  'hand.raise',
  'reaction.toggle',
  'reactions.enable',
  'facilitator.reclaim',
  'board.delete',
  'summary.email',
  'checkin.set',
  'walk.focus',
  'walk.spotlight',
] as const;
type FacilitationType = (typeof FACILITATION_COMMANDS)[number];
export type FacilitationCommand = Extract<Command, { type: FacilitationType }>;

export function isFacilitationCommand(command: { type: string }): command is FacilitationCommand {
  return (FACILITATION_COMMANDS as readonly string[]).includes(command.type);
}

const done = (events: BoardEvent[], data: unknown = {}): Decision => ({ ok: true, events, data });

export function decideFacilitation(state: BoardState, actor: Actor, command: FacilitationCommand, ctx: DecideContext): Decision {
  switch (command.type) {
    case 'grouping.restrict':
      if (state.groupingFacilitatorOnly === command.facilitatorOnly) return done([]);
      return done([{ type: 'grouping.restricted', facilitatorOnly: command.facilitatorOnly }]);
    case 'discuss.order': {
      // DI-5: a permutation of (some of) the items; whatever it leaves out follows in vote order.
      const items = new Set(itemIds(state));
      if (new Set(command.itemIds).size !== command.itemIds.length) return fail('INVALID_INPUT', 'An item appears twice.');
      if (!command.itemIds.every((id) => items.has(id))) return fail('NOT_FOUND', 'No such item.');
      return done([{ type: 'discuss.ordered', itemIds: command.itemIds }]);
    }
    case 'discuss.next': {
      // DI-6: the current item is discussed; everyone moves to the next one not yet discussed.
      const events: BoardEvent[] = [];
      const current = state.currentItemId;
      // DI-10: a press from an item the room has already left (pressed again before the room moved on here, or
      // from a second tab) was taken already: it changes nothing
      if (command.from !== undefined && command.from !== current) return done([], { itemId: current });
      if (current && !state.doneItemIds.includes(current)) events.push({ type: 'item.done', itemId: current, done: true });
      const next = nextItem(state);
      if (next) events.push({ type: 'discuss.selected', itemId: next });
      if (events.length === 0) return fail('CONFLICT', 'Every item has been discussed.');
      return done(events, { itemId: next });
    }
    case 'discuss.reopen': {
      if (!itemIds(state).includes(command.itemId)) return fail('NOT_FOUND', 'No such item.');
      const events: BoardEvent[] = [];
      if (state.doneItemIds.includes(command.itemId)) events.push({ type: 'item.done', itemId: command.itemId, done: false });
      if (state.currentItemId !== command.itemId) events.push({ type: 'discuss.selected', itemId: command.itemId });
      return done(events);
    }
    case 'timer.pause': {
      const { endsAt, durationMs } = state.timer;
      if (endsAt === null || endsAt <= ctx.now) return fail('CONFLICT', 'No timer is running.');
      return done([{ type: 'timer.changed', endsAt: null, durationMs, pausedMs: endsAt - ctx.now }]);
    }
    case 'timer.resume': {
      const pausedMs = state.timer.pausedMs ?? null;
      if (pausedMs === null) return fail('CONFLICT', 'The timer is not paused.');
      return done([{ type: 'timer.changed', endsAt: ctx.now + pausedMs, durationMs: state.timer.durationMs, pausedMs: null }]);
    }
    case 'timer.extend': {
      // DI-8: +1 min on a running or paused timer; on one that ran out (or none) it starts a minute.
      const add = LIMITS.timerExtendSec * 1000;
      const max = LIMITS.timerMaxSec * 1000;
      const { endsAt, durationMs } = state.timer;
      const pausedMs = state.timer.pausedMs ?? null;
      if (pausedMs !== null) return done([{ type: 'timer.changed', endsAt: null, durationMs: durationMs + add, pausedMs: Math.min(max, pausedMs + add) }]);
      if (endsAt !== null && endsAt > ctx.now) {
        return done([{ type: 'timer.changed', endsAt: Math.min(ctx.now + max, endsAt + add), durationMs: durationMs + add, pausedMs: null }]);
      }
      return done([{ type: 'timer.changed', endsAt: ctx.now + add, durationMs: add, pausedMs: null }]);
    }
    case 'action.done': {
      const action = state.actions.get(command.actionId);
      if (!action) return fail('NOT_FOUND', 'No such action.');
      if (action.done === command.done) return done([]);
      return done([{ type: 'action.marked', actionId: action.id, done: command.done }]);
    }
    case 'hand.raise': {
      if (state.raisedHands.includes(actor.participantId) === command.raised) return done([]);
      return done([{ type: 'hand.raised', participantId: actor.participantId, raised: command.raised }]);
    }
    case 'reaction.toggle': {
      if (!state.reactionsOn) return fail('REACTIONS_OFF', 'The facilitator has turned reactions off.');
      if (!itemIds(state).includes(command.itemId)) return fail('NOT_FOUND', 'No such item.');
      const mine = state.reactions.get(command.itemId)?.get(command.reaction)?.has(actor.reactionTag) ?? false;
      if (mine === command.on) return done([]);
      return done([{ type: 'reaction.toggled', itemId: command.itemId, reaction: command.reaction, reactionTag: actor.reactionTag, on: command.on }]);
    }
    case 'reactions.enable':
      if (state.reactionsOn === command.enabled) return done([]);
      return done([{ type: 'reactions.enabled', enabled: command.enabled }]);
    case 'facilitator.reclaim':
      // FA-6: the creator's facilitator link always takes the role back.
      if (!actor.holdsFacilitatorKey) return fail('NOT_FACILITATOR', 'Only the facilitator link of this board can take the role back.');
      if (actor.isFacilitator) return done([]);
      return done([{ type: 'facilitator.changed', participantId: actor.participantId, how: 'reclaim' }]);
    case 'board.delete':
      // BD-1: only whoever holds the creator's facilitator link; the room then deletes everything.
      if (!actor.holdsFacilitatorKey) return fail('NOT_FACILITATOR', 'Only the facilitator link of this board can delete it.');
      return done([]);
    case 'summary.email':
      // SU-1: checked here, sent by the room; the addresses are never recorded.
      return done([], { sent: command.to.length });
    case 'checkin.set':
      // CI-1: one question for the whole room, public like the board's name; nothing anyone answers is collected (CI-5)
      if (sameCheckIn(state.checkIn, command.question)) return done([]);
      return done([{ type: 'checkin.asked', question: command.question }]);
    case 'walk.focus':
      // CW-1: one column in focus on every screen, public like the current item in Discuss
      if (command.columnId !== null && !state.columns.some((c) => c.id === command.columnId)) return fail('NOT_FOUND', 'No such column.');
      if (state.walkColumnId === command.columnId) return done([]);
      return done([{ type: 'walk.focused', columnId: command.columnId }]);
    case 'walk.spotlight':
      // CW-7: a card standing alone or a group, as the walked column shows it to everyone; no walk, no spotlight
      if (command.itemId !== null && spotlightOf(state, command.itemId) !== command.itemId) return fail('NOT_FOUND', 'No such card or group in this column.');
      if (state.walkItemId === command.itemId) return done([]);
      return done([{ type: 'walk.spotlit', itemId: command.itemId }]);
    default: {
      const unreachable: never = command;
      return fail('INVALID_INPUT', `Unknown command ${(unreachable as { type: string }).type}.`);
    }
  }
}

/** DI-5: the order items are discussed in: the facilitator's order first, then the rest by votes. */
export function discussionOrder(state: Pick<BoardState, 'discussOrder'>, ranking: string[]): string[] {
  const items = new Set(ranking);
  const chosen = (state.discussOrder ?? []).filter((id) => items.has(id));
  const placed = new Set(chosen);
  return [...chosen, ...ranking.filter((id) => !placed.has(id))];
}

/** DI-6: the first item after the current one (wrapping round) that is not discussed yet. */
function nextItem(state: BoardState): string | null {
  // (AN-12: with the tallies withheld the ranking is not shown, so "next" must not follow it either)
  const order = discussionOrder(state, talliesShown(state) ? rankItems(state) : itemIds(state));
  const start = state.currentItemId ? order.indexOf(state.currentItemId) + 1 : 0;
  const rotated = [...order.slice(start), ...order.slice(0, start)];
  return rotated.find((id) => id !== state.currentItemId && !state.doneItemIds.includes(id)) ?? null;
}

/** GR-6: a new group's title is the first words of its first card (in reveal order), on one line. */
export function titleFromWords(text: string): string {
  const words = text.replace(/[\u0000-\u001F\u007F]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  const head = words.slice(0, LIMITS.groupTitleWords).join(' ');
  const title = words.length > LIMITS.groupTitleWords ? `${head}…` : head;
  return title.length > LIMITS.groupTitle ? `${title.slice(0, LIMITS.groupTitle - 1)}…` : title;
}

/** GR-6: of two cards being grouped, the one that comes first in reveal order. */
export function firstInRevealOrder(state: BoardState, a: string, b: string): string {
  return revealOrder([a, b], state.revealSeed ?? '')[0] ?? a;
}
