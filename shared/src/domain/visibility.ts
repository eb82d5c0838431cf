import { editedOf, groupOf, signatureOf, type BoardState, type Card, type Consensus, type DoneStage, type FacilitatorChange, type Participant, type ReviewItem, type OwnerDone } from './board.js';
import { spotlightOf } from './columnWalk.js';
import { LIMITS } from './limits.js';
import { byPresenceOrder } from './boardDoc.js';
import type { Column } from './templates.js';
import type { Phase } from './phases.js';
import { pulseOpen, rotiOpen, talliesVisible } from './phases.js';
import { type RevealKeys, revealOrder } from './reveal.js';
import { publicCardCount } from './cardCount.js';
import { itemIds, rankItems, talliesShown, tallyVotes, votesOf } from './voting.js';
import { doneStageOf, progressOf, type Progress } from './progress.js';
import { checkInShown, type CheckIn } from './checkIn.js';
import { discussionOrder } from './facilitation.js';
import type { Reaction } from './reactions.js';
import { actionKind, type ActionKind } from './offers.js';
import { myLens, publicLens, type PublicLensItem, type TrustPart } from './trustLens.js';
import { dayIn } from './startSmall.js';

/**
 * AN-1: THE function that decides what may leave the server. Every outbound path (the board document,
 * socket events, HTTP, the export) is built from its result. The public part has no participant id, no
 * author, no unrevealed text and no individual vote; the personal part goes to its viewer alone.
 */
export interface PublicCard {
  id: string;
  columnId: string;
  text: string;
  groupId: string | null;
  /** SG-1: the name the author chose to show on this card, or null (the default: anonymous) */
  signedBy: string | null;
  /** CA-7: changed by its author after the reveal */
  edited: boolean;
}

export interface PublicGroup {
  id: string;
  title: string;
  /** GR-9: the column the group is drawn in */
  columnId: string;
  cardIds: string[];
}

/**
 * PU-3/CO-3: an anonymous distribution, shown only once it is closed and has enough answers that no single
 * answer can be told apart. `counts[i]` is how many answered `min + i`.
 */
export interface Distribution {
  min: number;
  counts: number[];
  total: number;
  average: number;
}

export interface PublicConsensus {
  open: boolean;
  /** how many have answered so far (never who) */
  answered: number;
  revealed: boolean;
  /** null while open, or when a viewer would see fewer than `minOthersToShow` answers besides their own (AN-9) */
  distribution: Distribution | null;
  /** CO-4: someone answered 2 or less; only said when the distribution can be shown */
  flagged: boolean;
}

export interface PublicAction {
  id: string;
  itemId: string;
  owners: string[];
  dueDate: string | null;
  consensus: PublicConsensus | null;
  /** AC-6 */
  done: boolean;
  /** AK-3: ours (someone here volunteered), an ask of someone outside the room, or taken by nobody yet */
  kind: ActionKind;
  /** AK-1: the role or team asked, for an ask */
  askOf: string | null;
  /** RE-13: an owner marked it done after the retro: who (by name, as its owners are) and on which day */
  ownerDone: OwnerDone | null;
}

/** OF-2: an offer of help, named like a promise */
export interface PublicOffer {
  id: string;
  itemId: string;
  name: string;
  text: string;
  /** the action the facilitator made of it, or null */
  actionId: string | null;
}

export interface PublicParticipant {
  /** a random public handle to point at a person (handover); not their participant id */
  handle: string;
  name: string;
  online: boolean;
  facilitator: boolean;
  /** DN-1: said "I'm done" in the current stage (Write or Vote) */
  done: boolean;
}

export interface PublicFacilitator {
  handle: string;
  name: string;
  online: boolean;
  /** FA-3: server time from which anyone may claim the role; null while the facilitator is here */
  claimableAt: number | null;
}

export interface PublicPulse {
  open: boolean;
  /** null while open, or when a viewer would see fewer than `minOthersToShow` answers besides their own (AN-9) */
  distribution: Distribution | null;
  /** closed with too few answers to show without identifying anyone */
  notEnough: boolean;
}

export interface PublicBoardView {
  id: string;
  name: string;
  templateId: string;
  teamId: string | null;
  /** MY-1: the team's name (null outside a team, or for a team retro made before it was kept) */
  teamName: string | null;
  hasReview: boolean;
  columns: Column[];
  settings: { voteBudget: number; perItemCap: number };
  phase: Phase;
  participants: PublicParticipant[];
  facilitator: PublicFacilitator | null;
  /** FA-4: who facilitated, in order, and how they got the role */
  facilitatorLog: { name: string; how: FacilitatorChange }[];
  /** EX-12: the day the retro was held (`YYYY-MM-DD`, the room's first step's, in the facilitator's time zone); null before it, or not known */
  heldOn: string | null;
  /**
   * EX-12: the day the board was made (`YYYY-MM-DD`, in the time zone it was made in, else UTC), said instead where the
   * day held is not known (a first step from before EX-12 kept none): `retroDay`
   */
  createdOn: string | null;
  review: ReviewItem[];
  pulse: PublicPulse;
  /**
   * GP-5: "was this retro worth our time?": open in Act; its distribution only in Close, by AN-9's rule as the pulse's
   * (`notEnough` with too few answers; neither when nobody answered, as in a retro closed before it was asked)
   */
  roti: PublicPulse;
  /**
   * AN-10: how many cards there are, as far as the room may know: revealed cards exactly, unrevealed ones (in
   * Review and Write) only once 3 people have written and then rounded down to a multiple of 5 — a lower bound.
   */
  cardCount: number;
  /** revealed cards, in reveal order */
  cards: PublicCard[];
  groups: PublicGroup[];
  /** item id → votes; null until voting is closed, and after it when too few voted to show them (AN-12) */
  tallies: Record<string, number> | null;
  /** item ids by votes; null whenever `tallies` is */
  ranking: string[] | null;
  currentItemId: string | null;
  discussedItemIds: string[];
  timer: { endsAt: number | null; durationMs: number; pausedMs: number | null };
  actions: PublicAction[];
  /** LK-1: read-only for everyone but the facilitator */
  locked: boolean;
  /** JN-*: how the door works (never the password or its hash) */
  access: { password: boolean; knock: boolean; joiningLocked: boolean };
  /** DN-2: "5 of 7 done" among the people here; null outside Write and Vote */
  progress: Progress | null;
  /** MO-2: names of the people the facilitator removed, so the room is told */
  removed: string[];
  /** MO-3: how many cards the facilitator hid */
  hiddenCards: number;
  /** AN-9: a distribution shows only when each viewer sees at least this many answers besides their own */
  minOthersToShow: number;
  /** GR-8 */
  groupingFacilitatorOnly: boolean;
  /** DI-5: every item in the order it is discussed; null before Discuss (by votes, or the reveal order when AN-12 withheld the tallies) */
  discussOrder: string[] | null;
  /** TL-9: the items the room has moved on from, whose trust lens is closed */
  leftItemIds: string[];
  /** DI-6: items marked discussed with "Next item" */
  doneItemIds: string[];
  /** RX-1: raised hands, first raised first, by name (a hand is a person asking to speak) */
  raisedHands: { handle: string; name: string }[];
  /** RX-3 */
  reactionsOn: boolean;
  /** RX-2: item id → reaction → how many (never who) */
  reactions: Record<string, Partial<Record<Reaction, number>>>;
  /** OF-*: offers of help, oldest first */
  offers: PublicOffer[];
  /** TL-1: whether the facilitator switched the trust lens on */
  trustLens: boolean;
  /** TL-4: per tapped item, how many tapped and (when it can be shown) the counts per part */
  lens: PublicLensItem[];
  /** CI-1, CI-4: the check-in question, in Review and Write only; null otherwise or when none is asked */
  checkIn: CheckIn | null;
  /** CW-1: the column in focus while the facilitator walks the room through Reveal; null otherwise */
  walkColumnId: string | null;
  /** CW-6, CW-9: the card or group of the walked column in the spotlight (Reveal only); null otherwise */
  walkItemId: string | null;
}

export interface PersonalCard {
  id: string;
  columnId: string;
  text: string;
  /** SG-1: I chose to show my name on it */
  signed: boolean;
}

export interface PersonalView {
  participantId: string;
  name: string;
  isFacilitator: boolean;
  /** my own cards, oldest first */
  cards: PersonalCard[];
  /** item id → my votes on it */
  votes: Record<string, number>;
  votesLeft: number;
  /** actions I volunteered for */
  actionIds: string[];
  /** my own pulse answer, if any */
  pulse: number | null;
  /** GP-5: my own "worth the time?" answer, if any */
  roti: number | null;
  /** action id → my own consensus answer */
  consensus: Record<string, number>;
  /**
   * DN-1: whether I said "I'm done" in Write and in Vote, each stage's own mark, whatever the phase: the board's phase
   * can reach a page before this view does, and a view that said only "done in the current stage" then stood for the
   * stage before's ("✓ I'm done voting" pressed with Write's mark). Nor does the view change when the phase does.
   */
  doneIn: Record<DoneStage, boolean>;
  /** JN-3: people waiting to be let in; only the facilitator sees them */
  knocks: { id: string; name: string }[];
  /** RX-2: item id → the reactions I put on it */
  reactions: Record<string, Reaction[]>;
  /** RX-1: my hand is up */
  handRaised: boolean;
  /** OF-2: the offers I made */
  offerIds: string[];
  /** TL-5: item id → the trust parts I tapped */
  lens: Record<string, TrustPart[]>;
}

export type ParticipantViewer = {
  kind: 'participant';
  participantId: string;
  authorTag: string;
  voterTag: string;
  pulseTag: string;
  consensusTag: string;
  reactionTag: string;
  trustTag: string;
};
export type Viewer = { kind: 'public' } | ParticipantViewer;

export interface BoardView {
  board: PublicBoardView;
  me: PersonalView | null;
}

/** `revealKeys`: RV-10, the reveal-order keys a room keeps of its cards (a reveal of 1,500 cards hashes no id) */
export function viewOf(state: BoardState, viewer: Viewer, claimAfterMs: number = LIMITS.facilitatorClaimAfterMs, revealKeys?: RevealKeys): BoardView {
  return {
    board: publicView(state, claimAfterMs, revealKeys),
    me: viewer.kind === 'participant' ? personalView(state, viewer) : null,
  };
}

/** Only the personal part of `viewOf`, for fanning out to many sockets without rebuilding the public part each time. */
export function personalViewOf(state: BoardState, viewer: ParticipantViewer): PersonalView {
  return personalView(state, viewer);
}

/**
 * AN-9: how many answers a distribution needs before it shows: every viewer who answered must still see at least
 * `minOthers` answers besides their own. The client says it before anyone answers when fewer people are here.
 */
export function answersToShow(minOthers: number = LIMITS.minOthersToShow): number {
  return minOthers + 1;
}

/**
 * AN-9: counts answers into a distribution, or null when too few to show without identifying anyone. Whoever
 * answered can subtract their own answer from what is shown, so it shows only when every viewer still sees at
 * least `minOthers` answers besides their own: with at least `answersToShow(minOthers)` answers.
 */
export function distributionOf(values: Iterable<number>, min: number, max: number, minOthers: number = LIMITS.minOthersToShow): Distribution | null {
  const counts = Array.from({ length: max - min + 1 }, () => 0);
  let total = 0;
  let sum = 0;
  for (const v of values) {
    counts[v - min]! += 1;
    total += 1;
    sum += v;
  }
  if (total < answersToShow(minOthers)) return null;
  return { min, counts, total, average: Math.round((sum / total) * 100) / 100 };
}

function publicConsensus(consensus: Consensus, minOthers: number): PublicConsensus {
  const distribution = consensus.revealed ? distributionOf(consensus.answers.values(), 0, 5, minOthers) : null;
  return {
    open: consensus.open,
    answered: consensus.answers.size,
    revealed: consensus.revealed,
    distribution,
    flagged: distribution !== null && distribution.counts.slice(0, 3).some((n) => n > 0),
  };
}

/**
 * What anyone may read of a card once it is revealed (and what it would show if it were, for a card still
 * private: the room encodes a card's board-document entry when it is written, RV-7, never sent before the reveal).
 */
export function publicCardOf(c: Card): PublicCard {
  return { id: c.id, columnId: c.columnId, text: c.text, groupId: groupOf(c), edited: editedOf(c), signedBy: signatureOf(c) };
}

/**
 * Built on every projection (a room joining projects every presence batch), so it allocates little and builds
 * each array the same way, with loops and `push` (chains of `map`/`filter`/`sort` hand the next call arrays
 * whose maps differ once V8 optimises them, which threw the optimised code away and compiled it again).
 */
function publicView(state: BoardState, claimAfterMs: number, revealKeys: RevealKeys | undefined): PublicBoardView {
  const revealed: string[] = [];
  // (forEach: a loop over the map's iterator makes an object per card until V8 optimises it, and a board is
  // projected unoptimised for its first dozens of projections after a restart)
  state.cards.forEach((c) => {
    if (c.revealed) revealed.push(c.id);
  });
  // (RV-10: on a big board the room keeps the cards in reveal order as they are written)
  const seed = state.revealSeed ?? '';
  const order = revealKeys?.orderOf(revealed, seed) ?? revealOrder(revealed, seed);
  const cards: PublicCard[] = [];
  for (const id of order) cards.push(publicCardOf(state.cards.get(id)!));
  const groups: PublicGroup[] = [];
  for (const g of state.groups.values()) {
    const cardIds: string[] = [];
    let firstColumn = '';
    for (const c of cards) {
      if (c.groupId !== g.id) continue;
      if (cardIds.length === 0) firstColumn = c.columnId;
      cardIds.push(c.id);
    }
    // A group stored before GR-9 has no column: it stays where it was drawn, with its first card.
    groups.push({ id: g.id, title: g.title, columnId: g.columnId || firstColumn, cardIds });
  }
  groups.sort((a, b) => order.indexOf(a.cardIds[0] ?? '') - order.indexOf(b.cardIds[0] ?? ''));
  const showTallies = talliesShown(state);
  const ranking = showTallies ? rankItems(state) : null;
  const nameOf = (participantId: string) => state.participants.get(participantId)?.name;
  const participants = participantsView(state);
  return {
    id: state.id,
    name: state.name,
    templateId: state.templateId,
    teamId: state.teamId,
    teamName: state.teamName,
    hasReview: state.hasReview,
    columns: state.columns,
    settings: { ...state.settings },
    phase: state.phase,
    participants,
    facilitator: facilitatorView(state, claimAfterMs),
    facilitatorLog: state.facilitatorLog.map((f) => ({ name: nameOf(f.participantId) ?? 'someone', how: f.how })),
    heldOn: state.heldOn,
    createdOn: state.createdAt === null ? null : dayIn(state.createdAt, state.timeZone),
    review: state.review.map((r) => ({ ...r, owners: [...r.owners] })),
    pulse: pulseView(state),
    roti: rotiView(state),
    // (the revealed cards were just counted above: a second walk of 1,500 cards, at a server's first reveal one
    // more callback run unoptimised for each, is not needed)
    cardCount: publicCardCount(state, revealed.length),
    cards,
    groups,
    tallies: showTallies ? tallyVotes(state) : null,
    ranking,
    currentItemId: state.currentItemId,
    discussedItemIds: [...state.discussedItemIds],
    timer: { endsAt: state.timer.endsAt, durationMs: state.timer.durationMs, pausedMs: state.timer.pausedMs ?? null },
    actions: [...state.actions.values()].map((a) => ({
      id: a.id,
      itemId: a.itemId,
      owners: a.owners.map((id) => nameOf(id) ?? 'someone who left'),
      dueDate: a.dueDate,
      consensus: a.consensus ? publicConsensus(a.consensus, state.minOthersToShow) : null,
      done: a.done,
      kind: actionKind(a),
      askOf: a.askOf,
      ownerDone: a.ownerDone && { by: nameOf(a.ownerDone.participantId) ?? 'someone who left', on: a.ownerDone.on },
    })),
    locked: state.locked,
    access: { password: state.access.passwordHash !== null, knock: state.access.knock, joiningLocked: state.access.joiningLocked },
    progress: progressOf(state),
    removed: [...state.access.removed].map((id) => nameOf(id) ?? 'someone'),
    hiddenCards: state.hiddenCards,
    groupingFacilitatorOnly: state.groupingFacilitatorOnly,
    // AN-12: tallies withheld, the items keep the reveal order (and the facilitator's)
    discussOrder: ranking ? discussionOrder(state, ranking) : talliesVisible(state.phase) ? discussionOrder(state, itemIds(state, order)) : null,
    doneItemIds: [...state.doneItemIds],
    leftItemIds: [...state.leftItemIds],
    raisedHands: state.raisedHands.flatMap((id) => {
      const p = state.participants.get(id);
      return p ? [{ handle: p.handle, name: p.name }] : [];
    }),
    reactionsOn: state.reactionsOn,
    reactions: reactionCounts(state),
    offers: [...state.offers.values()].map((o) => ({
      id: o.id,
      itemId: o.itemId,
      name: nameOf(o.participantId) ?? 'someone who left',
      text: o.text,
      actionId: o.actionId,
    })),
    trustLens: state.trustLens,
    lens: publicLens(state),
    minOthersToShow: state.minOthersToShow,
    checkIn: checkInShown(state.phase) ? state.checkIn : null,
    walkColumnId: state.phase === 'reveal' ? state.walkColumnId : null,
    walkItemId: state.phase === 'reveal' ? spotlightOf(state, state.walkItemId) : null,
  };
}

/**
 * What a change of who is online can change in the public view — and AR-2's recognition of a returning person's
 * stored facts, which comes with their join and only regroups facts under their owner (the cards' writers,
 * AN-10): the entries of the people whose presence changed, and the parts that count or name who is here. Built
 * by the same functions as `viewOf`'s. A room projects only this when nothing else changed (a room rejoining
 * after a restart, or joining for the first time), not the whole public view of every card and every person.
 */
export interface PresenceChange {
  /** the people whose presence changed, as the public view lists them and in its order (none removed, AN-1) */
  participants: PublicParticipant[];
  facilitator: PublicFacilitator | null;
  cardCount: number;
  progress: Progress | null;
}

export function presenceChangeOf(state: BoardState, changed: ReadonlySet<string>, claimAfterMs: number = LIMITS.facilitatorClaimAfterMs): PresenceChange {
  const stage = doneStageOf(state.phase);
  const participants: PublicParticipant[] = [];
  changed.forEach((id) => {
    const p = state.participants.get(id);
    if (p && !state.access.removed.has(id)) participants.push(publicParticipant(state, p, stage));
  });
  participants.sort(byPresenceOrder);
  return { participants, facilitator: facilitatorView(state, claimAfterMs), cardCount: publicCardCount(state), progress: progressOf(state) };
}

/**
 * Each board's people in the order its public view last listed them (participant ids; the view itself has
 * handles only). The next list is sorted starting from it: when nobody came, went or was renamed since (a reveal,
 * a vote, a phase), the sort compares each person with the next once — 499 comparisons of names in a room of 500,
 * against some 4,500 from the order they joined in (0.8 of the 1.1 ms a 1,500-card board's public view took).
 */
const listedOrder = new WeakMap<BoardState, string[]>();

/** AN-1: everyone not removed, by handle (never their participant id), in presence order */
function participantsView(state: BoardState): PublicParticipant[] {
  const stage = doneStageOf(state.phase);
  const { participants: all, access } = state;
  const people: Participant[] = [];
  const listed = listedOrder.get(state) ?? [];
  const taken = new Set<string>();
  for (let i = 0; i < listed.length; i++) {
    const p = all.get(listed[i]!);
    if (p === undefined || access.removed.has(p.id)) continue;
    people.push(p);
    taken.add(p.id);
  }
  all.forEach((p) => {
    if (!taken.has(p.id) && !access.removed.has(p.id)) people.push(p);
  });
  people.sort(byPresenceOrder);
  const order: string[] = [];
  const participants: PublicParticipant[] = [];
  for (let i = 0; i < people.length; i++) {
    order.push(people[i]!.id);
    participants.push(publicParticipant(state, people[i]!, stage));
  }
  listedOrder.set(state, order);
  return participants;
}

function publicParticipant(state: BoardState, p: Participant, stage: DoneStage | null): PublicParticipant {
  return { handle: p.handle, name: p.name, online: p.online, facilitator: p.isFacilitator, done: stage !== null && state.done[stage].has(p.id) };
}

/** RX-2: counts only; the tags behind them never leave the server. */
function reactionCounts(state: BoardState): PublicBoardView['reactions'] {
  const out: PublicBoardView['reactions'] = {};
  for (const [itemId, byReaction] of state.reactions) {
    const counts: Partial<Record<Reaction, number>> = {};
    for (const [reaction, tags] of byReaction) if (tags.size > 0) counts[reaction as Reaction] = tags.size;
    if (Object.keys(counts).length > 0) out[itemId] = counts;
  }
  return out;
}

function facilitatorView(state: BoardState, claimAfterMs: number): PublicFacilitator | null {
  const f = state.facilitatorId ? state.participants.get(state.facilitatorId) : undefined;
  if (!f) return null;
  return {
    handle: f.handle,
    name: f.name,
    online: f.online,
    claimableAt: f.online || f.offlineSince === null ? null : f.offlineSince + claimAfterMs,
  };
}

function pulseView(state: BoardState): PublicPulse {
  const open = pulseOpen(state.phase) && state.revealSeed === null;
  if (open) return { open, distribution: null, notEnough: false };
  const distribution = distributionOf(state.pulse.values(), 1, 5, state.minOthersToShow);
  return { open, distribution, notEnough: distribution === null };
}

function rotiView(state: BoardState): PublicPulse {
  const open = rotiOpen(state.phase);
  if (state.phase !== 'closed' || state.roti.size === 0) return { open, distribution: null, notEnough: false };
  const distribution = distributionOf(state.roti.values(), 1, 5, state.minOthersToShow);
  return { open, distribution, notEnough: distribution === null };
}

function myReactions(state: BoardState, reactionTag: string): Record<string, Reaction[]> {
  const out: Record<string, Reaction[]> = {};
  for (const [itemId, byReaction] of state.reactions) {
    const mine = [...byReaction].filter(([, tags]) => tags.has(reactionTag)).map(([reaction]) => reaction as Reaction);
    if (mine.length > 0) out[itemId] = mine;
  }
  return out;
}

/**
 * CL-27: the parts of a person's own view (`personalViewOf`) that the marks feed — their votes, pulse, consensus
 * answers, reactions and lens taps (AR-1) — as one string, to tell whether a catch-up that only changed the marks
 * changed this person's view. Read from the same places `personalView` reads them; a new marked part of the
 * personal view belongs here too.
 */
export function ownMarksKey(state: BoardState, viewer: ParticipantViewer): string {
  const consensus: Record<string, number> = {};
  for (const a of state.actions.values()) {
    const mine = a.consensus?.answers.get(viewer.consensusTag);
    if (mine !== undefined) consensus[a.id] = mine;
  }
  const pulse = state.pulse.get(viewer.pulseTag) ?? null;
  const roti = state.roti.get(viewer.pulseTag) ?? null;
  return JSON.stringify([votesOf(state, viewer.voterTag), pulse, roti, consensus, myReactions(state, viewer.reactionTag), myLens(state, viewer.trustTag)]);
}

/**
 * CL-28: the parts of the public view (`publicViewOf`) that the marks feed — the pulse, the tallies once shown (and
 * the ranking and order of discussion made from them), consensus answers, reaction counts, the trust lens — as one
 * string, to tell whether a catch-up that only changed the marks changed the public view. While voting is open a
 * vote changes none of it (VO-4). Read from the same places `publicView` reads them; a new marked part of the
 * public view belongs here too.
 */
export function publicMarksKey(state: BoardState): string {
  const consensus: (PublicConsensus | null)[] = [];
  for (const a of state.actions.values()) consensus.push(a.consensus ? publicConsensus(a.consensus, state.minOthersToShow) : null);
  const tallies = talliesShown(state) ? tallyVotes(state) : null;
  return JSON.stringify([pulseView(state), rotiView(state), tallies, consensus, reactionCounts(state), publicLens(state)]);
}

/**
 * Built for every person who joins or acts, so it walks each collection once with plain loops (no copies of the
 * board's maps, no closures): a restarted server runs it interpreted for its first joins (issue 9).
 */
function personalView(state: BoardState, viewer: ParticipantViewer): PersonalView {
  const { participantId } = viewer;
  const participant = state.participants.get(participantId);
  const votes = votesOf(state, viewer.voterTag);
  let used = 0;
  for (const item in votes) used += votes[item]!;
  // No `revealed` flag: the reveal then changes nobody's personal view, so it sends nothing per person.
  const cards: PersonalCard[] = [];
  const mine = state.cardsByAuthor.get(viewer.authorTag) ?? [];
  for (let i = 0; i < mine.length; i++) {
    const c = state.cards.get(mine[i]!)!;
    cards.push({ id: c.id, columnId: c.columnId, text: c.text, signed: signatureOf(c) !== null });
  }
  const actionIds: string[] = [];
  const consensus: Record<string, number> = {};
  for (const a of state.actions.values()) {
    if (a.owners.includes(participantId)) actionIds.push(a.id);
    const mine = a.consensus?.answers.get(viewer.consensusTag);
    if (mine !== undefined) consensus[a.id] = mine;
  }
  const knocks: PersonalView['knocks'] = [];
  if (participant?.isFacilitator) for (const k of state.knocks.values()) knocks.push({ id: k.id, name: k.name });
  const offerIds: string[] = [];
  for (const o of state.offers.values()) if (o.participantId === participantId) offerIds.push(o.id);
  return {
    participantId,
    name: participant?.name ?? '',
    isFacilitator: participant?.isFacilitator ?? false,
    cards,
    votes,
    votesLeft: Math.max(0, state.settings.voteBudget - used),
    actionIds,
    pulse: state.pulse.get(viewer.pulseTag) ?? null,
    roti: state.roti.get(viewer.pulseTag) ?? null,
    consensus,
    doneIn: { write: state.done.write.has(participantId), vote: state.done.vote.has(participantId) },
    knocks,
    reactions: myReactions(state, viewer.reactionTag),
    handRaised: state.raisedHands.includes(participantId),
    offerIds,
    lens: myLens(state, viewer.trustTag),
  };
}

/**
 * EX-12: who facilitated, by name, in the order they held the role: a name again only when the role came back to them
 * after someone else ("Fran, then Alice, then Fran"), never twice in a row. Names are public (FA-4); nothing else is.
 */
export function facilitatorsInOrder(view: Pick<PublicBoardView, 'facilitatorLog'>): string[] {
  return view.facilitatorLog.map((f) => f.name).filter((name, i, names) => i === 0 || names[i - 1] !== name);
}
