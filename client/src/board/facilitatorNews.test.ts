import { describe, expect, it } from 'vitest';
import type { PublicBoardView } from '@candor/shared';
import { announcement } from './FacilitatorAnnouncer.js';
import { ownerBannerShows } from './ownerBannerShows.js';

const log: PublicBoardView['facilitatorLog'] = [
  { name: 'Fiona', how: 'created' },
  { name: 'Bo', how: 'handover' },
];
const board = { phase: 'discuss', facilitator: { name: 'Bo' } } as unknown as PublicBoardView;

describe('FA-4 FA-6 a handover is told once', () => {
  it('FA-6 the creator who handed over sees the banner with "Take it back", and not the same news again above it', () => {
    const creator = { holdsFacilitatorKey: true, isFacilitator: false, joined: true };
    expect(ownerBannerShows(creator, board)).toBe(true);
    expect(announcement(log, { ownerBanner: ownerBannerShows(creator, board) })).toBeNull();
  });

  it('FA-4 everyone else is still told who facilitates now', () => {
    const ada = { holdsFacilitatorKey: false, isFacilitator: false, joined: true };
    expect(ownerBannerShows(ada, board)).toBe(false);
    expect(announcement(log, { ownerBanner: ownerBannerShows(ada, board) })).not.toBeNull();
  });

  it('FA-6 once the creator holds the role again, or the retro is closed, there is no banner', () => {
    expect(ownerBannerShows({ holdsFacilitatorKey: true, isFacilitator: true, joined: true }, board)).toBe(false);
    expect(ownerBannerShows({ holdsFacilitatorKey: true, isFacilitator: false, joined: true }, { ...board, phase: 'closed' })).toBe(false);
  });
});
