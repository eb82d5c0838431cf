import { useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Tab {
  id: string;
  label: ReactNode;
}

/**
 * Accessible tabs (WAI-ARIA tabs pattern): arrow keys move between tabs, Home/End jump, the selected tab is the
 * only one in the tab order. Only the selected panel is rendered.
 */
export function Tabs({ label, tabs, selected, onSelect, children, className = '' }: { label: string; tabs: Tab[]; selected: string; onSelect: (id: string) => void; children: ReactNode; className?: string }) {
  const base = useId();
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const current = tabs.some((t) => t.id === selected) ? selected : tabs[0]?.id;
  // TW-1: a row too long for the screen scrolls sideways; the chosen tab is kept whole in sight (chosen by a tap, a key,
  // or the board following a card), the row alone scrolled, never the page
  useLayoutEffect(() => {
    const tab = current === undefined ? undefined : refs.current.get(current);
    const row = tab?.parentElement;
    if (!tab || !row || row.scrollWidth <= row.clientWidth) return;
    const box = tab.getBoundingClientRect();
    const edges = row.getBoundingClientRect();
    if (box.left < edges.left) row.scrollLeft -= edges.left - box.left;
    else if (box.right > edges.right) row.scrollLeft += box.right - edges.right;
  }, [current]);

  function onKeyDown(event: KeyboardEvent) {
    const index = tabs.findIndex((t) => t.id === current);
    const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length]!;
    onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  }

  return (
    <div className={`tabs ${className}`}>
      <div role="tablist" aria-label={label} className="tab-list" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) refs.current.set(tab.id, el);
              else refs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === current}
            aria-controls={`${base}-panel`}
            tabIndex={tab.id === current ? 0 : -1}
            className={`tab ${tab.id === current ? 'selected' : ''}`}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${current}`} className="tab-panel">
        {children}
      </div>
    </div>
  );
}
