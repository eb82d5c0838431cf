/**
 * BL-1 BL-4: the names the blameless nudge listens for: everyone in the retro, and, for the reason a promise was
 * not kept, the people whose promise it was — who may not be in this retro at all.
 */
export function nudgeNames(participants: readonly { name: string }[], alsoNamed: readonly string[] = []): string[] {
  return [...new Set([...participants.map((p) => p.name), ...alsoNamed])];
}
