import { useCallback, useEffect, useRef, useState } from 'react';
import type { Column } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { columnTitle } from '../i18n/templates.js';
import { StickyBand } from '../layout/StickyBand.js';

/**
 * CW-4, CW-5: while the facilitator walks the room through the columns, every screen says which column is in focus (a
 * polite status, so a screen reader hears each step) and brings it into view at each step; on a phone, where the
 * columns are tabs, its tab is the one shown. Nobody's screen is held there: people look around as they like, and
 * "Show …" takes them back, offered only while the column in focus is out of view (`inView`: on a phone, another tab
 * is shown). (Each step clicks the phone's tab rather than pass the column to ColumnsView's `follow`:
 * that follows the card whose menu is open, and closing a menu would snap the tab back to the walk's.)
 */
export function ColumnWalkStatus({ columns, walk, inView, spotlight }: { columns: Column[]; walk: string | null; inView: boolean; spotlight: Spotlight | null }) {
  const { t } = useWords();
  const index = walk ? columns.findIndex((c) => c.id === walk) : -1;
  const column = columns[index];
  const item = spotlight?.id ?? null;
  // CW-10: a step of the card spotlight brings its card into view by the same rules
  useEffect(() => {
    if (walk && !typing()) showColumn(walk, item);
  }, [walk, item]);

  const words = !column
    ? ''
    : spotlight
      ? t(spotlight.group ? 'walk.group' : 'walk.card', { index: spotlight.index + 1, count: spotlight.count, column: columnTitle(column) })
      : t('walk.status', { column: columnTitle(column), index: index + 1, count: columns.length });
  // CW-10: while the room walks a column the status stays in sight below the header, a band across the board as Vote's
  // votes left (VO-12), where its "Show …" is at hand too; what a step brings into view lands below both. It scrolled
  // away with the page and sat under the header, half or whole, as a card came into view; then, as a pill floating
  // below the header, it covered the first words of the cards passing under it
  return (
    <StickyBand sticks={column !== undefined} className="walk-status">
      <p role="status">{words}</p>
      {column && spotlight && !spotlight.inView && (
        <button type="button" className="small" onClick={() => showColumn(column.id, spotlight.id, true)}>
          {t('walk.showCard')}
        </button>
      )}
      {column && !spotlight && !inView && (
        <button type="button" className="small" onClick={() => showColumn(column.id)}>
          {t('walk.follow', { column: columnTitle(column) })}
        </button>
      )}
    </StickyBand>
  );
}

/** CW-10: the card or group in the spotlight, where it stands among the walked column's as this screen shows them. */
export interface Spotlight {
  id: string;
  index: number;
  count: number;
  group: boolean;
  inView: boolean;
}

/**
 * Whether the element given to the returned ref is on the screen (any of it). None given, or unmounted (a phone's other
 * tab shown), is out of view; a newly given one counts as in view until the browser says otherwise.
 */
export function useInView(): [boolean, (element: Element | null) => void] {
  const [inView, setInView] = useState(false);
  const observer = useRef<IntersectionObserver | null>(null);
  const watch = useCallback((element: Element | null) => {
    observer.current?.disconnect();
    observer.current = null;
    setInView(element !== null);
    if (!element) return;
    observer.current = new IntersectionObserver((entries) => setInView(entries.some((entry) => entry.isIntersecting)));
    observer.current.observe(element);
  }, []);
  return [inView, watch];
}

/**
 * Someone typing (editing their card in another column): a step does not move them, or on a phone the tab would change
 * under them and their edit's box, with what they typed, would go. "Show …" takes them to the walk when they are done.
 */
function typing(): boolean {
  return document.activeElement?.matches('input, textarea, [contenteditable="true"]') ?? false;
}

/**
 * Brings the column into view: on a phone its tab first (Tabs names each `<id>-tab-<column id>`); with a card or group
 * in the spotlight, that card or group (`data-item`, RevealedColumns). Asked for by "Show the card", the card takes the
 * keyboard's focus too: the button goes once the card is in view, and focus left on nothing landed on a card at the
 * top of the page and scrolled back there.
 */
function showColumn(columnId: string, itemId: string | null = null, focus = false): void {
  const scroll = () => {
    const item = itemId ? document.querySelector<HTMLElement>(`[data-item="${CSS.escape(itemId)}"]`) : null;
    (item ?? document.getElementById(`col-${columnId}`)?.closest('section'))?.scrollIntoView({ block: 'nearest' });
    if (focus) item?.focus({ preventScroll: true });
  };
  const tab = document.querySelector<HTMLElement>(`.column-tabs [role="tab"][id$="-tab-${CSS.escape(columnId)}"]`);
  // a tab chosen draws its column at the next frame; otherwise it is on the page now (a frame waited for may not come
  // soon to a window in the background, and "Show the card" then did nothing that anyone saw)
  if (tab && tab.getAttribute('aria-selected') !== 'true') {
    tab.click();
    requestAnimationFrame(scroll);
  } else scroll();
}
