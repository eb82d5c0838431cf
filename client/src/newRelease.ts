/**
 * UI-16: a chunk that cannot be fetched because Candor was deployed again since this page loaded never arrives:
 * chunk names change with their contents, and the server answers an old name with the new page. Fetching it again
 * for ever (as for a dropped network) left "Creating…" or an empty place on the screen; the page reloads instead.
 */

/** the first script the page starts (the build's entry) */
const ENTRY = /<script\b[^>]*\bsrc="([^"]+)"/;

/** whether `servedPage`, the page the server hands out now, starts another build than `runningEntry` */
export function isNewRelease(runningEntry: string | null, servedPage: string): boolean {
  const served = ENTRY.exec(servedPage)?.[1];
  return runningEntry !== null && served !== undefined && served !== runningEntry;
}

/** After a chunk failed: reloads the page if a new release is served, once per release (a reload that did not help is not repeated). */
export async function reloadIfNewRelease(): Promise<void> {
  const running = document.querySelector('script[type="module"][src]')?.getAttribute('src') ?? null;
  const served = await fetch('/', { cache: 'no-store' })
    .then((response) => response.text())
    .catch(() => '');
  if (!isNewRelease(running, served)) return;
  const release = ENTRY.exec(served)![1]!;
  if (sessionStorage.getItem('candor.reloadedFor') === release) return;
  sessionStorage.setItem('candor.reloadedFor', release);
  location.reload();
}
