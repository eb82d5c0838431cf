import { notesKey, type PublicAction, type PublicBoardView } from '@candor/shared';
import { useSharedText, useTextValue } from '../notes/useSharedText.js';
import { ItemContent } from '../cards/ItemContent.js';
import { itemLabel, itemsById } from '../cards/items.js';
import { exportUrl } from '../sync/api.js';
import { navigate } from '../navigation.js';
import { PulseResult } from '../pulse/TrustPulse.js';
import { ConsensusResult } from '../actions/ConsensusCheck.js';
import { PhaseIntro } from './PhaseView.js';
import { REVIEW_STATUS_LABELS } from './ReviewPhase.js';
import { SummaryEmail } from './SummaryEmail.js';

export function ClosedSummary({ board }: { board: PublicBoardView }) {
  const items = itemsById(board);
  const fileName = board.name || 'retro';
  return (
    <div className="summary">
      <PhaseIntro title="Summary">
        The retro is closed. Thank you for being honest. Here is what we said and what we promised each other.
      </PhaseIntro>
      <div className="row downloads">
        <a className="button primary" href={exportUrl(board.id)} download={`${fileName}.md`}>
          Download Markdown
        </a>
        <a className="button" href={exportUrl(board.id, 'export.csv')} download={`${fileName}-cards.csv`}>
          Download CSV
        </a>
        <a className="button" href={exportUrl(board.id, 'actions.csv')} download={`${fileName}-actions.csv`}>
          Download actions (CSV)
        </a>
        <a className="button" href={exportUrl(board.id, 'export.json')} download={`${fileName}.json`}>
          Download JSON
        </a>
        {board.teamId && (
          <a href={`/t/${board.teamId}`} className="back-to-team" onClick={(e) => (e.preventDefault(), navigate(`/t/${board.teamId}`))}>
            Back to the team
          </a>
        )}
      </div>

      <SummaryEmail />
      {board.hasReview && <ReviewSummary board={board} />}
      <PulseResult board={board} />

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
      <p className="action-text">
        {action.done && <span className="badge done">✓ Done</span>} {text || '…'}
      </p>
      <p className="hint">
        {action.owners.length ? `Helping: ${action.owners.join(', ')}` : 'Nobody volunteered yet'}
        {action.dueDate ? ` · due ${action.dueDate}` : ''} · from “{itemName}”
      </p>
      <ConsensusResult action={action} />
    </li>
  );
}

function SummaryNotes({ textKey }: { textKey: string }) {
  const notes = useTextValue(useSharedText(textKey));
  return notes.trim() ? <p className="notes-text">{notes}</p> : <p className="empty">No notes.</p>;
}

function ReviewSummary({ board }: { board: PublicBoardView }) {
  return (
    <section className="panel" aria-labelledby="summary-review">
      <h2 id="summary-review">Promises from earlier retros</h2>
      {board.review.length === 0 ? (
        <p className="empty">No open promises from earlier retros — this was a fresh start.</p>
      ) : (
        <ul className="summary-actions">
          {board.review.map((item) => (
            <li key={item.ref} className="summary-action">
              <p className="action-text">{item.text || 'An action without text'}</p>
              <p className="hint">
                <span className={`status-pill ${item.status ?? 'open'}`}>{item.status ? REVIEW_STATUS_LABELS[item.status] : 'Not reviewed'}</span>
                {item.owners.length ? ` ${item.owners.join(', ')}` : ''} · from “{item.fromRetro}”
                {item.status === 'not-done' && item.reason ? ` · what got in the way: ${item.reason}` : ''}
                {item.status === 'not-done' && item.carry ? ' · carried forward' : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
