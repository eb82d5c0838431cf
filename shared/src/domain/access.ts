import type { ErrorCode } from '../protocol/errors.js';
import type { BoardEvent, BoardState, Participant } from './board.js';
import { LIMITS } from './limits.js';

/**
 * JN-*, MO-1: who may come into a board. The gate is a password, a knock, or both; people who passed the
 * current gate are `admitted`. The facilitator (and the holder of the facilitator link) never wait.
 */
export type Entry =
  | { kind: 'enter'; /** record that they passed the gate */ admit: boolean }
  | { kind: 'knock' }
  | { kind: 'refused'; code: ErrorCode; message: string };

export interface Arrival {
  participantId: string;
  /** already a participant of this board (a reconnect, or a return) */
  known: boolean;
  /** joined with a valid facilitator key */
  facilitatorKeyOk: boolean;
  /** keyed hash of the password given with the join, or null when none was given */
  passwordHash: string | null;
}

export function gated(state: BoardState): boolean {
  return state.access.passwordHash !== null || state.access.knock;
}

/** Who to ask, in words, for refusals: the facilitator by name when there is one. */
export function whoToAsk(state: BoardState): string {
  const f = state.facilitatorId ? state.participants.get(state.facilitatorId) : undefined;
  return f ? f.name : 'the facilitator';
}

export function entryFor(state: BoardState, arrival: Arrival): Entry {
  const { access } = state;
  const id = arrival.participantId;
  if (access.removed.has(id)) return refused('REMOVED', 'The facilitator removed you from this retro.');
  const admittedAlready = !gated(state) || access.admitted.has(id);
  if (arrival.facilitatorKeyOk || state.facilitatorId === id) return { kind: 'enter', admit: !admittedAlready };
  // JN-4: someone the facilitator let in is on the board even when their name was forgotten meanwhile (AB-6)
  if (!arrival.known && !access.admitted.has(id) && access.joiningLocked) {
    return refused('JOINING_LOCKED', `Joining is closed for this retro. Ask ${whoToAsk(state)} to open it.`);
  }
  if (admittedAlready) return { kind: 'enter', admit: false };
  if (access.passwordHash !== null) {
    if (arrival.passwordHash === null) return refused('PASSWORD_REQUIRED', 'This retro has a password. Ask the facilitator for it.');
    if (arrival.passwordHash !== access.passwordHash) return refused('WRONG_PASSWORD', 'That password is not right. Ask the facilitator for the current one.');
  }
  return access.knock ? { kind: 'knock' } : { kind: 'enter', admit: true };
}

/** Whether a participant may read the board's documents now (PE-5 plus JN-* and MO-1). */
export function mayStay(state: BoardState, participantId: string): boolean {
  if (state.access.removed.has(participantId)) return false;
  return !gated(state) || state.access.admitted.has(participantId) || state.facilitatorId === participantId;
}

/**
 * JN-4: the event recording these people as in the room (`Access.members`), with their auth hash, so that AB-6
 * forgetting their name does not shut them out; none when there is nobody new to record. Only people the door lets
 * stay, whatever they did unseen; sorted by participant id, so the record keeps no order of arrival either; at most
 * `membersPerBoard` of them (the first by id: only a flood of joiners makes more).
 */
export function membersEvent(state: BoardState, participantIds: Iterable<string>, authHashOf: (participantId: string) => string | undefined): BoardEvent[] {
  const members: { participantId: string; authHash: string }[] = [];
  for (const id of [...participantIds].sort()) {
    const authHash = authHashOf(id);
    if (authHash !== undefined && mayStay(state, id) && state.access.members.get(id) !== authHash) members.push({ participantId: id, authHash });
    if (members.length === LIMITS.membersPerBoard) break;
  }
  return members.length > 0 ? [{ type: 'access.members', members }] : [];
}

function refused(code: ErrorCode, message: string): Entry {
  return { kind: 'refused', code, message };
}

/** JN-9: a name as people tell names apart on screen: Unicode-normalised, spaces collapsed, case ignored. */
function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/**
 * JN-9: whether a newcomer's name is already worn by someone here now. Two "Ada"s in the people list, in "Ada joined"
 * and as owners of actions could not be told apart by anyone. Only people online count: someone who left may come
 * back on another device under their own name.
 */
export function nameTakenHere(state: BoardState, name: string): boolean {
  const key = nameKey(name);
  for (const p of state.participants.values()) if (p.online && keyOf(p) === key) return true;
  return false;
}

// A name is set once, at a person's first join; its key is worked out once too, not at every later newcomer's join
// (500 people joining one board would otherwise normalise 125,000 names, on the join path `pnpm bench --only join`
// measures).
const nameKeys = new WeakMap<Participant, string>();
function keyOf(p: Participant): string {
  let key = nameKeys.get(p);
  if (key === undefined) nameKeys.set(p, (key = nameKey(p.name)));
  return key;
}
