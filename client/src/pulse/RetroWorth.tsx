import { useLayoutEffect, useState } from 'react';
import { answersToShow, type PublicBoardView } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { LOCKED_LINE_ID, useReadOnly } from '../facilitation/useReadOnly.js';
import { usePresenting } from '../board/presenting.js';

const VALUES = [1, 2, 3, 4, 5] as const;
/** the answers' radio group, which the line at the top of Act (`RetroWorthCue`) takes me to */
const ANSWER_NAME = 'roti';

/** My own answer as this page shows it: the one on its way if any, else the server's; none while presenting (AN-11). */
function useMyRetroWorth(): number | null {
  const { me, pending } = useSessionState();
  const presenting = usePresenting();
  if (presenting) return null;
  const queued = [...pending].reverse().find((c) => c.type === 'roti.answer');
  return queued?.type === 'roti.answer' ? queued.value : (me?.roti ?? null);
}

/**
 * GP-5: "Was this retro worth the time?" (what other tools call ROTI, return on time invested), at the end of Act:
 * an anonymous 1–5 answer, as the trust pulse's (the same look, PU-6 on a phone). Only my own answer comes back to
 * me; the room sees nothing of the answers until the retro closes (`RetroWorthResult`, in the summary; a module of
 * its own, so each phase's part holds what it shows and the board's first load names no part more).
 */
export function RetroWorth({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  // LK-1: locked, the answers are disabled and say why (the server would refuse one)
  const readOnly = useReadOnly(board);
  const presenting = usePresenting();
  const mine = useMyRetroWorth();
  if (!board.roti.open) return null;
  return (
    <section className="panel pulse roti" aria-labelledby="roti-title">
      <h2 id="roti-title" className="pulse-kicker">
        {t('roti.title')}
      </h2>
      <p id="roti-question" className="pulse-question">
        {t('roti.question')}
      </p>
      <div className="scale pulse-scale" role="radiogroup" aria-labelledby="roti-question" aria-describedby={readOnly ? `roti-note ${LOCKED_LINE_ID}` : 'roti-note'}>
        {VALUES.map((value) => (
          <label key={value} className={`scale-option ${mine === value ? 'selected' : ''}`}>
            <input
              type="radio"
              name={ANSWER_NAME}
              value={value}
              checked={mine === value}
              // one Tab stop while unanswered, as the pulse (WJ-1)
              tabIndex={mine === null && value !== VALUES[0] ? -1 : undefined}
              aria-label={t(`roti.labels.${value}`)}
              disabled={readOnly}
              onChange={() => session.send({ type: 'roti.answer', value })}
            />
            <span className="scale-number" aria-hidden="true">
              {value}
            </span>
            <span className="scale-words" aria-hidden="true">
              {t(`roti.words.${value}`)}
            </span>
          </label>
        ))}
      </div>
      <p className="pulse-scale-ends" aria-hidden="true">
        <span>{t('roti.words.1')}</span>
        <span>{t('roti.words.5')}</span>
      </p>
      <p id="roti-note" className="hint pulse-note">
        {t('roti.note', { people: answersToShow(board.minOthersToShow) })}
      </p>
      <p className="hint pulse-mine" aria-live="polite">
        {presenting ? t('privacy.hiddenAnswer') : mine === null ? '' : t('roti.yourAnswer', { label: t(`roti.labels.${mine as 1}`) })}
      </p>
    </section>
  );
}

/** the answers' group (the question's words and its five answers) wholly on the screen, as near as a pixel's fraction allows */
const IN_VIEW = 0.99;

/**
 * Whether the question's answers are on the screen now, while `watching`: known before the first paint (so a line
 * that is not wanted never flashes), then kept up to date by an IntersectionObserver as the page scrolls or its
 * content moves. Under the bars fixed at the screen's foot (the room's news line, a phone's step bar) is not on the
 * screen: answers behind them cannot be read or tapped.
 */
function useQuestionInView(watching: boolean): boolean {
  const [inView, setInView] = useState(false);
  useLayoutEffect(() => {
    if (!watching) return;
    const answers = document.getElementsByName(ANSWER_NAME)[0]?.closest<HTMLElement>('[role=radiogroup]');
    if (!answers) return;
    const covered = Math.max(0, ...[...document.querySelectorAll('.room-bar, .step-bar')].map((bar) => window.innerHeight - bar.getBoundingClientRect().top));
    const box = answers.getBoundingClientRect();
    setInView(box.top >= 0 && box.bottom <= window.innerHeight - covered);
    const observer = new IntersectionObserver(([entry]) => setInView(entry!.intersectionRatio >= IN_VIEW), {
      threshold: [0, IN_VIEW],
      rootMargin: `0px 0px -${Math.ceil(covered)}px 0px`,
    });
    observer.observe(answers);
    return () => observer.disconnect();
  }, [watching]);
  return watching && inView;
}

/**
 * GP-5: the question is the last thing on Act's page, below every discussed item with its notes and actions (five
 * items put it 7 screens down at 1280x800 and 9 on a phone), so a participant found it only if the facilitator said
 * so. Near the top of Act one line asks it and takes me there (focus on an answer, the question in the middle of the
 * screen), until I have answered. It depends on my own answer alone, so no page shows whether anyone else answered;
 * while presenting (AN-11) it stays, as for someone who has not answered, so the shared screen does not tell the room
 * whether I did (and asks the room for it). While the question itself is on the screen (a short Act, a tall screen)
 * the line would only repeat it, so it is not shown then; scrolled out of sight, it is back.
 */
export function RetroWorthCue({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const mine = useMyRetroWorth();
  // LK-1: locked, there is no answer to give (the answers are disabled), so no line points at them
  const readOnly = useReadOnly(board);
  const unanswered = board.roti.open && mine === null && !readOnly;
  const questionInView = useQuestionInView(unanswered);
  if (!unanswered || questionInView) return null;
  const goToQuestion = () => {
    const answers = [...document.getElementsByName(ANSWER_NAME)] as HTMLInputElement[];
    const answer = answers.find((input) => input.checked) ?? answers[0];
    if (!answer) return;
    answer.closest('section')?.scrollIntoView({ block: 'center' });
    answer.focus({ preventScroll: true });
  };
  return (
    <div className="panel pulse folded">
      <p className="pulse-folded">
        <span>{t('roti.cue')}</span>{' '}
        <button type="button" className="link" onClick={goToQuestion}>
          {t('roti.cueGo')}
        </button>
      </p>
    </div>
  );
}
