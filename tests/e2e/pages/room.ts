import type { Browser, BrowserContextOptions } from '@playwright/test';
import { BoardPage } from './BoardPage';

/** A phone's screen, held upright (UI-12's 390×844). */
export const PHONE = { width: 390, height: 844 };

/** Where a person takes part: at a desk (a laptop's window, a mouse and keys) or on a phone (touch). */
export type Device = 'desk' | 'phone';

const DEVICES: Record<Device, BrowserContextOptions> = {
  desk: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: PHONE, hasTouch: true, isMobile: true },
};

/** `who` in a browser of their own (separate storage, a socket of their own) on `device`; closing it is the caller's. */
export async function newPerson(browser: Browser, who: string, device: Device): Promise<BoardPage> {
  const context = await browser.newContext(DEVICES[device]);
  return new BoardPage(await context.newPage(), who);
}

/**
 * A room to test in: `facilitator` makes the retro `retro` and joins it as Fiona, then each of `people` joins it under
 * its name, in order (`{ Ada: ada, Bo: bo }`), each on whatever device their page is; returns the participant link.
 */
export async function openRoom(retro: string, facilitator: BoardPage, people: Record<string, BoardPage>): Promise<string> {
  const link = await facilitator.createRetro(retro);
  for (const [name, person] of Object.entries(people)) await person.join(link, name);
  return link;
}
