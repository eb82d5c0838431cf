import { useEffect } from 'react';

/** True when the key press belongs to something the person is typing in or moving (DI-6: → is ignored there). */
export function isTypingOrMoving(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('input, textarea, select, [contenteditable="true"]')) return true;
  // a drag handle uses the arrow keys to move its item
  return Boolean(target.closest('[data-drag-handle]'));
}

/** DI-6: the facilitator's → key moves the room to the next item, unless they are typing in a field. */
export function useNextItemKey(enabled: boolean, onNext: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'ArrowRight' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (isTypingOrMoving(event.target)) return;
      event.preventDefault();
      onNext();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled, onNext]);
}
