/** A person's tags as the anonymous-state tests use them: one distinct value per kind of fact, named after them. */
export function tagsOf(who: string | number) {
  return {
    authorTag: `author-${who}`.padEnd(43, 'x'),
    voterTag: `voter-${who}`.padEnd(43, 'x'),
    pulseTag: `pulse-${who}`.padEnd(43, 'x'),
    consensusTag: `consensus-${who}`.padEnd(43, 'x'),
    trustTag: `trust-${who}`.padEnd(43, 'x'),
    reactionTag: `reaction-${who}`.padEnd(43, 'x'),
  };
}
