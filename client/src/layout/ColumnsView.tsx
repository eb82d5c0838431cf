import { useLayoutEffect, useState, type ReactNode } from 'react';
import { useWords } from '../i18n/useWords.js';
import type { Column } from '@candor/shared';
import { columnTitle } from '../i18n/templates.js';
import { Tabs } from './Tabs.js';
import { useIsPhone } from './useIsPhone.js';

/**
 * The board's columns side by side; on a phone, one column at a time behind tabs (no sideways scrolling). `follow`
 * names a column the phone must show when it changes: the one a card being worked on moved to.
 */
export function ColumnsView({
  columns,
  counts,
  renderColumn,
  follow = null,
}: {
  columns: Column[];
  counts?: Map<string, number>;
  renderColumn: (column: Column) => ReactNode;
  follow?: string | null;
}) {
  const { t } = useWords();
  const phone = useIsPhone();
  // WG-3: the column chosen last on this page (each phase draws its own ColumnsView): the retro moving on keeps my place
  const [selected, setSelectedHere] = useState(() => (columns.some((c) => c.id === chosenColumn) ? chosenColumn! : (columns[0]?.id ?? '')));
  const setSelected = (id: string) => {
    chosenColumn = id;
    setSelectedHere(id);
  };
  // before the focus rescue looks for the moved card's control (it waits a frame), so it is found in its new column
  useLayoutEffect(() => {
    if (follow) setSelected(follow);
  }, [follow]);
  if (!phone) return <div className="columns">{columns.map(renderColumn)}</div>;
  const column = columns.find((c) => c.id === selected) ?? columns[0];
  const tabs = columns.map((c) => {
    const count = counts?.get(c.id);
    return { id: c.id, label: inTwoLines(count ? `${columnTitle(c)} (${count})` : columnTitle(c)) };
  });
  return (
    <Tabs label={t('layout.columns')} tabs={tabs} selected={column?.id ?? ''} onSelect={setSelected} className="column-tabs">
      {column && <div className="columns single">{renderColumn(column)}</div>}
    </Tabs>
  );
}

/**
 * TW-2: a column's name as two halves, split at the space nearest its middle, each kept to one line (CSS): its tab
 * takes two lines at most, one when there is room. Four German names of three to five lines each pushed the card
 * field's button off a phone's first screen; names too long for two lines each on one row scroll it sideways (TW-1).
 * The space between the halves stays: the tab's name is the column's whole name.
 */
function inTwoLines(name: string): ReactNode {
  let at = -1;
  for (let i = name.indexOf(' '); i >= 0; i = name.indexOf(' ', i + 1)) if (at < 0 || Math.abs(i * 2 - name.length) < Math.abs(at * 2 - name.length)) at = i;
  return at < 0 ? name : <><span>{name.slice(0, at)}</span> <span>{name.slice(at + 1)}</span></>;
}

/** WG-3: the phone's chosen column, kept for the page, so a phase that draws the columns anew opens on it */
let chosenColumn: string | null = null;
