import { useWords } from '../i18n/useWords.js';
import type { PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { DistributionBars } from '../charts/DistributionBars.js';
import { SubtractionNote } from './SubtractionNote.js';
import { usePresenting } from '../board/presenting.js';
import { tooFewHere } from './tooFewHere.js';

const PULSE_VALUES = [1, 2, 3, 4, 5] as const;

/** PU-1: an anonymous 1–5 answer at the start of the retro. Only my own choice comes back to me. */
export function TrustPulse({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const { me, pending } = useSessionState();
  const presenting = usePresenting();
  if (!board.pulse.open) return null;
  const queued = [...pending].reverse().find((c) => c.type === 'pulse.answer');
  // AN-11: my answer is not shown while presenting
  const mine = presenting ? null : queued?.type === 'pulse.answer' ? queued.value : (me?.pulse ?? null);
  const tooFew = tooFewHere(board);

  return (
    <section className="panel pulse" aria-labelledby="pulse-title">
      <h2 id="pulse-title" className="pulse-kicker">{t('pulse.title')}</h2>
      <p id="pulse-question" className="pulse-question">
        {t('pulse.question')}
      </p>
      {tooFew && (
        <p id="pulse-too-few" className="hint too-few">
          {t('pulse.tooFew', tooFew)}
        </p>
      )}
      <div className="scale" role="radiogroup" aria-labelledby="pulse-question" aria-describedby={tooFew ? 'pulse-too-few' : undefined}>
        {PULSE_VALUES.map((value) => (
          <label key={value} className={`scale-option ${mine === value ? 'selected' : ''}`}>
            <input type="radio" name="pulse" value={value} checked={mine === value} onChange={() => session.send({ type: 'pulse.answer', value })} />
            <span>{t(`pulse.labels.${value}`)}</span>
          </label>
        ))}
      </div>
      <p className="hint">{t('pulse.anonymous')}</p>
      <SubtractionNote minOthers={board.minOthersToShow} />
      <p className="hint" aria-live="polite">
        {presenting
          ? t('privacy.hiddenAnswer')
          : mine === null
            ? t('pulse.notAnswered')
            : t('pulse.yourAnswer', { label: t(`pulse.labels.${mine as 1}`) })}
      </p>
    </section>
  );
}

/** PU-3: the pulse once it has closed: a distribution, or nothing that could point at someone. */
export function PulseResult({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  if (board.pulse.open) return null;
  return (
    <section className="panel pulse-result" aria-labelledby="pulse-result-title">
      <h2 id="pulse-result-title">{t('pulse.title')}</h2>
      <p className="hint">
        {t('pulse.question')} {t('pulse.scale')}
      </p>
      {board.pulse.distribution ? (
        <DistributionBars distribution={board.pulse.distribution} label={t('pulse.results')} />
      ) : (
        <p className="empty">{t('pulse.notEnough')}</p>
      )}
    </section>
  );
}
