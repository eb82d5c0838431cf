import { describe, expect, it } from 'vitest';
import { fitAxisLabels, withoutSharedStart } from './axisLabels.js';

/** 7 px a character: about the chart's 13 px axis font */
const widthOf = (text: string) => text.length * 7;

describe('chart axis labels', () => {
  it('UI-36 names that fit are kept whole', () => {
    expect(fitAxisLabels(['Sprint 1', 'Sprint 2 retro'], () => 120, widthOf)).toEqual(['Sprint 1', 'Sprint 2 retro']);
  });

  it('UI-38 on a phone the words every retro’s name starts with are left out before any name is cut', () => {
    // the walk-through's team at 390 px: 57 px under each end point, 114 px under the middle one
    const room = (i: number) => (i === 1 ? 114 : 57);
    const names = ['Platform retro #1', 'Platform retro #2', 'Platform Retro Nr. 3'];
    expect(fitAxisLabels(names, room, widthOf)).toEqual(['#1', '#2', 'Nr. 3']);
  });

  it('UI-38 a name still too long after that is cut with an ellipsis, keeping at least its first letter', () => {
    const fitted = fitAxisLabels(['Kick-off', 'Sprint 2 retro'], () => 50, widthOf);
    expect(fitted).toEqual(['Kick-o…', 'Sprint…']);
    for (const label of fitted) expect(widthOf(label)).toBeLessThanOrEqual(50);
    expect(fitAxisLabels(['Quarterly planning'], () => 5, widthOf)).toEqual(['Q…']);
  });

  it('UI-38 a shared start is whole words only, and every name keeps at least one word', () => {
    expect(withoutSharedStart(['Sprint 10', 'Sprint 11'])).toEqual(['10', '11']);
    expect(withoutSharedStart(['Sprint', 'Sprint 2'])).toEqual(['Sprint', 'Sprint 2']);
    expect(withoutSharedStart(['Platform', 'Platforms 2'])).toEqual(['Platform', 'Platforms 2']);
    expect(withoutSharedStart(['Only one'])).toEqual(['Only one']);
  });
});
