import { useState, type FormEvent } from 'react';
import { useWords } from '../i18n/useWords.js';
import { LIMITS, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { useAhead } from '../board/useAhead.js';
import { usePasteThatFits } from '../cards/pasteThatFits.js';

/** JN-*, LK-1: the facilitator's controls for who may come in and whether the board takes changes. */
export function AccessControls({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  // UI-20: each switch stays where I put it until the board shows it
  const locking = useAhead('board.lock');
  const knocking = useAhead('access.knock');
  const closing = useAhead('access.lockJoining');
  const { access } = board;
  const locked = locking ? locking.locked : board.locked;
  const knock = knocking ? knocking.on : access.knock;
  const joiningLocked = closing ? closing.locked : access.joiningLocked;
  return (
    <div className="access-controls">
      <h3>{t('facilitation.room.heading')}</h3>
      <label className="check">
        <input type="checkbox" checked={locked} onChange={(e) => session.send({ type: 'board.lock', locked: e.target.checked })} />
        <span>{t('facilitation.room.lockBoard')}</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={knock} onChange={(e) => session.send({ type: 'access.knock', on: e.target.checked })} />
        <span>{t('facilitation.room.knock')}</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={joiningLocked} onChange={(e) => session.send({ type: 'access.lockJoining', locked: e.target.checked })} />
        <span>{t('facilitation.room.lockJoining')}</span>
      </label>
      <PasswordSetting hasPassword={access.password} />
    </div>
  );
}

/** JN-1/JN-2: set, change or remove the board password. Changing it signs everyone else out. */
function PasswordSetting({ hasPassword }: { hasPassword: boolean }) {
  const { t } = useWords();
  const session = useSession();
  const [draft, setDraft] = useState('');
  // UI-7: a password cut by maxLength is one nobody knows; a paste that does not fit is refused instead
  const paste = usePasteThatFits();
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    session.send({ type: 'access.password', password: draft });
    setDraft('');
  }
  return (
    <form className="password-setting" onSubmit={onSubmit}>
      <label className="field">
        <span>{hasPassword ? t('facilitation.room.newPassword') : t('facilitation.room.password')}</span>
        <input type="text" autoComplete="off" value={draft} maxLength={LIMITS.boardPassword} {...paste.field} onChange={(e) => setDraft(e.target.value)} />
      </label>
      {paste.refusal}
      <p className="hint">{hasPassword ? t('facilitation.room.passwordSetHint') : t('facilitation.room.passwordHint')}</p>
      <div className="row">
        <button type="submit" className="small" disabled={!draft}>
          {hasPassword ? t('facilitation.room.changePassword') : t('facilitation.room.setPassword')}
        </button>
        {hasPassword && (
          <button type="button" className="small" onClick={() => session.send({ type: 'access.password', password: null })}>
            {t('facilitation.room.removePassword')}
          </button>
        )}
      </div>
    </form>
  );
}

/** JN-3: people knocking, with one click to let each in or not (at the top of the panel, so it is seen). */
export function KnockList() {
  const { t } = useWords();
  const session = useSession();
  const { me } = useSessionState();
  const knocks = me?.knocks ?? [];
  if (knocks.length === 0) return null;
  return (
    <section className="knocks" aria-label={t('facilitation.room.waitingLabel')}>
      <p role="status">
        <strong>{knocks.length === 1 ? t('facilitation.room.waiting1') : t('facilitation.room.waitingMany', { count: knocks.length })}</strong>
      </p>
      <ul>
        {knocks.map((k) => (
          <li key={k.id}>
            <span className="person-name">{k.name}</span>
            <button type="button" className="small primary" onClick={() => session.send({ type: 'access.admit', knockId: k.id, admit: true })}>
              {t('facilitation.room.letIn', { name: k.name })}
            </button>
            <button type="button" className="small" onClick={() => session.send({ type: 'access.admit', knockId: k.id, admit: false })}>
              {t('facilitation.room.notNow')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
