import { useState, type FormEvent } from 'react';
import { LIMITS, allowedIn, type PublicAction, type PublicBoardView } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';

export const UNTAKEN_PROMPT = 'No one here has this yet — make it an ask, or who can help?';

/** AK-3: whose an action is — ours (named), an ask of someone outside the room, or nobody's yet. */
export function ActionKindLine({ board, action }: { board: PublicBoardView; action: PublicAction }) {
  const session = useSession();
  const changeable = allowedIn('action.ask', board.phase);
  const kind = action.kind ?? (action.owners.length ? 'ours' : 'untaken');
  if (kind === 'ours') {
    return (
      <p className="owners kind-ours">
        <span className="badge ours">Ours</span> <span className="label">Helping:</span> {action.owners.join(', ')}
      </p>
    );
  }
  if (kind === 'ask') {
    return (
      <p className="owners kind-ask">
        <span className="badge ask">Ask</span> Asked of <strong>{action.askOf}</strong>
        {changeable && (
          <button type="button" className="link small" onClick={() => session.send({ type: 'action.ask', actionId: action.id, askOf: null })}>
            Not an ask
          </button>
        )}
      </p>
    );
  }
  return (
    <div className="owners kind-untaken">
      <p className="hint untaken">
        <span className="badge untaken">Nobody yet</span> {UNTAKEN_PROMPT}
      </p>
      {changeable && <AskForm actionId={action.id} />}
    </div>
  );
}

function AskForm({ actionId }: { actionId: string }) {
  const session = useSession();
  const [askOf, setAskOf] = useState('');
  const inputId = `ask-${actionId}`;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const value = askOf.trim();
    if (!value) return;
    session.send({ type: 'action.ask', actionId, askOf: value });
    setAskOf('');
  }
  return (
    <form className="row ask-form" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="visually-hidden">
        Who outside the room is asked?
      </label>
      <input id={inputId} className="grow" value={askOf} maxLength={LIMITS.askOf} placeholder="A role or team, e.g. Platform team" onChange={(e) => setAskOf(e.target.value)} />
      <button type="submit" className="small" disabled={!askOf.trim()}>
        Make it an ask
      </button>
    </form>
  );
}
