import { useEffect, useState } from 'react';
import type { CheckIn } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';

/** OW-2: how long the live region is on the page before its words are put in it, so a screen reader reads them. */
const REGION_SETTLES_MS = 100;

/**
 * CI-1: the check-in question on everyone's board, the same for all, worded in each page's language. People answer
 * aloud: there is nothing to type here, so nothing could link anyone to an answer (CI-5).
 *
 * OW-2: a live region is read out when its words change, not for the words it arrives with: this part arrives with
 * the question (when it is first asked, and on a page opened while it is open), so the question shows at once but
 * is hidden from screen readers until the region has settled, then put in it, read once. `readOut` says this page
 * has read this question already (a re-render or a reconnect): then it is there from the start and not read again.
 */
export function CheckInQuestion({ checkIn, readOut, onReadOut }: { checkIn: CheckIn; readOut: boolean; onReadOut: () => void }) {
  const { t } = useWords();
  const question = 'prompt' in checkIn ? t(`checkIn.prompts.${checkIn.prompt}`) : checkIn.text;
  const [inRegion, setInRegion] = useState(readOut);
  useEffect(() => {
    if (inRegion) return;
    const timer = setTimeout(() => setInRegion(true), REGION_SETTLES_MS);
    return () => clearTimeout(timer);
  }, [inRegion]);
  // (another question while on screen changes the region's words, and is read as any change)
  useEffect(() => {
    if (inRegion) onReadOut();
  }, [inRegion, checkIn]);
  return (
    <section className="panel check-in" aria-labelledby="check-in-title">
      <h2 id="check-in-title">{t('checkIn.title')}</h2>
      <p className="check-in-question" role="status">
        {inRegion ? question : <span aria-hidden="true">{question}</span>}
      </p>
      <p className="hint">{t('checkIn.hint')}</p>
    </section>
  );
}
