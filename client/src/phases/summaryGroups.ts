import type { PublicBoardView } from '@candor/shared';

export interface SummaryGroup {
  id: string;
  title: string;
  cards: number;
  /** null while the tallies are hidden (VO-4, AN-12) */
  votes: number | null;
}

/**
 * EX-5: the groups as the closed summary lists them under "All cards", as the Markdown export does: each once, with
 * its votes. Its cards carry none (their group does), so a group nobody discussed had its votes nowhere on the page.
 */
export function summaryGroups(board: Pick<PublicBoardView, 'cards' | 'groups' | 'tallies'>): SummaryGroup[] {
  const shown = new Set(board.cards.map((c) => c.id));
  return board.groups.map((group) => ({
    id: group.id,
    title: group.title,
    cards: group.cardIds.filter((id) => shown.has(id)).length,
    votes: board.tallies ? (board.tallies[group.id] ?? 0) : null,
  }));
}
