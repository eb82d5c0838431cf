import { useWords } from '../i18n/useWords.js';
import { useId, useState, type FormEvent } from 'react';
import { LIMITS, type PublicBoardView } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';
import { TimerPresets, useStartTimer } from './TimerPresets.js';

/** DI-3, DI-7, DI-8: presets and a custom length; pause, resume, +1 min and stop while one runs. */
export function TimerControls({ timer }: { timer: PublicBoardView['timer'] }) {
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

/** A timer is on while it runs or is paused. */
export const timerIsOn = (timer: PublicBoardView['timer']): boolean => timer.endsAt !== null || timer.pausedMs !== null;

/** DI-7, DI-8: pause or resume, +1 min and stop, while a timer is on (nothing otherwise). */
export function TimerRunning({ timer, label = false }: { timer: PublicBoardView['timer']; label?: boolean }) {
  const { t } = useWords();
  const session = useSession();
  if (!timerIsOn(timer)) return null;
  const running = timer.endsAt !== null;
  const paused = timer.pausedMs !== null;
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
