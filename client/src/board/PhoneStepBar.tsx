import { useEffect, useRef } from 'react';
import { everyoneDone, type PublicBoardView } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { usePhaseStep } from './usePhaseStep.js';
import { useNextItem } from '../discuss/useNextItem.js';
import { useSession } from './SessionContext.js';
import { walkSteps } from '../cards/items.js';
import { useNextStepKey } from './nextStepKey.js';
import { useOwnMarkMissing } from './useOwnMarkMissing.js';

/**
 * UI-29: on a phone the facilitator's next steps are on the Board tab too — "Next: <phase>", and in Discuss "Next
 * item" — in a slim bar at the bottom, just above the room's news line, so running the retro does not mean going
 * to the Facilitate tab and back at every step. The page ends above it (its height is given to the CSS as
 * `--step-bar-h`), so it covers nothing. "Back" is there too, as on the panel. Close is not here: it never sits where "Next" stood (CF-1); in Act the
 * Facilitate tab has it, and the bar is not drawn. In Write and Vote the bar begins with how many here are done
 * ("1 of 3 / done voting", DN-2), read beside the button that moves on, and "not you yet" under it while the one
 * missing is the facilitator herself (DN-3).
 */
export function PhoneStepBar({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const { next, previous, moving, press, landing, dialogs } = usePhaseStep(board);
  const nextItem = useNextItem(board);
  const session = useSession();
  // CW-1: during a walk through the columns, the next column is a step here too (the walk starts on the Facilitate
  // tab), so the facilitator walks the room from the board the room is looking at; "Stop the walk" takes Back's place
  // at every column (it was there only at the last, and the team walk's facilitator looked for it on her phone's Board
  // tab in vain): three buttons at most, whole at 360 wide; Back stays on the Facilitate tab
  const walkAt = board.walkColumnId ? board.columns.findIndex((c) => c.id === board.walkColumnId) : -1;
  const walkNext = walkAt >= 0 ? board.columns[walkAt + 1] : undefined;
  // CW-6: once a card is in the spotlight (the facilitator's "Spotlight" on it), "Next card" takes that place while the
  // column has one more, then "Next column" again: still three buttons at most
  const cards = walkSteps(board);
  const nextCard = cards.at >= 0 ? cards.ids[cards.at + 1] : undefined;
  const walking = walkAt >= 0;
  const ref = useRef<HTMLElement | null>(null);
  const step = next && next !== 'closed' ? next : null;
  const shown = step !== null || nextItem.shown;
  const progress = board.progress;
  const notMe = useOwnMarkMissing(progress);
  // UI-48: Alt+Shift+N (a keyboard on a tablet) comes to the bar's first step on that can be pressed, as at a desk to the panel's
  useNextStepKey(ref);

  useEffect(() => {
    const bar = ref.current;
    if (!bar) return;
    const root = document.documentElement;
    const measure = () => root.style.setProperty('--step-bar-h', `${bar.offsetHeight}px`);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(bar);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--step-bar-h');
    };
  }, [shown]);

  // A control Tab reaches half under the bar stays there: Chromium scrolls a focused element only when it is out of
  // sight, and one partly in sight (a card's field, 90 px tall) is not, whatever the scroll padding says. It is
  // brought up clear of the bar (`scrollIntoView` keeps to the scroll padding).
  useEffect(() => {
    if (!shown) return;
    const onFocus = (event: FocusEvent) => {
      const bar = ref.current;
      const target = event.target;
      if (!bar || !(target instanceof HTMLElement) || target.closest('.step-bar, .room-bar')) return;
      const rect = target.getBoundingClientRect();
      if (rect.bottom > bar.getBoundingClientRect().top && rect.height < window.innerHeight / 2) target.scrollIntoView({ block: 'nearest' });
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, [shown]);

  if (!shown) return null;
  return (
    <section className={progress ? 'step-bar with-progress' : 'step-bar'} ref={ref} aria-label={t('facilitator.stepBar')}>
      {/* DN-2: how many here are done, beside the step it tells the facilitator whether to take (it was only on the
          Facilitate tab, so in Vote the Board tab gave "Next: Discuss" with no idea who was still voting) */}
      {progress && (
        <p className={everyoneDone(progress) ? 'step-progress all-done' : 'step-progress'}>
          <strong>{t('facilitation.done.countWriting', { done: progress.done, of: progress.of })}</strong>{' '}
          {/* its words one line under the number: German's "fertig mit / Schreiben" and "du noch nicht" made four short lines at 360 wide */}
          <span>{t(progress.stage === 'vote' ? 'facilitation.done.barVoting' : 'facilitation.done.barWriting')}</span>
          {/* DN-3: the one missing is her, her own mark below the columns out of sight (nobody else is named) */}
          {notMe && (
            <>
              {' '}
              <span className="not-you">{t('facilitation.done.notYouShort')}</span>
            </>
          )}
        </p>
      )}
      {/* Back as on the panel, first and narrow: a step back asks first where the panel's does (AN-12: Discuss → Vote) */}
      {/* UI-10: a step taken from here leaves focus on the group, named by the phase now, not on "Next: <the one after>" */}
      <div className="phase-buttons" data-phase-steps role="group" aria-label={t('facilitator.now', { phase: t(`phases.${board.phase}`) })} tabIndex={-1} ref={landing}>
        {walking && (
          <button type="button" onClick={() => session.send({ type: 'walk.focus', columnId: null })}>
            {t('walk.stop')}
          </button>
        )}
        {previous && !walking && (
          <button type="button" className="back" aria-disabled={moving} onClick={press(previous)}>
            {t('facilitator.back')}
          </button>
        )}
        {nextItem.shown && (
          <button type="button" className="primary" disabled={nextItem.disabled} aria-disabled={nextItem.moving} onClick={nextItem.press} data-next-step>
            {t(nextItem.label)}
          </button>
        )}
        {nextCard && (
          <button type="button" className="primary" onClick={() => session.send({ type: 'walk.spotlight', itemId: nextCard })} data-next-step>
            {t('walk.nextCard')}
          </button>
        )}
        {walkNext && !nextCard && (
          <button type="button" className="primary" onClick={() => session.send({ type: 'walk.focus', columnId: walkNext.id })} data-next-step>
            {t('walk.next')}
          </button>
        )}
        {step && (
          <button type="button" className={nextItem.shown || walkNext || nextCard ? undefined : 'primary'} aria-disabled={moving} onClick={press(step)} data-next-step>
            {t('facilitator.next', { phase: t(`phases.${step}`) })}
          </button>
        )}
      </div>
      {dialogs}
    </section>
  );
}
