import type { FocusEvent } from 'react';

/**
 * UI-21: a field several lines tall reached near the foot of the page (Tab, a click on its visible part): the browser
 * scrolls only the caret's line clear of the news line and the step bar, and the rest of the field stayed under them.
 * This brings the whole field into sight, within the page's scroll padding that leaves room for the bars — when it
 * fits between the header and the bars; a taller one is left where the browser put its caret.
 */
export function showWholeOnFocus(event: FocusEvent<HTMLElement>): void {
  const field = event.currentTarget;
  const style = getComputedStyle(document.documentElement);
  const room = window.innerHeight - parseFloat(style.scrollPaddingTop || '0') - parseFloat(style.scrollPaddingBottom || '0');
  if (field.getBoundingClientRect().height <= room) field.scrollIntoView({ block: 'nearest' });
}
