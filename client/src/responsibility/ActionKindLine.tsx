import { useState, type FormEvent } from 'react';
import { useWords } from '../i18n/useWords.js';
import { LIMITS, allowedIn, type PublicAction, type PublicBoardView } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';
import { usePasteThatFits } from '../cards/pasteThatFits.js';
import { useReadOnly } from '../facilitation/useReadOnly.js';

/** AK-3: whose an action is — ours (named), an ask of someone outside the room, or nobody's yet. */
export function ActionKindLine({ board, action, label }: { board: PublicBoardView; action: PublicAction; /** the action's words, naming its buttons */ label: string }) {
  const { t } = useWords();
  const session = useSession();
  const readOnly = useReadOnly(board);
  // LK-1: locked, a participant has no ask to make or take back (the server would refuse it)
  const changeable = allowedIn('action.ask', board.phase) && !readOnly;
  const kind = action.kind;
  if (kind === 'ours') {
    return (
      <p className="owners kind-ours">
        <span className="badge ours">{t('resp.ours')}</span> <span className="label">{t('act.helping')}</span> {action.owners.join(', ')}
      </p>
    );
  }
  if (kind === 'ask') {
    return (
      <p className="owners kind-ask">
        <span className="badge ask">{t('resp.ask')}</span> {t('resp.askedOf')} <strong>{action.askOf}</strong>
        {changeable && (
          <button type="button" className="link small" aria-label={t('resp.notAskFor', { name: label })} onClick={() => session.send({ type: 'action.ask', actionId: action.id, askOf: null })}>
            {t('resp.notAsk')}
          </button>
        )}
      </p>
    );
  }
  return (
    <div className="owners kind-untaken">
      <p className="hint untaken">
        <span className="badge untaken">{t('resp.nobody')}</span> {t('resp.untakenPrompt')}
      </p>
      {changeable && <AskForm actionId={action.id} label={label} />}
    </div>
  );
}

function AskForm({ actionId, label }: { actionId: string; label: string }) {
  const { t } = useWords();
  const session = useSession();
  const [askOf, setAskOf] = useState('');
  const paste = usePasteThatFits();
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
        {t('resp.askWhoFor', { name: label })}
      </label>
      <input id={inputId} className="grow" value={askOf} maxLength={LIMITS.askOf}
        placeholder={t('resp.askPlaceholder')}
        {...paste.field}
        onChange={(e) => setAskOf(e.target.value)}
      />
      <button type="submit" className="small" aria-label={t('resp.makeAskFor', { name: label })} disabled={!askOf.trim()}>
        {t('resp.makeAsk')}
      </button>
      {paste.refusal}
    </form>
  );
}
