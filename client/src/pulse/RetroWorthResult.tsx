import type { PublicBoardView } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { DistributionBars } from '../charts/DistributionBars.js';

/** GP-5: in the summary, the answers as a distribution, or that there are too few to show; nothing if nobody answered. */
export function RetroWorthResult({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const { distribution, notEnough } = board.roti;
  if (!distribution && !notEnough) return null;
  return (
    <section className="panel pulse-result" aria-labelledby="roti-result-title">
      <h2 id="roti-result-title">{t('roti.title')}</h2>
      <p className="hint">
        {t('roti.question')} {t('roti.scale')}
      </p>
      {distribution ? <DistributionBars distribution={distribution} label={t('roti.results')} /> : <p className="empty">{t('roti.notEnough')}</p>}
    </section>
  );
}
