import { useLayoutEffect, useRef } from 'react';

/**
 * Focuses the heading of the phase on screen (`PhaseIntro`'s h2: tabIndex -1, focusable from code, no Tab stop); false
 * when there is none yet. (While the new phase's code is on its way, React keeps the phase before hidden in its place:
 * its heading takes no focus, and the new one is awaited.)
 */
export function focusPhaseHeading(): boolean {
  const heading = document.querySelector<HTMLElement>('.board-main .phase-intro h2');
  heading?.focus();
  return heading !== null && heading === document.activeElement && landed();
}

/** when focus last landed on a phase's heading from code (performance.now()) */
let headingLandedAt = -Infinity;
function landed(): true {
  headingLandedAt = performance.now();
  return true;
}

/**
 * PR-3: whether the phase change just shown is said by the new phase's heading, focus having landed there (a screen
 * reader reads it out, and the room's news line said it a second time); null while that may yet happen: the heading's
 * code on its way, focus still on a control of the phase before, which may go with it a moment later (UI-10), or
 * fallen to the page, for the focus rescue to place (a phase before kept hidden while the new one's code comes).
 */
export function phaseSaidByHeading(): boolean | null {
  if (headingLandedAt >= phaseChangedAt) return true;
  // no phase on screen (a phone's People, Facilitate or Actions tab): no heading to land on
  if (!document.querySelector('.board-main .phase-intro')) return false;
  const active = document.activeElement;
  const mayYetLand = !active || active === document.body || active.closest('.board-main');
  return headingAwaited() || (mayYetLand && performance.now() - phaseChangedAt < PHASE_CHANGE_SETTLES_MS) ? null : false;
}

/**
 * A phase change lost focus while the new phase's code was still on its way (each phase after Write is a chunk of
 * its own): its heading takes focus when it appears (`PhaseIntro`), and until then the focus rescue leaves focus
 * alone (or it would put it on the first control it finds). Given up after a few seconds.
 */
let headingAwaitedUntil = 0;
const HEADING_AWAITED_MS = 5_000;

export function headingAwaited(): boolean {
  return performance.now() < headingAwaitedUntil;
}

/** when the phase on screen last changed (performance.now()) */
let phaseChangedAt = -Infinity;
const PHASE_CHANGE_SETTLES_MS = 2_000;

/**
 * The control lost now went with the phase before: it had focus before the phase changed, a moment ago (a pulse
 * answer that becomes the pulse's result when the board catches up, a moment after the phase itself), so the focus
 * rescue gives focus to the new phase's heading rather than to the first control it finds. One focused since belongs
 * to the new phase: a card written and deleted at once in Write, 0.9 s after Review ended, sent focus to the heading
 * instead of its column (UI-10 PU-1).
 */
export function wentWithPhaseBefore({ focusedAt, phaseChangedAt: changedAt = phaseChangedAt, now = performance.now() }: { focusedAt: number; phaseChangedAt?: number; now?: number }): boolean {
  return focusedAt <= changedAt && now - changedAt < PHASE_CHANGE_SETTLES_MS;
}

/**
 * UI-10 WF-1: the join form that had focus went away. The phase's heading takes focus now, or, when its code is still on
 * its way (a newcomer joining in Vote or Discuss: each phase after Write is a chunk of its own), when it appears; until
 * then the focus rescue leaves focus alone (it put focus on the header's Share).
 */
export function focusPhaseHeadingWhenShown(): void {
  if (!focusPhaseHeading()) headingAwaitedUntil = performance.now() + HEADING_AWAITED_MS;
}

/** WF-2: a phase change that left focus outside the phase, whose heading was not there yet, scrolls to it when it comes */
let headingScrollAwaitedUntil = 0;

/** Scrolls the heading of the phase on screen into sight, under the header (scroll-padding-top); false when there is none yet. */
function showPhaseHeading(): boolean {
  const heading = document.querySelector<HTMLElement>('.board-main .phase-intro h2');
  heading?.scrollIntoView({ block: 'nearest' });
  return heading !== null;
}

/** `PhaseIntro`'s heading appeared: it takes focus if a phase change left it waiting and focus is still nowhere */
export function headingAppeared(heading: HTMLElement | null): void {
  if (performance.now() < headingScrollAwaitedUntil) {
    headingScrollAwaitedUntil = 0;
    heading?.scrollIntoView({ block: 'nearest' });
  }
  if (!headingAwaited()) return;
  headingAwaitedUntil = 0;
  if (heading && focusIsLost()) {
    heading.focus();
    landed();
  }
}

function focusIsLost(): boolean {
  const active = document.activeElement;
  // UI-10: or on the facilitator's step buttons' group, where a step taken from them left it ("Now: Vote"): she goes
  // on where the new phase starts, as everyone whose focus went with the phase before does
  return !active || active === document.body || active.hasAttribute('data-phase-steps');
}

/**
 * UI-10: a phase change takes the controls of the phase before away, and with them the one that had focus. Left to
 * the focus rescue, focus went to the first control of the new phase, which one key sets off: a pulse answer Space
 * changes, a drag grip Space picks up, "I'm done voting", "Raise hand". It goes to the new phase's heading instead,
 * which a screen reader reads out. Focus on a control that is still there (the header, the people) stays where it is;
 * a step taken from the facilitator's own buttons goes on to the heading too (their group had it, `usePhaseStep`).
 * A layout effect: it runs in the commit, after the panel's, before the rescue's timer.
 */
export function useHeadingTakesFocusOnPhaseChange(phase: string | null): void {
  const shown = useRef(phase);
  useLayoutEffect(() => {
    const before = shown.current;
    shown.current = phase;
    if (before !== null && before !== phase) phaseChangedAt = performance.now();
    if (before === null || before === phase) return;
    if (focusIsLost()) {
      if (!focusPhaseHeading()) headingAwaitedUntil = performance.now() + HEADING_AWAITED_MS;
    } else if (!document.activeElement?.closest('.board-main')) {
      // WF-2: focus stays where it was, outside the phase (the facilitator's step buttons, the header), and the new
      // phase still reads from its top: left where the old one was scrolled to, Discuss opened at its 16th item
      if (!showPhaseHeading()) headingScrollAwaitedUntil = performance.now() + HEADING_AWAITED_MS;
    }
  }, [phase]);
}
