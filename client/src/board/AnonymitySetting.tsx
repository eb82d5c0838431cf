import { useEffect, useState, type FormEvent } from 'react';
import { useWords } from '../i18n/useWords.js';
import { LIMITS, type PublicBoardView } from '@candor/shared';
import { useSession } from './SessionContext.js';

/** AN-9: the facilitator may raise how many other answers everyone must see before a distribution shows; never lower it. */
export function AnonymitySetting({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  const session = useSession();
  const current = board.minOthersToShow;
  const [wanted, setWanted] = useState(current);
  useEffect(() => setWanted(current), [current]);
  const valid = Number.isInteger(wanted) && wanted > current && wanted <= LIMITS.minOthersToShowMax;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (valid) session.send({ type: 'anonymity.raise', minOthers: wanted });
  }

  return (
    <form className="anonymity-setting" onSubmit={onSubmit}>
      <h3>{t('privacy.thresholdTitle')}</h3>
      <label className="field">
        <span>{t('privacy.thresholdLabel')}</span>
        <input type="number" min={current} max={LIMITS.minOthersToShowMax} value={wanted} onChange={(e) => setWanted(e.target.valueAsNumber || 0)} />
      </label>
      <p className="hint">{t('privacy.thresholdHint')}</p>
      <button type="submit" disabled={!valid}>
        {t('privacy.raise')}
      </button>
    </form>
  );
}
