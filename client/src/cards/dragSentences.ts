import { useCallback, useState } from 'react';
import { currentLanguage } from '../i18n/index.js';

// What Reveal's and Discuss's drags say: apart from ./shortText.ts, which every board loads first (UI-6).

/**
 * WF-8: a sentence that ends on someone's words ends once. Words cut short end in `…`, a column may ask "What went
 * well?", a card may end in "!" or ".": the template's own full stop after them read "fails at random …. Drop to
 * group them." A full stop right after `…`, `.`, `?` or `!`, at a word's end, goes.
 */
export function endOnce(sentence: string): string {
  return sentence.replace(/([….?!])\.(?=\s|$)/gu, '$1');
}

/**
 * PL-7: a drag's announcements, said from a live region of ours rather than dnd-kit's. dnd-kit keeps its last
 * sentence in its hidden region until the next drag, so after a language switch it held "Put back: …" in the old
 * language. Here a switch empties the region: it is heard when said, not read later, and saying it again in the new
 * language would only repeat an old drag. Give `speak` each sentence (it returns nothing, so dnd-kit says nothing)
 * and draw `said` in a visually hidden, assertive, atomic status, as dnd-kit's own region is.
 */
export function useDragAnnouncer(): { said: string; speak: (sentence: string | undefined) => undefined } {
  const language = currentLanguage();
  const [spoken, setSpoken] = useState<{ sentence: string; language: string } | null>(null);
  // a switch of language drops the sentence for good (switching back does not bring it back)
  if (spoken && spoken.language !== language) setSpoken(null);
  const speak = useCallback((sentence: string | undefined) => {
    if (sentence !== undefined) setSpoken({ sentence, language: currentLanguage() });
    return undefined;
  }, []);
  return { said: spoken && spoken.language === language ? spoken.sentence : '', speak };
}
