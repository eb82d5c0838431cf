export type JoinHint = { key: 'join.asParticipant' } | { key: 'join.asFacilitator' } | { key: 'join.withFacilitatorLink'; name: string };

/**
 * What the join form says under the name field. The facilitator link makes its holder the facilitator only while
 * nobody facilitates (the first join after creating the retro); with someone facilitating — the creator's other
 * device, or whom they handed the role to — the holder joins as a participant who can take the role back, and is
 * told so, with who facilitates (the door's JN-3 name).
 */
export function joinHint(hasFacilitatorKey: boolean, facilitatorName: string | null): JoinHint {
  if (!hasFacilitatorKey) return { key: 'join.asParticipant' };
  return facilitatorName === null ? { key: 'join.asFacilitator' } : { key: 'join.withFacilitatorLink', name: facilitatorName };
}
