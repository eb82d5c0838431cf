import { fail } from '../protocol/errors.js';
import type { Command } from '../protocol/messages.js';
import type { Action, BoardEvent, BoardState } from './board.js';
import type { Actor, DecideContext, Decision } from './decide.js';
import { LIMITS } from './limits.js';
import { defaultDueDate } from './startSmall.js';
import { itemIds } from './voting.js';

/**
 * The move from "not my job" to "how can I help?" (OF-*, AK-*). After the room says what the right thing
 * to do is, anyone offers concrete help under their own name: an offer is a promise, so it is named, while
 * the cards that led to it stay anonymous. An action is either ours (someone here volunteered), an ask of a
 * named role or team outside the room, or — until one of those happens — taken by nobody yet.
 */
export interface Offer {
  id: string;
  itemId: string;
  /** the person who offered: public by name, like an action's owners */
  participantId: string;
  text: string;
  /** OF-4: the action the facilitator made of it; null while it is an offer */
  actionId: string | null;
}

export type OfferEvent =
  | { type: 'offer.added'; offerId: string; itemId: string; participantId: string; text: string }
  | { type: 'offer.withdrawn'; offerId: string }
  | { type: 'offer.accepted'; offerId: string; actionId: string };

export type ActionKind = 'ours' | 'ask' | 'untaken';

/** AK-3: ours when someone in the room volunteered; otherwise an ask when it names someone outside; else nobody's yet. */
export function actionKind(action: Pick<Action, 'owners' | 'askOf'>): ActionKind {
  if (action.owners.length > 0) return 'ours';
  return action.askOf ? 'ask' : 'untaken';
}

export function evolveOffers(state: BoardState, event: OfferEvent): void {
  switch (event.type) {
    case 'offer.added':
      state.offers.set(event.offerId, { id: event.offerId, itemId: event.itemId, participantId: event.participantId, text: event.text, actionId: null });
      return;
    case 'offer.withdrawn':
      state.offers.delete(event.offerId);
      return;
    case 'offer.accepted': {
      const offer = state.offers.get(event.offerId);
      if (offer) offer.actionId = event.actionId;
      return;
    }
  }
}

type OfferCommand = Extract<Command, { type: 'offer.add' | 'offer.withdraw' | 'offer.accept' | 'action.ask' }>;
const done = (events: BoardEvent[], data: unknown = {}): Decision => ({ ok: true, events, data });

/** The rules of offers and asks; `decide` has already checked the role (PE-1) and the phase (PH-5). */
export function decideOffers(state: BoardState, actor: Actor, command: OfferCommand, ctx: DecideContext): Decision {
  switch (command.type) {
    case 'offer.add': {
      // AC-9: in Act any item opens for its answer, offers and actions, as an action may be planned on any item (AC-1);
      // in Discuss, the items the room has come to
      if (state.phase === 'act' ? !itemIds(state).includes(command.itemId) : !state.discussedItemIds.includes(command.itemId)) {
        return fail('NOT_FOUND', 'No such discussed item.');
      }
      const mine = [...state.offers.values()].filter((o) => o.participantId === actor.participantId && o.actionId === null).length;
      if (mine >= LIMITS.offersPerPerson) return fail('OFFER_LIMIT', `At most ${LIMITS.offersPerPerson} open offers per person.`);
      const offerId = ctx.newId();
      return done([{ type: 'offer.added', offerId, itemId: command.itemId, participantId: actor.participantId, text: command.text }], { offerId });
    }
    case 'offer.withdraw': {
      const offer = state.offers.get(command.offerId);
      if (!offer) return fail('NOT_FOUND', 'No such offer.');
      if (offer.participantId !== actor.participantId) return fail('NOT_YOURS', 'Only the person who offered can withdraw an offer.');
      if (offer.actionId !== null) return fail('CONFLICT', 'This offer is an action now: step back from the action instead.');
      return done([{ type: 'offer.withdrawn', offerId: offer.id }]);
    }
    case 'offer.accept': {
      const offer = state.offers.get(command.offerId);
      if (!offer) return fail('NOT_FOUND', 'No such offer.');
      if (offer.actionId !== null) return fail('CONFLICT', 'This offer is already an action.');
      const actionId = ctx.newId();
      return done(
        [
          { type: 'action.created', actionId, itemId: offer.itemId, text: offer.text, dueDate: defaultDueDate(ctx.now, state.cadenceDays) },
          { type: 'action.owner', actionId, participantId: offer.participantId, volunteer: true },
          { type: 'offer.accepted', offerId: offer.id, actionId },
        ],
        { actionId },
      );
    }
    case 'action.ask': {
      const action = state.actions.get(command.actionId);
      if (!action) return fail('NOT_FOUND', 'No such action.');
      if (command.askOf !== null && action.owners.length > 0) {
        return fail('CONFLICT', 'Someone here has taken this action, so it is ours, not an ask.');
      }
      if (action.askOf === command.askOf) return done([]);
      return done([{ type: 'action.asked', actionId: action.id, askOf: command.askOf }]);
    }
  }
}
