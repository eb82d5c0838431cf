import { useWords } from '../i18n/useWords.js';
import type { PublicBoardView } from '@candor/shared';
import { ItemContent } from '../cards/ItemContent.js';
import { itemLabel, itemsById, shortText } from '../cards/items.js';
import { GuidedMove } from '../responsibility/GuidedMove.js';
import { UntakenBeforeClose } from '../responsibility/UntakenBeforeClose.js';
import { TrustLensSwitch } from '../responsibility/TrustLens.js';
import { PhaseIntro } from './PhaseIntro.js';

export function ActPhase({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const items = itemsById(board);
  return (
    <>
      <PhaseIntro title={t('act.title')}>{t('act.intro')}</PhaseIntro>
      <UntakenBeforeClose board={board} />
      <TrustLensSwitch board={board} />
      {board.discussedItemIds.length === 0 && <p className="empty">{t('act.noneDiscussed')}</p>}
      <div className="act-items">
        {board.discussedItemIds.map((itemId) => (
          <section key={itemId} className="panel act-item" aria-label={t('act.discussedLabel', { name: shortText(itemLabel(items.get(itemId)), 60) })}>
            <ItemContent item={items.get(itemId)} />
            {board.tallies && <p className="tally">{t('summary.votes', { count: board.tallies[itemId] ?? 0 })}</p>}
            <GuidedMove board={board} itemId={itemId} notesRows={3} lensSwitch={false} />
          </section>
        ))}
      </div>
    </>
  );
}
