import { type Ack, type BoardEvent, type BoardState, type JoinCommand, entryFor, fail, gated, nameTakenHere } from '@candor/shared';
import { type Keyring, type PersonValues, sameHash } from '../identity.js';
import type { ParticipantRecord } from '../storage/BoardStore.js';
import type { Admission } from './admission.js';

/**
 * Who is who in one room: each participant's auth hash (stored with their row) and what their secret derives,
 * computed once per room and reused when they join again (the auth hash proved it is the same secret).
 */
export class Identities {
  private readonly authHashes = new Map<string, string>();
  private readonly derived = new Map<string, PersonValues>();

  constructor(
    private readonly boardId: string,
    private readonly keyring: Keyring,
    private readonly facilitatorHash: string,
  ) {}

  /** the stored participants' hashes (everyone else's are forgotten; derived values stay valid) */
  load(participants: readonly { id: string; authHash: string }[], keep: Iterable<string> = []): void {
    const kept = new Map([...keep].flatMap((id) => (this.authHashes.has(id) ? [[id, this.authHashes.get(id)!] as const] : [])));
    this.authHashes.clear();
    for (const [id, hash] of kept) this.authHashes.set(id, hash);
    for (const p of participants) this.authHashes.set(p.id, p.authHash);
  }

  /** a newcomer's row, stored in this join (with what their secret derives, when this process derived it) */
  add(participantId: string, authHash: string, values?: PersonValues): void {
    this.authHashes.set(participantId, authHash);
    if (values) this.derived.set(participantId, values);
  }

  forget(participantId: string): void {
    this.authHashes.delete(participantId);
    this.derived.delete(participantId);
  }

  /**
   * JN-6: whether these credentials are a known participant's of this board. The auth hash is one of the values
   * the secret derives (AR-2), so a secret that proves itself here has its tags derived too: `derive` reuses them.
   */
  isParticipant(participantId: string, secret: string): boolean {
    const authHash = this.authHashes.get(participantId);
    if (authHash === undefined) return false;
    const values = this.keyring.person(this.boardId, secret);
    if (!sameHash(authHash, values.authHash)) return false;
    this.derived.set(participantId, values);
    return true;
  }

  facilitatorKeyOk(facilitatorKey: string): boolean {
    return sameHash(this.facilitatorHash, this.keyring.facilitatorHash(this.boardId, facilitatorKey));
  }

  /** the secret's tags and command-key base, derived once per person and room */
  derive(participantId: string, secret: string): PersonValues {
    let derived = this.derived.get(participantId);
    if (!derived) {
      derived = this.keyring.person(this.boardId, secret);
      this.derived.set(participantId, derived);
    }
    return derived;
  }

  authHashOf(participantId: string): string | undefined {
    return this.authHashes.get(participantId);
  }
}

export type JoinDecision =
  | { kind: 'refused'; ack: Ack }
  | { kind: 'knock' }
  | {
      kind: 'enter';
      /** the row to store for someone the board does not know yet, and what their secret derives (its auth hash among it) */
      newcomer: { row: ParticipantRecord; values: PersonValues } | null;
      /** public facts the join records (JN-3 admitted, FA-1 facilitator created) */
      events: BoardEvent[];
      holdsFacilitatorKey: boolean;
    };

/** a refused join (one function for the module, not a closure made at each join) */
const refused = (ack: Ack): JoinDecision => ({ kind: 'refused', ack });

/**
 * Decides a join (the door, JN-*, MO-1; identity; AB-4/AB-5 admission; FA-1) without changing the room: the
 * room stores what it records and then applies it.
 */
export function decideJoin(
  state: BoardState,
  command: JoinCommand,
  ctx: { identities: Identities; keyring: Keyring; boardId: string; admission: Admission; address: string; newId: () => string; nameHeldSeconds: number },
): JoinDecision {
  const wantsFacilitator = command.facilitatorKey !== undefined;
  const facilitatorOk = wantsFacilitator && ctx.identities.facilitatorKeyOk(command.facilitatorKey!);
  if (wantsFacilitator && !facilitatorOk) return refused(fail('NOT_FACILITATOR', 'That facilitator link is not valid for this board.'));
  const existing = state.participants.get(command.participantId);
  if (existing && !ctx.identities.isParticipant(existing.id, command.secret)) return refused(fail('BAD_CREDENTIALS', 'These credentials do not match.'));
  // JN-4, AB-6: someone the board forgot by name who was in the room when its door closed (`Access.members`) is known
  // by their secret alone; their id with another secret is nobody's
  const memberHash = existing ? undefined : state.access.members.get(command.participantId);
  let values = memberHash === undefined ? undefined : ctx.keyring.person(ctx.boardId, command.secret);
  if (memberHash !== undefined && !sameHash(memberHash, values!.authHash)) return refused(fail('BAD_CREDENTIALS', 'These credentials do not match.'));
  const member = memberHash !== undefined;
  // JN-*, MO-1: the door (removed, locked joining, password, knock) before anything is recorded.
  const entry = entryFor(state, {
    participantId: command.participantId,
    known: existing !== undefined || member,
    facilitatorKeyOk: facilitatorOk,
    passwordHash: command.password === undefined ? null : ctx.keyring.passwordHash(ctx.boardId, command.password),
  });
  if (entry.kind === 'refused') return refused(fail(entry.code, entry.message));
  // JN-9: a newcomer may not wear the name of someone here now (the facilitator link's holder is who they say). SW-1:
  // that may be the newcomer's own device gone silent; the refusal says how long it holds the name at most, by this
  // server's heartbeat, for the join form to say it in the page's language. Not at a knock (JN-3): someone outside the
  // door would learn from it who is in the room, one name tried at a time; let in, they join again and are asked then.
  // Not in a closed retro: nobody does anything there under a name (PH-3: no offer, no action, no handover; a promise
  // is marked by who the room knows, RE-13), so a second Ben who comes to read the summary while the first has it open
  // takes nothing of his, and was shut out of it
  if (entry.kind !== 'knock' && !existing && !member && !facilitatorOk && state.phase !== 'closed' && nameTakenHere(state, command.name)) {
    const seconds = ctx.nameHeldSeconds;
    return refused({
      ...fail('NAME_TAKEN', `Someone here is already called that. Add an initial or a word to your name, or, if that is you elsewhere, close it there (or wait ${seconds} seconds).`),
      waitSeconds: seconds,
    });
  }
  if (!existing) {
    // AB-4: a member coming back is not a new participant of their address (the 80 behind one NAT after a restart)
    const full = ctx.admission.refuseNewcomer(state.participants, ctx.address, { paced: !member });
    if (full) return refused(full);
  }
  if (entry.kind === 'knock') return { kind: 'knock' };
  // FA-1: the facilitator key makes its holder the facilitator only while the retro has none; afterwards
  // the role moves by handover or claim, so there is exactly one facilitator at any moment.
  const events: BoardEvent[] = [];
  if (entry.admit) events.push({ type: 'access.admitted', participantId: command.participantId });
  if (facilitatorOk && state.facilitatorId === null) events.push({ type: 'facilitator.changed', participantId: command.participantId, how: 'created' });
  let newcomer: { row: ParticipantRecord; values: PersonValues } | null = null;
  if (!existing) {
    values ??= ctx.keyring.person(ctx.boardId, command.secret);
    newcomer = { row: { id: command.participantId, name: command.name, handle: ctx.newId(), authHash: values.authHash, isFacilitator: false }, values };
    // JN-4: someone new who came in through a closed door (let in at the knock, with the password, the facilitator
    // link) is in the room from now on, as those present when it closed are
    if (!member && (gated(state) || state.access.joiningLocked)) events.push({ type: 'access.members', members: [{ participantId: command.participantId, authHash: values.authHash }] });
  }
  return { kind: 'enter', newcomer, events, holdsFacilitatorKey: facilitatorOk };
}
