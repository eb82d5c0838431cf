import type { CheckIn } from './checkIn.js';
import type { Column } from './templates.js';
import { LIMITS } from './limits.js';
import type { Phase } from './phases.js';
import { evolveRoomControl } from './roomControl.js';
import { titleFromWords } from './facilitation.js';
import { evolveFacilitation, type FacilitationEvent } from './facilitationEvents.js';
import { evolveOffers, type Offer, type OfferEvent } from './offers.js';
import { evolveLens, type LensEvent, type LensTaps } from './trustLens.js';

/**
 * The board as the server holds it. Cards and votes carry keyed hashes ("tags") of their author's secret,
 * never a participant id: the server can recognise the author when the author acts, nobody can go back.
 */
export interface Settings {
  voteBudget: number;
  perItemCap: number;
}

/**
 * ME-9: a card is made with the five fields every card needs. The three that only a later step sets (grouping,
 * signing, an edit after the reveal) are absent until then, and then all three are added at once, in one order
 * (`withLateFields`), so a card has one of two shapes: 24 bytes less per card on the server's heap for the cards
 * nobody grouped, signed or edited. Read them as `groupOf`, `signatureOf`, `editedOf`, or with `?? null`.
 */
export interface Card {
  id: string;
  columnId: string;
  text: string;
  authorTag: string;
  revealed: boolean;
  /** GR-*: its group; absent or null when it stands alone */
  groupId?: string | null;
  /** SG-1: the name its author chose to show on it after the reveal; absent or null while anonymous */
  signature?: string | null;
  /** CA-7: changed by its author after the room could read it */
  edited?: boolean;
}

/** ME-9: a card with its three late fields, added together and in one order the first time one is set */
export function withLateFields(card: Card): Required<Card> {
  if (card.groupId === undefined) {
    card.groupId = null;
    card.signature = null;
    card.edited = false;
  }
  return card as Required<Card>;
}

function revealCard(card: Card): void {
  card.revealed = true;
}

export function groupOf(card: Card): string | null {
  return card.groupId ?? null;
}

export function signatureOf(card: Card): string | null {
  return card.signature ?? null;
}

export function editedOf(card: Card): boolean {
  return card.edited === true;
}

/** DN-*: the two stages in which people say "I'm done". */
export type DoneStage = 'write' | 'vote';

/** JN-*: who may come in. Named facts: being in the room is public, unlike what anyone wrote. */
export interface Access {
  /** JN-1: a keyed hash of the board password, or null for none */
  passwordHash: string | null;
  /** JN-3: newcomers wait until the facilitator lets them in */
  knock: boolean;
  /** JN-4: nobody new gets in */
  joiningLocked: boolean;
  /** participant ids that passed the current gate (password or knock) */
  admitted: Set<string>;
  /**
   * JN-4, AB-6: the people who were in the room when its door closed (joining locked, knock turned on) or who came
   * in through it, by participant id, with their auth hash (AR-2). AB-6 forgets the name of whoever did nothing
   * public; the door still knows them by their secret, so they come back in and are not paced as newcomers (AB-4).
   * A public fact (everyone saw the people list), the same for everyone in it whatever they did unseen.
   */
  members: Map<string, string>;
  /** MO-1: participant ids the facilitator removed; they cannot come back */
  removed: Set<string>;
}

/** JN-3: someone waiting at the door (runtime only: a knock lasts as long as its connection). */
export interface Knock {
  id: string;
  participantId: string;
  name: string;
}

export interface Group {
  id: string;
  title: string;
  /** GR-9: where the group lives: the column of the card it was made on (the one dropped onto) */
  columnId: string;
}

/** CO-*: a fist of five (0–5) on one action; answers are keyed by a consensus tag, never by a person. */
export interface Consensus {
  open: boolean;
  revealed: boolean;
  answers: Map<string, number>;
  /** CO-2: how many people were here when the check started: "everyone" for the automatic reveal */
  expected: number;
}

export interface Action {
  id: string;
  itemId: string;
  /** the text it was created with; people then co-edit it in the notes document */
  initialText: string;
  /** participant ids of the people who said "I can help": a promise is not anonymous. */
  owners: string[];
  dueDate: string | null;
  consensus: Consensus | null;
  /** AC-6: ticked done in the room */
  done: boolean;
  /** AK-1: the role or team outside the room this action asks something of; null when it is not an ask */
  askOf: string | null;
  /**
   * RE-13: one of its owners said, after the retro, that it is done (`promise.mark`): who (a public owner, AC-3) and on
   * which day (the server's UTC day). The next retro's Review shows it; the room still confirms it there (RE-2).
   */
  ownerDone: { participantId: string; on: string } | null;
}

/** RE-13: an owner's word between retros, by name (public, as owners are) and day. */
export interface OwnerDone {
  by: string;
  on: string;
}

export type ReviewStatus = 'done' | 'not-done' | 'dropped';

/** RE-*: an open action from one of the team's earlier retros, as it was when this retro was created. */
export interface ReviewItem {
  /** `<boardId>:<actionId>` of the earlier retro's action */
  ref: string;
  fromRetro: string;
  text: string;
  owners: string[];
  dueDate: string | null;
  status: ReviewStatus | null;
  reason: string | null;
  /** a not-done action carried forward stays open for the next retro */
  carry: boolean;
  /** AK-4: the earlier action was an ask of this role or team outside the room (reviewed as "answered?") */
  askOf?: string | null;
  /** RE-11: how many earlier Reviews marked it not done and carried it forward (absent in retros made before) */
  carried?: number;
  /** RE-13: an owner marked it done between retros, before this retro was created or since (absent when none did, or taken back) */
  ownerDone?: OwnerDone;
}

export type FacilitatorChange = 'created' | 'handover' | 'claim' | 'reclaim';

export interface Participant {
  id: string;
  name: string;
  /** a random public handle, so the room can point at a person (handover) without their id */
  handle: string;
  isFacilitator: boolean;
  online: boolean;
  /** when their last connection closed (runtime only; a restart counts as everyone leaving) */
  offlineSince: number | null;
}

export interface Timer {
  endsAt: number | null;
  durationMs: number;
  /** DI-7: time left when the facilitator paused it; null unless paused */
  pausedMs?: number | null;
}

export interface BoardState {
  id: string;
  name: string;
  templateId: string;
  teamId: string | null;
  /** MY-1: the team's name, public to the board's participants as the team page is; null outside a team or for a retro made before it was kept */
  teamName: string | null;
  hasReview: boolean;
  columns: Column[];
  settings: Settings;
  phase: Phase;
  facilitatorId: string | null;
  /** who facilitated, in order, and how they got the role */
  facilitatorLog: { participantId: string; how: FacilitatorChange }[];
  review: ReviewItem[];
  /** pulse tag → 1..5 */
  pulse: Map<string, number>;
  /** GP-5: pulse tag → 1..5, "was this retro worth our time?" (asked in Act) */
  roti: Map<string, number>;
  revealSeed: string | null;
  participants: Map<string, Participant>;
  cards: Map<string, Card>;
  groups: Map<string, Group>;
  /** target id (card or group) → voter tag → number of votes */
  votes: Map<string, Map<string, number>>;
  /**
   * indexes kept by `evolve`, so one person's cards and votes are found without scanning the board. A person's
   * cards are a short array, oldest first (at most `LIMITS.cardsPerPerson`): about half the memory of a Set (issue 13).
   */
  cardsByAuthor: Map<string, string[]>;
  /**
   * AN-10, AR-2: how many of the people with unrevealed cards are known here only as a number: after a load, their
   * cards wait for them (each with a placeholder author of its own, which says nothing of who wrote which) until
   * they join and are recognised. Set from the count stored with the cards (`writers`); one less for each person
   * recognised whose cards make them a writer; none once every card is revealed.
   */
  waitingWriters: number;
  votesByVoter: Map<string, Map<string, number>>;
  currentItemId: string | null;
  discussedItemIds: string[];
  /** TL-9, TL-10: the items the room has moved on from (each was current, then another was chosen or the room left Discuss); their trust lens is closed */
  leftItemIds: Set<string>;
  /** AN-12: the vote that just closed had too few voters for its tallies to show (decided when Vote closed) */
  talliesWithheld: boolean;
  /** SL-3: how many people the retro had when it was closed (null: not closed, or closed before SL-3 kept it) */
  peopleAtClose: number | null;
  /**
   * EX-12: the day the retro was held, the day of the room's first step in the facilitator's time zone (UTC without
   * one; null: no step yet, or one stored before EX-12)
   */
  heldOn: string | null;
  /** EX-12: the time zone the board was made in (`board.created`), for a first step that names none; null: UTC */
  timeZone: string | null;
  /** EX-12: when the board was made (its stored record's, not an event's); null where there is no record (a test's board) */
  createdAt: number | null;
  /** EX-12: the room has taken its first step (from Review, or Write outside a team), so no later step's day is the day held */
  stepped: boolean;
  /**
   * AN-12: after a load (a restart, or another process's change of the marks), how many of the stored voters have
   * not been recognised here yet; with the voters known by their tags it makes the number of people who voted
   */
  waitingVoters: number;
  timer: Timer;
  actions: Map<string, Action>;
  access: Access;
  /** LK-1: read-only for everyone but the facilitator */
  locked: boolean;
  /** DN-1: participant ids that said "I'm done", per stage */
  done: Record<DoneStage, Set<string>>;
  /** MO-3: how many cards the facilitator hid (the cards themselves are gone) */
  hiddenCards: number;
  /** JN-3: people knocking, by knock id (runtime only, never stored) */
  knocks: Map<string, Knock>;
  /** AN-9: answers a viewer must see besides their own before a distribution shows; only ever raised */
  minOthersToShow: number;
  /** GR-8: only the facilitator groups and titles */
  groupingFacilitatorOnly: boolean;
  /** DI-5: the facilitator's order of discussion; null means by votes */
  discussOrder: string[] | null;
  /** DI-6: items marked discussed with "Next item" (and not reopened) */
  doneItemIds: string[];
  /** RX-1: participant ids with a raised hand, in the order they raised it (named, like a promise) */
  raisedHands: string[];
  /** RX-3 */
  reactionsOn: boolean;
  /** RX-2: item id → reaction → reaction tags (anonymous, like votes) */
  reactions: Map<string, Map<string, Set<string>>>;
  /** OF-*: named offers of help on discussed items ("How can I help?") */
  offers: Map<string, Offer>;
  /** TL-*: whether the facilitator switched the trust lens on, and the anonymous taps (by trust tag) */
  trustLens: boolean;
  lensTaps: LensTaps;
  /** SS-2: the team's cadence in days (from its history), for the default due date; null outside a team or without one */
  cadenceDays: number | null;
  /** CI-1: the check-in question the facilitator put on everyone's board; null for none */
  checkIn: CheckIn | null;
  /** CW-1: the column the facilitator is walking the room through in Reveal; null when not walking */
  walkColumnId: string | null;
  /**
   * CW-6: the card or group of the walked column in the spotlight, as it was spotlighted; what the room sees of it
   * (`spotlightOf`) follows the card into a group and is gone with it (CW-9). null for none
   */
  walkItemId: string | null;
}

/** What the store records. Payloads carry tags, never participant ids, except where a name is public (actions). */
export type BoardEvent =
  | {
      type: 'board.created';
      name: string;
      templateId: string;
      columns: Column[];
      settings: Settings;
      teamId?: string | null;
      teamName?: string;
      review?: Omit<ReviewItem, 'status' | 'reason' | 'carry'>[];
      cadenceDays?: number | null;
      /** EX-12: the creator's time zone (IANA), the first step's day when the step names none; not in any view */
      timeZone?: string;
    }
  | { type: 'facilitator.changed'; participantId: string; how: FacilitatorChange }
  | { type: 'review.marked'; ref: string; status: ReviewStatus; reason: string | null; carry: boolean }
  /**
   * RE-13: an owner's word on a promise of an earlier retro (`promise.marked` there), reaching this retro's Review list
   * after this retro was made (null: taken back). Recorded by the server, never sent by anyone (`ownerWordEvents`).
   */
  | { type: 'review.ownerWord'; ref: string; ownerDone: OwnerDone | null }
  | { type: 'pulse.answered'; pulseTag: string; value: number }
  /** GP-5: a "worth the time?" answer, under the person's pulse tag (never their id) */
  | { type: 'roti.answered'; answerTag: string; value: number }
  | { type: 'consensus.started'; actionId: string; expected?: number }
  | { type: 'consensus.answered'; actionId: string; consensusTag: string; value: number }
  | { type: 'consensus.revealed'; actionId: string }
  | { type: 'columns.changed'; columns: Column[] }
  | { type: 'card.added'; cardId: string; columnId: string; text: string; authorTag: string }
  | { type: 'card.edited'; cardId: string; text: string }
  | { type: 'card.deleted'; cardId: string }
  | {
      type: 'phase.changed';
      phase: Phase;
      revealSeed?: string;
      /** AN-12: Vote closed with too few voters to show its tallies */
      tallies?: 'withheld';
      /** SL-3: at Close, how many people the retro had (a number only; a Close stored before SL-3 has none) */
      people?: number;
      /** CO-9: at Close, the actions whose fist of five was still open, closed with it (a Close stored before CO-9 has none) */
      checks?: string[];
      /** EX-12: on the room's first step only, the server's UTC day it was taken: the day the retro was held (a step stored before EX-12 has none) */
      on?: string;
    }
  | { type: 'settings.changed'; settings: Settings }
  | { type: 'card.grouped'; cardId: string; groupId: string }
  | { type: 'card.ungrouped'; cardId: string }
  | { type: 'group.titled'; groupId: string; title: string }
  | { type: 'vote.cast'; targetId: string; voterTag: string }
  | { type: 'vote.retracted'; targetId: string; voterTag: string }
  | { type: 'discuss.selected'; itemId: string }
  | { type: 'timer.started'; endsAt: number; durationMs: number }
  | { type: 'timer.stopped' }
  | { type: 'action.created'; actionId: string; itemId: string; text: string; dueDate?: string | null; askOf?: string | null }
  | { type: 'action.asked'; actionId: string; askOf: string | null }
  | OfferEvent
  | LensEvent
  | { type: 'action.owner'; actionId: string; participantId: string; volunteer: boolean }
  | { type: 'action.due'; actionId: string; dueDate: string | null }
  | { type: 'action.deleted'; actionId: string }
  /** RE-13: an owner marks their promise done after the retro (`on`: the server's day), or takes it back (null) */
  | { type: 'promise.marked'; actionId: string; participantId: string; on: string | null }
  | { type: 'board.renamed'; name: string }
  | { type: 'done.marked'; participantId: string; stage: DoneStage; done: boolean }
  | { type: 'done.reset'; stage: DoneStage }
  /** JN-2: a new password lets in only `keep` (the facilitator); everyone else must enter it again */
  | { type: 'access.passwordChanged'; passwordHash: string | null; keep: string[] }
  /** JN-3: turning knock on admits `admit` (everyone already in), so nobody present has to knock */
  | { type: 'access.knockChanged'; on: boolean; admit: string[] }
  | { type: 'access.joiningLocked'; locked: boolean }
  | { type: 'access.admitted'; participantId: string }
  /** JN-4: these people are in the room (`Access.members`): the door knows them by their secret even once AB-6 forgot their names */
  | { type: 'access.members'; members: { participantId: string; authHash: string }[] }
  | { type: 'board.locked'; locked: boolean }
  | { type: 'participant.removed'; participantId: string }
  | { type: 'card.hidden'; cardId: string }
  | { type: 'card.signed'; cardId: string; name: string | null }
  | { type: 'anonymity.raised'; minOthers: number }
  | FacilitationEvent;

/** `createdAt`: the stored record's (EX-12: the day the board was made, said where the day held is not known) */
export function emptyBoard(id: string, createdAt: number | null = null): BoardState {
  return {
    id,
    name: '',
    templateId: '',
    teamId: null,
    teamName: null,
    hasReview: false,
    columns: [],
    settings: { voteBudget: 3, perItemCap: 2 },
    phase: 'write',
    facilitatorId: null,
    facilitatorLog: [],
    review: [],
    pulse: new Map(),
    roti: new Map(),
    revealSeed: null,
    participants: new Map(),
    cards: new Map(),
    groups: new Map(),
    votes: new Map(),
    cardsByAuthor: new Map(),
    waitingWriters: 0,
    votesByVoter: new Map(),
    currentItemId: null,
    discussedItemIds: [],
    leftItemIds: new Set(),
    talliesWithheld: false,
    peopleAtClose: null,
    heldOn: null,
    timeZone: null,
    createdAt,
    stepped: false,
    waitingVoters: 0,
    timer: { endsAt: null, durationMs: 0 },
    actions: new Map(),
    access: { passwordHash: null, knock: false, joiningLocked: false, admitted: new Set(), members: new Map(), removed: new Set() },
    locked: false,
    done: { write: new Set(), vote: new Set() },
    hiddenCards: 0,
    knocks: new Map(),
    minOthersToShow: LIMITS.minOthersToShow,
    groupingFacilitatorOnly: false,
    discussOrder: null,
    doneItemIds: [],
    raisedHands: [],
    reactionsOn: true,
    reactions: new Map(),
    offers: new Map(),
    trustLens: false,
    lensTaps: new Map(),
    cadenceDays: null,
    checkIn: null,
    walkColumnId: null,
    walkItemId: null,
  };
}

/** Applies one recorded event. Events were checked by `decide` before they were recorded. */
/**
 * Events that leave every card and group as it was (they change votes, answers, taps, reactions, or nothing
 * anonymous at all). Any other event counts as a change of the cards (`cardsVersion`).
 */
const LEAVES_CARDS: ReadonlySet<BoardEvent['type']> = new Set<BoardEvent['type']>([
  'vote.cast',
  'vote.retracted',
  'pulse.answered',
  'roti.answered',
  'consensus.answered',
  'lens.tapped',
  'reaction.toggled',
  'done.marked',
  'done.reset',
  'promise.marked',
  'review.ownerWord',
  'hand.raised',
  'timer.started',
  'timer.stopped',
  'timer.changed',
  'checkin.asked',
  'walk.focused',
  'walk.spotlit',
]);
const cardChanges = new WeakMap<BoardState, number>();

/**
 * How many times `evolve` (or `moveCards`, `moveCardsOf`) may have changed the board's cards or groups: equal numbers mean
 * the same cards, so what is derived from them alone can be kept (the stored form of a big board's cards).
 */
export function cardsVersion(state: BoardState): number {
  return cardChanges.get(state) ?? 0;
}

export function evolve(state: BoardState, event: BoardEvent): void {
  if (!LEAVES_CARDS.has(event.type)) cardChanges.set(state, cardsVersion(state) + 1);
  switch (event.type) {
    case 'board.created':
      state.name = event.name;
      state.templateId = event.templateId;
      state.columns = event.columns;
      state.settings = event.settings;
      state.teamId = event.teamId ?? null;
      state.teamName = event.teamName ?? null;
      state.hasReview = Boolean(event.teamId);
      state.phase = state.hasReview ? 'review' : 'write';
      state.review = (event.review ?? []).map((item) => ({ ...item, status: null, reason: null, carry: false }));
      state.cadenceDays = event.cadenceDays ?? null;
      state.timeZone = event.timeZone ?? null;
      return;
    case 'facilitator.changed':
      state.facilitatorId = event.participantId;
      state.facilitatorLog.push({ participantId: event.participantId, how: event.how });
      for (const p of state.participants.values()) p.isFacilitator = p.id === event.participantId;
      return;
    case 'review.marked': {
      const item = state.review.find((r) => r.ref === event.ref);
      if (item) Object.assign(item, { status: event.status, reason: event.reason, carry: event.carry });
      return;
    }
    case 'review.ownerWord': {
      const item = state.review.find((r) => r.ref === event.ref);
      if (!item) return;
      if (event.ownerDone) item.ownerDone = { ...event.ownerDone };
      else delete item.ownerDone;
      return;
    }
    case 'pulse.answered':
      state.pulse.set(event.pulseTag, event.value);
      return;
    case 'roti.answered':
      state.roti.set(event.answerTag, event.value);
      return;
    case 'consensus.started': {
      const action = state.actions.get(event.actionId);
      if (action) action.consensus = { open: true, revealed: false, answers: new Map(), expected: event.expected ?? Infinity };
      return;
    }
    case 'consensus.answered': {
      const consensus = state.actions.get(event.actionId)?.consensus;
      if (!consensus?.open) return;
      consensus.answers.set(event.consensusTag, event.value);
      // CO-2: once as many have answered as were here when the check started, the result shows by itself
      // (someone who answered and left still counts; someone who joined later does not hold it up).
      if (consensus.answers.size >= consensus.expected) Object.assign(consensus, { open: false, revealed: true });
      return;
    }
    case 'consensus.revealed': {
      const consensus = state.actions.get(event.actionId)?.consensus;
      if (consensus) Object.assign(consensus, { open: false, revealed: true });
      return;
    }
    case 'columns.changed': {
      state.columns = event.columns;
      // TE-3: a removed column held no revealed card; its unseen cards go to the first column, where their
      // authors find them (AN-10: the facilitator was not told they exist)
      const first = event.columns[0]?.id;
      const left = new Set(event.columns.map((c) => c.id));
      if (first) for (const c of state.cards.values()) if (!left.has(c.columnId)) c.columnId = first;
      return;
    }
    case 'card.added':
      indexCard(state, event.authorTag, event.cardId, true);
      state.cards.set(event.cardId, { id: event.cardId, columnId: event.columnId, text: event.text, authorTag: event.authorTag, revealed: false });
      return;
    case 'card.edited': {
      const card = state.cards.get(event.cardId);
      if (!card) return;
      // GR-6: a group title still made of the card's first words does not outlive them
      retitleWithout(state, card, event.text);
      card.text = event.text;
      // CA-7: an edit before the reveal changed nothing anyone else read.
      if (card.revealed) withLateFields(card).edited = true;
      return;
    }
    case 'card.deleted': {
      const card = state.cards.get(event.cardId);
      if (!card) return;
      // GR-6: a group title still made of the deleted (or hidden, MO-3) card's first words goes with them
      retitleWithout(state, card, null);
      state.cards.delete(event.cardId);
      indexCard(state, card.authorTag, card.id, false);
      clearVotes(state, event.cardId);
      if (card.groupId) dissolveSmallGroup(state, card.groupId);
      return;
    }
    case 'phase.changed':
      // AN-12: leaving Vote for Discuss settles whether this vote's tallies show; coming back to Vote from
      // Discuss starts a new vote, so tallies once shown are never shown again changed by a few people's votes
      if (state.phase === 'vote' && event.phase === 'discuss') state.talliesWithheld = event.tallies === 'withheld';
      if (state.phase === 'discuss' && event.phase === 'vote') {
        state.votes.clear();
        state.votesByVoter.clear();
        state.talliesWithheld = false;
        state.waitingVoters = 0;
      }
      // TL-10: leaving Discuss (on to Act, or back to Vote) moves the room on from the item it was discussing: its
      // breakdown may show from now on, so its lens closes as when another item is selected (TL-9)
      if (state.phase === 'discuss' && event.phase !== 'discuss' && state.currentItemId !== null) state.leftItemIds.add(state.currentItemId);
      state.phase = event.phase;
      state.peopleAtClose = event.people ?? null;
      // EX-12: the first step is the day held; a first step stored before EX-12 carries no day, and none comes later
      if (!state.stepped) state.heldOn = event.on ?? null;
      state.stepped = true;
      // CO-9: a check still open when the retro closes is revealed as the facilitator's reveal would (CO-2, CO-3)
      for (const actionId of event.checks ?? []) {
        const consensus = state.actions.get(actionId)?.consensus;
        if (consensus?.open) Object.assign(consensus, { open: false, revealed: true });
      }
      // CW-3: a walk through the columns ends when the room leaves Reveal; coming back starts without one
      state.walkColumnId = null;
      state.walkItemId = null;
      if (event.revealSeed) state.revealSeed = event.revealSeed;
      // (forEach: at a board's first reveal this runs cold over 1,500 cards, where an interpreted `for…of` over the
      // map makes a result object per card)
      if (event.phase === 'reveal') {
        state.cards.forEach(revealCard);
        // AN-10: nobody has an unrevealed card any more, waiting for its author or not
        state.waitingWriters = 0;
      }
      // DI-4, DI-9: a new phase starts with no timer, so "Time is up" never carries over (a closed retro has no clock).
      state.timer = { endsAt: null, durationMs: 0, pausedMs: null };
      return;
    case 'settings.changed':
      state.settings = event.settings;
      return;
    case 'anonymity.raised':
      state.minOthersToShow = Math.max(state.minOthersToShow, event.minOthers);
      return;
    case 'card.grouped': {
      const card = state.cards.get(event.cardId);
      if (!card) return;
      const previous = card.groupId;
      // GR-9: a new group lives in the column of the card that opens it: decide groups the card dropped onto first.
      if (!state.groups.has(event.groupId)) state.groups.set(event.groupId, { id: event.groupId, title: '', columnId: card.columnId });
      withLateFields(card).groupId = event.groupId;
      if (previous && previous !== event.groupId) dissolveSmallGroup(state, previous);
      return;
    }
    case 'card.ungrouped': {
      const card = state.cards.get(event.cardId);
      if (!card || !card.groupId) return;
      const previous = card.groupId;
      card.groupId = null;
      dissolveSmallGroup(state, previous);
      return;
    }
    case 'group.titled': {
      const group = state.groups.get(event.groupId);
      if (group) group.title = event.title;
      return;
    }
    case 'vote.cast':
      addVotes(state, event.targetId, event.voterTag, 1);
      return;
    case 'vote.retracted':
      if ((state.votes.get(event.targetId)?.get(event.voterTag) ?? 0) > 0) addVotes(state, event.targetId, event.voterTag, -1);
      return;
    case 'discuss.selected':
      // DI-9: a new item starts with no timer and no raised hands.
      if (state.currentItemId !== event.itemId) {
        state.timer = { endsAt: null, durationMs: 0, pausedMs: null };
        state.raisedHands = [];
      }
      // TL-9: the item the room moves on from keeps its trust lens closed from now on
      if (state.currentItemId !== null && state.currentItemId !== event.itemId) state.leftItemIds.add(state.currentItemId);
      state.currentItemId = event.itemId;
      if (!state.discussedItemIds.includes(event.itemId)) state.discussedItemIds.push(event.itemId);
      return;
    case 'timer.started':
      state.timer = { endsAt: event.endsAt, durationMs: event.durationMs, pausedMs: null };
      return;
    case 'timer.stopped':
      state.timer = { endsAt: null, durationMs: state.timer.durationMs, pausedMs: null };
      return;
    case 'action.created':
      state.actions.set(event.actionId, {
        id: event.actionId,
        itemId: event.itemId,
        initialText: event.text,
        owners: [],
        dueDate: event.dueDate ?? null,
        consensus: null,
        askOf: event.askOf ?? null,
        done: false,
        ownerDone: null,
      });
      return;
    case 'action.asked': {
      const action = state.actions.get(event.actionId);
      if (action) action.askOf = event.askOf;
      return;
    }
    case 'offer.added':
    case 'offer.withdrawn':
    case 'offer.accepted':
      evolveOffers(state, event);
      return;
    case 'lens.switched':
    case 'lens.tapped':
      evolveLens(state, event);
      return;
    case 'action.owner': {
      const action = state.actions.get(event.actionId);
      if (!action) return;
      action.owners = action.owners.filter((id) => id !== event.participantId);
      if (event.volunteer) action.owners.push(event.participantId);
      return;
    }
    case 'action.due': {
      const action = state.actions.get(event.actionId);
      if (action) action.dueDate = event.dueDate;
      return;
    }
    case 'promise.marked': {
      const action = state.actions.get(event.actionId);
      if (action) action.ownerDone = event.on === null ? null : { participantId: event.participantId, on: event.on };
      return;
    }
    case 'action.deleted':
      state.actions.delete(event.actionId);
      // OF-5: an offer that became this action is an offer again.
      for (const offer of state.offers.values()) if (offer.actionId === event.actionId) offer.actionId = null;
      return;
    case 'card.hidden':
      // MO-3: a hidden card leaves the board as a deleted one does (text, votes, group, a group title still made of
      // its first words); only the count stays.
      // At load the public log replays before the anonymous state, which no longer holds the card: the count stays.
      state.hiddenCards += 1;
      const hidden = state.cards.get(event.cardId);
      if (!hidden) return;
      // (card.deleted below takes a group title still made of its first words with it, GR-6)
      evolve(state, { type: 'card.deleted', cardId: event.cardId });
      return;
    case 'board.renamed':
    case 'done.marked':
    case 'done.reset':
    case 'access.passwordChanged':
    case 'access.knockChanged':
    case 'access.joiningLocked':
    case 'access.admitted':
    case 'access.members':
    case 'board.locked':
    case 'participant.removed':
    case 'card.signed':
      evolveRoomControl(state, event);
      return;
    default:
      evolveFacilitation(state, event);
      return;
  }
}

/**
 * GR-6: a group title that is still a card's first words does not outlive them when the card is edited (`newText`) or
 * deleted (null), in whichever group it is: the card's own, or one it was taken out of since. Its own group's title
 * follows the edit; any other such title is cleared, unless another revealed card still has those very words (then
 * they are on the board anyway). So words an author took back are in no view, export or file.
 */
function retitleWithout(state: BoardState, card: Card, newText: string | null): void {
  if (state.groups.size === 0) return;
  const words = titleFromWords(card.text);
  let stillShown: boolean | undefined;
  for (const group of state.groups.values()) {
    if (group.title !== words) continue;
    if (newText !== null && group.id === card.groupId) {
      group.title = titleFromWords(newText);
      continue;
    }
    stillShown ??= [...state.cards.values()].some((other) => other.id !== card.id && other.revealed && titleFromWords(other.text) === words);
    if (!stillShown) group.title = '';
  }
}

/** GR-3: a group of one is no group; its last card stands alone again and keeps the group's votes. */
function dissolveSmallGroup(state: BoardState, groupId: string): void {
  const members = [...state.cards.values()].filter((c) => c.groupId === groupId);
  if (members.length >= 2) return;
  state.groups.delete(groupId);
  const groupVotes = [...(state.votes.get(groupId) ?? [])];
  clearVotes(state, groupId);
  const last = members[0];
  if (!last) return;
  last.groupId = null;
  for (const [voter, n] of groupVotes) addVotes(state, last.id, voter, n);
}

/** Adds `n` (possibly negative) votes of one voter on one target, keeping both vote maps in step. */
function addVotes(state: BoardState, targetId: string, voterTag: string, n: number): void {
  const byVoter = state.votes.get(targetId) ?? new Map<string, number>();
  const byTarget = state.votesByVoter.get(voterTag) ?? new Map<string, number>();
  const count = (byVoter.get(voterTag) ?? 0) + n;
  if (count > 0) {
    byVoter.set(voterTag, count);
    byTarget.set(targetId, count);
  } else {
    byVoter.delete(voterTag);
    byTarget.delete(targetId);
  }
  if (byVoter.size > 0) state.votes.set(targetId, byVoter);
  else state.votes.delete(targetId);
  if (byTarget.size > 0) state.votesByVoter.set(voterTag, byTarget);
  else state.votesByVoter.delete(voterTag);
}

/** Removes every vote on a target (a deleted card, a dissolved group). */
function clearVotes(state: BoardState, targetId: string): void {
  for (const [voter, n] of [...(state.votes.get(targetId) ?? [])]) addVotes(state, targetId, voter, -n);
}

/**
 * ME-17: a person's list is made anew, at its exact length, at each change (it is short: at most
 * `LIMITS.cardsPerPerson`). An array grown by `push` keeps room for more: ~100 bytes a person of 30 cards.
 */
function indexCard(state: BoardState, authorTag: string, cardId: string, add: boolean): void {
  const mine = state.cardsByAuthor.get(authorTag) ?? [];
  const at = mine.indexOf(cardId);
  let next = mine;
  if (add && at < 0) next = mine.concat(cardId);
  else if (!add && at >= 0) next = mine.slice(0, at).concat(mine.slice(at + 1));
  if (next.length > 0) state.cardsByAuthor.set(authorTag, next);
  else state.cardsByAuthor.delete(authorTag);
}

/** AR-2: hands every card of one author tag to another (a restarted room recognising a returning author). */
export function moveCards(state: BoardState, from: string, to: string): void {
  cardChanges.set(state, cardsVersion(state) + 1);
  for (const cardId of [...(state.cardsByAuthor.get(from) ?? [])]) {
    const card = state.cards.get(cardId)!;
    indexCard(state, from, cardId, false);
    card.authorTag = to;
    indexCard(state, to, cardId, true);
  }
}

/**
 * AR-2: hands every card of several author tags to one author, in the order given — as `moveCards` of each in
 * turn, in one change of the cards (a returning author's cards, one placeholder each, claimed at their join).
 */
export function moveCardsOf(state: BoardState, froms: readonly string[], to: string): void {
  if (froms.length === 0) return;
  cardChanges.set(state, cardsVersion(state) + 1);
  const mine = state.cardsByAuthor.get(to) ?? [];
  const moved: string[] = [];
  // (indexed loops: run at a restarted room's every join, interpreted at first, where `for…of` makes an iterator
  // and an object per step)
  for (let f = 0; f < froms.length; f++) {
    const from = froms[f]!;
    const ids = state.cardsByAuthor.get(from);
    if (!ids || from === to) continue;
    state.cardsByAuthor.delete(from);
    for (let i = 0; i < ids.length; i++) {
      const cardId = ids[i]!;
      state.cards.get(cardId)!.authorTag = to;
      if (!mine.includes(cardId) && !moved.includes(cardId)) moved.push(cardId);
    }
  }
  // ME-17: the list made anew at its exact length
  if (moved.length > 0) state.cardsByAuthor.set(to, mine.concat(moved));
}

/** AR-2: hands every vote of one voter tag to another. */
export function moveVotes(state: BoardState, from: string, to: string): void {
  for (const [targetId, n] of [...(state.votesByVoter.get(from) ?? [])]) {
    addVotes(state, targetId, from, -n);
    addVotes(state, targetId, to, n);
  }
}

/** One author's cards, oldest first. */
export function cardsOf(state: BoardState, authorTag: string): Card[] {
  return [...(state.cardsByAuthor.get(authorTag) ?? [])].map((id) => state.cards.get(id)!);
}

export function groupMembers(state: BoardState, groupId: string): Card[] {
  return [...state.cards.values()].filter((c) => c.groupId === groupId);
}
