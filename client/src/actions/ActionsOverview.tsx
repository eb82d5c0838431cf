import { useWords } from '../i18n/useWords.js';
import type { PublicBoardView } from '@candor/shared';
import { itemLabel, itemsById, shortText } from '../cards/items.js';
import { ActionCard } from './ItemActions.js';

/**
 * UI-12: on a phone the retro's actions have a tab of their own: every action so far, under the item it came
 * from, without scrolling past the whole discussion to find them.
 */
export function ActionsOverview({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const items = itemsById(board);
  const itemIds = [...new Set(board.actions.map((a) => a.itemId))];
  return (
    <section className="actions-overview" aria-labelledby="actions-overview-title">
      <h2 id="actions-overview-title">{t('act.actions')}</h2>
      {itemIds.length === 0 && <p className="empty">{t('act.noActions')}</p>}
      {itemIds.map((itemId) => (
        <section key={itemId} className="panel" aria-label={t('act.discussedLabel', { name: shortText(itemLabel(items.get(itemId)), 60) })}>
          <h3 className="item-title">{shortText(itemLabel(items.get(itemId)), 120)}</h3>
          <ul className="actions">
            {board.actions
              .filter((a) => a.itemId === itemId)
              .map((action) => (
                <li key={action.id}>
                  <ActionCard board={board} action={action} />
                </li>
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
