import { useTranslation } from 'react-i18next';
import { allowedIn, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { ItemContent } from '../cards/ItemContent.js';
import { itemLabel, itemsById, shortText } from '../cards/items.js';
import { GuidedMove } from '../responsibility/GuidedMove.js';
import { PhaseIntro } from './PhaseView.js';

export function DiscussPhase({ board }: { board: PublicBoardView }) {
  const { t } = useTranslation();
  const session = useSession();
  const { isFacilitator, me } = useSessionState();
  const items = itemsById(board);
  const ranking = board.ranking ?? [...items.keys()];
  const current = board.currentItemId;
  const canSelect = isFacilitator && allowedIn('discuss.select', board.phase);

  return (
    <>
      <PhaseIntro title={t('discuss.title')}>{t('discuss.intro')}</PhaseIntro>
      <div className="discuss">
        <section className="ranking" aria-labelledby="ranking-title">
          <h2 id="ranking-title">{t('discuss.byVotes')}</h2>
          <ol aria-labelledby="ranking-title">
            {ranking.map((itemId) => {
              const item = items.get(itemId);
              const votes = board.tallies?.[itemId] ?? 0;
              const isCurrent = current === itemId;
              const discussed = board.discussedItemIds.includes(itemId);
              return (
                <li key={itemId} className={`ranked ${isCurrent ? 'current' : ''}`} aria-current={isCurrent ? 'true' : undefined}>
                  <div className="ranked-head">
                    <span className="tally">{t('discuss.votes', { count: votes })}</span>
                    {me?.votes[itemId] ? <span className="hint">{t('discuss.yours', { count: me.votes[itemId] })}</span> : null}
                    {isCurrent && <span className="badge now">{t('discuss.now')}</span>}
                    {!isCurrent && discussed && <span className="badge done">{t('discuss.discussed')}</span>}
                  </div>
                  <ItemContent item={item} />
                  {canSelect && !isCurrent && (
                    <button
                      type="button"
                      className="small"
                      aria-label={t('discuss.discussThisLabel', { name: shortText(itemLabel(item), 40) })}
                      onClick={() => session.send({ type: 'discuss.select', itemId })}
                    >
                      {t('discuss.discussThis')}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          {ranking.length === 0 && <p className="empty">{t('discuss.nothing')}</p>}
        </section>
        <section className="current-item panel" aria-labelledby="current-title">
          <h2 id="current-title">{t('discuss.now')}</h2>
          {current ? (
            <>
              <ItemContent item={items.get(current)} />
              <GuidedMove key={current} board={board} itemId={current} />
            </>
          ) : (
            <p className="empty">{isFacilitator ? t('discuss.pickFirst') : t('discuss.waitFirst')}</p>
          )}
        </section>
      </div>
    </>
  );
}
