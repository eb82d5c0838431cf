import { useEffect, useRef } from 'react';
import { useWords } from '../i18n/useWords.js';
import type { PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { formatDuration, useNow } from './useNow.js';
import { chimeOnce, setTimerSound, useTimerSound } from './chime.js';

/** SL-2: how long the pill says "Time is up" after the end (the facilitator's +1 min or a new timer bring it back) */
export const TIME_UP_SHOWN_MS = 60_000;

/**
 * SL-2, SL-4: where a timer is, as every page shows it: running (with the time `left`), paused, `up` ("Time is up")
 * for TIME_UP_SHOWN_MS after the end, then `off`, as when there is none. The pill and the facilitator's buttons both
 * read it, so they cannot disagree.
 */
export function timerStage(timer: PublicBoardView['timer'], serverNow: number): { stage: 'off' | 'running' | 'paused' | 'up'; left: number } {
  if (timer.pausedMs !== null) return { stage: 'paused', left: timer.pausedMs };
  const left = timer.endsAt === null ? -Infinity : timer.endsAt - serverNow;
  return { stage: left <= -TIME_UP_SHOWN_MS ? 'off' : left > 0 ? 'running' : 'up', left };
}

/**
 * The shared countdown: everyone computes it from the server's end time and their own clock offset. At zero
 * it says so gently (a soft glow, no sound unless this browser asked for one, still under reduced motion) and, to a screen reader, once (DI-11: a
 * `timer` is not read out as it changes); paused, it shows the time left. Beside it, this browser's switch for a chime
 * at zero (GP-1), heard once, only on a page that watched the timer run.
 */
export function TimerDisplay({ timer }: { timer: PublicBoardView['timer'] }) {
  const { t } = useWords();
  const session = useSession();
  useSessionState(); // re-render when the clock offset is measured
  // SL-2: "Time is up" for TIME_UP_SHOWN_MS after the end, then no timer (nor ticking) at all, to a newcomer too
  const { stage, left } = timerStage(timer, session.serverNow());
  useNow(stage === 'running' || stage === 'up');
  // DI-11: the end is news only to a page that watched this timer run; one opened after it ran out says nothing
  const watched = useRef<number | null>(null);
  const sound = useTimerSound();
  const chimed = useRef<number | null>(null);
  if (stage === 'running') watched.current = timer.endsAt;
  const ranOut = stage === 'up' && watched.current === timer.endsAt;
  useEffect(() => {
    if (!ranOut || !sound || chimed.current === timer.endsAt) return;
    chimed.current = timer.endsAt;
    chimeOnce(`${session.boardId}:${timer.endsAt}`);
  }, [ranOut, sound, timer.endsAt, session]);
  const soundSwitch = (
    <button
      type="button"
      className="small timer-sound"
      aria-pressed={sound}
      aria-label={t('timer.sound')}
      title={t('timer.sound')}
      onClick={() => setTimerSound(!sound)}
    >
      {/* a drawn bell, not an emoji: an emoji here would fetch the emoji font on machines without one (UI-23) */}
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <path d="M8 1.5a4 4 0 0 0-4 4v3L2.5 11h11L12 8.5v-3a4 4 0 0 0-4-4ZM6.5 12.5a1.5 1.5 0 0 0 3 0" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
        {!sound && <path d="M2 2l12 12" stroke="currentColor" strokeWidth="1.4" />}
      </svg>
    </button>
  );
  if (stage === 'paused') {
    return (
      <>
        <div className="timer paused" role="timer" aria-label={t('running.timerPaused')}>
          {t('running.paused', { time: formatDuration(left) })}
        </div>
        {soundSwitch}
      </>
    );
  }
  if (stage === 'off') return null;
  return (
    <>
      <div className={`timer ${left <= 0 ? 'over' : left < 30_000 ? 'soon' : ''}`} role="timer" aria-label={t('timer.label')}>
        {left > 0 ? formatDuration(left) : t('timer.up')}
      </div>
      <span className="visually-hidden" role="status">
        {ranOut ? t('timer.up') : ''}
      </span>
      {soundSwitch}
    </>
  );
}
