import type { PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from './SessionContext.js';

/**
 * FA-6: the creator (who holds the facilitator link) is told who has the role and how they got it, and takes
 * it back in one click. A plain reload after handing over does not grab the role back by itself.
 */
export function OwnerBanner({ board }: { board: PublicBoardView }) {
  const session = useSession();
  const { isFacilitator, joined, pending } = useSessionState();
  if (!session.holdsFacilitatorKey || isFacilitator || !joined || board.phase === 'closed' || !board.facilitator) return null;
  const last = board.facilitatorLog.at(-1);
  const holder = board.facilitator.name;
  const how =
    last?.how === 'claim'
      ? `${holder} claimed the facilitator role while you were away.`
      : last?.how === 'handover'
        ? `${holder} is facilitating now (the role was handed over).`
        : `${holder} is facilitating now.`;
  const taking = pending.some((c) => c.type === 'facilitator.reclaim');
  return (
    <div className="banner owner" role="status">
      <span>
        {how} You created this retro, so you can take the role back at any time.
      </span>
      <button type="button" className="small primary" disabled={taking} onClick={() => session.send({ type: 'facilitator.reclaim' })}>
        Take it back
      </button>
    </div>
  );
}
