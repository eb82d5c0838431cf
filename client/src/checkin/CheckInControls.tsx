import { useState, type FormEvent } from 'react';
import { CHECK_IN_PROMPTS, LIMITS, type CheckIn, type CheckInPrompt, type PublicBoardView } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { useSession } from '../board/SessionContext.js';
import { usePasteThatFits } from '../cards/pasteThatFits.js';

/**
 * CI-1, CI-2, CI-3: the facilitator's check-in controls (in the facilitator's bar, so only their page loads them): one of
 * the built-in questions, another one at random, their own words, or none. The server decides (facilitator only, Review
 * and Write only); the question shows once the board carries it.
 */
export function CheckInControls({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const current = board.checkIn;
  const currentPrompt = current && 'prompt' in current ? current.prompt : null;
  const [picked, setPicked] = useState<CheckInPrompt>(currentPrompt ?? CHECK_IN_PROMPTS[0]);
  const [own, setOwn] = useState('');
  const paste = usePasteThatFits();
  const ask = (question: CheckIn | null) => session.send({ type: 'checkin.set', question });

  function another() {
    const others = CHECK_IN_PROMPTS.filter((p) => p !== currentPrompt && p !== picked);
    const next = others[Math.floor(Math.random() * others.length)] ?? CHECK_IN_PROMPTS[0];
    setPicked(next);
    ask({ prompt: next });
  }

  function askOwn(event: FormEvent) {
    event.preventDefault();
    const text = own.trim();
    if (text) ask({ text });
  }

  return (
    <section className="check-in-controls" aria-labelledby="check-in-controls-title">
      <h3 id="check-in-controls-title">{t('checkIn.controls')}</h3>
      {/* (the label beside the list, not round it: a list inside its label is named by its chosen question too) */}
      <div className="field">
        <label htmlFor="check-in-pick">{t('checkIn.pick')}</label>
        <select id="check-in-pick" value={picked} onChange={(e) => setPicked(e.target.value as CheckInPrompt)}>
          {CHECK_IN_PROMPTS.map((prompt) => (
            <option key={prompt} value={prompt}>
              {t(`checkIn.prompts.${prompt}`)}
            </option>
          ))}
        </select>
        {/* walk 9: a panel this narrow cuts the closed list ("Ein Wort für diesen Sprin"); the question it would ask reads
            whole under it (for the eyes: the list says it to a screen reader). Not said again once it is up: the board
            shows it */}
        {picked !== currentPrompt && (
          <p className="check-in-picked" aria-hidden="true">
            {t('checkIn.picked', { question: t(`checkIn.prompts.${picked}`) })}
          </p>
        )}
      </div>
      <div className="row">
        {/* the question picked is the one up: asking it again would change nothing; the control says it is up */}
        {picked === currentPrompt ? (
          <span className="check-in-up">{t('checkIn.up')}</span>
        ) : (
          <button type="button" onClick={() => ask({ prompt: picked })}>
            {t('checkIn.ask')}
          </button>
        )}
        <button type="button" onClick={another}>
          {t('checkIn.another')}
        </button>
        {current && (
          <button type="button" onClick={() => ask(null)}>
            {t('checkIn.hide')}
          </button>
        )}
      </div>
      <form onSubmit={askOwn}>
        <label className="field">
          <span>{t('checkIn.own')}</span>
          <input
            value={own}
            maxLength={LIMITS.checkInText}
            {...paste.field}
            onChange={(e) => setOwn(e.target.value)}
          />
        </label>
        {paste.refusal}
        <button type="submit" disabled={own.trim() === ''}>
          {t('checkIn.askOwn')}
        </button>
      </form>
    </section>
  );
}
