import { useTranslation } from 'react-i18next';
import { notesKey, type PublicBoardView } from '@candor/shared';
import { ItemContent } from '../cards/ItemContent.js';
import { itemLabel, itemsById, shortText } from '../cards/items.js';
import { ItemActions } from '../actions/ItemActions.js';
import { SharedTextarea } from '../notes/SharedTextarea.js';
import { PhaseIntro } from './PhaseIntro.js';

export function ActPhase({ board }: { board: PublicBoardView }) {
  const { t } = useTranslation();
  const items = itemsById(board);
  return (
    <>
      <PhaseIntro title={t('act.title')}>{t('act.intro')}</PhaseIntro>
      {board.discussedItemIds.length === 0 && <p className="empty">{t('act.noneDiscussed')}</p>}
      <div className="act-items">
        {board.discussedItemIds.map((itemId) => (
          <section key={itemId} className="panel act-item" aria-label={t('act.discussedLabel', { name: shortText(itemLabel(items.get(itemId)), 60) })}>
            <ItemContent item={items.get(itemId)} />
            <p className="tally">{t('summary.votes', { count: board.tallies?.[itemId] ?? 0 })}</p>
            <SharedTextarea textKey={notesKey.item(itemId)} label={t('discuss.notes')} rows={3} />
            <ItemActions board={board} itemId={itemId} />
          </section>
        ))}
      </div>
    </>
  );
}
