import { type Participant, fail } from '@candor/shared';
import { AddressBuckets } from '../transport/addressBuckets.js';
import { ABUSE_LIMITS } from '../abuseLimits.js';

export interface AdmissionDeps {
  /** AB-4: new participants per client address, shared by every board */
  joins: AddressBuckets;
  /** AB-5: how many participants count at once */
  cap: number;
  /** AB-6: how long a never-active participant is kept after their last connection closed */
  expiryMs: number;
  /** AB-6: forgets a participant who never did anything (called when their time is up) */
  expire: (participantId: string) => void;
}

/**
 * Who may join a board, and who is kept (AB-4 – AB-6). Without it one script could fill a board for good
 * with names that never come back. Only people who are connected or have done something count towards the
 * cap; someone who joined, did nothing and left is forgotten after a while, from memory and storage.
 * Runtime knowledge only: people loaded from storage count as having done something (see AB-6).
 */
export class Admission {
  private readonly active = new Set<string>();
  private readonly expiries = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: AdmissionDeps) {}

  /** AB-5: a participant who sent an accepted command, held the facilitator role, or was loaded from storage. */
  markActive(participantId: string): void {
    this.active.add(participantId);
    this.cancelExpiry(participantId);
  }

  hasActed(participantId: string): boolean {
    return this.active.has(participantId);
  }

  /**
   * AB-4 / AB-5: why a new participant may not join now, or null when they may. Those who count are among the
   * board's participants, so they are counted only on a board that has at least `cap` of them: a walk of every
   * participant at each newcomer's join made a room of hundreds joining quadratic. Someone the board forgot by name
   * but knows as in the room (JN-4, `Access.members`) is not `paced`: they were a new participant once already.
   */
  refuseNewcomer(participants: ReadonlyMap<string, Participant>, address: string, { paced }: { paced: boolean }): ReturnType<typeof fail> | null {
    if (participants.size >= this.deps.cap && this.counted(participants) >= this.deps.cap) return fail('BOARD_FULL', 'This board is full.');
    if (paced && !this.deps.joins.take(address)) return fail('RATE_LIMITED', 'Too many people joined from your address just now; try again in a minute.');
    return null;
  }

  /** AB-5: the participants who count towards the cap: connected, or who have done something */
  private counted(participants: ReadonlyMap<string, Participant>): number {
    let counted = 0;
    for (const p of participants.values()) if (p.online || this.active.has(p.id)) counted++;
    return counted;
  }

  /** AB-6: call when a participant's presence changes; starts or stops their clock. */
  presenceChanged(participantId: string, online: boolean): void {
    if (online || this.active.has(participantId)) return this.cancelExpiry(participantId);
    if (this.expiries.has(participantId)) return;
    const timer = setTimeout(() => {
      this.expiries.delete(participantId);
      this.deps.expire(participantId);
    }, this.deps.expiryMs);
    timer.unref();
    this.expiries.set(participantId, timer);
  }

  private cancelExpiry(participantId: string): void {
    clearTimeout(this.expiries.get(participantId));
    this.expiries.delete(participantId);
  }

  destroy(): void {
    for (const timer of this.expiries.values()) clearTimeout(timer);
    this.expiries.clear();
  }
}

/** AB-4: join buckets of a room's own, for a room built without the app's shared ones (unit tests). */
export function joinBuckets(): AddressBuckets {
  return new AddressBuckets({
    burst: ABUSE_LIMITS.joinBurstPerAddress,
    perSecond: ABUSE_LIMITS.joinsPerSecondPerAddress,
    maxAddresses: ABUSE_LIMITS.addressesTracked,
  });
}
