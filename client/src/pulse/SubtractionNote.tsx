import { useWords } from '../i18n/useWords.js';

/**
 * AN-9: said before anyone answers. A distribution shows only when each person sees at least `minOthers`
 * answers besides their own — and even then, if all the others answered the same, everyone can tell.
 */
export function SubtractionNote({ minOthers }: { minOthers: number }) {
  const { t } = useWords();
  return <p className="hint subtraction-note">{t('privacy.subtraction', { people: minOthers + 1 })}</p>;
}
