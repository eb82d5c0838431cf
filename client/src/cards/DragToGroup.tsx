import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode, type RefObject } from 'react';
import { useWords } from '../i18n/useWords.js';
import {
  DndContext,
  DragOverlay,
  KeyboardCode,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  pointerWithin,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import type { PublicBoardView } from '@candor/shared';
import { useSession } from '../board/SessionContext.js';
import { shortText } from './items.js';
import { endOnce, useDragAnnouncer } from './dragSentences.js';
import { columnTitle } from '../i18n/templates.js';
import { dropOutcome, type DropTarget } from './dropOutcome.js';

/** Drop targets are named `card:<id>`, `group:<id>` or `column:<id>`; the dragged thing is always a card. */
type Target = DropTarget;
const parse = (id: string | number | undefined | null): Target | null => {
  const match = /^(card|group|column):(.+)$/.exec(String(id ?? ''));
  return match ? { kind: match[1] as Target['kind'], id: match[2]! } : null;
};

/**
 * Arrow keys jump from one drop target to the nearest one in that direction (instead of creeping 25 px at a
 * time), so grouping by keyboard is a few presses: Space picks up, arrows move, Space drops, Escape cancels.
 */
const jumpToNearest: KeyboardCoordinateGetter = (event, { context: { droppableRects, collisionRect, active } }) => {
  const directions: Record<string, [number, number]> = { [KeyboardCode.Right]: [1, 0], [KeyboardCode.Left]: [-1, 0], [KeyboardCode.Down]: [0, 1], [KeyboardCode.Up]: [0, -1] };
  const direction = directions[event.code];
  if (!direction || !collisionRect) return undefined;
  event.preventDefault();
  const from = { x: collisionRect.left + collisionRect.width / 2, y: collisionRect.top + collisionRect.height / 2 };
  // Cards and groups first; a column (to leave a group) only when no card or group lies that way.
  const pick = (columns: boolean) => {
  let best: { x: number; y: number; score: number } | null = null;
  for (const [id, rect] of droppableRects) {
    if (id === active?.id || String(id).startsWith('column:') !== columns) continue;
    const to = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    const along = (to.x - from.x) * direction[0] + (to.y - from.y) * direction[1];
    if (along <= 4) continue;
    const across = Math.abs((to.x - from.x) * direction[1]) + Math.abs((to.y - from.y) * direction[0]);
    const score = along + across * 2;
    if (!best || score < best.score) best = { ...to, score };
  }
  return best;
  };
  const best = pick(false) ?? pick(true);
  if (!best) return undefined;
  return { x: best.x - collisionRect.width / 2, y: best.y - collisionRect.height / 2 };
};

/** How close (px) a card's or group's centre must be to where the keyboard moved the card to count as under it. */
const KEYBOARD_SNAP_PX = 40;

/**
 * Under the pointer wins, a card or group before the column around it; the keyboard lands on centres. A pointer
 * over nothing is over nothing (UI-31): dropped there, the card goes back; it used to join whichever card's
 * centre was nearest, anywhere on the board.
 */
const preferInnermost: CollisionDetection = (args) => {
  const within = pointerWithin(args).filter((c) => c.id !== args.active.id);
  const inner = within.filter((c) => !String(c.id).startsWith('column:'));
  if (inner.length) return inner;
  if (within.length || args.pointerCoordinates) return within;
  // Keyboard: the arrows land on a target's centre; a card or group right there wins over the column around it.
  const others = args.droppableContainers.filter((c) => c.id !== args.active.id);
  const nearestInner = closestCenter({ ...args, droppableContainers: others.filter((c) => !String(c.id).startsWith('column:')) });
  if (nearestInner[0] && Number(nearestInner[0].data?.value ?? Infinity) < KEYBOARD_SNAP_PX) return nearestInner;
  return closestCenter({ ...args, droppableContainers: others });
};

/**
 * UI-31: the board scrolls under a held card only in the tenth of the window nearest its edge (the header at the
 * top, the last lines above the bottom bar). dnd-kit's default, a fifth, scrolled away a card someone held still
 * over in the lowest lines of the board, and the drop went to whatever card had come under the pointer.
 */
const EDGE_SCROLL = { threshold: { x: 0.1, y: 0.1 } };

/** Whether cards are drop targets yet: from the first drag on, and then for as long as the board is shown. */
const CardTargetsArmed = createContext(false);

// The sensors' options, the same objects at every redraw: new ones made new sensors, and with them a new dnd-kit
// context that drew every card's grip again at each change of the board (walk memo)
const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };
const KEYBOARD_OPTIONS = { coordinateGetter: jumpToNearest };

/** GR-*: drag a card onto a card or a group to group it, onto a column's empty space to take it out of its group. */
export function DragToGroup({ board, children }: { board: PublicBoardView; children: ReactNode }) {
  const { t } = useWords();
  const session = useSession();
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS));
  const cards = useMemo(() => new Map(board.cards.map((c) => [c.id, c])), [board.cards]);
  const groups = useMemo(() => new Map(board.groups.map((g) => [g.id, g])), [board.groups]);
  const columns = useMemo(() => new Map(board.columns.map((c) => [c.id, c])), [board.columns]);

  /** where the card is, and what dropping it there would do (a card alone over a column's space: nothing) */
  const describe = (target: Target | null, draggedId: string | number): string => {
    if (!target) return t('dnd.nowhere');
    if (target.kind === 'card') return t('dnd.overCard', { text: shortText(cards.get(target.id)?.text ?? '', 40) });
    if (target.kind === 'group') return t('dnd.overGroup', { title: groups.get(target.id)?.title || t('reveal.untitledGroup') });
    const found = columns.get(target.id);
    const column = found ? columnTitle(found) : '';
    return cards.get(parse(draggedId)?.id ?? '')?.groupId ? t('dnd.overColumn', { column }) : t('dnd.overColumnAlone', { column });
  };
  const cardText = (id: string | number) => shortText(cards.get(parse(id)?.id ?? '')?.text ?? '', 40);

  /** what a drop did */
  const dropped = (activeId: string | number, overId: string | number | undefined): string => {
    const dragged = cards.get(parse(activeId)?.id ?? '');
    const outcome = dragged ? dropOutcome(dragged, parse(overId), cards, groups) : ({ kind: 'none' } as const);
    const text = cardText(activeId);
    if (outcome.kind === 'group') return t('dnd.groupedWith', { text, other: shortText(cards.get(outcome.withCardId)?.text ?? '', 40) });
    if (outcome.kind === 'join') return t('dnd.addedTo', { text, title: groups.get(outcome.groupId)?.title || t('reveal.untitledGroup') });
    if (outcome.kind === 'ungroup') return t('dnd.takenOut', { text });
    return t('dnd.putBack', { text });
  };

  // WF-8: each ends on a card's words, a group's or a column's title: one full stop, none after their own `…`, `?`
  // PL-7: said from our own live region, which a language switch empties
  const { said, speak } = useDragAnnouncer();
  // dnd-kit says where the card is in the same moment as the pick-up: said apart, the second sentence took the first's
  // place in the live region before a screen reader read it ("Over the column Continue.", never "Picked up …")
  const pickedUp = useRef<string | null>(null);
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      pickedUp.current = endOnce(t('dnd.pickedUp', { text: cardText(active.id) }));
      return speak(pickedUp.current);
    },
    onDragOver: ({ active, over }) => {
      const where = endOnce(describe(parse(over?.id), active.id));
      const first = pickedUp.current;
      pickedUp.current = null;
      return speak(first ? `${first} ${where}` : where);
    },
    onDragEnd: ({ active, over }) => speak(endOnce(dropped(active.id, over?.id))),
    onDragCancel: ({ active }) => speak(endOnce(t('dnd.putBack', { text: cardText(active.id) }))),
  };

  // Cards become drop targets at the first pick-up and stay so: registering them costs dnd-kit time in the
  // square of their number, paid once here rather than at every pick-up and drop.
  const [cardTargetsArmed, setCardTargetsArmed] = useState(false);
  // UI-31: what follows the pointer is a copy of the card drawn above the page (dnd-kit's overlay), not the card
  // itself moved with a transform: a moved card made the page longer under it, so dragging to the bottom edge
  // scrolled on into empty space for as long as the pointer stayed there, past every card one could drop on.
  const [held, setHeld] = useState<string | null>(null);

  // MV-1: the room sees the card as being moved while I hold it (the server relays the card, not me).
  function onDragStart({ active }: DragStartEvent) {
    setCardTargetsArmed(true);
    const cardId = parse(active.id)?.id;
    setHeld(cardId ?? null);
    if (cardId) session.moving.pickUp(cardId);
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    setHeld(null);
    session.moving.putDown();
    const dragged = cards.get(parse(active.id)?.id ?? '');
    if (!dragged) return;
    const outcome = dropOutcome(dragged, parse(over?.id), cards, groups);
    if (outcome.kind === 'group' || outcome.kind === 'join') session.send({ type: 'card.group', cardId: dragged.id, withCardId: outcome.withCardId });
    else if (outcome.kind === 'ungroup') session.send({ type: 'card.ungroup', cardId: dragged.id });
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={preferInnermost}
      autoScroll={EDGE_SCROLL}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setHeld(null);
        session.moving.putDown();
      }}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } }}>
      <CardTargetsArmed.Provider value={cardTargetsArmed}>{children}</CardTargetsArmed.Provider>
      <div className="visually-hidden drag-announcement" role="status" aria-live="assertive" aria-atomic="true">
        {said}
      </div>
      {/* The text alone: no mark of whose card it is (AN-*, presenting) travels with the pointer. Dropped, it is
          simply gone (no flight back to where it was picked up, which would look like the drop failed). */}
      <DragOverlay dropAnimation={null} zIndex={40}>
        {held !== null && cards.has(held) ? (
          <div className="card drag-preview" aria-hidden="true">
            <div className="card-text">{cards.get(held)!.text}</div>
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}

/**
 * The grip on a card: a button that picks the card up (Space or a drag); from the first pick-up on, the card is
 * also a drop target (`CardDropTarget`). Not before: dnd-kit copies its whole map of drop targets for each one
 * that registers, so 1,500 cards registering as they appear cost a third of a second of a frozen page right
 * after every reveal, for everyone. Now only someone who drags pays it, once.
 */
export function DraggableCard({ cardId, text, children }: { cardId: string; text: string; children: ReactNode }) {
  const { t } = useWords();
  const id = `card:${cardId}`;
  const drag = useDraggable({ id });
  const armed = useContext(CardTargetsArmed);
  const node = useRef<HTMLDivElement | null>(null);
  const { setNodeRef } = drag;
  // Stable, so React does not detach and re-attach it on each render, when the drop target would read null.
  const setNode = useCallback(
    (el: HTMLDivElement | null) => {
      node.current = el;
      setNodeRef(el);
    },
    [setNodeRef],
  );
  const session = useSession();
  // MV-1: someone else (never said who) is dragging this card right now.
  const movedElsewhere = useSyncExternalStore(session.moving.subscribe, session.moving.getSnapshot).has(cardId) && !drag.isDragging;
  const isOver = drag.over?.id === id && !drag.isDragging;
  // The card stays where it is while held (dimmed); the overlay in `DragToGroup` follows the pointer.
  return (
    <div
      ref={setNode}
      className={`draggable-card ${drag.isDragging ? 'dragging' : ''} ${isOver ? 'drop-over' : ''} ${movedElsewhere ? 'moved-elsewhere' : ''}`}
    >
      {armed && <CardDropTarget id={id} node={node} />}
      {movedElsewhere && <span className="badge moving">{t('dnd.beingMoved')}</span>}
      <button type="button" className="drag-handle" {...drag.listeners} {...drag.attributes} aria-label={t('dnd.handle', { text: shortText(text, 40) })}>
        <span aria-hidden="true">⠿</span>
      </button>
      {children}
    </div>
  );
}

/** Makes the card's element a drop target for as long as it is mounted (during a drag); draws nothing. */
function CardDropTarget({ id, node }: { id: string; node: RefObject<HTMLDivElement | null> }) {
  const { setNodeRef } = useDroppable({ id });
  // After the commit's refs are attached; dnd-kit measures the node when it re-renders for the registration.
  useEffect(() => {
    setNodeRef(node.current);
    return () => setNodeRef(null);
  }, [setNodeRef, node]);
  return null;
}

export function GroupDropZone({ groupId, children }: { groupId: string; children: ReactNode }) {
  const drop = useDroppable({ id: `group:${groupId}` });
  return (
    <div ref={drop.setNodeRef} className={`group-drop ${drop.isOver ? 'drop-over' : ''}`}>
      {children}
    </div>
  );
}

export function ColumnDropZone({ columnId, children }: { columnId: string; children: ReactNode }) {
  const drop = useDroppable({ id: `column:${columnId}` });
  return (
    <div ref={drop.setNodeRef} className={`column-drop ${drop.isOver ? 'drop-over' : ''}`}>
      {children}
    </div>
  );
}
