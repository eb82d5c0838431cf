import type { Command } from '../protocol/messages.js';
import { emptyBoard, evolve, type BoardEvent, type BoardState } from './board.js';
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
  };
}

export const fran = actor('fran', { facilitator: true });
export const alice = actor('alice');
export const bob = actor('bob');
export const everyone = [fran, alice, bob];

/** Deterministic ids and seed; ids look like server ids (url-safe, ≥ 8 chars). */
export function testContext(now = NOW): DecideContext {
  let n = 0;
  return { now, newId: () => `id${String(++n).padStart(6, '0')}x`, newSeed: () => 'seed-for-tests' };
}

const contexts = new WeakMap<BoardState, DecideContext>();
const contextOf = (state: BoardState) => {
  if (!contexts.has(state)) contexts.set(state, testContext());
  return contexts.get(state)!;
};

/** A created Start/Stop/Continue board with fran (facilitator), alice and bob, after `events`. */
export function boardWith(...events: BoardEvent[]): BoardState {
  const state = emptyBoard('board-under-test');
  evolve(state, { type: 'board.created', name: 'Sprint 42', templateId: 'start-stop-continue', columns: COLUMNS, settings: { voteBudget: 3, perItemCap: 2 } });
  for (const a of everyone) {
    const name = a.participantId.split('-')[1];
    state.participants.set(a.participantId, { id: a.participantId, name: name[0].toUpperCase() + name.slice(1), isFacilitator: a.isFacilitator, online: true });
  }
  for (const e of events) evolve(state, e);
  return state;
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
