import { useWords } from '../i18n/useWords.js';
import { handsItAway } from '@candor/shared';

/**
 * RN-1: a gentle hint under an action whose text hands the work to someone absent or to nobody. It never
 * blocks; the live region is always there so a hint that appears is read out politely.
 */
export function ResponsibilityHint({ text, id }: { text: string; id?: string }) {
  const { t } = useWords();
  return (
    <p className="hint nudge" aria-live="polite" id={id}>
      {text.trim() && handsItAway(text) ? t('resp.nudge') : null}
    </p>
  );
}
