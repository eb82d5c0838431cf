import { focusPhaseHeading, headingAwaited, wentWithPhaseBefore } from './phaseHeading.js';

/**
 * When the focused control disappears or disables itself (a button its press used up, a form that closes after
 * saving), browsers drop focus to <body> and a keyboard user starts over from the top of the page. This puts
 * focus back on the nearest control that still exists: the first enabled one inside the closest surviving
 * ancestor of the control that was lost — or that ancestor itself when it is a landing (`data-focus-landing`,
 * tabIndex -1: a region that stands for the controls it held, like a consensus check that closed). Never into a
 * text field: what is typed there next would edit text the room shares (UI-10).
 */
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * the control that had focus last, with its ancestors as they were, the elements beside each of them (next, previous)
 * and when it took focus (performance.now())
 */
let lost: { element: HTMLElement; ancestors: HTMLElement[]; beside: (Element | null)[][]; focusedAt: number } | null = null;
let scheduled = false;
/** the lost control was disabled or removed under focus (not left on purpose by a click elsewhere) */
let disabledUnderFocus = false;
/** a control that disables itself only for a moment (a pending command) gets focus back if it comes back */
const GRACE_MS = 250;

function ancestorsOf(element: HTMLElement): HTMLElement[] {
  const chain: HTMLElement[] = [];
  for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) chain.push(node);
  return chain;
}

/** A field that keys type into: focus put there by code would take the next keys as edits (and open a phone's keyboard). */
function takesText(element: HTMLElement): boolean {
  if (element.isContentEditable || element instanceof HTMLTextAreaElement) return !(element as HTMLTextAreaElement).readOnly;
  if (!(element instanceof HTMLInputElement)) return false;
  return !element.readOnly && !['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'color', 'range', 'image'].includes(element.type);
}

function isRadio(element: HTMLElement): boolean {
  return element instanceof HTMLInputElement && element.type === 'radio';
}

function unusable(element: HTMLElement): boolean {
  return !element.isConnected || (element as HTMLButtonElement).disabled === true;
}

function rescue(): void {
  scheduled = false;
  if (!lost) return;
  // (a phase change left it for the new phase's heading, whose code is still on its way: UI-10)
  if (headingAwaited()) return;
  const active = document.activeElement;
  if (active && active !== document.body && active !== lost.element) return;
  if (!unusable(lost.element)) {
    // Disabled for a moment and enabled again: give it its focus back. Otherwise focus left on purpose.
    if (disabledUnderFocus && active !== lost.element) lost.element.focus();
    disabledUnderFocus = false;
    return;
  }
  disabledUnderFocus = false;
  // Re-rendered rather than gone: the same control (same id, or same name and role) is back, enabled.
  const twin = twinOf(lost.element);
  if (twin) {
    twin.focus();
    return;
  }
  // WJ-3: the phase's heading drawn anew (the board changed from its desk layout to its phone layout, or back): the
  // heading now there, not the first control of what is left (the header's Share, and the next Tab began at the top)
  if (lost.element.tagName === 'H2' && lost.ancestors.some((a) => a.classList.contains('phase-intro')) && focusPhaseHeading()) return;
  // DN-3: lost in a block focus skips (the done count), it goes on to the step buttons' group wherever the first control
  // left is: with someone knocking that was the knock's "Let Bo in", above the steps, and the next Enter let him in
  const skipped = lost.ancestors.some((a) => a.hasAttribute('data-rescue-skip'));
  for (const [i, ancestor] of lost.ancestors.entries()) {
    if (!ancestor.isConnected) continue;
    if (ancestor.hasAttribute('data-focus-landing')) {
      ancestor.focus();
      return;
    }
    // UI-10: gone with the phase before (the phase changed a moment ago): the new phase's heading, not a control
    if (wentWithPhaseBefore({ focusedAt: lost.focusedAt }) && focusPhaseHeading()) return;
    // MO-3: one of a list gone (a card hidden or deleted, an action removed): the one that took its place, or the one
    // before the last, rather than the list's first (a keyboard walking a long column started over at its top)
    const gone = i ? lost.ancestors[i - 1]! : lost.element;
    const twinNeighbour = lost.beside[i]!.find(
      (el) => !gone.isConnected && el?.parentElement === ancestor && el.tagName === gone.tagName && el.classList[0] === gone.classList[0],
    );
    const target = (twinNeighbour && firstControlIn(twinNeighbour)) || firstControlIn(ancestor);
    if (target) {
      // never a step button (Back, Next) for a control lost elsewhere: the next Enter would move the whole room to
      // another phase ("Update vote settings", used up, gave focus to Vote's "Back"). Their group, named by the phase
      // the room is in ("Now: Vote", no Tab stop), takes it instead.
      const steps = (skipped && ancestor.querySelector<HTMLElement>('[data-phase-steps]')) || target.closest<HTMLElement>('[data-phase-steps]');
      if (steps && !lost.ancestors.includes(steps)) steps.focus();
      else target.focus();
      return;
    }
  }
}

/**
 * the first control in `root` focus may go to: never a skip link (a way in from the top, it would pop up out of
 * nowhere, UI-25); nor the language or theme switch at the top of the page (the next arrow key there changes the
 * page's language or colours); nor an answer of a radio group, the trust pulse's or a fist of five's (the next arrow
 * key would change it, and send it); nor a control in a block marked `data-rescue-skip`, whose next Enter would do
 * something nobody asked for (the facilitator's done count: "Reset “done”" wipes the room's marks, her own "I'm done"
 * marks her, DN-3): focus goes on past it, to the panel's step buttons' group (`rescue`: never to a control above
 * them, a knock's "Let Bo in")
 */
function firstControlIn(root: Element): HTMLElement | undefined {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].find(
    (el) =>
      el.offsetParent !== null &&
      !takesText(el) &&
      !isRadio(el) &&
      !el.closest('[data-skip-links]') &&
      !el.closest('.preferences') &&
      !el.closest('[data-rescue-skip]'),
  );
}

function twinOf(element: HTMLElement): HTMLElement | null {
  if (element.isConnected) return null;
  if (element.id) {
    const byId = document.getElementById(element.id);
    if (byId && !unusable(byId)) return byId;
  }
  // The same control drawn anew (same name), else the control one that goes away with its state names to take over:
  // "Ungroup" names its card's "Group with…", and "Group with…" its card's "Ungroup" (the card grouped with the last
  // card outside its group has nothing left to group with, UI-10)
  for (const label of [element.getAttribute('aria-label'), element.getAttribute('data-focus-twin')]) {
    if (!label) continue;
    // a field's name too: "4 — support" in the check that just closed is not the "4 — support" of another action's check
    const name = element.getAttribute('name');
    const same = [...document.querySelectorAll<HTMLElement>(`${element.tagName}[aria-label]`)].filter(
      (el) => el.getAttribute('aria-label') === label && el.getAttribute('name') === name && !unusable(el),
    );
    if (same.length === 1) return same[0]!;
  }
  return null;
}

function schedule(delay = 0): void {
  if (scheduled) return;
  scheduled = true;
  // After React has finished the commit that removed or disabled the control.
  setTimeout(() => requestAnimationFrame(rescue), delay);
}

export function startFocusRescue(): void {
  document.addEventListener('focusin', (event) => {
    const element = event.target as HTMLElement;
    if (!element || element === document.body) return;
    const ancestors = ancestorsOf(element);
    const beside = [element, ...ancestors].map((node) => [node.nextElementSibling, node.previousElementSibling]);
    lost = { element, ancestors, beside, focusedAt: performance.now() };
  });
  document.addEventListener('focusout', (event) => {
    if (!(event as FocusEvent).relatedTarget) schedule();
  });
  new MutationObserver(() => {
    if (lost && unusable(lost.element) && (document.activeElement === lost.element || document.activeElement === document.body)) {
      disabledUnderFocus = true;
      schedule(GRACE_MS);
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
}
