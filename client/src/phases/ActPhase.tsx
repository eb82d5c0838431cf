import type { PublicBoardView } from '@candor/shared';
import { ItemContent } from '../cards/ItemContent.js';
import { itemLabel, itemsById, shortText } from '../cards/items.js';
import { GuidedMove } from '../responsibility/GuidedMove.js';
import { UntakenBeforeClose } from '../responsibility/UntakenBeforeClose.js';
import { PhaseIntro } from './PhaseView.js';

export function ActPhase({ board }: { board: PublicBoardView }) {
  const items = itemsById(board);
  return (
    <>
      <PhaseIntro title="Act">
        For each thing we talked about: what is the right thing to do, and how can you help? Small promises that are kept build
        more trust than big ones.
      </PhaseIntro>
      <UntakenBeforeClose board={board} />
      {board.discussedItemIds.length === 0 && <p className="empty">No item was discussed yet. The facilitator can go back to Discuss.</p>}
      <div className="act-items">
        {board.discussedItemIds.map((itemId) => (
          <section key={itemId} className="panel act-item" aria-label={`Discussed: ${shortText(itemLabel(items.get(itemId)), 60)}`}>
            <ItemContent item={items.get(itemId)} />
            <p className="tally">{board.tallies?.[itemId] ?? 0} votes</p>
            <GuidedMove board={board} itemId={itemId} notesRows={3} />
          </section>
        ))}
      </div>
    </>
  );
}
