import type { BoardState } from './board.js';
import type { Column } from './templates.js';
import type { Phase } from './phases.js';
import { talliesVisible } from './phases.js';
import { revealOrder } from './reveal.js';
import { rankItems, tallyVotes, votesOf } from './voting.js';

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
}

export interface PublicGroup {
  id: string;
  title: string;
  cardIds: string[];
}

export interface PublicAction {
  id: string;
  itemId: string;
  owners: string[];
  dueDate: string | null;
}

export interface PublicParticipant {
  name: string;
  online: boolean;
  facilitator: boolean;
}

export interface PublicBoardView {
  id: string;
  name: string;
  templateId: string;
  columns: Column[];
  settings: { voteBudget: number; perItemCap: number };
  phase: Phase;
  participants: PublicParticipant[];
  /** every card, revealed or not: the only thing known about unrevealed cards */
  cardCount: number;
  /** revealed cards, in reveal order */
  cards: PublicCard[];
  groups: PublicGroup[];
  /** item id → votes; null until voting is closed */
  tallies: Record<string, number> | null;
  /** item ids by votes; null until voting is closed */
  ranking: string[] | null;
  currentItemId: string | null;
  discussedItemIds: string[];
  timer: { endsAt: number | null; durationMs: number };
  actions: PublicAction[];
}

export interface PersonalCard {
  id: string;
  columnId: string;
  text: string;
  revealed: boolean;
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
}

export type ParticipantViewer = { kind: 'participant'; participantId: string; authorTag: string; voterTag: string };
export type Viewer = { kind: 'public' } | ParticipantViewer;

export interface BoardView {
  board: PublicBoardView;
  me: PersonalView | null;
}

export function viewOf(state: BoardState, viewer: Viewer): BoardView {
  return {
    board: publicView(state),
    me: viewer.kind === 'participant' ? personalView(state, viewer) : null,
  };
}

/** Only the personal part of `viewOf`, for fanning out to many sockets without rebuilding the public part each time. */
export function personalViewOf(state: BoardState, viewer: ParticipantViewer): PersonalView {
  return personalView(state, viewer);
}

function publicView(state: BoardState): PublicBoardView {
  const revealed = [...state.cards.values()].filter((c) => c.revealed);
  const order = revealOrder(
    revealed.map((c) => c.id),
    state.revealSeed ?? '',
  );
  const cards = order.map((id) => {
    const c = state.cards.get(id)!;
    return { id: c.id, columnId: c.columnId, text: c.text, groupId: c.groupId };
  });
  const groups = [...state.groups.values()]
    .map((g) => ({ id: g.id, title: g.title, cardIds: cards.filter((c) => c.groupId === g.id).map((c) => c.id) }))
    .sort((a, b) => order.indexOf(a.cardIds[0] ?? '') - order.indexOf(b.cardIds[0] ?? ''));
  const showTallies = talliesVisible(state.phase);
  const names = new Map([...state.participants.values()].map((p) => [p.id, p.name]));
  return {
    id: state.id,
    name: state.name,
    templateId: state.templateId,
    columns: state.columns,
    settings: { ...state.settings },
    phase: state.phase,
    participants: [...state.participants.values()]
      .map((p) => ({ name: p.name, online: p.online, facilitator: p.isFacilitator }))
      .sort((a, b) => a.name.localeCompare(b.name) || Number(b.online) - Number(a.online)),
    cardCount: state.cards.size,
    cards,
    groups,
    tallies: showTallies ? tallyVotes(state) : null,
    ranking: showTallies ? rankItems(state) : null,
    currentItemId: state.currentItemId,
    discussedItemIds: [...state.discussedItemIds],
    timer: { ...state.timer },
    actions: [...state.actions.values()].map((a) => ({
      id: a.id,
      itemId: a.itemId,
      owners: a.owners.map((id) => names.get(id) ?? 'someone who left'),
      dueDate: a.dueDate,
    })),
  };
}

function personalView(state: BoardState, viewer: ParticipantViewer): PersonalView {
  const participant = state.participants.get(viewer.participantId);
  const votes = votesOf(state, viewer.voterTag);
  const used = Object.values(votes).reduce((a, b) => a + b, 0);
  return {
    participantId: viewer.participantId,
    name: participant?.name ?? '',
    isFacilitator: participant?.isFacilitator ?? false,
    cards: [...state.cards.values()]
      .filter((c) => c.authorTag === viewer.authorTag)
      .map((c) => ({ id: c.id, columnId: c.columnId, text: c.text, revealed: c.revealed })),
    votes,
    votesLeft: Math.max(0, state.settings.voteBudget - used),
    actionIds: [...state.actions.values()].filter((a) => a.owners.includes(viewer.participantId)).map((a) => a.id),
  };
}
