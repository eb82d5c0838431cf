import { useWords } from '../i18n/useWords.js';
import type { PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from './SessionContext.js';
import { ownerBannerShows } from './ownerBannerShows.js';

/**
 * FA-6: the creator (who holds the facilitator link) is told who has the role and how they got it, and takes
 * it back in one click. A plain reload after handing over does not grab the role back by itself.
 */
export function OwnerBanner({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const { isFacilitator, joined, pending } = useSessionState();
  if (!ownerBannerShows({ holdsFacilitatorKey: session.holdsFacilitatorKey, isFacilitator, joined }, board) || !board.facilitator) return null;
  const last = board.facilitatorLog.at(-1);
  const holder = board.facilitator.name;
  const how =
    last?.how === 'claim'
      ? t('running.ownerClaimed', { name: holder })
      : last?.how === 'handover'
        ? t('running.ownerHanded', { name: holder })
        : t('running.ownerPlain', { name: holder });
  const taking = pending.some((c) => c.type === 'facilitator.reclaim');
  return (
    <div className="banner owner" role="status">
      <span>
        {how} {t('running.ownerHint')}
      </span>
      <button type="button" className="small primary" disabled={taking} onClick={() => session.send({ type: 'facilitator.reclaim' })}>
        {t('running.takeBack')}
      </button>
    </div>
  );
}
