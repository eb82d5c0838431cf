import type { FocusEvent } from 'react';

/** whether the element fits between the header and the bars (the page's scroll padding leaves room for them) */
function fitsInSight(element: HTMLElement): boolean {
  const style = getComputedStyle(document.documentElement);
  const room = window.innerHeight - parseFloat(style.scrollPaddingTop || '0') - parseFloat(style.scrollPaddingBottom || '0');
  return element.getBoundingClientRect().height <= room;
}

/**
 * UI-21: a field several lines tall reached near the foot of the page (Tab, a click on its visible part): the browser
 * scrolls only the caret's line clear of the news line and the step bar, and the rest of the field stayed under them.
 * This brings the whole field into sight, within the page's scroll padding that leaves room for the bars — when it
 * fits between the header and the bars; a taller one is left where the browser put its caret.
 */
export function showWholeOnFocus(event: FocusEvent<HTMLElement>): void {
  const field = event.currentTarget;
  if (fitsInSight(field)) field.scrollIntoView({ block: 'nearest' });
}

/**
 * CO-7: asked for ("Answer now"), a region is brought whole into sight, clear of the header and the bars (a taller
 * one from its top), and its first answer takes focus, so the arrow keys answer at once; with none to take, the
 * region. A phone's tab just opened, or a part still loading, draws it a little later.
 */
export function goToWhole(id: string, byKey = false, framesLeft = 120): void {
  const region = document.getElementById(id);
  if (!region) {
    if (framesLeft > 0) requestAnimationFrame(() => goToWhole(id, byKey, framesLeft - 1));
    return;
  }
  const target = region.querySelector<HTMLElement>('input:enabled') ?? region;
  if (byKey) {
    // CO-10: Chromium draws no :focus-visible ring for focus moved by a key with Alt held after a mouse click (UI-48)
    target.setAttribute('data-key-focus', '');
    target.addEventListener('blur', () => target.removeAttribute('data-key-focus'), { once: true });
  }
  target.focus({ preventScroll: true });
  region.scrollIntoView({ block: fitsInSight(region) ? 'nearest' : 'start' });
  // a phone's section tabs stick at the top, outside the page's scroll padding: brought down from under them
  const covered = Math.max(0, ...[...document.querySelectorAll('.board-header, .tab-list')].filter((bar) => getComputedStyle(bar).position === 'sticky').map((bar) => bar.getBoundingClientRect().bottom));
  const top = region.getBoundingClientRect().top;
  if (top < covered) window.scrollBy(0, top - covered - 8);
}
