/**
 * DI-13: the items sharing the most votes, when more than one does (none before the tallies show, or with no vote).
 * DI-1 lists them in reveal order, and '1.' above '2.' read as the room's choice; the room picks which goes first.
 * A display rule (the tallies are public by then), kept beside its one user, the Discuss phase: in shared's voting
 * rules it made the vote and discuss phases share a file of its own, one more than AB-15's 50 for a browser opening a board.
 */
export function tiedForMostVotes(tallies: Readonly<Record<string, number>> | null): Set<string> {
  const counts = Object.entries(tallies ?? {});
  const most = Math.max(0, ...counts.map(([, n]) => n));
  const top = counts.filter(([, n]) => n === most && n > 0).map(([id]) => id);
  return new Set(top.length > 1 ? top : []);
}
