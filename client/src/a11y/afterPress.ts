/**
 * PU-5: runs `then` once the mouse press under way (if any) is over and its click delivered; at once without one.
 *
 * Focus moves on the press, before the release: a layout change made on that focus move (the trust pulse folds when
 * focus leaves it) slides what was pressed from under the pointer, the release lands on something else, and the
 * browser sends the click to neither. A tap sends the same mouse events, after the touch ends.
 */
let pressing = false;
if (typeof window !== 'undefined') {
  window.addEventListener('mousedown', () => (pressing = true), true);
  window.addEventListener('mouseup', () => (pressing = false), true);
}

export function afterPress(then: () => void): void {
  if (!pressing) return then();
  const released = () => {
    window.removeEventListener('mouseup', released, true);
    // the click follows the mouseup in the same task
    setTimeout(then, 0);
  };
  window.addEventListener('mouseup', released, true);
}
