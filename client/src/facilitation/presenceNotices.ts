import type { PublicParticipant } from '@candor/shared';

/** One line of room news: who joined or who left in one batch (PR-1). */
export interface PresenceChange {
  kind: 'joined' | 'left';
  names: string[];
}

/** PR-1: who came online and who went away. */
export interface PresenceMoves {
  joined: PublicParticipant[];
  left: PublicParticipant[];
}

/**
 * PR-1: the people who came online and went away between two versions of the people list; someone removed from the
 * list is told separately (MO-2). The server already batches presence (25 ms); a batch is one line, so a room of 30
 * loading at once reads "Ada, Bo and 28 others joined", not thirty lines.
 */
export function presenceMoves(before: readonly PublicParticipant[], after: readonly PublicParticipant[]): PresenceMoves {
  const was = new Map(before.map((p) => [p.handle, p.online]));
  const now = new Map(after.map((p) => [p.handle, p]));
  return {
    joined: after.filter((p) => p.online && was.get(p.handle) !== true),
    left: before.filter((p) => p.online && now.has(p.handle) && now.get(p.handle)?.online !== true),
  };
}

/** PR-4: how long someone has been away before the room hears that they left; back sooner, it was a blip. */
export const LEAVE_SETTLE_MS = 10_000;

/**
 * PR-4: a blip is not news. A phone switching apps or a train in a tunnel drops a connection for a few seconds; the
 * room heard "Bo left", then "Bo joined", for someone who never went. A departure is held until its person has been
 * away `LEAVE_SETTLE_MS`; back before that, neither the leaving nor the coming back is told.
 */
export class HeldDepartures {
  private readonly away = new Map<string, { name: string; since: number }>();

  constructor(private readonly settleMs = LEAVE_SETTLE_MS) {}

  /** takes a batch's moves: holds its departures, and returns the arrivals that are news (not back from a blip) */
  arrivals({ joined, left }: PresenceMoves, now: number): string[] {
    for (const p of left) this.away.set(p.handle, { name: p.name, since: now });
    return joined.filter((p) => !this.away.delete(p.handle)).map((p) => p.name);
  }

  /**
   * the names of those away for long enough by `now` and still away (`stillAway`), whose leaving is news now, and when
   * the next one held becomes news (null: none held)
   */
  due(now: number, stillAway: (handle: string) => boolean): { names: string[]; next: number | null } {
    const names: string[] = [];
    let next: number | null = null;
    for (const [handle, { name, since }] of this.away) {
      const at = since + this.settleMs;
      if (at > now) next = Math.min(next ?? at, at);
      else if (this.away.delete(handle) && stillAway(handle)) names.push(name);
    }
    return { names, next };
  }
}

/** Which sentence names a list: one, two, three people by name, or two and a count ("and 5 others"). */
export function nameList(names: readonly string[]): { form: '1' | '2' | '3' | 'Many'; a: string; b: string; c: string; count: number } {
  const [a = '', b = '', c = ''] = names;
  const form = names.length <= 1 ? '1' : names.length === 2 ? '2' : names.length === 3 ? '3' : 'Many';
  return { form, a, b, c, count: Math.max(0, names.length - 2) };
}

/** PR-2: the people the list shows before "+N more": the facilitator, then online people, in the view's order. */
export function peopleToShow<T extends Pick<PublicParticipant, 'online' | 'facilitator'>>(people: readonly T[], max: number): { shown: T[]; more: number } {
  const ordered = [...people.filter((p) => p.facilitator), ...people.filter((p) => !p.facilitator && p.online), ...people.filter((p) => !p.facilitator && !p.online)];
  return { shown: ordered.slice(0, max), more: Math.max(0, ordered.length - max) };
}

/** PQ-1 (PR-2): the numbers the people list shows, and which words say them. */
export interface PresenceCounts<T> {
  /** the people the list shows before "+N more" (`peopleToShow`) */
  shown: T[];
  online: number;
  /** everyone in the retro's list, online or away */
  total: number;
  /** "42 online" when everyone is, "42 online of 92" when some are away */
  heading: 'online' | 'onlineOf';
  /** how many are behind "+N more", and how many of those are online */
  more: number;
  moreOnline: number;
  /** "+N more" when the whole room is online, "+N more (M online)", "+N more (away)"; null: no button */
  button: 'more' | 'moreOnline' | 'moreAway' | null;
}

/**
 * PQ-1: "42 online" over "+50 more" read as a contradiction when the 50 were mostly people who had left. The heading
 * says how many are in the retro at all when some are away, and the button how many of those it hides are online.
 */
export function presenceCounts<T extends Pick<PublicParticipant, 'online' | 'facilitator'>>(people: readonly T[], max: number): PresenceCounts<T> {
  const { shown, more } = peopleToShow(people, max);
  const online = people.filter((p) => p.online).length;
  const total = people.length;
  const moreOnline = online - shown.filter((p) => p.online).length;
  const allOnline = online === total;
  const button = more === 0 ? null : allOnline ? 'more' : moreOnline === 0 ? 'moreAway' : 'moreOnline';
  return { shown, online, total, heading: allOnline ? 'online' : 'onlineOf', more, moreOnline, button };
}
