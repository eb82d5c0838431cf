import type { CheckIn } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';

/**
 * CI-1: the check-in question on everyone's board, the same for all, worded in each page's language. People answer
 * aloud: there is nothing to type here, so nothing could link anyone to an answer (CI-5).
 */
export function CheckInQuestion({ checkIn }: { checkIn: CheckIn }) {
  const { t } = useWords();
  const question = 'prompt' in checkIn ? t(`checkIn.prompts.${checkIn.prompt}`) : checkIn.text;
  return (
    <section className="panel check-in" aria-labelledby="check-in-title">
      <h2 id="check-in-title">{t('checkIn.title')}</h2>
      <p className="check-in-question" role="status">
        {question}
      </p>
      <p className="hint">{t('checkIn.hint')}</p>
    </section>
  );
}
