import { useLayoutEffect, useState, type RefObject } from 'react';
import { useWidth } from './useWidth.js';

/**
 * How far the desk's header row gives way (UI-28): not at all; past phases to their check marks and the connection to
 * its dot ('ticked'); then, where the retro's name is still cut short, the phases after the next one to their numbers
 * too ('numbered', as on a phone, UI-26).
 */
export type HeaderRoom = 'roomy' | 'ticked' | 'numbered';

/** A long name gives way (cut with an ellipsis), but keeps this much: "Sprint 2" read "S.." (walk 9). */
const NAME_ROOM_REM = 6;

/**
 * UI-28: on a desk the board's header is one row. Past phases are named ("✓ Write") and the connection says
 * "Connected" when the row has room for them with the retro's name whole; where it has not (German, a running
 * timer, a long name, a narrow window), a past phase is its check mark and the connection its dot. Where the name is
 * then still cut to less than 6rem (a team retro's Review in German at 1280, with no past phase to tick: "S.."
 * beside "Umbenennen"), the phases after the next one are their numbers. Measured before the page is painted: with
 * names first, whenever what the row holds (`holds`) or its width changes — never when only these marks change,
 * which would measure its own result. Used by the header alone (BoardHeader), so that a measurement draws the header
 * again, not the board (whose fields keep themselves in sight on every drawing, UI-7).
 */
export function useRoomyHeader(header: RefObject<HTMLElement | null>, holds: string): HeaderRoom {
  const width = useWidth(header);
  const [room, setRoom] = useState<HeaderRoom>('roomy');
  useLayoutEffect(() => setRoom('roomy'), [width, holds]);
  useLayoutEffect(() => {
    const element = header.current;
    if (!element) return;
    if (room === 'roomy' && crowded(element)) setRoom('ticked');
    else if (room === 'ticked' && nameCutShort(element)) setRoom('numbered');
  }, [header, room, width, holds]);
  return room;
}

/** The row wraps (a part starts below another's bottom), or the retro's name is cut. */
function crowded(header: HTMLElement): boolean {
  const parts = [...header.children].map((child) => child.getBoundingClientRect());
  const wraps = parts.some((a) => parts.some((b) => a.top >= b.bottom));
  const name = header.querySelector('h1');
  return wraps || (name !== null && name.scrollWidth > name.clientWidth);
}

/** The retro's name is cut to less than NAME_ROOM_REM. */
function nameCutShort(header: HTMLElement): boolean {
  const name = header.querySelector('h1');
  if (name === null || name.scrollWidth <= name.clientWidth) return false;
  return name.clientWidth < NAME_ROOM_REM * parseFloat(getComputedStyle(document.documentElement).fontSize);
}
