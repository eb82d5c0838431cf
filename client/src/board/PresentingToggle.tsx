import { useWords } from '../i18n/useWords.js';
import { setPresenting, usePresenting } from './presenting.js';

/** AN-11: one click hides every mark of what is mine, for sharing the screen; one click brings it back. */
export function PresentingToggle() {
  const { t } = useWords();
  const presenting = usePresenting();
  return (
    <button
      type="button"
      className={`small presenting-toggle ${presenting ? 'on' : ''}`}
      aria-pressed={presenting}
      title={t('privacy.presentingTitle')}
      onClick={() => setPresenting(!presenting)}
    >
      {presenting ? t('privacy.presentingOn') : t('privacy.presenting')}
    </button>
  );
}
