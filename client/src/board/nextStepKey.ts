import { useEffect, type RefObject } from 'react';
import { isTypingOrMoving } from '../discuss/useNextItemKey.js';

/** UI-48: the keys that take the facilitator to their next step, as `aria-keyshortcuts` spells them. */
export const NEXT_STEP_KEYS = 'Alt+Shift+N';

/** Alt+Shift+N, whatever the layout prints for it (a Mac's Option+Shift+N types "˜"; the key is still N's). */
function isNextStepKey(event: KeyboardEvent): boolean {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return false;
  return event.code === 'KeyN' || event.key === 'N' || event.key === 'n';
}

/**
 * In a field a press that types nothing is the key's (Alt+Shift+N on Windows and Linux: a keyboard facilitator is
 * mostly in a field, a card's or an action's); one that types a character is the field's (a Mac's Option+Shift+N
 * types "ˆ"). On a drag grip the keys move the item.
 */
function leftToTheTarget(event: KeyboardEvent): boolean {
  if (!isTypingOrMoving(event.target)) return false;
  if ((event.target as HTMLElement).closest('[data-drag-handle]')) return true;
  return event.key !== 'N' && event.key !== 'n';
}

/**
 * UI-48: whether this press is Alt+Shift+N for the board, not for where it was pressed: not the field's, not the grip's,
 * not while a question (a dialog) is open. CO-10 takes a participant to an open fist of five with it.
 */
export function isNextStepPress(event: KeyboardEvent): boolean {
  return !event.defaultPrevented && isNextStepKey(event) && !leftToTheTarget(event) && !document.querySelector('dialog[open]');
}

/**
 * UI-48: wherever focus is on the board, Alt+Shift+N puts it on the facilitator's next step (`[data-next-step]` in
 * `container`: "Next: Vote", in Act "Close the retro…", on a phone's step bar its first button): after working
 * through Reveal's grouping suggestions "Next: Vote" was 49 Tabs away. It moves focus only, it never takes the
 * step: Enter does that, as from the button; what was typed stays in its field. Not where the press is the field's
 * or the grip's (`leftToTheTarget`), nor while a dialog asks something.
 */
export function useNextStepKey(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isNextStepPress(event)) return;
      const target = container.current?.querySelector<HTMLElement>('[data-next-step]:not(:disabled)');
      if (!target) return;
      event.preventDefault();
      // Chromium draws no :focus-visible ring for focus moved by a key with Alt held after a mouse click; the
      // attribute draws it (styles.css) until focus leaves
      target.setAttribute('data-key-focus', '');
      target.addEventListener('blur', () => target.removeAttribute('data-key-focus'), { once: true });
      target.focus();
      target.scrollIntoView({ block: 'nearest' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [container]);
}
