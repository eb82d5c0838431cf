import { allowedIn, notesKey, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { ItemContent } from '../cards/ItemContent.js';
import { itemLabel, itemsById, shortText } from '../cards/items.js';
import { ItemActions } from '../actions/ItemActions.js';
import { SharedTextarea } from '../notes/SharedTextarea.js';
import { PhaseIntro } from './PhaseView.js';
import { usePresenting } from '../board/presenting.js';

export function DiscussPhase({ board }: { board: PublicBoardView }) {
  const session = useSession();
  const { isFacilitator, me } = useSessionState();
  const presenting = usePresenting();
  const items = itemsById(board);
  const ranking = board.ranking ?? [...items.keys()];
  const current = board.currentItemId;
  const canSelect = isFacilitator && allowedIn('discuss.select', board.phase);

  return (
    <>
      <PhaseIntro title="Discuss">
        Most votes first. Listen for what is behind a card, and keep it about the work, not about anyone. When it helps, turn it
        into an action.
      </PhaseIntro>
      <div className="discuss">
        <section className="ranking" aria-labelledby="ranking-title">
          <h2 id="ranking-title">By votes</h2>
          <ol aria-labelledby="ranking-title">
            {ranking.map((itemId) => {
              const item = items.get(itemId);
              const votes = board.tallies?.[itemId] ?? 0;
              const isCurrent = current === itemId;
              const discussed = board.discussedItemIds.includes(itemId);
              return (
                <li key={itemId} className={`ranked ${isCurrent ? 'current' : ''}`} aria-current={isCurrent ? 'true' : undefined}>
                  <div className="ranked-head">
                    <span className="tally">
                      {votes} {votes === 1 ? 'vote' : 'votes'}
                    </span>
                    {me?.votes[itemId] && !presenting ? <span className="hint">({me.votes[itemId]} yours)</span> : null}
                    {isCurrent && <span className="badge now">Now discussing</span>}
                    {!isCurrent && discussed && <span className="badge done">Discussed</span>}
                  </div>
                  <ItemContent item={item} />
                  {canSelect && !isCurrent && (
                    <button
                      type="button"
                      className="small"
                      aria-label={`Discuss this: ${shortText(itemLabel(item), 40)}`}
                      onClick={() => session.send({ type: 'discuss.select', itemId })}
                    >
                      Discuss this
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          {ranking.length === 0 && <p className="empty">Nothing to discuss: no cards were revealed.</p>}
        </section>
        <section className="current-item panel" aria-labelledby="current-title">
          <h2 id="current-title">Now discussing</h2>
          {current ? (
            <>
              <ItemContent item={items.get(current)} />
              <SharedTextarea key={current} textKey={notesKey.item(current)} label="Notes" rows={6} placeholder="What did we hear? What do we not know yet?" />
              <ItemActions board={board} itemId={current} />
            </>
          ) : (
            <p className="empty">{isFacilitator ? 'Pick an item with “Discuss this” to start.' : 'The facilitator will pick the first item.'}</p>
          )}
        </section>
      </div>
    </>
  );
}
