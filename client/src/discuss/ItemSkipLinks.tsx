import type { MouseEvent, RefObject } from 'react';
import { useWords } from '../i18n/useWords.js';

/** The current item's notes field: the room's answer to "What is the right thing to do?" (GuidedMove). */
export function focusCurrentNotes(): void {
  const notes = document.querySelector<HTMLElement>('#current-item .guided-move textarea');
  notes?.focus();
  notes?.scrollIntoView({ block: 'center' });
}

/** The facilitator's timer in the panel, from its heading: the next Tab is its first preset. */
function focusTimer(): void {
  const heading = document.getElementById('timer-controls-title');
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.focus();
  heading.scrollIntoView({ block: 'start' });
}

/**
 * UI-50: the first Tab stops inside the item being discussed, shown when focused, skip its cards and reactions to what
 * the running meeting needs: the facilitator's timer (in the panel at a desk, after the whole list) and the item's
 * notes. Focus lands on the item after "Start with the first item", "Discuss this" and →; the five-person walk counted
 * 38 Tabs from there to the timer's "3 min".
 */
export function ItemSkipLinks({ timer }: { timer: boolean }) {
  const { t } = useWords();
  const go = (to: () => void) => (event: MouseEvent) => {
    event.preventDefault();
    to();
  };
  return (
    <nav className="item-skips" aria-label={t('running.itemSkips')}>
      {timer && (
        <a href="#timer-controls-title" onClick={go(focusTimer)}>
          {t('running.skipToTimer')}
        </a>
      )}
      <a href="#current-item" onClick={go(focusCurrentNotes)}>
        {t('running.skipToNotes')}
      </a>
    </nav>
  );
}

/** UI-50: from the panel's timer back to the notes of the item being discussed. */
export function BackToNotesLink() {
  const { t } = useWords();
  return (
    <a
      className="timer-to-notes"
      href="#current-item"
      onClick={(event) => {
        event.preventDefault();
        focusCurrentNotes();
      }}
    >
      {t('running.timerToNotes')}
    </a>
  );
}

/**
 * UI-50: beside "Next item", which keeps focus for the next press: one link to the item now discussed, whose first Tab
 * stops are the links above. The list's earlier items (discussed, with their "Actions" and "Reopen") came first.
 */
export function SkipToNowLink({ target }: { target: RefObject<HTMLElement | null> }) {
  const { t } = useWords();
  return (
    <span className="item-skips">
      <a
        href="#current-item"
        onClick={(event) => {
          event.preventDefault();
          target.current?.focus({ preventScroll: true });
          target.current?.scrollIntoView({ block: 'start' });
        }}
      >
        {t('running.skipToNow')}
      </a>
    </span>
  );
}
