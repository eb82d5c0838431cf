import { useLayoutEffect, useRef } from 'react';

/** Focuses the heading of the phase on screen (`PhaseIntro`'s h2: tabIndex -1, focusable from code, no Tab stop). */
export function focusPhaseHeading(): void {
  document.querySelector<HTMLElement>('.board-main .phase-intro h2')?.focus();
}

function focusIsLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body;
}

/**
 * UI-10: a phase change takes the controls of the phase before away, and with them the one that had focus. Left to
 * the focus rescue, focus went to the first control of the new phase, which one key sets off: a pulse answer Space
 * changes, a drag grip Space picks up, "I'm done voting", "Raise hand". It goes to the new phase's heading instead,
 * which a screen reader reads out. Focus on a control that is still there (the header, the people, the
 * facilitator's "Next") stays where it is. A layout effect: it runs in the commit, before the rescue's timer.
 */
export function useHeadingTakesFocusOnPhaseChange(phase: string | null): void {
  const shown = useRef(phase);
  useLayoutEffect(() => {
    const before = shown.current;
    shown.current = phase;
    if (before === null || before === phase || !focusIsLost()) return;
    focusPhaseHeading();
  }, [phase]);
}
