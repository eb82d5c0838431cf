import { describe, expect, it } from 'vitest';
import type { PublicBoardView } from '@candor/shared';
import { announcement } from './FacilitatorAnnouncer.js';
import { ownerBannerShows } from './ownerBannerShows.js';

type Log = PublicBoardView['facilitatorLog'];
const handedToBo: Log = [
  { name: 'Fiona', how: 'created' },
  { name: 'Bo', how: 'handover' },
];
const board = { phase: 'discuss', facilitator: { name: 'Bo' } } as unknown as PublicBoardView;
const fiona = { holdsFacilitatorKey: true, name: 'Fiona' };

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

  it('FA-6 once the creator holds the role again, or the retro is closed, there is no banner', () => {
    expect(ownerBannerShows({ holdsFacilitatorKey: true, isFacilitator: true, joined: true }, board)).toBe(false);
    expect(ownerBannerShows({ holdsFacilitatorKey: true, isFacilitator: false, joined: true }, { ...board, phase: 'closed' })).toBe(false);
  });
});
