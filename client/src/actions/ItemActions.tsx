import { useState, type FormEvent } from 'react';
import { LIMITS, allowedIn, notesKey, type PublicAction, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { SharedTextarea } from '../notes/SharedTextarea.js';
import { useSharedText, useTextValue } from '../notes/useSharedText.js';
import { shortText } from '../cards/items.js';
import { ConsensusCheck } from './ConsensusCheck.js';
import { ResponsibilityHint } from '../responsibility/ResponsibilityHint.js';
import { ActionKindLine } from '../responsibility/ActionKindLine.js';

export const ACTION_PROMPT = 'What is the right thing to do? How can I help?';

/** The actions that came out of one item, and a way to add another. */
export function ItemActions({ board, itemId }: { board: PublicBoardView; itemId: string }) {
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
      {canCreate && <NewActionForm itemId={itemId} />}
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

  return (
    <article className="action" aria-label={`Action: ${shortText(text || '…', 60)}`}>
      <SharedTextarea textKey={notesKey.action(action.id)} label="Action" readOnly={closed} rows={2} />
      {!closed && <ResponsibilityHint text={text} />}
      <ActionKindLine board={board} action={action} />
      <div className="action-controls">
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
        {isFacilitator && allowedIn('action.delete', board.phase) && (
          <button type="button" className="link small danger" onClick={() => session.send({ type: 'action.delete', actionId: action.id })}>
            Delete action
          </button>
        )}
      </div>
      <ConsensusCheck board={board} action={action} label={shortText(text || 'this action', 40)} />
    </article>
  );
}

function NewActionForm({ itemId }: { itemId: string }) {
  const session = useSession();
  const [text, setText] = useState('');
  const [askOf, setAskOf] = useState('');
  const inputId = `new-action-${itemId}`;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    const asked = askOf.trim();
    session.send({ type: 'action.create', itemId, text: value, ...(asked ? { askOf: asked } : {}) });
    setText('');
    setAskOf('');
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
        aria-describedby={`${inputId}-small ${inputId}-nudge`}
        onChange={(e) => setText(e.target.value)}
      />
      <p className="hint start-small" id={`${inputId}-small`}>
        Start small: make it something that can begin before the next retro.
      </p>
      <ResponsibilityHint text={text} id={`${inputId}-nudge`} />
      <label className="field ask-field">
        <span>Or ask someone outside the room (optional)</span>
        <input value={askOf} maxLength={LIMITS.askOf} placeholder="A role or team, e.g. Platform team" onChange={(e) => setAskOf(e.target.value)} />
      </label>
      <button type="submit" className="small" disabled={!text.trim()}>
        Add action
      </button>
    </form>
  );
}
