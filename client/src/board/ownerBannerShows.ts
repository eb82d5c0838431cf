import type { PublicBoardView } from '@candor/shared';

interface Viewer {
  holdsFacilitatorKey: boolean;
  isFacilitator: boolean;
  joined: boolean;
}

/**
 * FA-6: the creator (holding the facilitator link) sees who holds the role, with "Take it back", while someone
 * else holds it in a retro still running. FA-4's announcement leaves out what this banner already says.
 */
export function ownerBannerShows(viewer: Viewer, board: Pick<PublicBoardView, 'phase' | 'facilitator'>): boolean {
  return viewer.holdsFacilitatorKey && !viewer.isFacilitator && viewer.joined && board.phase !== 'closed' && board.facilitator !== null;
}
