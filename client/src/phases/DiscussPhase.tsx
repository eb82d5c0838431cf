import { useWords } from '../i18n/useWords.js';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { allowedIn, wholeGroupTitle, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { ItemContent, ItemLine } from '../cards/ItemContent.js';
import { itemLabel, itemsById, shortText, type Item } from '../cards/items.js';
import { endOnce, useDragAnnouncer } from '../cards/dragSentences.js';
import { hasActionDraft, ItemActions } from '../actions/ItemActions.js';
import { GuidedMove } from '../responsibility/GuidedMove.js';
import { Reactions } from '../discuss/Reactions.js';
import { RaisedHands } from '../discuss/RaisedHands.js';
import { SortableItem } from '../discuss/SortableItem.js';
import { BackToCurrent } from '../discuss/BackToCurrent.js';
import { ItemSkipLinks, SkipToNowLink } from '../discuss/ItemSkipLinks.js';
import { useNextItemKey } from '../discuss/useNextItemKey.js';
import { useNextItem } from '../discuss/useNextItem.js';
import { useIsPhone } from '../layout/useIsPhone.js';
import { TimerActions } from '../timer/TimerControls.js';
import { PhaseIntro } from './PhaseIntro.js';
import { usePresenting } from '../board/presenting.js';
import { tiedForMostVotes } from './tiedForMostVotes.js';
import { StickyBand } from '../layout/StickyBand.js';

/**
 * DI-5, DI-6: the items in discussion order (votes, or the facilitator's order). The current item is large
 * with its notes, reactions and actions; the others are dimmed; discussed ones look done and can be reopened.
 */
export function DiscussPhase({ board }: { board: PublicBoardView }) {
  const { t } = useWords();
  // AN-11: while presenting, "(n yours)" would show where I voted
  const presenting = usePresenting();
  const session = useSession();
  const { isFacilitator, me } = useSessionState();
  const items = itemsById(board);
  const serverOrder = board.discussOrder ?? board.ranking ?? [...items.keys()];
  // While a reorder is on its way the list keeps the new order instead of jumping back.
  const [localOrder, setLocalOrder] = useState<{ basis: string; order: string[] } | null>(null);
  const basis = serverOrder.join(',');
  const order = localOrder && localOrder.basis === basis ? localOrder.order : serverOrder;
  // DI-13: items tied for the most votes say so; their order between them is only the reveal's
  const tiedTop = tiedForMostVotes(board.tallies);
  const current = board.currentItemId;
  const done = new Set(board.doneItemIds);
  const canSelect = isFacilitator && allowedIn('discuss.select', board.phase);
  const canOrder = isFacilitator && allowedIn('discuss.order', board.phase);
  const canNext = isFacilitator && allowedIn('discuss.next', board.phase);
  const currentRef = useRef<HTMLElement | null>(null);
  // DI-6 (WF-5): the item the room moves on to is said out loud to everyone. Focus goes to it only for whoever chose
  // it (or was inside the item that folded); anyone else, reading the list or the header, heard nothing. Not said to
  // a focus already on it (it was read out), nor for the item on when the page opened.
  // PL-1: kept as the item's name, said in the page's language at each render (a language switch says it anew)
  const [nowSaid, setNowSaid] = useState('');
  const saidFor = useRef(current);
  useEffect(() => {
    if (saidFor.current === current) return;
    saidFor.current = current;
    const item = current ? items.get(current) : undefined;
    if (!item || currentRef.current?.contains(document.activeElement)) return setNowSaid('');
    setNowSaid(shortText(discussName(item), 50));
  }, [current]);
  // UI-10: "Discuss this" and "Reopen" go away with the press that made their item the current one; focus goes to
  // that item, read out by name, as after "Next item". Left to the focus rescue it landed on the item's first
  // control, the "Agree" reaction, and the next Enter reacted in front of everyone.
  const landOn = useRef<string | null>(null);
  const chooseItem = (command: { type: 'discuss.select' | 'discuss.reopen'; itemId: string }) => {
    landOn.current = command.itemId;
    session.send(command);
  };
  // DI-6: the same for → pressed from inside the item discussed, which folds away: focus goes on with the room, not
  // to the folded item's first control
  const followNext = useRef<{ from: string | null; element: HTMLElement } | null>(null);
  useLayoutEffect(() => {
    const active = document.activeElement;
    const follow = followNext.current;
    if (follow && follow.from !== current) {
      followNext.current = null;
      if (active === document.body || active === null || active === follow.element || !follow.element.isConnected) currentRef.current?.focus();
    }
    if (landOn.current === null || landOn.current !== current) return;
    landOn.current = null;
    if (active === document.body || active === null) currentRef.current?.focus();
  });
  // DI-6: the room moves on. Whoever was following the item discussed (some of it on their screen) finds the one now
  // discussed with its head (place, votes, its words) in sight; the facilitator always, who moved the room. The item
  // left folds to one line under them, and the page kept its place: the new item's head was above the screen, under
  // the band (team walk 5: Fiona pressed "Next item" from the fist of five she had just checked, and the screen she
  // shared showed the middle of an item nobody could name).
  const following = useFollowing(currentRef, current);
  // UI-10: focus inside the item as it folds (a reaction just pressed, its notes being typed) goes on with the room to
  // the item now discussed, said by name, never into its notes; left to the focus rescue it went to the folded item's
  // "Actions (1)", and the team walk's keyboard participant opened the item left behind with the next Enter
  const focusedIn = useFocusedItem(currentRef);
  const shownFor = useRef(current);
  useLayoutEffect(() => {
    if (shownFor.current === current) return;
    shownFor.current = current;
    const item = currentRef.current;
    const left = focusedIn.current;
    const active = document.activeElement;
    if (item && left && left !== item && (active === null || active === document.body || left.contains(active))) item.focus({ preventScroll: true });
    if (current !== null && (following.current || isFacilitator)) bringHeadIntoSight(item);
  }, [current]);
  // UI-24: only the current item is open; a discussed one shows its actions when I ask (each viewer for themself)
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (itemId: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(itemId)) next.add(itemId);
      return next;
    });
  // CO-7: "Answer now" for a check under an item discussed earlier opens that item (RoomNotices)
  useEffect(() => {
    const open = (event: Event) => setExpanded((shown) => new Set(shown).add((event as CustomEvent<string>).detail));
    window.addEventListener('candor:open-item', open);
    return () => window.removeEventListener('candor:open-item', open);
  }, []);
  const actionCount = (itemId: string) => board.actions.filter((a) => a.itemId === itemId).length;

  // DI-10: "Next item"; on a phone the facilitator has it in the bar at the bottom (UI-29), not in the list
  const nextItem = useNextItem(board);
  const phone = useIsPhone();
  const { next } = nextItem;
  const nextByKey = useCallback(() => {
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && currentRef.current?.contains(focused)) followNext.current = { from: current, element: focused };
    next();
  }, [next, current]);
  useNextItemKey(canNext && !nextItem.disabled, nextByKey);

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  // Spoken while moving an item: its words and place, never its id.
  const nameOf = (id: string | number) => shortText(discussName(items.get(String(id))), 50);
  const placeOf = (id: string | number | undefined) => (id === undefined ? 0 : order.indexOf(String(id)) + 1);
  // PL-7: said from our own live region, which a language switch empties
  const { said, speak } = useDragAnnouncer();
  const announcements: Announcements = {
    onDragStart: ({ active }) => speak(endOnce(t('running.moveStart', { name: nameOf(active.id) }))),
    onDragOver: ({ active, over }) => speak(over ? t('running.moveOver', { name: nameOf(active.id), n: placeOf(over.id), total: order.length }) : undefined),
    onDragEnd: ({ active, over }) => speak(over ? t('running.moveEnd', { name: nameOf(active.id), n: placeOf(over.id), total: order.length }) : undefined),
    onDragCancel: ({ active }) => speak(t('running.moveCancel', { name: nameOf(active.id) })),
  };
  const screenReaderInstructions = { draggable: t('running.moveInstructions') };

  function onDragEnd(event: DragEndEvent) {
    const { active, over } = event;
    if (!over || active.id === over.id) return;
    const moved = arrayMove(order, order.indexOf(String(active.id)), order.indexOf(String(over.id)));
    setLocalOrder({ basis, order: moved });
    session.send({ type: 'discuss.order', itemIds: moved });
  }

  return (
    <>
      <PhaseIntro title={t('discuss.title')}>{t(board.tallies === null ? 'running.introInOrder' : 'running.intro')}</PhaseIntro>
      {/* DI-10: the facilitator's "Next item" stays on screen while the current item's notes and actions scroll by, a
          band below the header as Vote's votes left (VO-12), whose height the scroll padding takes in: a control
          reached with Shift+Tab was scrolled just below the header, under the bar */}
      <StickyBand sticks={canNext && !phone} className="discuss-bar">
        <RaisedHands board={board} />
        {/* UI-34: a phone's facilitator timeboxes the item from here, not from the Facilitate tab, away from the item:
            presets to start it, then pause, +1 min and stop while it runs */}
        {isFacilitator && phone && allowedIn('timer.start', board.phase) &&
          <TimerActions timer={board.timer} />}
        {canNext && !phone && (
          <div className="next-item">
            <button type="button" className="primary" disabled={nextItem.disabled} aria-disabled={nextItem.moving} onClick={nextItem.press}>
              {t(nextItem.label)}
            </button>
            <span className="hint">{t('running.orPress')}</span>
            {current !== null && <SkipToNowLink target={currentRef} />}
          </div>
        )}
      </StickyBand>
      {order.length === 0 && <p className="empty">{t('discuss.nothing')}</p>}
      <p className="visually-hidden" role="status">
        {nowSaid && t('running.nowLabel', { name: nowSaid })}
      </p>
      {/* AN-12: too few voted for the tallies to show */}
      {order.length > 0 && board.tallies === null && <p className="hint votes-withheld">{t('discuss.withheld', { needed: board.minOthersToShow + 1 })}</p>}
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions }}>
        <SortableContext items={order} strategy={verticalListSortingStrategy}>
          <ol className="discussion" aria-label={t('running.order')}>
            {order.map((itemId, index) => {
              const item = items.get(itemId);
              const label = shortText(discussName(item), 50);
              const votes = board.tallies === null ? null : (board.tallies[itemId] ?? 0);
              const isCurrent = current === itemId;
              const isDone = done.has(itemId);
              return (
                <SortableItem
                  key={itemId}
                  id={itemId}
                  label={label}
                  movable={canOrder}
                  className={`discussion-item ${isCurrent ? 'current' : 'dimmed compact'} ${isDone ? 'done' : ''}`}
                >
                  <article
                    className="discussion-body"
                    aria-current={isCurrent ? 'true' : undefined}
                    aria-label={isCurrent ? t('running.nowLabel', { name: label }) : t(isDone ? 'running.itemDoneLabel' : 'running.itemLabel', { n: index + 1, name: label })}
                    tabIndex={isCurrent ? -1 : undefined}
                    id={isCurrent ? 'current-item' : undefined}
                    ref={isCurrent ? (el) => void (currentRef.current = el) : undefined}
                  >
                    <div className="ranked-head">
                      <span className="position">{index + 1}.</span>
                      {/* PQ-3 (EX-11): no count where nobody voted; "0 votes" beside every item left out was noise */}
                      {votes ? <span className="tally">{t('discuss.votes', { count: votes })}</span> : null}
                      {tiedTop.has(itemId) && <span className="badge tied">{t('discuss.tied')}</span>}
                      {me?.votes[itemId] && !presenting ? <span className="hint">{t('discuss.yours', { count: me.votes[itemId] })}</span> : null}
                      {isCurrent && <span className="badge now">{t('discuss.now')}</span>}
                      {isDone && <span className="badge done">{t('running.discussed')}</span>}
                    </div>
                    {isCurrent ? (
                      <>
                        {/* UI-50: past the cards and reactions to the timer and the notes; a phone's facilitator has the
                            timer in the band above */}
                        <ItemSkipLinks timer={isFacilitator && !phone && allowedIn('timer.start', board.phase)} />
                        <ItemContent item={item} />
                        <Reactions board={board} itemId={itemId} interactive={allowedIn('reaction.toggle', board.phase)} />
                        <GuidedMove key={itemId} board={board} itemId={itemId} notesRows={5} />
                      </>
                    ) : (
                      <>
                        <ItemLine item={item} title={discussName(item)} />
                        <Reactions board={board} itemId={itemId} interactive={false} />
                      </>
                    )}
                    <div className="row item-controls">
                      {isDone && !isCurrent && (
                        <button
                          type="button"
                          className="small"
                          aria-expanded={expanded.has(itemId)}
                          aria-label={`${t('discuss.actionsToggleFor', { count: actionCount(itemId), name: label })}${hasActionDraft(session.boardId, itemId) ? ` ${t('discuss.draftWaits')}` : ''}`}
                          onClick={() => toggle(itemId)}
                        >
                          {t('discuss.actionsToggle', { count: actionCount(itemId) })}
                          {/* WI-3: what I typed for it when the room moved on waits inside (AC-1); closed, it would not show */}
                          {hasActionDraft(session.boardId, itemId) && ` ${t('discuss.draftWaits')}`}
                        </button>
                      )}
                      {canSelect && !isCurrent && !isDone && (
                        <button type="button" className="small" aria-label={t('discuss.discussThisLabel', { name: label })} onClick={() => chooseItem({ type: 'discuss.select', itemId })}>
                          {t('discuss.discussThis')}
                        </button>
                      )}
                      {isFacilitator && isDone && allowedIn('discuss.reopen', board.phase) && (
                        <button type="button" className="small" aria-label={t('running.reopenLabel', { name: label })} onClick={() => chooseItem({ type: 'discuss.reopen', itemId })}>
                          {t('running.reopen')}
                        </button>
                      )}
                    </div>
                    {isDone && !isCurrent && expanded.has(itemId) && <ItemActions board={board} itemId={itemId} compact />}
                  </article>
                </SortableItem>
              );
            })}
          </ol>
        </SortableContext>
      </DndContext>
      <div className="visually-hidden drag-announcement" role="status" aria-live="assertive" aria-atomic="true">
        {said}
      </div>
      {current === null && order.length > 0 && (
        <p className="empty">{isFacilitator ? t('running.pressStart') : t('running.waitStart')}</p>
      )}
      <BackToCurrent target={currentRef} itemKey={current} />
    </>
  );
}

/** DI-6: whether some of the item discussed is on the screen, as the room moves on (read before the item folds) */
function useFollowing(item: RefObject<HTMLElement | null>, current: string | null): RefObject<boolean> {
  const following = useRef(false);
  useEffect(() => {
    const element = item.current;
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => void (following.current = entry?.isIntersecting ?? false));
    observer.observe(element);
    return () => observer.disconnect();
  }, [item, current]);
  return following;
}

/** UI-10: the item discussed that holds focus, as focus last moved (an item folding under it moves none) */
function useFocusedItem(item: RefObject<HTMLElement | null>): RefObject<HTMLElement | null> {
  const focusedIn = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const moved = (event: FocusEvent) => {
      const current = item.current;
      focusedIn.current = current && event.target instanceof Node && current.contains(event.target) ? current : null;
    };
    document.addEventListener('focusin', moved);
    return () => document.removeEventListener('focusin', moved);
  }, [item]);
  return focusedIn;
}

/**
 * DI-6: scrolls the item's head whole into sight, below the bars that stay on screen (the page's scroll padding and
 * the item's scroll margin take them in), when it is not; an item whose head shows already stays where it is.
 */
function bringHeadIntoSight(item: HTMLElement | null): void {
  const head = item?.firstElementChild?.getBoundingClientRect();
  if (!item || !head) return;
  const page = getComputedStyle(document.documentElement);
  const top = (parseFloat(page.scrollPaddingTop) || 0) + (parseFloat(getComputedStyle(item).scrollMarginTop) || 0);
  const bottom = window.innerHeight - (parseFloat(page.scrollPaddingBottom) || 0);
  if (head.top >= top && head.bottom <= bottom) return;
  item.scrollIntoView({ block: 'start' });
}

/**
 * WF-7 (UI-24): an item's name in the discussion list. A group still titled with its first card's first words (GR-6,
 * ending in `…`) is named by that card's whole text (EX-7), as a card standing alone is: two groups whose cards start
 * alike read "the deploy pipeline fails at random…" twice otherwise. A title someone wrote stays as it is.
 */
function discussName(item: Item | undefined): string {
  return item?.kind === 'group' ? wholeGroupTitle(item.group.title.trim(), item.cards) || itemLabel(item) : itemLabel(item);
}
