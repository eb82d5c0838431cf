import type { Command } from '../protocol/messages.js';
import { emptyBoard, evolve, type BoardEvent, type BoardState, type ReviewItem } from './board.js';
import { decide, type Actor, type DecideContext, type Decision } from './decide.js';
import { PHASES, phaseIndex, type Phase } from './phases.js';
import { findTemplate } from './templates.js';

/** Test helpers: build boards by folding events, and act on them through `decide` + `evolve`. */

type BoardCommand = Exclude<Command, { type: 'join' }>;
/** A command without its command id; `run` adds one. */
export type CommandBody = BoardCommand extends infer C ? (C extends { id: string } ? Omit<C, 'id'> : never) : never;

export const COLUMNS = findTemplate('start-stop-continue')!.columns;
export const NOW = 1_700_000_000_000;

/** A participant with distinctive tags, so a leak is easy to find in serialized output. */
export function actor(name: string, options: { facilitator?: boolean } = {}): Actor {
  return {
    participantId: `pid-${name}-participant`,
    isFacilitator: options.facilitator ?? false,
    authorTag: `authortag-${name}`,
    voterTag: `votertag-${name}`,
    pulseTag: `pulsetag-${name}`,
    consensusTag: `consensustag-${name}`,
    reactionTag: `reactiontag-${name}`,
    holdsFacilitatorKey: options.facilitator ?? false,
    trustTag: `trusttag-${name}`,
  };
}

export const fran = actor('fran', { facilitator: true });
export const alice = actor('alice');
export const bob = actor('bob');
export const everyone = [fran, alice, bob];

/** Deterministic ids and seed; ids look like server ids (url-safe, ≥ 8 chars). */
export function testContext(now = NOW): DecideContext {
  let n = 0;
  return { now, newId: () => `id${String(++n).padStart(6, '0')}x`, newSeed: () => 'seed-for-tests', hashPassword: (p) => `keyed-hash(${p})` };
}

const contexts = new WeakMap<BoardState, DecideContext>();
const contextOf = (state: BoardState) => {
  if (!contexts.has(state)) contexts.set(state, testContext());
  return contexts.get(state)!;
};

/** A created Start/Stop/Continue board with fran (facilitator), alice and bob, after `events`. */
export function boardWith(...events: BoardEvent[]): BoardState {
  return createdBoard({ type: 'board.created', name: 'Sprint 42', templateId: 'start-stop-continue', columns: COLUMNS, settings: { voteBudget: 3, perItemCap: 2 } }, events);
}

/** An earlier retro's open action, as a team retro receives it for its Review phase. */
export type ReviewSeed = Omit<ReviewItem, 'status' | 'reason' | 'carry'>;
export const REVIEW: ReviewSeed[] = [
  { ref: 'board-earlier:action-0001', fromRetro: 'Sprint 41', text: 'Fix the flaky tests', owners: ['Alice'], dueDate: '2030-01-10' },
  { ref: 'board-earlier:action-0002', fromRetro: 'Sprint 41', text: 'Write the runbook', owners: ['Bob'], dueDate: null },
  { ref: 'board-earlier:action-0003', fromRetro: 'Sprint 41', text: 'Try mob programming', owners: [], dueDate: null },
];

/** Like `boardWith`, but a retro inside a team: it has a Review phase (PH-7) listing `review`. */
export function teamBoardWith(review: ReviewSeed[] = REVIEW, ...events: BoardEvent[]): BoardState {
  return createdBoard(
    { type: 'board.created', name: 'Sprint 42', templateId: 'start-stop-continue', columns: COLUMNS, settings: { voteBudget: 3, perItemCap: 2 }, teamId: 'team-under-test', review },
    events,
  );
}

function createdBoard(created: BoardEvent, events: BoardEvent[]): BoardState {
  const state = emptyBoard('board-under-test');
  evolve(state, created);
  for (const a of everyone) {
    const name = a.participantId.split('-')[1];
    state.participants.set(a.participantId, {
      id: a.participantId,
      name: name[0].toUpperCase() + name.slice(1),
      handle: `handle-${name}`,
      isFacilitator: a.isFacilitator,
      online: true,
      offlineSince: null,
    });
  }
  evolve(state, { type: 'facilitator.changed', participantId: fran.participantId, how: 'created' });
  for (const e of events) evolve(state, e);
  return state;
}

/** `who` as the server would see them now: facilitator or not according to the board, not to their old flag. */
export function fresh(state: BoardState, who: Actor): Actor {
  return { ...who, isFacilitator: state.facilitatorId === who.participantId };
}

/** Marks a participant as disconnected since `since` (or back online with `since` null). */
export function setOnline(state: BoardState, who: Actor, since: number | null): void {
  const p = state.participants.get(who.participantId)!;
  p.online = since === null;
  p.offlineSince = since;
}

/** Decides `command` for `who` and, if accepted, applies its events to `state`. */
export function run(state: BoardState, who: Actor, command: CommandBody, ctx: DecideContext = contextOf(state)): Decision {
  const decision = decide(state, who, { id: 'cmd-00000001', ...command } as BoardCommand, ctx);
  if (decision.ok) for (const e of decision.events) evolve(state, e);
  return decision;
}

/** Like `run`, but the command must be accepted; returns its ack data. */
export function must<T = Record<string, string>>(state: BoardState, who: Actor, command: CommandBody): T {
  const decision = run(state, who, command);
  if (!decision.ok) throw new Error(`${command.type} refused: ${decision.code} ${decision.message}`);
  return decision.data as T;
}

/** The facilitator walks the board one step at a time to `phase`. */
export function moveTo(state: BoardState, phase: Phase): void {
  while (state.phase !== phase) {
    const step = PHASES[phaseIndex(state.phase) + (phaseIndex(phase) > phaseIndex(state.phase) ? 1 : -1)];
    must(state, fran, { type: 'phase.set', phase: step });
  }
}

/** Adds a card and returns its id. */
export function addCard(state: BoardState, who: Actor, text: string, columnId = COLUMNS[0].id): string {
  return must<{ cardId: string }>(state, who, { type: 'card.add', columnId, text }).cardId;
}

/**
 * AN-12: tallies show only once more people voted than the board's `minOthersToShow` (3 by default): records one
 * vote on `itemId` from each of that many people who voted and left (their voter tags alone, no participant), so
 * that with one more voter the tallies of a test show while its room stays as it was.
 */
export function enoughVoters(state: BoardState, itemId: string): void {
  for (let i = 1; i <= state.minOthersToShow; i++) evolve(state, { type: 'vote.cast', targetId: itemId, voterTag: `voter-who-left-${i}` });
}

/** Adds another participant to the board (online) and returns them as an actor, for rooms larger than three. */
export function addPerson(state: BoardState, name: string): Actor {
  const who = actor(name.toLowerCase());
  state.participants.set(who.participantId, {
    id: who.participantId,
    name,
    handle: `handle-${name.toLowerCase()}`,
    isFacilitator: false,
    online: true,
    offlineSince: null,
  });
  return who;
}
