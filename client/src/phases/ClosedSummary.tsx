import { notesKey, type PublicAction, type PublicBoardView } from '@candor/shared';
import { useSharedText, useTextValue } from '../notes/useSharedText.js';
import { ItemContent } from '../cards/ItemContent.js';
import { itemLabel, itemsById } from '../cards/items.js';
import { exportUrl } from '../sync/api.js';
import { PhaseIntro } from './PhaseView.js';

export function ClosedSummary({ board }: { board: PublicBoardView }) {
  const items = itemsById(board);
  return (
    <div className="summary">
      <PhaseIntro title="Summary">
        The retro is closed. Thank you for being honest. Here is what we said and what we promised each other.
      </PhaseIntro>
      <p>
        <a className="button primary" href={exportUrl(board.id)} download={`${board.name || 'retro'}.md`}>
          Download Markdown
        </a>
      </p>

      <section className="panel" aria-labelledby="summary-actions">
        <h2 id="summary-actions">Actions</h2>
        {board.actions.length === 0 ? (
          <p className="empty">No actions were written.</p>
        ) : (
          <ul className="summary-actions">
            {board.actions.map((action) => (
              <SummaryAction key={action.id} action={action} itemName={itemLabel(items.get(action.itemId))} />
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="summary-discussed">
        <h2 id="summary-discussed">What we discussed</h2>
        {board.discussedItemIds.length === 0 ? (
          <p className="empty">Nothing was discussed.</p>
        ) : (
          <ol className="summary-items">
            {board.discussedItemIds.map((itemId) => (
              <li key={itemId}>
                <ItemContent item={items.get(itemId)} />
                <p className="tally">{board.tallies?.[itemId] ?? 0} votes</p>
                <SummaryNotes textKey={notesKey.item(itemId)} />
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="panel" aria-labelledby="summary-cards">
        <h2 id="summary-cards">All cards</h2>
        <div className="summary-columns">
          {board.columns.map((column) => {
            const cards = board.cards.filter((c) => c.columnId === column.id);
            return (
              <div key={column.id}>
                <h3>{column.title}</h3>
                {cards.length === 0 ? (
                  <p className="empty">No cards.</p>
                ) : (
                  <ul className="summary-cards">
                    {cards.map((c) => (
                      <li key={c.id}>{c.text}</li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </div>
      </section>
    </div>
  );
}

function SummaryAction({ action, itemName }: { action: PublicAction; itemName: string }) {
  const text = useTextValue(useSharedText(notesKey.action(action.id)));
  return (
    <li className="summary-action">
      <p className="action-text">{text || '…'}</p>
      <p className="hint">
        {action.owners.length ? `Helping: ${action.owners.join(', ')}` : 'Nobody volunteered yet'}
        {action.dueDate ? ` · due ${action.dueDate}` : ''} · from “{itemName}”
      </p>
    </li>
  );
}

function SummaryNotes({ textKey }: { textKey: string }) {
  const notes = useTextValue(useSharedText(textKey));
  return notes.trim() ? <p className="notes-text">{notes}</p> : <p className="empty">No notes.</p>;
}
