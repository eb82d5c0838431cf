import { useCallback, useLayoutEffect, useRef, type MouseEvent } from 'react';
import { allowedIn, type PublicBoardView } from '@candor/shared';
import { useSession, useSessionState } from '../board/SessionContext.js';
import { useAhead } from '../board/useAhead.js';
import { itemsById } from '../cards/items.js';

export interface NextItem {
  /** the facilitator, in Discuss */
  shown: boolean;
  /** which words the button says: before the first item, on to the next, or marking the last one discussed */
  label: 'running.startFirst' | 'running.nextItem' | 'running.markLast';
  /** nothing left to move on to */
  disabled: boolean;
  /** a step was sent and the board does not show it yet */
  moving: boolean;
  next: () => void;
  /**
   * The button's click: `next`, unless it is a double click's second (one intention, one step). When the step turns
   * the button into another ("Start with the first item" into "Next item"), focus on it goes to the item now
   * discussed (UI-10), read out by name: a second Enter would otherwise take the step the button now offers.
   */
  press: (event: MouseEvent<HTMLElement>) => void;
}

/**
 * DI-10: the facilitator's "Next item", wherever its button is drawn (the Discuss list, UI-29's phone bar). It says
 * which item it moves on from, and waits until the board has moved on (UI-20): pressed again meanwhile (the ack can
 * come before the board's update) it would otherwise skip an item.
 */
export function useNextItem(board: PublicBoardView): NextItem {
  const session = useSession();
  const { isFacilitator } = useSessionState();
  const current = board.currentItemId;
  const done = new Set(board.doneItemIds);
  const items = board.discussOrder ?? board.ranking ?? [...itemsById(board).keys()];
  const remaining = items.filter((id) => id !== current && !done.has(id)).length;
  const moving = useAhead('discuss.next') !== undefined;
  const next = useCallback(() => {
    if (!moving) session.send({ type: 'discuss.next', from: current });
  }, [session, current, moving]);
  const label = current === null ? 'running.startFirst' : remaining === 0 ? 'running.markLast' : 'running.nextItem';
  const pressed = useRef<{ button: HTMLElement; from: string | null; label: string; done: number } | null>(null);
  const press = (event: MouseEvent<HTMLElement>) => {
    if (event.detail > 1 || moving) return;
    pressed.current = { button: event.currentTarget, from: current, label, done: done.size };
    next();
  };
  useLayoutEffect(() => {
    const step = pressed.current;
    if (!step || (step.from === current && step.done === done.size)) return;
    pressed.current = null;
    if (step.label === label || document.activeElement !== step.button) return;
    document.getElementById('current-item')?.focus();
  });
  return {
    shown: isFacilitator && allowedIn('discuss.next', board.phase),
    label,
    disabled: remaining === 0 && (current === null || done.has(current)),
    moving,
    next,
    press,
  };
}
