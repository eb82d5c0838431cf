import type { ReactNode } from 'react';
import { useStickyHeight } from './useHeaderHeight.js';

/**
 * VO-12, CW-10, DI-10: a line kept in sight while the board scrolls (Vote's votes left, the column walk's status in
 * Reveal, the facilitator's "Next item" in Discuss), stuck below the header as a band across the board, flush with it
 * and in the page's colour, a status in it drawn as a pill (`.sticky-band` in styles.css). A card scrolled up goes
 * under the band's edge as under the header's; a pill floating half a line below the header covered the first words
 * of whatever passed under it, the rest of that line showing beside it. Its measured height (`--sticky-band-h`, 0
 * while it scrolls with the page: a phone, a short window) is in the page's scroll padding, so what the page scrolls
 * to (a skip link's column, a step's card, a control reached with Tab) lands below it. One band at a time: each is in
 * a phase of its own.
 */
export function StickyBand({ sticks = true, className, children }: { sticks?: boolean; className?: string; children: ReactNode }) {
  const ref = useStickyHeight<HTMLDivElement>('--sticky-band-h', sticks);
  return (
    <div ref={ref} className={[className, sticks && 'sticky-band'].filter(Boolean).join(' ')}>
      {children}
    </div>
  );
}
