import { notesKey, type PublicBoardView } from '@candor/shared';
import { ItemContent } from '../cards/ItemContent.js';
import { itemLabel, itemsById, shortText } from '../cards/items.js';
import { ItemActions } from '../actions/ItemActions.js';
import { SharedTextarea } from '../notes/SharedTextarea.js';
import { PhaseIntro } from './PhaseView.js';

export function ActPhase({ board }: { board: PublicBoardView }) {
  const items = itemsById(board);
  return (
    <>
      <PhaseIntro title="Act">
        For each thing we talked about: what is the right thing to do, and how can you help? Small promises that are kept build
        more trust than big ones.
      </PhaseIntro>
      {board.discussedItemIds.length === 0 && <p className="empty">No item was discussed yet. The facilitator can go back to Discuss.</p>}
      <div className="act-items">
        {board.discussedItemIds.map((itemId) => (
          <section key={itemId} className="panel act-item" aria-label={`Discussed: ${shortText(itemLabel(items.get(itemId)), 60)}`}>
            <ItemContent item={items.get(itemId)} />
            <p className="tally">{board.tallies?.[itemId] ?? 0} votes</p>
            <SharedTextarea textKey={notesKey.item(itemId)} label="Notes" rows={3} />
            <ItemActions board={board} itemId={itemId} />
          </section>
        ))}
      </div>
    </>
  );
}
