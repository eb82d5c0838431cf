import { useEffect } from 'react';
import type { Column } from '@candor/shared';
import { useWords } from '../i18n/useWords.js';
import { columnTitle } from '../i18n/templates.js';

/**
 * CW-4, CW-5: while the facilitator walks the room through the columns, every screen says which column is in focus (a
 * polite status, so a screen reader hears each step) and brings it into view at each step; on a phone, where the
 * columns are tabs, its tab is the one shown. Nobody's screen is held there: people look around as they like, and
 * "Show …" takes them back. (Each step clicks the phone's tab rather than pass the column to ColumnsView's `follow`:
 * that follows the card whose menu is open, and closing a menu would snap the tab back to the walk's.)
 */
export function ColumnWalkStatus({ columns, walk }: { columns: Column[]; walk: string | null }) {
  const { t } = useWords();
  const index = walk ? columns.findIndex((c) => c.id === walk) : -1;
  const column = columns[index];

  useEffect(() => {
    if (walk && !typing()) showColumn(walk);
  }, [walk]);

  return (
    <div className="walk-status">
      <p role="status">{column ? t('walk.status', { column: columnTitle(column), index: index + 1, count: columns.length }) : ''}</p>
      {column && (
        <button type="button" className="small" onClick={() => showColumn(column.id)}>
          {t('walk.follow', { column: columnTitle(column) })}
        </button>
      )}
    </div>
  );
}

/**
 * Someone typing (editing their card in another column): a step does not move them, or on a phone the tab would change
 * under them and their edit's box, with what they typed, would go. "Show …" takes them to the walk when they are done.
 */
function typing(): boolean {
  return document.activeElement?.matches('input, textarea, [contenteditable="true"]') ?? false;
}

/** Brings the column into view: on a phone its tab first (Tabs names each `<id>-tab-<column id>`). */
function showColumn(columnId: string): void {
  const tab = document.querySelector<HTMLElement>(`.column-tabs [role="tab"][id$="-tab-${CSS.escape(columnId)}"]`);
  if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
  requestAnimationFrame(() => document.getElementById(`col-${columnId}`)?.closest('section')?.scrollIntoView({ block: 'nearest' }));
}
