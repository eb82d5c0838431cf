import type { Ack, BoardEvent } from '@candor/shared';
import type { CommitBatch, ParticipantRecord } from '../storage/BoardStore.js';
import type { JoinedSession } from './Session.js';

/**
 * The commands a room decided since its last commit and has not answered yet (group commit). Each was
 * decided against the state its predecessors left and applied in memory; none is answered, relayed or shown
 * to anyone until the whole batch is stored in one transaction. If that transaction fails, the room goes back
 * to what the store holds and every command of the batch is answered INTERNAL: nothing of it happened.
 */
export class PendingBatch {
  readonly participants: ParticipantRecord[] = [];
  readonly commands: CommitBatch['commands'] = [];
  readonly events: BoardEvent[] = [];
  /** CL-2: commands refused against this copy (with several processes they are decided again if the copy was stale) */
  refusals = 0;
  /**
   * CL-33: the command keys of those refused commands. With several processes a key may have been stored through another
   * process after it was read here (a resend whose first copy was applied there): then it is answered from the store.
   */
  readonly refusedKeys: string[] = [];
  /** a command changed the anonymous state: the batch stores it once, as it is after the last command */
  anonymousChanged = false;
  /** CM-3: the commands of this batch by key, so a resend within the batch is answered like one after it */
  readonly byKey = new Map<string, { digest: string; result: unknown }>();
  /** what each command changed, for one fan-out after the commit */
  readonly published: { events: BoardEvent[]; actorId: string }[] = [];
  /** sessions that joined in this batch: they go back to attached if it fails */
  readonly joined: JoinedSession[] = [];
  /** effects on connections (knock answers, sign-outs), in command order, once committed */
  readonly afterCommit: (() => void)[] = [];
  private readonly answers: { answer: (ack: Ack) => void; ack: Ack }[] = [];

  get size(): number {
    return this.answers.length;
  }

  /** true when some command of the batch has something to store */
  get writes(): boolean {
    return this.participants.length > 0 || this.commands.length > 0 || this.anonymousChanged;
  }

  answerLater(answer: (ack: Ack) => void, ack: Ack): void {
    this.answers.push({ answer, ack });
  }

  /** answers every command of the batch: with its own ack, or with `instead` (the batch was not stored) */
  answerAll(instead?: Ack): void {
    for (let i = 0; i < this.answers.length; i++) this.answers[i]!.answer(instead ?? this.answers[i]!.ack);
  }
}
