import { useWords } from '../i18n/useWords.js';
import { setPresenting, usePresenting } from './presenting.js';

/** AN-11: at Reveal the facilitator, who usually shares their screen, is offered presenting mode. */
export function PresentingSuggestion() {
  const { t } = useWords();
  const presenting = usePresenting();
  if (presenting) return null;
  return (
    <p className="hint presenting-suggestion" role="note">
      {t('privacy.suggestBefore')}{' '}
      <button type="button" className="link small" onClick={() => setPresenting(true)}>
        {t('privacy.suggestButton')}
      </button>{' '}
      {t('privacy.suggestAfter')}
    </p>
  );
}
