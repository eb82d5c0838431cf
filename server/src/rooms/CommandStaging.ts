import {
  type Ack,
  type ExportLanguage,
  EXPORT_WORDS,
  exportLanguage,
  type BoardState,
  type JoinCommand,
  atRestOfCommand,
  changesAnonymousState,
  decide,
  evolve,
  evolveRoster,
  fail,
  ok,
} from '@candor/shared';
import { commandDigest, sealCommand } from '../storage/sealedCommand.js';
import type { Admission } from './admission.js';
import type { AloneCommand, BoardCommand } from './CommandBatches.js';
import type { PendingBatch } from './PendingBatch.js';
import type { Presence } from './Presence.js';
import type { RoomDoor } from './RoomDoor.js';
import { type Identities, decideJoin } from './RoomJoin.js';
import type { JoinedSession, Session } from './Session.js';
import { participantOf } from './Session.js';
import type { StoredCopy } from './StoredCopy.js';
import type { RoomDeps } from './roomPorts.js';

/** What of its room staging reads and changes. */
export interface StagingOfRoom {
  id: string;
  deps: RoomDeps;
  state: BoardState;
  sessions: Map<string, Session>;
  identities: Identities;
  admission: Admission;
  door: RoomDoor;
  presence: Presence;
  copy: StoredCopy;
  /** CM-3: the first result stored under a command key, if any */
  storedCommand(commandKey: string, sealKey: Buffer): Promise<{ digest: string; result: unknown } | null>;
  /** applies `presence.changed` when whether someone is connected changed */
  refreshPresence(participantId: string): void;
  /** RV-3, RV-10: the seed this room reveals with, the board's from the server key until one is stored (`RoomFanout.revealKeys`) */
  revealSeed(): string;
  /** BD-1: removes the board from storage and tells everyone */
  deleteBoard(): Promise<Ack>;
  exportMarkdown(now: Date, language?: ExportLanguage): string;
  /** RE-13 RE-1: an owner's word on `actionId` was stored (or a resend answered): later retros of the team hear it */
  promiseMarked(actionId: string): void;
}

/**
 * The rules applied to one command: it is decided (`decide`, `decideJoin`) against the room's state and
 * applied in memory, and what it records joins the batch being built; nothing is stored or shown here.
 */
export class CommandStaging {
  constructor(private readonly room: StagingOfRoom) {}

  /** Decides a join (`decideJoin`) and applies it in memory; what it records (a participant row, events) joins `batch`. */
  stageJoin(session: Session, command: JoinCommand, batch: PendingBatch): Ack {
    const joinedAs = participantOf(session);
    if (joinedAs && joinedAs !== command.participantId) return fail('INVALID_INPUT', 'This connection already belongs to someone else.');
    const { keyring, newId, nameHeldSeconds = 10 } = this.room.deps;
    const address = session.socket.address ?? 'unknown';
    const decision = decideJoin(this.room.state, command, { identities: this.room.identities, keyring, boardId: this.room.id, admission: this.room.admission, address, newId, nameHeldSeconds });
    if (decision.kind === 'refused') return decision.ack;
    if (decision.kind === 'knock') return this.room.door.knock(session, command.participantId, command.name);
    if (session.knockId) this.room.door.dropKnock(session.knockId);

    const { newcomer, events } = decision;
    if (newcomer) {
      const { row } = newcomer;
      batch.participants.push(row);
      this.room.identities.add(row.id, row.authHash, newcomer.values);
      // AN-3: a newcomer's id is nowhere in the public view yet (what names a person by participant id — the
      // facilitator's log, owners, offers, raised hands — names participants, and they stay), so their join
      // changes its presence parts alone, projected with the presence batch (`refreshPresence` below)
      evolveRoster(this.room.state, { type: 'participant.joined', participantId: row.id, name: row.name, handle: row.handle });
    }
    const derived = this.room.identities.derive(command.participantId, command.secret);
    if (decision.holdsFacilitatorKey) this.room.admission.markActive(command.participantId);
    if (events.length > 0) {
      const commandKey = keyring.commandKey(derived.commandKeyBase, command.id);
      const sealed = sealCommand(keyring.commandSealKey(derived.commandKeyBase, command.id), { digest: commandDigest(command), result: {} });
      batch.commands.push({ commandKey, sealed });
      batch.events.push(...events);
      for (const event of events) evolve(this.room.state, event);
    }
    const joined: JoinedSession = {
      kind: 'joined',
      socket: session.socket,
      knockId: null,
      participantId: command.participantId,
      tags: derived.tags,
      holdsFacilitatorKey: decision.holdsFacilitatorKey,
      commandKeyBase: derived.commandKeyBase,
      lastMe: '',
    };
    this.room.sessions.set(session.socket.id, joined);
    batch.joined.push(joined);
    this.room.copy.recognise(this.room.state, joined, newcomer !== null);
    if (joined.socket.present !== false) {
      this.room.presence.connected(joined.participantId, joined.socket.id);
      this.room.refreshPresence(joined.participantId);
    }
    batch.published.push({ events, actorId: joined.participantId });
    const participant = this.room.state.participants.get(command.participantId)!;
    return ok({ participantId: participant.id, isFacilitator: participant.isFacilitator });
  }

  /** Decides a command and applies it in memory; what it records joins `batch`. */
  async stage(session: Session, command: BoardCommand, batch: PendingBatch): Promise<Ack> {
    if (session.kind !== 'joined') return fail('NOT_JOINED', 'Join the board first.');
    const { participantId } = session;
    const { keyring } = this.room.deps;
    const commandKey = keyring.commandKey(session.commandKeyBase, command.id);
    const sealKey = keyring.commandSealKey(session.commandKeyBase, command.id);
    const digest = commandDigest(command);
    // CM-3: the same id is answered with its first result only if it is the same command
    const first = batch.byKey.get(commandKey) ?? (await this.room.storedCommand(commandKey, sealKey));
    if (first && first.digest !== digest) return fail('ID_REUSED', 'This command id was already used for a different command.');
    // RE-13 RE-1: whatever route an owner's mark came by (the board's connection, the team page, the summary), later
    // retros hear it once it is stored; a resend tells them again, which records nothing where they heard it
    const passOn = () => {
      if (command.type === 'promise.mark') batch.afterCommit.push(() => this.room.promiseMarked(command.actionId));
    };
    if (first) {
      passOn();
      return ok(first.result);
    }

    const decision = decide(this.room.state, this.actorOf(session), command, this.decideContext());
    if (!decision.ok) {
      batch.refusals++;
      batch.refusedKeys.push(commandKey);
      return decision;
    }
    // AB-6, AN-1: only a public act keeps someone who leaves; were an anonymous one to, who stays in the people list
    // (and in the participant rows) would say who wrote, voted or answered (their facts are theirs again on return)
    if (atRestOfCommand(decision.events) === 'public-log') this.room.admission.markActive(participantId);

    for (const event of decision.events) evolve(this.room.state, event);
    batch.commands.push({ commandKey, sealed: sealCommand(sealKey, { digest, result: decision.data }) });
    batch.byKey.set(commandKey, { digest, result: decision.data });
    // AR-3: an anonymous command's facts live in the anonymous state only, never in the log
    if (atRestOfCommand(decision.events) !== 'anonymous-state') batch.events.push(...decision.events);
    if (decision.events.some(changesAnonymousState)) batch.anonymousChanged = true;
    passOn();
    batch.afterCommit.push(() => {
      if (command.type === 'access.admit') this.room.door.answerKnock(command.knockId, command.admit);
      this.room.door.signOutWhoMayNotStay(decision.events);
    });
    batch.published.push({ events: decision.events, actorId: participantId });
    return ok(decision.data);
  }

  /**
   * BD-1, SU-1: what a command that acts outside the board's storage does there — deleting the board, sending
   * the summary — decided on its own; null when the command is then to be recorded like any other (the summary
   * email, once sent, so that a resend sends nothing again: CM-3).
   */
  async actAlone(session: Session, command: AloneCommand): Promise<Ack | null> {
    if (session.kind !== 'joined') return fail('NOT_JOINED', 'Join the board first.');
    if (command.type === 'board.delete') {
      const decision = decide(this.room.state, this.actorOf(session), command, this.decideContext());
      return decision.ok ? this.room.deleteBoard() : decision;
    }
    const base = session.commandKeyBase;
    const first = await this.room.storedCommand(this.room.deps.keyring.commandKey(base, command.id), this.room.deps.keyring.commandSealKey(base, command.id));
    if (!first) {
      const decision = decide(this.room.state, this.actorOf(session), command, this.decideContext());
      if (!decision.ok) return decision;
      const sent = await this.emailSummary(command.to, exportLanguage(command.lang));
      if (!sent.ok) return sent;
    }
    return null;
  }

  private actorOf(session: JoinedSession) {
    const { participantId, tags, holdsFacilitatorKey } = session;
    return { participantId, isFacilitator: this.room.state.facilitatorId === participantId, ...tags, holdsFacilitatorKey };
  }

  private decideContext() {
    const { now, newId, claimAfterMs, keyring } = this.room.deps;
    return {
      now: now(),
      newId,
      newSeed: this.room.revealSeed,
      claimAfterMs,
      hashPassword: (password: string) => keyring.passwordHash(this.room.id, password),
      authHashOf: (participantId: string) => this.room.identities.authHashOf(participantId),
    };
  }

  /** SU-1: the Markdown summary (the public view and notes alone, AN-4) to the typed addresses. */
  private async emailSummary(to: string[], language: ExportLanguage): Promise<Ack> {
    const mailer = this.room.deps.mailer;
    if (!mailer) return fail('EMAIL_UNAVAILABLE', 'This server cannot send email (no SMTP_URL is set).');
    try {
      await mailer.send({ to, subject: EXPORT_WORDS[language].mailSubject(this.room.state.name), text: this.room.exportMarkdown(new Date(this.room.deps.now()), language) });
      return ok({});
    } catch (err) {
      // Only the error's message: the addresses must not end up in the log either.
      this.room.deps.logger.warn({ board: this.room.id, reason: (err as Error).message }, 'summary email not sent');
      return fail('INTERNAL', 'The mail server did not take the message. Nothing was sent.');
    }
  }
}
