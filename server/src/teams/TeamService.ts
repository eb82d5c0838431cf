import {
  buildTeamHistory,
  isoDay,
  reviewSeeds,
  teamCadenceDays,
  teamColumnsOffer,
  wasLeftOpen,
  type ReviewItem,
  type TeamColumnsOffer,
  type TeamHistory,
  type TeamRetroInput,
} from '@candor/shared';
import type { RoomRegistry } from '../rooms/RoomRegistry.js';
import type { ReadAllowance } from '../transport/httpReads.js';
import type { BoardStore } from '../storage/BoardStore.js';

/**
 * A team's history, read from each of its retros through the public view (TM-1): the same
 * visibility function as every other outbound path, so no author, voter or individual answer gets out.
 */
export class TeamService {
  constructor(
    private readonly store: BoardStore,
    private readonly registry: RoomRegistry,
    /** the server's clock: SS-4 reads "overdue" by the server's day, as SS-2 sets due dates by it */
    private readonly now: () => number,
  ) {}

  /**
   * AB-13: each retro read is charged to `allowance`; once it is spent the reading stops before the next retro and
   * answers `'spent'`.
   */
  async history(teamId: string, allowance: ReadAllowance): Promise<TeamHistory | null | 'spent'> {
    const loaded = await this.store.loadTeam(teamId);
    allowance.spend(1 + (loaded?.boards.length ?? 0));
    if (!loaded) return null;
    const inputs: TeamRetroInput[] = [];
    for (const board of loaded.boards) {
      if (allowance.spent) return 'spent';
      // TM-6: read, not loaded: a team page must not turn every retro of the team into a live room
      const read = await this.registry.readPublic(board.id);
      allowance.spend(read?.items ?? 1);
      if (read) inputs.push({ boardId: board.id, createdAt: board.createdAt, view: read.view, notes: read.notes });
    }
    return buildTeamHistory(loaded.team, inputs, isoDay(this.now()));
  }

  /** RE-1: what a new retro of the team reviews: every earlier promise still open, as it reads now. */
  async reviewFor(teamId: string, allowance: ReadAllowance): Promise<Omit<ReviewItem, 'status' | 'reason' | 'carry'>[] | null | 'spent'> {
    const start = await this.startFor(teamId, allowance);
    return start && start !== 'spent' ? start.review : start;
  }

  /**
   * What a new retro of the team starts from, read in one pass over the history: RE-1's review, and TM-9's own columns
   * (the last retro's, when the facilitator changed them from its template's).
   */
  async startFor(
    teamId: string,
    allowance: ReadAllowance,
  ): Promise<{ review: Omit<ReviewItem, 'status' | 'reason' | 'carry'>[]; ownColumns: TeamColumnsOffer | null } | null | 'spent'> {
    const history = await this.history(teamId, allowance);
    if (!history || history === 'spent') return history;
    return { review: reviewSeeds(history), ownColumns: teamColumnsOffer(history.retros) };
  }

  /**
   * TM-16: whether the team's retro `boardId` (not closed) was left open, as the team page reads it: a later retro of the
   * team has started, or it started days ago. From its start times alone: no retro is read.
   */
  async leftOpen(teamId: string, boardId: string): Promise<boolean> {
    const loaded = await this.store.loadTeam(teamId);
    const sorted = [...(loaded?.boards ?? [])].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    const index = sorted.findIndex((b) => b.id === boardId);
    return index >= 0 && wasLeftOpen(sorted[index]!.createdAt, index < sorted.length - 1, isoDay(this.now()));
  }

  /**
   * RE-13: the name of the team's retro whose Review shows the promise `actionId` of retro `boardId` now (the first one
   * made after it that lists it and is in Review: made ahead, or its room in it), for a mark's status to say where the
   * room confirms it; null when none does, and the next Review will. Each later retro is read as it is (`readReview`:
   * the live room's state, or its public log as stored), not loaded as a room.
   */
  async reviewShowing(teamId: string, boardId: string, actionId: string): Promise<string | null> {
    const loaded = await this.store.loadTeam(teamId);
    const made = loaded?.boards.find((b) => b.id === boardId)?.createdAt;
    if (!loaded || made === undefined) return null;
    const ref = `${boardId}:${actionId}`;
    const later = loaded.boards.filter((b) => b.id !== boardId && b.createdAt >= made).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    for (const board of later) {
      const retro = await this.registry.readReview(board.id);
      if (retro?.phase === 'review' && retro.review.some((item) => item.ref === ref)) return retro.name;
    }
    return null;
  }

  /** SS-1: the team's usual gap between retros, counting a retro created at `now`; null without one. */
  async cadenceFor(teamId: string, now: number): Promise<number | null> {
    const loaded = await this.store.loadTeam(teamId);
    return loaded ? teamCadenceDays([...loaded.boards.map((b) => b.createdAt), now]) : null;
  }
}
