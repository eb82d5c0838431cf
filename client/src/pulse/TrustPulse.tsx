import { useWords } from '../i18n/useWords.js';
import { useEffect, useRef, useState, type FocusEvent } from 'react';
import { answersToShow, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { LOCKED_LINE_ID, useReadOnly } from '../facilitation/useReadOnly.js';
import { DistributionBars } from '../charts/DistributionBars.js';
import { usePresenting } from '../board/presenting.js';
import { tooFewHere } from './tooFewHere.js';
import { afterPress } from '../a11y/afterPress.js';

const PULSE_VALUES = [1, 2, 3, 4, 5] as const;

/**
 * PU-7: whether this tab was told "Not now" for the board's pulse: kept in the tab's session storage, so a reload
 * keeps the pulse folded (it opened again, in the way of the cards, though she had put it off), and closing the tab or
 * "Forget me on this device" (its key names the board) forgets it. Only this device knows; nothing is sent.
 */
const notNowKey = (boardId: string) => `candor.pulseNotNow.${boardId}`;
const notNow = {
  has: (boardId: string) => {
    try {
      return sessionStorage.getItem(notNowKey(boardId)) !== null;
    } catch {
      return false; // storage refused (a locked-down browser): open, as before
    }
  },
  set: (boardId: string, put: boolean) => {
    try {
      if (put) sessionStorage.setItem(notNowKey(boardId), '1');
      else sessionStorage.removeItem(notNowKey(boardId));
    } catch {
      // storage refused: it holds for the page as it is
    }
  },
};

/**
 * PU-1: an anonymous 1–5 answer at the start of the retro. Only my own choice comes back to me.
 *
 * Once I have answered and moved on (focus went to something else on the page), the question folds to one line
 * with my answer and "Change my answer": open, its explanations pushed the columns of Write below the first screen.
 * PU-7: someone who does not want to answer now folds it the same way with "Not now" (on a phone it filled the first
 * screen, and the card field was under it for the whole of Write); "Answer now" opens it again. Not answering stays
 * fine: nothing is sent either way.
 * PU-8: open, it is the question, the answers and one short line on what stays anonymous (AN-9), with "Not now" at the
 * title's right, so on a phone the first card field is on the first screen under it.
 */
export function TrustPulse({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  // LK-1: locked, the answers are disabled and say why (the server would refuse one)
  const readOnly = useReadOnly(board);
  const { me, pending } = useSessionState();
  const presenting = usePresenting();
  const [choosing, setChoosing] = useState(false);
  const [later, setLater] = useState(() => notNow.has(session.boardId));
  const section = useRef<HTMLElement>(null);
  const focusChoice = useRef(false);
  const focusFolded = useRef(false);
  useEffect(() => {
    if (!choosing || !focusChoice.current) return;
    focusChoice.current = false;
    const radios = section.current;
    (radios?.querySelector<HTMLInputElement>('input[type=radio]:checked') ?? radios?.querySelector<HTMLInputElement>('input[type=radio]'))?.focus();
  }, [choosing]);
  // focus stays in the pulse when it folds for now: on its "Answer now"
  useEffect(() => {
    if (!later || !focusFolded.current) return;
    focusFolded.current = false;
    section.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [later]);
  if (!board.pulse.open) return null;
  const queued = [...pending].reverse().find((c) => c.type === 'pulse.answer');
  // AN-11: my answer is not shown while presenting
  const mine = presenting ? null : queued?.type === 'pulse.answer' ? queued.value : (me?.pulse ?? null);
  const tooFew = tooFewHere(board);
  // a choice being made stays open; focus leaving for another control on the page folds it (focus lost to the page
  // itself, a click on nothing, does not) once the press that moved it is over, or the click it was for is lost
  const onFocus = (event: FocusEvent) => (event.target as HTMLInputElement).type === 'radio' && setChoosing(true);
  const onBlur = (event: FocusEvent) => {
    if (event.relatedTarget && !section.current?.contains(event.relatedTarget)) afterPress(() => setChoosing(false));
  };

  // PU-7: "Not now" folds the unanswered pulse; either folded line's button opens it with focus on an answer
  const foldForNow = () => {
    notNow.set(session.boardId, true);
    focusFolded.current = true;
    setChoosing(false);
    setLater(true);
  };
  const open = () => {
    notNow.set(session.boardId, false);
    focusChoice.current = true;
    setChoosing(true);
    setLater(false);
  };

  // folded to one line: my answer (PU-5), or that I have not answered, put off for now (PU-7)
  const folded =
    mine !== null
      ? { says: t('pulse.yourAnswer', { label: t(`pulse.labels.${mine as 1}`) }), opens: t('pulse.change') }
      : later && !presenting
        ? { says: t('pulse.notYet'), opens: t('pulse.answerNow') }
        : null;
  if (folded && !choosing) {
    return (
      <section ref={section} className="panel pulse folded" aria-labelledby="pulse-title">
        <h2 id="pulse-title" className="pulse-kicker">{t('pulse.title')}</h2>
        <p className="pulse-folded">
          <span>{folded.says}</span>{' '}
          <button type="button" className="link" onClick={open}>
            {folded.opens}
          </button>
        </p>
      </section>
    );
  }

  return (
    <section ref={section} className="panel pulse" aria-labelledby="pulse-title" onFocus={onFocus} onBlur={onBlur}>
      <h2 id="pulse-title" className="pulse-kicker">{t('pulse.title')}</h2>
      <p id="pulse-question" className="pulse-question">
        {t('pulse.question')}
      </p>
      <div className="scale pulse-scale" role="radiogroup" aria-labelledby="pulse-question" aria-describedby={readOnly ? `pulse-note ${LOCKED_LINE_ID}` : 'pulse-note'}>
        {PULSE_VALUES.map((value) => (
          <label key={value} className={`scale-option ${mine === value ? 'selected' : ''}`}>
            <input
              type="radio"
              name="pulse"
              value={value}
              checked={mine === value}
              // WJ-1: unanswered, the group is one Tab stop, its first answer (arrows move on): Chromium let Tab go
              // from "1" to "2" here, a second stop inside the group before the page went on
              tabIndex={mine === null && value !== PULSE_VALUES[0] ? -1 : undefined}
              aria-label={t(`pulse.labels.${value}`)}
              disabled={readOnly}
              onChange={() => session.send({ type: 'pulse.answer', value })}
            />
            {/* PU-6: the number and its words apart, so a phone shows the five numbers side by side */}
            <span className="scale-number" aria-hidden="true">
              {value}
            </span>
            <span className="scale-words" aria-hidden="true">
              {t(`pulse.words.${value}`)}
            </span>
          </label>
        ))}
      </div>
      <p className="pulse-scale-ends" aria-hidden="true">
        <span>{t('pulse.words.1')}</span>
        <span>{t('pulse.words.5')}</span>
      </p>
      {/* PU-8: one short line says what AN-9 asks to be said before anyone answers (and, to the first few here, that
          with fewer the results stay hidden); the radios are described by it */}
      <p id="pulse-note" className="hint pulse-note">
        {tooFew ? t('pulse.noteTooFew', tooFew) : t('pulse.note', { people: answersToShow(board.minOthersToShow) })}
      </p>
      {/* my answer, said as it is given (empty until then: not answering is fine, and "Not now" says so) */}
      <p className="hint pulse-mine" aria-live="polite">
        {presenting ? t('privacy.hiddenAnswer') : mine === null ? '' : t('pulse.yourAnswer', { label: t(`pulse.labels.${mine as 1}`) })}
      </p>
      {mine === null && !presenting && (
        <p className="pulse-not-now">
          <button type="button" className="link" onClick={foldForNow}>
            {t('pulse.notNow')}
          </button>
        </p>
      )}
    </section>
  );
}

/** PU-3: the pulse once it has closed: a distribution, or nothing that could point at someone. */
/** `bare`: its question and chart alone, inside a phone's folded result in Reveal (PU-9), which gives the title */
export function PulseResult({ board, bare = false }: { board: PublicBoardView; bare?: boolean }) {
  const { t } = useWords();
  if (board.pulse.open) return null;
  const result = (
    <>
      <p className="hint">
        {t('pulse.question')} {t('pulse.scale')}
      </p>
      {board.pulse.distribution ? (
        <DistributionBars distribution={board.pulse.distribution} label={t('pulse.results')} />
      ) : (
        <p className="empty">{t('pulse.notEnough')}</p>
      )}
    </>
  );
  if (bare) return result;
  return (
    <section className="panel pulse-result" aria-labelledby="pulse-result-title">
      <h2 id="pulse-result-title">{t('pulse.title')}</h2>
      {result}
    </section>
  );
}
