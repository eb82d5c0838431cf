import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Everything on the page that sticks out of the box it sits in: for each panel, column, group and card, any
 * control, heading or name inside it whose box reaches past the container's left or right edge. Visually
 * hidden text (for screen readers) does not count.
 */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const containers = document.querySelectorAll<HTMLElement>('.panel, .column, .group, .card, .sidebar, .board-header, .dialog');
    const inside = 'input, select, textarea, button, h1, h2, h3, label, .person-name, .group-heading, .badge, p';
    const found: string[] = [];
    for (const container of containers) {
      const box = container.getBoundingClientRect();
      if (box.width === 0) continue;
      for (const element of container.querySelectorAll<HTMLElement>(inside)) {
        if (element.closest('.visually-hidden') || element.getClientRects().length === 0) continue;
        const rect = element.getBoundingClientRect();
        if (rect.width === 0) continue;
        if (rect.left < box.left - 1 || rect.right > box.right + 1) {
          const label = (element as HTMLInputElement).labels?.[0]?.textContent?.trim();
          const name = element.getAttribute('aria-label') ?? label ?? element.textContent?.trim().slice(0, 40) ?? element.tagName;
          found.push(`${element.tagName.toLowerCase()} "${name}" sticks out of .${container.className.split(' ')[0]} by ${Math.round(Math.max(box.left - rect.left, rect.right - box.right))} px`);
        }
      }
    }
    return found;
  });
}

export async function expectNothingOverflows(page: Page, where: string): Promise<void> {
  await expect.poll(() => overflowing(page), { message: where }).toEqual([]);
}

/** Badges whose words are broken over lines (the people list's "Facilit/ator" beside a long name): a badge reads whole. */
export async function brokenBadges(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const badge of document.querySelectorAll<HTMLElement>('.badge')) {
      if (badge.closest('.visually-hidden') || badge.getClientRects().length === 0) continue;
      const words = document.createRange();
      words.selectNodeContents(badge);
      const lines = new Set([...words.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      if (lines > 1) found.push(`"${badge.textContent?.trim()}" is broken over ${lines} lines`);
    }
    return found;
  });
}

export async function expectWholeBadges(page: Page, where: string): Promise<void> {
  await expect.poll(() => brokenBadges(page), { message: where }).toEqual([]);
}

/** Fields whose own text is cut off inside them (wider or taller than the field shows): a title read only in part. */
export async function clippedFields(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const found: string[] = [];
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(selector)) {
      if (field.getClientRects().length === 0) continue;
      if (field.scrollWidth > field.clientWidth + 1 || field.scrollHeight > field.clientHeight + 1) found.push(`"${field.value.slice(0, 40)}" is cut off`);
    }
    return found;
  }, selector);
}

export async function expectWholeTitles(page: Page, where: string): Promise<void> {
  await expect.poll(() => clippedFields(page, '.group-title input, .group-title textarea'), { message: where }).toEqual([]);
}

type Box = { x: number; y: number; width: number; height: number };

/**
 * The controls a person could use (buttons, fields, links, tabs) that are on screen and reach below `top`:
 * what a line fixed at the bottom of the window from `top` down would cover. `skip` is the line itself.
 */
export async function controlsReachingBelow(page: Page, top: number, skip: string): Promise<string[]> {
  return page.evaluate(
    ({ top, skip }) => {
      const found: string[] = [];
      for (const element of document.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href], [role="tab"], [tabindex="0"]')) {
        if (element.closest(skip) || element.getClientRects().length === 0) continue;
        const rect = element.getBoundingClientRect();
        // what a scrolling box (the desk's sidebar) cuts off is not on screen: only the part it shows counts
        let bottom = rect.bottom;
        for (let box = element.parentElement; box; box = box.parentElement) {
          if (getComputedStyle(box).overflowY !== 'visible') bottom = Math.min(bottom, box.getBoundingClientRect().bottom);
        }
        if (rect.width === 0 || bottom <= top + 0.5 || bottom <= rect.top || rect.top >= window.innerHeight) continue;
        const name = element.getAttribute('aria-label') ?? (element as HTMLInputElement).labels?.[0]?.textContent ?? element.textContent;
        found.push(`${element.tagName.toLowerCase()} "${(name ?? '').trim().slice(0, 40)}" reaches ${Math.round(bottom - top)} px under the line`);
      }
      return found;
    },
    { top, skip },
  );
}

export function sameBox(a: Box, b: Box): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.width - b.width) < 0.5 && Math.abs(a.height - b.height) < 0.5;
}

/**
 * UI-44: every control a person taps (button, link, select, tab, and a checkbox or radio through its label) whose hit
 * area is under 44×44 px. The hit area is measured where a finger lands: from the control's middle outwards, as far as
 * `elementFromPoint` still finds the control (so a transparent ::after that reaches past its box counts, and a
 * neighbour's lying over it does not). Each control is scrolled to the middle of the screen first, clear of the bars.
 */
export async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const measured = new Set<Element>();
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], select, input[type="checkbox"], input[type="radio"], [role="tab"], summary');
    for (const control of controls) {
      if (control.closest('.visually-hidden, .skip-links, .item-skips') || control.getClientRects().length === 0) continue;
      if (getComputedStyle(control).visibility === 'hidden') continue;
      // a checkbox or radio is tapped through the label around it
      const target = (control.matches('input') && control.closest('label')) || control;
      if (measured.has(target)) continue;
      measured.add(target);
      target.scrollIntoView({ block: 'center', inline: 'nearest' });
      const box = target.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const hits = (px: number, py: number) => {
        const under = document.elementFromPoint(px, py);
        return under !== null && target.contains(under);
      };
      const name = (control.getAttribute('aria-label') ?? (target.textContent?.trim() || control.tagName)).replace(/\s+/g, ' ').slice(0, 40);
      const size = `${Math.round(box.width)}×${Math.round(box.height)}`;
      if (!hits(x, y)) {
        found.push(`"${name}" (${size}) is covered at its middle`);
        continue;
      }
      const reach = (dx: number, dy: number) => {
        let distance = 0;
        while (distance < 30 && hits(x + dx * (distance + 1), y + dy * (distance + 1))) distance++;
        return distance;
      };
      const width = reach(-1, 0) + reach(1, 0) + 1;
      const height = reach(0, -1) + reach(0, 1) + 1;
      if (width < 44 || height < 44) found.push(`"${name}" is ${width}×${height} to tap (box ${size})`);
    }
    window.scrollTo(0, 0);
    return found;
  });
}

/**
 * UI-45: the bars across the window that stay on screen as the page scrolls (fixed, or sticky), each with how much of
 * the window's height it covers. Read with the page scrolled away from its top, where a bar that scrolls is gone.
 */
export async function barsStayingOnScreen(page: Page): Promise<{ bar: string; height: number }[]> {
  return page.evaluate(() => {
    const found: { bar: string; height: number }[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const position = getComputedStyle(element).position;
      if (position !== 'fixed' && position !== 'sticky') continue;
      const rect = element.getBoundingClientRect();
      if (rect.width < window.innerWidth * 0.9) continue;
      const height = Math.min(rect.bottom, window.innerHeight) - Math.max(rect.top, 0);
      if (height > 0) found.push({ bar: `${element.tagName.toLowerCase()}.${element.className.split(' ')[0]}`, height: Math.round(height) });
    }
    return found;
  });
}

/**
 * VO-12, CW-10: the cards under a sticky line's rows that show on either side of what covers them: asked of the page at
 * three heights of the line and every 10 px across each card it reaches (what is drawn there: the card, or something
 * over it). A line drawn as a band across the board hides a card's row across its whole width or not at all.
 */
export function cardsCutBy(line: Locator): Promise<string[]> {
  return line.evaluate((status) => {
    const box = status.getBoundingClientRect();
    const cut: string[] = [];
    for (const card of document.querySelectorAll<HTMLElement>('.board-main article')) {
      const rect = card.getBoundingClientRect();
      for (const y of [box.top + 2, (box.top + box.bottom) / 2, box.bottom - 2]) {
        if (y < rect.top || y > rect.bottom) continue;
        const shows = new Set<boolean>();
        for (let x = rect.left + 2; x < rect.right - 2; x += 10) shows.add(card.contains(document.elementFromPoint(x, y)));
        if (shows.size > 1) cut.push(`${card.getAttribute('aria-label') ?? card.textContent?.slice(0, 30)} at ${Math.round(y)}`);
      }
    }
    return cut;
  });
}

/**
 * VO-12, CW-10: scrolls the page to its end by the mouse wheel, 60 px a turn as a mouse does, and after each turn expects
 * no card cut by the sticky `line` and the line whole in sight below the header.
 */
export async function wheelPastStickyLine(page: Page, line: Locator): Promise<void> {
  await page.mouse.move(800, 450);
  const end = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  expect(end, 'the board is taller than the window').toBeGreaterThan(300);
  let scrolled = 0;
  while (scrolled < end) {
    await page.mouse.wheel(0, 60);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled);
    scrolled = await page.evaluate(() => window.scrollY);
    expect(await cardsCutBy(line), `scrolled ${scrolled} px`).toEqual([]);
    const [lineBox, header] = await Promise.all([line.boundingBox(), page.locator('.board-header').boundingBox()]);
    expect(lineBox!.y, `scrolled ${scrolled} px: the line below the header`).toBeGreaterThanOrEqual(header!.y + header!.height - 0.5);
  }
}

/**
 * VO-12, DI-10: where the keyboard's focus is on the board, whether a bar that stays on screen (sticky or fixed) is
 * drawn over any of it, asked of the page every few pixels across the focused element; null when it shows whole.
 */
export function focusCoveredOnBoard(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const focused = document.activeElement;
    if (!(focused instanceof HTMLElement) || !focused.closest('.board-main')) return null;
    const box = focused.getBoundingClientRect();
    const bars = new Set<string>();
    for (let y = Math.max(box.top + 1, 0); y < Math.min(box.bottom - 1, window.innerHeight); y += 4) {
      for (let x = box.left + 2; x < box.right - 2; x += 12) {
        let hit = document.elementFromPoint(x, y);
        if (!hit || focused.contains(hit) || hit.contains(focused)) continue;
        while (hit && !['sticky', 'fixed'].includes(getComputedStyle(hit).position)) hit = hit.parentElement;
        if (hit && !hit.contains(focused)) bars.add(`.${hit.className.toString().split(' ').join('.')}`);
      }
    }
    const name = focused.getAttribute('aria-label') ?? focused.textContent?.trim().slice(0, 40) ?? focused.tagName;
    return bars.size ? `"${name}" (${Math.round(box.top)} to ${Math.round(box.bottom)}) under ${[...bars].join(', ')}` : null;
  });
}
