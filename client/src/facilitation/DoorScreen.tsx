import { useLayoutEffect, useRef } from 'react';
import { useWords } from '../i18n/useWords.js';
import { LIMITS } from '@candor/shared';
import type { Door } from '../sync/BoardSession.js';
import { useSession } from '../board/SessionContext.js';
import { EntryPage, OneFieldForm } from '../board/EntryPage.js';

/**
 * JN-*, MO-1: what a person sees while the board does not let them in: a password field, a wait, or why
 * not — always naming whom to ask (the facilitator, by name when the board says who that is).
 */
export function DoorScreen({ door, boardName, facilitatorName }: { door: Door; boardName: string | null; facilitatorName: string | null }) {
  const { t } = useWords();
  const session = useSession();
  const name = facilitatorName ?? t('facilitation.door.theFacilitator');

  // UI-10: the join form's button, or the door's last words, had focus and went away; left to the focus rescue,
  // focus fell on the language switch at the top, where the next arrow key changed the page's language. It goes to
  // what the door says now, which a screen reader reads out (tabIndex -1: no Tab stop).
  const heading = useRef<HTMLHeadingElement | null>(null);
  const reason = door.kind === 'knocking' ? null : door.reason;
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) heading.current?.focus();
  }, [door.kind, reason]);

  const passwordMessage = door.kind === 'password' ? { required: null, wrong: t('facilitation.door.wrongPassword'), changed: t('facilitation.door.passwordChanged') }[door.reason] : null;
  const shutMessage =
    door.kind === 'shut'
      ? { joiningLocked: t('facilitation.door.joiningLocked', { name }), refused: t('facilitation.door.refused', { name }), removed: t('facilitation.door.removed') }[door.reason]
      : null;

  return (
    <EntryPage title={boardName ? `“${boardName}”` : t('join.titleUnknown')}>
      {door.kind === 'password' && (
        <OneFieldForm
          message={passwordMessage}
          label={t('facilitation.door.passwordLabel')}
          hint={t('facilitation.door.passwordHint')}
          submitLabel={t('facilitation.door.enter')}
          missing={t('facilitation.door.passwordMissing')}
          input={{ type: 'password', maxLength: LIMITS.boardPassword, autoFocus: true }}
          onSubmit={(password) => session.enterPassword(password)}
        />
      )}
      {door.kind === 'knocking' && (
        <section className="panel" aria-labelledby="door-title">
          <h2 id="door-title" tabIndex={-1} ref={heading}>{t('facilitation.door.knocked')}</h2>
          <p role="status">{t('facilitation.door.waiting', { name })}</p>
          <p className="hint">{t('facilitation.door.keepOpen')}</p>
        </section>
      )}
      {door.kind === 'shut' && (
        <section className="panel" aria-labelledby="door-title">
          <h2 id="door-title" tabIndex={-1} ref={heading}>{t('facilitation.door.notOnBoard')}</h2>
          <p role="alert">{shutMessage}</p>
          {door.reason !== 'removed' && (
            <button type="button" onClick={() => session.knockAgain()}>
              {t('facilitation.door.tryAgain')}
            </button>
          )}
        </section>
      )}
    </EntryPage>
  );
}
