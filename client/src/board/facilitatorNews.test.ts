import { beforeAll, describe, expect, it } from 'vitest';
import type { PublicBoardView } from '@candor/shared';
import { i18n } from '../i18n/index.js';
import enBoard from '../i18n/en.board.js';
import de from '../i18n/de.js';
import { announcement } from './FacilitatorAnnouncer.js';
import { ownerBannerShows } from './ownerBannerShows.js';

type Log = PublicBoardView['facilitatorLog'];
const handedToBo: Log = [
  { name: 'Fiona', how: 'created' },
  { name: 'Bo', how: 'handover' },
];
const board = { phase: 'discuss', facilitator: { name: 'Bo' } } as unknown as PublicBoardView;
const fiona = { holdsFacilitatorKey: true, name: 'Fiona' };

beforeAll(async () => {
  if (!i18n.isInitialized) await i18n.init({ lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
  // the words are added even when another test file of this worker started i18n first (modules are shared between
  // files): run with three workers, a file that had started it with words of its own (useWords, lazyWithWords) came
  // first, and every key here read raw
  i18n.addResourceBundle('en', 'translation', enBoard, true, true);
  i18n.addResourceBundle('de', 'translation', de, true, true);
  await i18n.changeLanguage('en');
});

describe('FA-4 FA-6 a handover is told once', () => {
  it('FA-6 the creator who handed over sees the banner with "Take it back", and not the same news again above it', () => {
    expect(ownerBannerShows({ holdsFacilitatorKey: true, isFacilitator: false, joined: true }, board)).toBe(true);
    // decided from the log alone: the board can arrive before the creator's own view says the role has gone
    expect(announcement(handedToBo, fiona)).toBeNull();
    expect(announcement([...handedToBo, { name: 'Cy', how: 'claim' }], fiona)).toBeNull();
  });

  it('FA-4 everyone else is still told who facilitates now', () => {
    expect(ownerBannerShows({ holdsFacilitatorKey: false, isFacilitator: false, joined: true }, board)).toBe(false);
    expect(announcement(handedToBo, { holdsFacilitatorKey: false, name: 'Ada' })).not.toBeNull();
  });

  it('FA-4 the creator is told when the role comes back to them, when there is no banner', () => {
    expect(announcement([...handedToBo, { name: 'Fiona', how: 'reclaim' }], fiona)).not.toBeNull();
    expect(announcement([...handedToBo, { name: 'Fiona', how: 'handover' }], fiona)).not.toBeNull();
  });

  it('FA-4 FA-6 a role taken back says so, as a handover and a claim say how they happened', async () => {
    // walk-through E: after Ada claimed it, Priya took it back, and the room read only 'Priya is now facilitating.'
    const back: Log = [{ name: 'Priya', how: 'created' }, { name: 'Ada', how: 'claim' }, { name: 'Priya', how: 'reclaim' }];
    expect(announcement(back, { holdsFacilitatorKey: false, name: 'Ada' })).toBe('Priya is now facilitating (took the role back).');
    await i18n.changeLanguage('de');
    expect(announcement(back, { holdsFacilitatorKey: false, name: 'Ada' })).toBe('Priya moderiert jetzt (hat die Rolle zurückgenommen).');
    await i18n.changeLanguage('en');
  });

  it('FA-6 once the creator holds the role again, or the retro is closed, there is no banner', () => {
    expect(ownerBannerShows({ holdsFacilitatorKey: true, isFacilitator: true, joined: true }, board)).toBe(false);
    expect(ownerBannerShows({ holdsFacilitatorKey: true, isFacilitator: false, joined: true }, { ...board, phase: 'closed' })).toBe(false);
  });
});
