import { useWords } from '../i18n/useWords.js';
import { useId, useState, type FormEvent } from 'react';
import { LIMITS, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { timerStage } from './TimerDisplay.js';
import { useNow } from './useNow.js';
import { TimerPresets, useStartTimer } from './TimerPresets.js';
import { BackToNotesLink } from '../discuss/ItemSkipLinks.js';

/** DI-3, DI-7, DI-8: presets and a custom length; pause, resume, +1 min and stop while one runs. */
/** `toNotes`: in Discuss, a link on to the notes of the item being discussed (UI-50). */
export function TimerControls({ timer, toNotes = false }: { timer: PublicBoardView['timer']; toNotes?: boolean }) {
  const { t } = useWords();
  const start = useStartTimer();
  const [minutes, setMinutes] = useState(5);
  const minutesId = useId();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    start(minutes);
  }

  return (
    <form className="timer-controls" onSubmit={onSubmit} aria-labelledby="timer-controls-title">
      <h3 id="timer-controls-title">{t('facilitator.timer')}</h3>
      <TimerPresets />
      {toNotes && <BackToNotesLink />}
      {/* UI-33: the label over its field and "Start" right beside the field, one row in the desk's narrow panel */}
      <div className="field custom">
        <label htmlFor={minutesId}>{t('running.customMinutes')}</label>
        <div className="row">
          <input
            id={minutesId}
            type="number"
            min={LIMITS.timerMinSec / 60}
            max={LIMITS.timerMaxSec / 60}
            step="any"
            value={Number.isFinite(minutes) ? minutes : ''}
            onChange={(e) => setMinutes(e.target.valueAsNumber)}
          />
          <button type="submit" className="small" disabled={!Number.isFinite(minutes) || minutes <= 0}>
            {t('running.start')}
          </button>
        </div>
      </div>
      <TimerRunning timer={timer} />
    </form>
  );
}

/**
 * SL-4: where the timer is for the facilitator's buttons, as everyone's pill shows it (SL-2): `up` for
 * `TIME_UP_SHOWN_MS` after it ran out, `off` after that as when there is none. Redrawn when it runs out and when
 * "Time is up" ends (once a second while it is on), not at every tick of the pill.
 */
export function useTimerStage(timer: PublicBoardView['timer']): ReturnType<typeof timerStage>['stage'] {
  const session = useSession();
  useSessionState(); // the clock offset, once measured
  const { stage } = timerStage(timer, session.serverNow());
  useNow(stage === 'running' || stage === 'up', 1000);
  return stage;
}

/** UI-34: a phone's facilitator starts the item's timer from a preset, or works the one that is on. */
export function TimerActions({ timer }: { timer: PublicBoardView['timer'] }) {
  return useTimerStage(timer) === 'off' ? <TimerPresets label /> : <TimerRunning timer={timer} label />;
}

/**
 * DI-7, DI-8: pause or resume, +1 min and stop, while a timer is on (nothing otherwise). SL-4: one that ran out
 * cannot be paused (the server refuses: "No timer is running"); +1 min starts a minute and Stop clears "Time is up".
 */
export function TimerRunning({ timer, label = false }: { timer: PublicBoardView['timer']; label?: boolean }) {
  const { t } = useWords();
  const session = useSession();
  const stage = useTimerStage(timer);
  if (stage === 'off') return null;
  const running = stage === 'running';
  const paused = stage === 'paused';
  return (
    <div className={label ? 'row presets' : 'row'} role="group" aria-label={t('facilitator.timer')}>
      {label && (
        <span className="presets-label" aria-hidden="true">
          {t('facilitator.timer')}
        </span>
      )}
      {running && (
        <button type="button" className="small" onClick={() => session.send({ type: 'timer.pause' })}>
          {t('running.pause')}
        </button>
      )}
      {paused && (
        <button type="button" className="small" onClick={() => session.send({ type: 'timer.resume' })}>
          {t('running.resume')}
        </button>
      )}
      <button type="button" className="small" onClick={() => session.send({ type: 'timer.extend' })}>
        {t('running.plusOne')}
      </button>
      <button type="button" className="small" onClick={() => session.send({ type: 'timer.stop' })}>
        {t('running.stop')}
      </button>
    </div>
  );
}
