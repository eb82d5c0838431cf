import { useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import { LIMITS, type PublicBoardView } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';

export function TimerControls({ timer }: { timer: PublicBoardView['timer'] }) {
  const { t } = useTranslation();
  const session = useSession();
  const [minutes, setMinutes] = useState(5);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const seconds = Math.round(minutes * 60);
    const durationSec = Math.min(LIMITS.timerMaxSec, Math.max(LIMITS.timerMinSec, seconds));
    session.send({ type: 'timer.start', durationSec });
  }

  return (
    <form className="timer-controls" onSubmit={onSubmit}>
      <h3>{t('facilitator.timer')}</h3>
      <label className="field inline">
        <span>{t('facilitator.timerMinutes')}</span>
        <input
          type="number"
          min={LIMITS.timerMinSec / 60}
          max={LIMITS.timerMaxSec / 60}
          step="any"
          value={Number.isFinite(minutes) ? minutes : ''}
          onChange={(e) => setMinutes(e.target.valueAsNumber)}
        />
      </label>
      <div className="row">
        <button type="submit" disabled={!Number.isFinite(minutes) || minutes <= 0}>
          {t('facilitator.startTimer')}
        </button>
        <button type="button" disabled={timer.endsAt === null} onClick={() => session.send({ type: 'timer.stop' })}>
          {t('facilitator.stopTimer')}
        </button>
      </div>
    </form>
  );
}
