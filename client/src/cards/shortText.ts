/** A text on one line, cut at `max` characters with an ellipsis: for button labels and lists. */
export function shortText(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * WF-8: a sentence that ends on someone's words ends once. Words cut short end in `…`, a column may ask "What went
 * well?", a card may end in "!" or ".": the template's own full stop after them read "fails at random …. Drop to
 * group them." A full stop right after `…`, `.`, `?` or `!`, at a word's end, goes.
 */
export function endOnce(sentence: string): string {
  return sentence.replace(/([….?!])\.(?=\s|$)/gu, '$1');
}
