import { useWords } from '../i18n/useWords.js';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { LIMITS, allowedIn, type PublicBoardView } from '@candor/shared';
import { useSession } from './SessionContext.js';
import { useAhead } from './useAhead.js';
import { TimerControls } from '../timer/TimerControls.js';
import { useCoarsePointer, useIsPhone } from '../layout/useIsPhone.js';
import { usePhaseStep } from './usePhaseStep.js';
import { DoneProgress } from '../facilitation/DoneProgress.js';
import { AccessControls, KnockList } from '../facilitation/AccessControls.js';
import { AnonymitySetting } from './AnonymitySetting.js';
import { CheckInControls } from '../checkin/CheckInControls.js';
import { WalkControls } from '../facilitation/WalkControls.js';
import { NEXT_STEP_KEYS, useNextStepKey } from './nextStepKey.js';

export function FacilitatorBar({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  // UI-50: a phone's facilitator has the timer in the band above the item (UI-34), the panel on a tab of its own
  const phone = useIsPhone();
  const touch = useCoarsePointer();
  const session = useSession();
  const { next, previous, moving, press, landing, dialogs } = usePhaseStep(board);
  // UI-20: the switches stay where I put them until the board shows it
  const restricting = useAhead('grouping.restrict');
  const enablingReactions = useAhead('reactions.enable');
  // UI-48: Alt+Shift+N from anywhere on the board comes back to the step on (the button marked data-next-step)
  const panel = useRef<HTMLElement | null>(null);
  useNextStepKey(panel);

  return (
    <section className="panel facilitator-bar" id="phase-controls" tabIndex={-1} aria-labelledby="facilitator-title" ref={panel}>
      <h2 id="facilitator-title">{t('facilitator.title')}</h2>
      <KnockList />
      {board.phase === 'closed' ? (
        <p className="hint">{t('facilitator.closed')}</p>
      ) : (
        <div className="phase-buttons" data-phase-steps role="group" aria-label={t('facilitator.now', { phase: t(`phases.${board.phase}`) })} tabIndex={-1} ref={landing}>
          {previous && (
            <button type="button" aria-disabled={moving} onClick={press(previous)}>
              {t('facilitator.back')}
            </button>
          )}
          {/* CF-1: Close never sits where every "Next" button stood; it has its own block below. */}
          {next && next !== 'closed' && (
            <button type="button" className="primary" aria-disabled={moving} onClick={press(next)} data-next-step aria-keyshortcuts={NEXT_STEP_KEYS}>
              {t('facilitator.next', { phase: t(`phases.${next}`) })}
            </button>
          )}
        </div>
      )}
      {/* UI-48: said where a keyboard is; a touch screen has none to press it on (the step button still names it) */}
      {board.phase !== 'closed' && !touch && <p className="hint next-step-keys">{t('facilitator.nextStepKeys')}</p>}
      <DoneProgress board={board} />
      {/* The step that is left, in sight under the phase buttons (below the timer and the room's settings a 1280×800
          desk had to scroll the panel to find it), yet in its own block under its own heading, never where "Next" stood. */}
      {next === 'closed' && (
        <div className="close-retro">
          <h3>{t('facilitation.confirm.finish')}</h3>
          <button type="button" className="danger-outline" aria-disabled={moving} onClick={press('closed')} data-next-step aria-keyshortcuts={NEXT_STEP_KEYS}>
            {t('facilitation.confirm.closeButton')}
          </button>
          {/* GP-5: the room's last question is at the end of Act's page, below many a screen: she can ask for it */}
          {board.roti.open && <p className="hint">{t('facilitation.confirm.rotiFirst')}</p>}
        </div>
      )}
      {allowedIn('checkin.set', board.phase) && <CheckInControls board={board} />}
      {allowedIn('walk.focus', board.phase) && <WalkControls board={board} />}
      {allowedIn('settings.update', board.phase) && <VoteSettings board={board} />}
      {(board.phase === 'reveal' || board.phase === 'vote') && (
        <label className="switch">
          <input
            type="checkbox"
            checked={restricting ? restricting.facilitatorOnly : board.groupingFacilitatorOnly}
            onChange={(e) => session.send({ type: 'grouping.restrict', facilitatorOnly: e.target.checked })}
          />
          <span>{t('running.onlyMeGroups')}</span>
        </label>
      )}
      {allowedIn('reaction.toggle', board.phase) && (
        <label className="switch">
          <input
            type="checkbox"
            checked={enablingReactions ? enablingReactions.enabled : board.reactionsOn}
            onChange={(e) => session.send({ type: 'reactions.enable', enabled: e.target.checked })}
          />
          <span>{t('running.reactionsOn')}</span>
        </label>
      )}
      {allowedIn('timer.start', board.phase) && <TimerControls timer={board.timer} toNotes={!phone && board.phase === 'discuss' && board.currentItemId !== null} />}
      {allowedIn('anonymity.raise', board.phase) && <AnonymitySetting board={board} />}
      {board.phase !== 'closed' && <AccessControls board={board} />}
      {dialogs}
    </section>
  );
}

function VoteSettings({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const [budget, setBudget] = useState(board.settings.voteBudget);
  const [cap, setCap] = useState(board.settings.perItemCap);
  const headingId = useId();

  useEffect(() => {
    setBudget(board.settings.voteBudget);
    setCap(board.settings.perItemCap);
  }, [board.settings.voteBudget, board.settings.perItemCap]);

  // VO-10: while voting is open the settings only go up
  const voting = board.phase === 'vote';
  const lowest = voting ? board.settings : { voteBudget: 1, perItemCap: 1 };
  const invalid = cap > budget || budget < lowest.voteBudget || cap < lowest.perItemCap;
  const unchanged = budget === board.settings.voteBudget && cap === board.settings.perItemCap;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!invalid) session.send({ type: 'settings.update', voteBudget: budget, perItemCap: cap });
  }

  return (
    // UI-10: the form is where focus stays once "Update vote settings", used up, disables itself (named "Voting"; the
    // next Tab is its first field), not the panel's first control, Vote's "Back"
    <form className="vote-settings" onSubmit={onSubmit} aria-labelledby={headingId} tabIndex={-1} data-focus-landing>
      <h3 id={headingId}>{t('facilitator.voting')}</h3>
      <label className="field inline">
        <span>{t('facilitator.votesPerPerson')}</span>
        <input type="number" min={lowest.voteBudget} max={LIMITS.voteBudgetMax} value={budget} onChange={(e) => setBudget(e.target.valueAsNumber || 0)} />
      </label>
      <label className="field inline">
        <span>{t('facilitator.perItemCap')}</span>
        <input type="number" min={lowest.perItemCap} max={budget || 1} value={cap} onChange={(e) => setCap(e.target.valueAsNumber || 0)} />
      </label>
      {cap > budget && <p className="hint">{t('facilitator.capTooHigh')}</p>}
      {voting && <p className="hint">{t('facilitator.onlyRaise')}</p>}
      <button type="submit" disabled={invalid || unchanged}>
        {t('facilitator.updateVotes')}
      </button>
    </form>
  );
}
