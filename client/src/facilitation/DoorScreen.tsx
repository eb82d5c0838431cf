import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@candor/shared';
import type { Door } from '../sync/BoardSession.js';
import { useSession } from '../board/SessionContext.js';

/**
 * JN-*, MO-1: what a person sees while the board does not let them in: a password field, a wait, or why
 * not — always naming whom to ask (the facilitator, by name when the board says who that is).
 */
export function DoorScreen({ door, boardName, facilitatorName }: { door: Door; boardName: string | null; facilitatorName: string | null }) {
  const { t } = useTranslation();
  const session = useSession();
  const [password, setPassword] = useState('');
  const name = facilitatorName ?? t('facilitation.door.theFacilitator');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (password) session.enterPassword(password);
  }

  const passwordMessage = door.kind === 'password' ? { required: null, wrong: t('facilitation.door.wrongPassword'), changed: t('facilitation.door.passwordChanged') }[door.reason] : null;
  const shutMessage =
    door.kind === 'shut'
      ? { joiningLocked: t('facilitation.door.joiningLocked', { name }), refused: t('facilitation.door.refused', { name }), removed: t('facilitation.door.removed') }[door.reason]
      : null;

  return (
    <main className="page narrow">
      <p className="brand">{t('app.brand')}</p>
      <h1>{boardName ? `“${boardName}”` : t('join.titleUnknown')}</h1>
      {door.kind === 'password' && (
        <form className="panel" onSubmit={onSubmit}>
          {passwordMessage && (
            <p className="error" role="alert">
              {passwordMessage}
            </p>
          )}
          <label className="field">
            <span>{t('facilitation.door.passwordLabel')}</span>
            <input type="password" value={password} maxLength={LIMITS.boardPassword} autoFocus onChange={(e) => setPassword(e.target.value)} />
          </label>
          <p className="hint">{t('facilitation.door.passwordHint')}</p>
          <button type="submit" className="primary" disabled={!password}>
            {t('facilitation.door.enter')}
          </button>
        </form>
      )}
      {door.kind === 'knocking' && (
        <section className="panel" aria-labelledby="door-title">
          <h2 id="door-title">{t('facilitation.door.knocked')}</h2>
          <p role="status">{t('facilitation.door.waiting', { name })}</p>
          <p className="hint">{t('facilitation.door.keepOpen')}</p>
        </section>
      )}
      {door.kind === 'shut' && (
        <section className="panel" aria-labelledby="door-title">
          <h2 id="door-title">{t('facilitation.door.notOnBoard')}</h2>
          <p role="alert">{shutMessage}</p>
          {door.reason !== 'removed' && (
            <button type="button" onClick={() => session.knockAgain()}>
              {t('facilitation.door.tryAgain')}
            </button>
          )}
        </section>
      )}
    </main>
  );
}
