import type { PublicParticipant } from '@candor/shared';

/**
 * PR-1: what changed in the room between two versions of the people list, in one sentence per direction.
 * The server already batches presence (25 ms); this turns a batch into one line, so a room of 30 loading
 * at once reads "Ada, Bo and 28 others joined", not thirty lines.
 */
export function presenceNotices(before: readonly PublicParticipant[], after: readonly PublicParticipant[]): string[] {
  const was = new Map(before.map((p) => [p.handle, p.online]));
  const now = new Map(after.map((p) => [p.handle, p]));
  const joined = after.filter((p) => p.online && was.get(p.handle) !== true).map((p) => p.name);
  const left = before.filter((p) => p.online && now.get(p.handle)?.online !== true && now.has(p.handle)).map((p) => p.name);
  const notices: string[] = [];
  if (joined.length > 0) notices.push(`${namesOf(joined)} joined`);
  if (left.length > 0) notices.push(`${namesOf(left)} left`);
  return notices;
}

/** "Ada", "Ada and Bo", "Ada, Bo and Cy", "Ada, Bo and 5 others". */
export function namesOf(names: readonly string[]): string {
  if (names.length === 1) return names[0]!;
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]}`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} others`;
}

/** PR-2: the people the list shows before "+N more": the facilitator, then online people, in the view's order. */
export function peopleToShow<T extends Pick<PublicParticipant, 'online' | 'facilitator'>>(people: readonly T[], max: number): { shown: T[]; more: number } {
  const ordered = [...people.filter((p) => p.facilitator), ...people.filter((p) => !p.facilitator && p.online), ...people.filter((p) => !p.facilitator && !p.online)];
  return { shown: ordered.slice(0, max), more: Math.max(0, ordered.length - max) };
}
