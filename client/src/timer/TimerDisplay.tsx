import { useRef } from 'react';
import { useWords } from '../i18n/useWords.js';
import type { PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { formatDuration, useNow } from './useNow.js';

/**
 * The shared countdown: everyone computes it from the server's end time and their own clock offset. At zero
 * it says so gently (a soft glow, no sound, still under reduced motion) and, to a screen reader, once (DI-11: a
 * `timer` is not read out as it changes); paused, it shows the time left.
 */
export function TimerDisplay({ timer }: { timer: PublicBoardView['timer'] }) {
  const { t } = useWords();
  const session = useSession();
  useSessionState(); // re-render when the clock offset is measured
  const running = timer.endsAt !== null;
  useNow(running);
  // DI-11: the end is news only to a page that watched this timer run; one opened after it ran out says nothing
  const watched = useRef<number | null>(null);
  if (timer.pausedMs !== null) {
    return (
      <div className="timer paused" role="timer" aria-label={t('running.timerPaused')}>
        {t('running.paused', { time: formatDuration(timer.pausedMs) })}
      </div>
    );
  }
  if (timer.endsAt === null) return null;
  const left = timer.endsAt - session.serverNow();
  if (left > 0) watched.current = timer.endsAt;
  const ranOut = left <= 0 && watched.current === timer.endsAt;
  return (
    <>
      <div className={`timer ${left <= 0 ? 'over' : left < 30_000 ? 'soon' : ''}`} role="timer" aria-label={t('timer.label')}>
        {left > 0 ? formatDuration(left) : t('timer.up')}
      </div>
      <span className="visually-hidden" role="status">
        {ranOut ? t('timer.up') : ''}
      </span>
    </>
  );
}
