import type { ErrorCode } from '../protocol/errors.js';
import { fail } from '../protocol/errors.js';
import type { Command } from '../protocol/messages.js';
import type { BoardEvent, BoardState } from './board.js';
import type { Column } from './templates.js';
import { LIMITS } from './limits.js';
import { canTransition } from './phases.js';
import { allowedIn } from './commandPhases.js';
import { canVote, enoughVotersToShow, itemIds, itemOf, retractTarget } from './voting.js';
import { decideRoomControl } from './roomControl.js';
import { decideFacilitation, firstInRevealOrder, isFacilitationCommand, titleFromWords } from './facilitation.js';
import { decideOffers } from './offers.js';
import { defaultDueDate, heldOnIfFirstStep, isoDay, isTimeZone } from './startSmall.js';
import { decideLens } from './trustLens.js';

/** Who is acting: their id (for public promises) and the keyed tags that stand for them on cards and votes. */
export interface Actor {
  participantId: string;
  isFacilitator: boolean;
  authorTag: string;
  voterTag: string;
  /** separate keyed tags for the anonymous pulse and consensus answers */
  pulseTag: string;
  consensusTag: string;
  /** RX-2: stands for the person on their reactions (anonymous, like votes) */
  reactionTag: string;
  /** FA-6, BD-1: joined with this board's facilitator key (the creator's link) */
  holdsFacilitatorKey: boolean;
  /** TL-2: the keyed tag that stands for the person on their anonymous trust-lens taps */
  trustTag: string;
}

export interface DecideContext {
  now: number;
  newId: () => string;
  newSeed: () => string;
  /** FA-3: how long the facilitator must be away before the role may be claimed */
  claimAfterMs?: number;
  /** JN-1: the keyed hash a board password is stored as (the server's key; never the password itself) */
  hashPassword?: (password: string) => string;
  /** JN-4: a participant's auth hash (AR-2), recorded with the people in the room when its door closes */
  authHashOf?: (participantId: string) => string | undefined;
}

export type Decision = { ok: true; events: BoardEvent[]; data: unknown } | { ok: false; code: ErrorCode; message: string };

type BoardCommand = Exclude<Command, { type: 'join' }>;
/**
 * RE-13: the one command of a closed retro's promises, sent from the team page between retros. Decided apart from
 * the phase table (commandPhases.ts: it is the one thing a closed board takes from its people that is not a deletion
 * or an email), so the table the board page ships with (`allowedIn`, UI-6) does not grow for a command it never sends.
 */
type PromiseMark = Extract<Command, { type: 'promise.mark' }>;

/** Commands only the facilitator may send (PE-1). */
export const FACILITATOR_COMMANDS = [
  'phase.set',
  'settings.update',
  'discuss.select',
  'timer.start',
  'timer.stop',
  'review.mark',
  'consensus.start',
  'consensus.reveal',
  'facilitator.handover',
  'columns.set',
  'board.rename',
  'done.reset',
  'access.password',
  'access.knock',
  'access.lockJoining',
  'access.admit',
  'board.lock',
  'participant.remove',
  'card.hide',
  'anonymity.raise',
  'grouping.restrict',
  'discuss.order',
  'discuss.next',
  'discuss.reopen',
  'timer.pause',
  'timer.resume',
  'timer.extend',
  'reactions.enable',
  'summary.email',
  'offer.accept',
  'lens.set',
  'checkin.set',
  'walk.focus',
  'walk.spotlight',
] as const;

/**
 * LK-1: what a participant may still send while the board is locked: picking up an orphaned role, and what
 * belongs to the creator rather than to the board's content (taking the role back, deleting the board).
 */
const WHILE_LOCKED: readonly Command['type'][] = ['facilitator.claim', 'facilitator.reclaim', 'board.delete'];

export function isFacilitatorCommand(type: Command['type']): boolean {
  return (FACILITATOR_COMMANDS as readonly string[]).includes(type);
}

/** GR-8: what the facilitator can keep to themselves. */
const GROUPING_COMMANDS = new Set<string>(['card.group', 'card.ungroup', 'group.title']);

const done = (events: BoardEvent[], data: unknown = {}): Decision => ({ ok: true, events, data });

/** Checks one command against the rules and says which events it records. Pure: no I/O, no clock but ctx. */
export function decide(state: BoardState, actor: Actor, command: BoardCommand, ctx: DecideContext): Decision {
  // RE-13: after the retro, not part of it: no phase table, and a lock left on at Close (LK-1) does not hold it
  if (command.type === 'promise.mark') return decidePromiseMark(state, actor, command, ctx);
  if (isFacilitatorCommand(command.type) && !actor.isFacilitator) {
    return fail('NOT_FACILITATOR', 'Only the facilitator can do that.');
  }
  if (state.locked && !actor.isFacilitator && !WHILE_LOCKED.includes(command.type)) {
    return fail('BOARD_LOCKED', 'The facilitator has locked the board; it is read-only for now.');
  }
  if (GROUPING_COMMANDS.has(command.type) && state.groupingFacilitatorOnly && !actor.isFacilitator) {
    return fail('NOT_FACILITATOR', 'The facilitator has kept grouping and titles to themselves.');
  }
  if (!allowedIn(command.type, state.phase)) {
    return fail('WRONG_PHASE', `That cannot be done during ${state.phase === 'closed' ? 'Close' : state.phase}.`);
  }
  if (isFacilitationCommand(command)) return decideFacilitation(state, actor, command, ctx);
  switch (command.type) {
    case 'card.add': {
      if (!state.columns.some((c) => c.id === command.columnId)) return fail('NOT_FOUND', 'No such column.');
      const mine = state.cardsByAuthor.get(actor.authorTag)?.length ?? 0;
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
      const first = state.cards.get(firstInRevealOrder(state, card.id, other.id))!;
      return done([
        // GR-9: the card dropped onto comes first, so the new group lives in its column.
        { type: 'card.grouped', cardId: other.id, groupId },
        { type: 'card.grouped', cardId: card.id, groupId },
        // GR-6: a new group starts with its first card's first words as a title anyone can change.
        { type: 'group.titled', groupId, title: titleFromWords(first.text) },
      ]);
    }
    case 'card.ungroup': {
      const card = state.cards.get(command.cardId);
      if (!card?.revealed) return fail('NOT_FOUND', 'No such card.');
      if (!card.groupId) return done([]);
      return done([{ type: 'card.ungrouped', cardId: card.id }]);
    }
    case 'group.title': {
      const group = state.groups.get(command.groupId);
      if (!group) return fail('NOT_FOUND', 'No such group.');
      // GR-7: two people editing one title: the later save started from an old title and is refused, with
      // the current one, instead of silently replacing the other's edit.
      if (group.title !== command.previous) {
        if (group.title === command.title) return done([]);
        return fail('CONFLICT', `Someone changed this title to “${group.title}” meanwhile. Look at it and save again.`);
      }
      if (command.title === group.title) return done([]);
      return done([{ type: 'group.titled', groupId: command.groupId, title: command.title }]);
    }
    case 'phase.set': {
      // PH-2: a step asked for from another phase than the room's is stale: it would be a second step for one intention
      if (command.from !== undefined && command.from !== state.phase) {
        return fail('CONFLICT', `The retro is in ${state.phase} now, not ${command.from}: the step was not taken.`);
      }
      if (command.timeZone !== undefined && !isTimeZone(command.timeZone)) {
        return fail('BAD_TIME_ZONE', `“${command.timeZone}” is not a time zone this server knows: the step was not taken.`);
      }
      if (!canTransition(state.phase, command.phase, state.hasReview)) {
        return fail('BAD_TRANSITION', `Cannot move from ${state.phase} to ${command.phase}: one step at a time.`);
      }
      const revealSeed = command.phase === 'reveal' && !state.revealSeed ? ctx.newSeed() : undefined;
      // AN-12: closing Vote settles, once, whether its tallies show (too few voters: withheld until a new vote)
      const withheld = state.phase === 'vote' && command.phase === 'discuss' && !enoughVotersToShow(state);
      // SL-3: the closed summary's count of people is the one at Close (AB-6 forgets some of them later)
      const people = command.phase === 'closed' ? peopleInRetro(state) : undefined;
      // CO-9: a fist of five still open takes no answer after Close: it closes with the retro, its answers shown as a
      // reveal shows them (walk 6 closed with four answers and a doubt hidden for ever, in the summary and every export)
      const checks = command.phase === 'closed' ? [...state.actions.values()].filter((a) => a.consensus?.open).map((a) => a.id) : [];
      return done([
        {
          type: 'phase.changed',
          phase: command.phase,
          ...(revealSeed ? { revealSeed } : {}),
          ...(withheld ? { tallies: 'withheld' as const } : {}),
          ...(people === undefined ? {} : { people }),
          ...(checks.length > 0 ? { checks } : {}),
          ...heldOnIfFirstStep(state, ctx.now, command.timeZone),
        },
      ]);
    }
    case 'settings.update': {
      if (command.perItemCap > command.voteBudget) return fail('INVALID_INPUT', 'The per-item cap cannot exceed the budget.');
      // VO-10: while Vote is open budget and cap only go up. Whether a lower one were allowed would depend on
      // how people voted, and the answer would tell the facilitator (outside Vote nobody can cast, and VO-9 keeps
      // votes left at zero or more).
      if (state.phase === 'vote' && (command.voteBudget < state.settings.voteBudget || command.perItemCap < state.settings.perItemCap)) {
        return fail('ONLY_RAISED_WHILE_VOTING', 'While voting is open the budget and the cap can only be raised.');
      }
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
      // SS-2: the due date starts at the team's next retro (or two weeks); AK-1: it may be an ask from the start.
      const dueDate = defaultDueDate(ctx.now, state.cadenceDays);
      return done([{ type: 'action.created', actionId, itemId: command.itemId, text: command.text, dueDate, ...(command.askOf ? { askOf: command.askOf } : {}) }], {
        actionId,
      });
    }
    case 'action.volunteer': {
      const action = state.actions.get(command.actionId);
      if (!action) return fail('NOT_FOUND', 'No such action.');
      if (action.owners.includes(actor.participantId) === command.volunteer) return done([]);
      const owner: BoardEvent = { type: 'action.owner', actionId: action.id, participantId: actor.participantId, volunteer: command.volunteer };
      // AK-2: someone here taking an ask makes it ours.
      if (command.volunteer && action.askOf) return done([{ type: 'action.asked', actionId: action.id, askOf: null }, owner]);
      return done([owner]);
    }
    case 'action.due': {
      if (!state.actions.has(command.actionId)) return fail('NOT_FOUND', 'No such action.');
      return done([{ type: 'action.due', actionId: command.actionId, dueDate: command.dueDate }]);
    }
    case 'action.delete': {
      const action = state.actions.get(command.actionId);
      if (!action) return fail('NOT_FOUND', 'No such action.');
      // AC-5: the facilitator, or someone who said "I can help" with it, deletes it.
      if (!actor.isFacilitator && !action.owners.includes(actor.participantId)) {
        return fail('NOT_YOURS', 'Only the facilitator or someone helping with this action can delete it.');
      }
      return done([{ type: 'action.deleted', actionId: command.actionId }]);
    }
    case 'review.mark': {
      if (!state.review.some((r) => r.ref === command.ref)) return fail('NOT_FOUND', 'No such action to review.');
      const notDone = command.status === 'not-done';
      if (command.carry && !notDone) return fail('INVALID_INPUT', 'Only an action that is not done can be carried forward.');
      return done([
        { type: 'review.marked', ref: command.ref, status: command.status, reason: notDone ? (command.reason ?? null) : null, carry: notDone && Boolean(command.carry) },
      ]);
    }
    case 'pulse.answer':
      // PU-2: once cards have been revealed the pulse is closed for good, even if the room goes back to Write.
      if (state.revealSeed !== null) return fail('WRONG_PHASE', 'The pulse closed when the cards were revealed.');
      return done([{ type: 'pulse.answered', pulseTag: actor.pulseTag, value: command.value }]);
    case 'roti.answer':
      // GP-5: asked in Act, the retro's last open phase (ALLOWED_PHASES, commandPhases.ts), under the person's pulse tag (AN-6): one
      // answer each, the last one counts. Its result shows in Close only, when no answer can change it any more.
      return done([{ type: 'roti.answered', answerTag: actor.pulseTag, value: command.value }]);
    case 'consensus.start': {
      if (!state.actions.has(command.actionId)) return fail('NOT_FOUND', 'No such action.');
      const here = [...state.participants.values()].filter((p) => p.online).length;
      return done([{ type: 'consensus.started', actionId: command.actionId, expected: here }]);
    }
    case 'consensus.answer': {
      const action = state.actions.get(command.actionId);
      if (!action) return fail('NOT_FOUND', 'No such action.');
      const consensus = action.consensus;
      if (!consensus?.open) return fail('CONFLICT', 'There is no open consensus check on that action.');
      // CO-2: the result shows by itself once everyone answered — derived in `evolve`, not recorded, because a
      // public log entry caused by an answer would place that answer in time (AR-3).
      return done([{ type: 'consensus.answered', actionId: command.actionId, consensusTag: actor.consensusTag, value: command.value }]);
    }
    case 'consensus.reveal': {
      const action = state.actions.get(command.actionId);
      if (!action) return fail('NOT_FOUND', 'No such action.');
      const consensus = action.consensus;
      if (!consensus?.open) return fail('CONFLICT', 'There is no open consensus check on that action.');
      return done([{ type: 'consensus.revealed', actionId: command.actionId }]);
    }
    case 'facilitator.handover': {
      const target = [...state.participants.values()].find((p) => p.handle === command.toHandle);
      if (!target) return fail('NOT_FOUND', 'No such person in this retro.');
      if (target.id === actor.participantId) return done([]);
      if (!target.online) return fail('CONFLICT', `${target.name} is not connected right now.`);
      return done([{ type: 'facilitator.changed', participantId: target.id, how: 'handover' }]);
    }
    case 'facilitator.claim': {
      if (actor.isFacilitator) return done([]);
      const current = state.facilitatorId ? state.participants.get(state.facilitatorId) : undefined;
      if (current && !claimable(current, ctx)) {
        return fail('CONFLICT', `${current.name} is still facilitating; the role can be claimed after they have been away for a minute.`);
      }
      return done([{ type: 'facilitator.changed', participantId: actor.participantId, how: 'claim' }]);
    }
    case 'columns.set':
      return decideColumns(state, command.columns, ctx);
    case 'board.rename':
    case 'done.mark':
    case 'done.reset':
    case 'access.password':
    case 'access.knock':
    case 'access.lockJoining':
    case 'access.admit':
    case 'board.lock':
    case 'participant.remove':
    case 'card.hide':
    case 'card.sign':
      return decideRoomControl(state, actor, command, ctx);
    case 'anonymity.raise':
      // AN-9: people answered trusting the threshold they were shown; it may go up, never back down.
      if (command.minOthers < state.minOthersToShow) {
        return fail('CONFLICT', `The threshold can only be raised: people answered trusting it would stay at ${state.minOthersToShow} or more.`);
      }
      if (command.minOthers === state.minOthersToShow) return done([]);
      return done([{ type: 'anonymity.raised', minOthers: command.minOthers }]);
    case 'offer.add':
    case 'offer.withdraw':
    case 'offer.accept':
    case 'action.ask':
      return decideOffers(state, actor, command, ctx);
    case 'lens.set':
    case 'lens.tap':
      return decideLens(state, actor, command);
    default: {
      const unreachable: never = command;
      return fail('INVALID_INPUT', `Unknown command ${(unreachable as { type: string }).type}.`);
    }
  }
}


/** FA-3: the facilitator's role may be claimed once they have been disconnected for the claim delay. */
/** SL-3: the people the retro lists (the public view's participants: everyone not removed) */
function peopleInRetro(state: BoardState): number {
  let count = 0;
  for (const id of state.participants.keys()) if (!state.access.removed.has(id)) count++;
  return count;
}

export function claimable(facilitator: { online: boolean; offlineSince: number | null }, ctx: Pick<DecideContext, 'now' | 'claimAfterMs'>): boolean {
  if (facilitator.online || facilitator.offlineSince === null) return false;
  return ctx.now - facilitator.offlineSince >= (ctx.claimAfterMs ?? LIMITS.facilitatorClaimAfterMs);
}

/**
 * TE-2: before Write the facilitator may rename, add, remove and reorder columns. TE-3: a column with revealed cards
 * stays; whether one holds unseen cards must not decide the answer (AN-10: it would tell the facilitator that
 * someone wrote there), so those cards move to the first column instead (`evolve`).
 */
function decideColumns(state: BoardState, wanted: { id?: string; title: string; prompt: string }[], ctx: DecideContext): Decision {
  const known = new Set(state.columns.map((c) => c.id));
  const kept = new Set<string>();
  const columns: Column[] = [];
  for (const column of wanted) {
    if (column.id !== undefined) {
      if (!known.has(column.id)) return fail('NOT_FOUND', 'No such column.');
      if (kept.has(column.id)) return fail('INVALID_INPUT', 'A column appears twice.');
      kept.add(column.id);
      columns.push({ id: column.id, title: column.title, prompt: column.prompt });
    } else {
      columns.push({ id: newColumnId(ctx, known, kept), title: column.title, prompt: column.prompt });
    }
  }
  for (const card of state.cards.values()) {
    if (card.revealed && !kept.has(card.columnId)) return fail('CONFLICT', 'A column with revealed cards cannot be removed.');
  }
  return done([{ type: 'columns.changed', columns }]);
}

function newColumnId(ctx: DecideContext, ...taken: Set<string>[]): string {
  for (;;) {
    const id = `col-${ctx.newId().toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 10)}`;
    if (id.length > 4 && !taken.some((set) => set.has(id))) {
      taken[taken.length - 1]!.add(id);
      return id;
    }
  }
}

/**
 * RE-13: an owner of an action of a closed retro marks it done between retros, or takes that back. Only an owner (the
 * promise is theirs to report on, AC-3), never the facilitator for them: the room's word on it is the next Review's
 * (RE-2), where the facilitator marks it with the room. Only in Close: in Discuss and Act the room ticks it (AC-6).
 * The day is the server's. Marking it so again records nothing (a second click, a resend). A mark is taken back only by
 * whoever made it: on a promise two people share, Bo's tap must not withdraw Ben's word without a trace.
 */
function decidePromiseMark(state: BoardState, actor: Actor, command: PromiseMark, ctx: DecideContext): Decision {
  if (state.phase !== 'closed') return fail('WRONG_PHASE', 'A promise is marked done here once its retro is closed; in the retro, tick it done on its item.');
  const action = state.actions.get(command.actionId);
  if (!action) return fail('NOT_FOUND', 'No such action.');
  if (!action.owners.includes(actor.participantId)) return fail('NOT_YOURS', 'Only someone who promised to help with this action can mark it done.');
  if ((action.ownerDone !== null) === command.done) return done([]);
  // A word is its sayer's: another owner of a shared promise does not withdraw it for them (they may say it once it is not said).
  if (action.ownerDone && action.ownerDone.participantId !== actor.participantId) return fail('NOT_YOURS', 'Only whoever marked it done can take that back.');
  return done([{ type: 'promise.marked', actionId: action.id, participantId: actor.participantId, on: command.done ? isoDay(ctx.now) : null }]);
}
