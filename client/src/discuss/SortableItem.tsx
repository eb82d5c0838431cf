import { useWords } from '../i18n/useWords.js';
import type { ReactNode } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';

/**
 * DI-5: one item of the discussion order. The facilitator moves it by its handle, with the mouse or the
 * keyboard (Space picks it up, arrows move it, Space drops it); for everyone else it is a plain list item.
 */
export function SortableItem({
  id,
  label,
  movable,
  className,
  children,
}: {
  id: string;
  label: string;
  movable: boolean;
  className: string;
  children: ReactNode;
}) {
  const { t } = useWords();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled: !movable });
  return (
    <li
      ref={setNodeRef}
      className={`${className} ${isDragging ? 'dragging' : ''}`}
      style={{ transform: CSS.Transform.toString(transform), transition }}
    >
      {movable && (
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="drag-handle"
          data-drag-handle=""
          {...attributes}
          {...listeners}
          aria-label={t('running.move', { name: label })}
        >
          <span aria-hidden="true">⋮⋮</span>
        </button>
      )}
      {children}
    </li>
  );
}
