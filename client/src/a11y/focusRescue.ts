/**
 * When the focused control disappears or disables itself (a vote button at the cap, a form that closes after
 * saving), browsers drop focus to <body> and a keyboard user starts over from the top of the page. This puts
 * focus back on the nearest control that still exists: the first enabled one inside the closest surviving
 * ancestor of the control that was lost.
 */
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

let lost: { element: HTMLElement; ancestors: HTMLElement[] } | null = null;
let scheduled = false;

function ancestorsOf(element: HTMLElement): HTMLElement[] {
  const chain: HTMLElement[] = [];
  for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) chain.push(node);
  return chain;
}

function unusable(element: HTMLElement): boolean {
  return !element.isConnected || (element as HTMLButtonElement).disabled === true;
}

function rescue(): void {
  scheduled = false;
  if (!lost) return;
  const active = document.activeElement;
  if (active && active !== document.body && active !== lost.element) return;
  if (!unusable(lost.element)) return; // focus left on purpose (a click on empty space): leave it
  for (const ancestor of lost.ancestors) {
    if (!ancestor.isConnected) continue;
    const target = [...ancestor.querySelectorAll<HTMLElement>(FOCUSABLE)].find((el) => el.offsetParent !== null);
    if (target) {
      target.focus();
      return;
    }
  }
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // After React has finished the commit that removed or disabled the control.
  requestAnimationFrame(rescue);
}

export function startFocusRescue(): void {
  document.addEventListener('focusin', (event) => {
    const element = event.target as HTMLElement;
    if (element && element !== document.body) lost = { element, ancestors: ancestorsOf(element) };
  });
  document.addEventListener('focusout', (event) => {
    if (!(event as FocusEvent).relatedTarget) schedule();
  });
  new MutationObserver(() => {
    if (lost && unusable(lost.element)) schedule();
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
}
