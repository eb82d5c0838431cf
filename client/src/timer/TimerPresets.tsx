import { LIMITS } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { useSession } from '../board/SessionContext.js';

/** DI-3: the preset lengths a timebox is started with. */
const PRESET_MINUTES = [1, 3, 5, 10] as const;

/** Starts the room's timer for `minutes`, kept within the server's bounds. */
export function useStartTimer(): (minutes: number) => void {
  const session = useSession();
  return (minutes) => {
    const seconds = Math.round(minutes * 60);
    const durationSec = Math.min(LIMITS.timerMaxSec, Math.max(LIMITS.timerMinSec, seconds));
    session.send({ type: 'timer.start', durationSec });
  };
}

/**
 * The preset buttons, in the facilitator's panel and (UI-34) on a phone's Board tab in Discuss, beside "Raise hand":
 * there the item's timebox is started without leaving the item for the Facilitate tab.
 */
export function TimerPresets({ label = false }: { label?: boolean }) {
  const { t } = useWords();
  const start = useStartTimer();
  return (
    <div className="row presets" role="group" aria-label={t('running.startTimer')}>
      {label && (
        <span className="presets-label" aria-hidden="true">
          {t('facilitator.timer')}
        </span>
      )}
      {PRESET_MINUTES.map((m) => (
        <button key={m} type="button" className="small" onClick={() => start(m)}>
          {t('running.presetMinutes', { count: m })}
        </button>
      ))}
    </div>
  );
}
