import { useState, type FormEvent } from 'react';
import { LIMITS, allowedIn, notesKey, type PublicAction, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { SharedTextarea } from '../notes/SharedTextarea.js';
import { useSharedText, useTextValue } from '../notes/useSharedText.js';
import { shortText } from '../cards/items.js';
import { ConsensusCheck } from './ConsensusCheck.js';

export const ACTION_PROMPT = 'What is the right thing to do? How can I help?';

/** The actions that came out of one item, and a way to add another. */
export function ItemActions({ board, itemId, compact = false }: { board: PublicBoardView; itemId: string; compact?: boolean }) {
  const actions = board.actions.filter((a) => a.itemId === itemId);
  const canCreate = allowedIn('action.create', board.phase);
  return (
    <div className="item-actions">
      <h3>Actions</h3>
      {actions.length === 0 && !canCreate && <p className="empty">No actions.</p>}
      <ul className="actions">
        {actions.map((action) => (
          <li key={action.id}>
            <ActionCard board={board} action={action} />
          </li>
        ))}
      </ul>
      {canCreate && (compact ? <CollapsedActionForm itemId={itemId} /> : <NewActionForm itemId={itemId} />)}
    </div>
  );
}

export function ActionCard({ board, action }: { board: PublicBoardView; action: PublicAction }) {
  const session = useSession();
  const { me, isFacilitator } = useSessionState();
  const closed = board.phase === 'closed';
  const changeable = allowedIn('action.volunteer', board.phase);
  const helping = me?.actionIds.includes(action.id) ?? false;
  const text = useTextValue(useSharedText(notesKey.action(action.id)));
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  // AC-5: the facilitator, or someone helping with it, may delete an action.
  const canDelete = allowedIn('action.delete', board.phase) && (isFacilitator || helping);
  const label = shortText(text || 'this action', 40);

  return (
    <article className={`action ${action.done ? 'done' : ''}`}>
      <SharedTextarea textKey={notesKey.action(action.id)} label="Action" readOnly={closed} rows={2} />
      <p className="owners">
        {action.owners.length ? (
          <>
            <span className="label">Helping:</span> {action.owners.join(', ')}
          </>
        ) : (
          <span className="hint">Nobody has offered yet. Could you?</span>
        )}
      </p>
      <div className="action-controls">
        {changeable ? (
          <label className="done-toggle">
            <input
              type="checkbox"
              checked={action.done}
              onChange={(e) => session.send({ type: 'action.done', actionId: action.id, done: e.target.checked })}
            />
            <span>Done</span>
          </label>
        ) : (
          action.done && <span className="badge done">Done</span>
        )}
        {changeable && (
          <button
            type="button"
            className={`toggle ${helping ? 'on' : ''}`}
            aria-pressed={helping}
            onClick={() => session.send({ type: 'action.volunteer', actionId: action.id, volunteer: !helping })}
          >
            {helping ? '✓ ' : ''}I can help
          </button>
        )}
        <label className="field inline">
          <span>Due date</span>
          <input
            type="date"
            value={action.dueDate ?? ''}
            readOnly={!changeable}
            disabled={!changeable}
            onChange={(e) => session.send({ type: 'action.due', actionId: action.id, dueDate: e.target.value || null })}
          />
        </label>
        {canDelete && !confirmingDelete && (
          <button type="button" className="link small danger" onClick={() => setConfirmingDelete(true)}>
            Delete action
          </button>
        )}
        {canDelete && confirmingDelete && (
          <span className="confirm" role="group" aria-label={`Delete the action “${label}”?`}>
            <span className="hint">Delete this action for everyone?</span>
            <button
              type="button"
              className="small danger"
              onClick={() => {
                setConfirmingDelete(false);
                session.send({ type: 'action.delete', actionId: action.id });
              }}
            >
              Yes, delete
            </button>
            <button type="button" className="small" autoFocus onClick={() => setConfirmingDelete(false)}>
              Keep it
            </button>
          </span>
        )}
      </div>
      <ConsensusCheck board={board} action={action} label={label} />
    </article>
  );
}

/** AC-1: on an item that is not current, the form opens on demand. */
function CollapsedActionForm({ itemId }: { itemId: string }) {
  const [open, setOpen] = useState(false);
  if (open) return <NewActionForm itemId={itemId} />;
  return (
    <button type="button" className="link small" onClick={() => setOpen(true)}>
      Add an action from this item
    </button>
  );
}

function NewActionForm({ itemId }: { itemId: string }) {
  const session = useSession();
  const [text, setText] = useState('');
  const inputId = `new-action-${itemId}`;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    session.send({ type: 'action.create', itemId, text: value });
    setText('');
  }

  return (
    <form className="new-action" onSubmit={onSubmit}>
      <label htmlFor={inputId}>{ACTION_PROMPT}</label>
      <textarea
        id={inputId}
        value={text}
        rows={2}
        maxLength={LIMITS.cardText}
        placeholder="A next step someone could take, however small"
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="small" disabled={!text.trim()}>
        Add action
      </button>
    </form>
  );
}
