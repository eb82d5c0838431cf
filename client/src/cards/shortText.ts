/** A text on one line, cut at `max` characters with an ellipsis: for button labels and lists. */
export function shortText(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
