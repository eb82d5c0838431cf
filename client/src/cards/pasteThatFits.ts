import { useState, type ClipboardEvent } from 'react';
import { useWords } from '../i18n/useWords.js';
import { formatNumber } from '../i18n/format.js';

/**
 * UI-7: a paste that would not fit `limit` is refused with a message instead of being cut (a field's maxLength cuts
 * it silently, losing the end of what someone meant to say). For a card's box, an action's and an offer's field.
 */
export function usePasteThatFits(value: string, limit: number) {
  const { t } = useWords();
  const [refused, setRefused] = useState<string | null>(null);
  function onPaste(event: ClipboardEvent<HTMLTextAreaElement | HTMLInputElement>) {
    const pasted = event.clipboardData.getData('text');
    const field = event.currentTarget;
    const selected = (field.selectionEnd ?? value.length) - (field.selectionStart ?? value.length);
    if (value.length - selected + pasted.length <= limit) return;
    event.preventDefault();
    setRefused(t('write.pasteTooLong', { pasted: formatNumber(pasted.length), room: formatNumber(limit - value.length + selected), limit: formatNumber(limit) }));
  }
  return { refused, setRefused, onPaste };
}
