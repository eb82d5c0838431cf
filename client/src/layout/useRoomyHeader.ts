import { useLayoutEffect, useState, type RefObject } from 'react';
import { useWidth } from './useWidth.js';

/**
 * UI-28: on a desk the board's header is one row. Past phases are named ("✓ Write") and the connection says
 * "Connected" when the row has room for them with the retro's name whole; where it has not (German, a running
 * timer, a long name, a narrow window), a past phase is its check mark and the connection its dot. Measured before
 * the page is painted: with names first, whenever what the row holds (`holds`) or its width changes — never when
 * only these marks change, which would measure its own result. Used by the header alone (BoardHeader), so that a
 * measurement draws the header again, not the board (whose fields keep themselves in sight on every drawing, UI-7).
 */
export function useRoomyHeader(header: RefObject<HTMLElement | null>, holds: string): boolean {
  const width = useWidth(header);
  const [roomy, setRoomy] = useState(true);
  useLayoutEffect(() => setRoomy(true), [width, holds]);
  useLayoutEffect(() => {
    const element = header.current;
    if (roomy && element && crowded(element)) setRoomy(false);
  }, [header, roomy, width, holds]);
  return roomy;
}

/** The row wraps (a part starts below another's bottom), or the retro's name is cut. */
function crowded(header: HTMLElement): boolean {
  const parts = [...header.children].map((child) => child.getBoundingClientRect());
  const wraps = parts.some((a) => parts.some((b) => a.top >= b.bottom));
  const name = header.querySelector('h1');
  return wraps || (name !== null && name.scrollWidth > name.clientWidth);
}
