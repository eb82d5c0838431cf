import { useState, type ClipboardEvent } from 'react';
import { useWords } from '../i18n/useWords.js';
import { formatNumber } from '../i18n/format.js';

/**
 * UI-7: a paste that would not fit a field's maxLength is refused with a message instead of being cut (maxLength cuts
 * it silently, losing the end of what someone meant to say). For a card's box, an action's and an offer's field and the
 * one-line fields (names, titles, a column's prompt, a review's reason, a check-in question). The limit is the field's
 * own maxLength, so one refusal can serve a form of several fields (the column editor).
 *
 * A field spreads `{...paste.field}` (the paste's check, and typing again takes the message away) and puts
 * `{paste.refusal}` where the message should show: under the field, read out as it appears.
 */
export function usePasteThatFits() {
  const { t } = useWords();
  // PL-1: kept as its numbers, worded at each render in the page's language (a language switch words it anew)
  const [refused, setRefused] = useState<{ pasted: number; room: number; limit: number } | null>(null);
  function onPaste(event: ClipboardEvent<HTMLTextAreaElement | HTMLInputElement>) {
    const pasted = event.clipboardData.getData('text');
    const { value, maxLength: limit, selectionStart, selectionEnd } = event.currentTarget;
    const selected = (selectionEnd ?? value.length) - (selectionStart ?? value.length);
    if (limit < 0 || value.length - selected + pasted.length <= limit) return;
    event.preventDefault();
    setRefused({ pasted: pasted.length, room: limit - value.length + selected, limit });
  }
  const refusal = refused && (
    <p className="error paste-refused" role="alert">
      {t('write.pasteTooLong', { pasted: formatNumber(refused.pasted), room: formatNumber(refused.room), limit: formatNumber(refused.limit) })}
    </p>
  );
  return { refusal, field: { onPaste, onInput: () => setRefused(null) } };
}
