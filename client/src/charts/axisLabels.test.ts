import { describe, expect, it } from 'vitest';
import { drawOrder, fitAxisLabels, placeWords, withoutOverlaps, withoutSharedStart } from './axisLabels.js';

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

describe('UI-39 words on a chart never overlap', () => {
  const box = (left: number, right: number, top = 0, bottom = 10) => ({ left, right, top, bottom });

  it('UI-39 the most recent comes first, then the first, then the rest from the right; one that would overlap is left out', () => {
    expect(drawOrder(5)).toEqual([4, 0, 3, 2, 1]);
    // five labels 30 px wide, 20 px apart: the last, the first and every other one between them
    const boxes = [0, 1, 2, 3, 4].map((i) => box(i * 20, i * 20 + 30));
    expect(withoutOverlaps(boxes, drawOrder(5), { gap: 2 })).toEqual([true, false, true, false, true]);
  });

  it('UI-39 a box is also left out where it would cover something already drawn, or leave the chart; null is nothing to draw', () => {
    const boxes = [box(0, 10), box(20, 30), null, box(95, 110)];
    expect(withoutOverlaps(boxes, drawOrder(4), { gap: 2, obstacles: [box(5, 8)], bounds: { left: 0, right: 100 } })).toEqual([false, true, false, false]);
    // boxes one above the other do not overlap
    expect(withoutOverlaps([box(0, 30, 0, 10), box(10, 40, 12, 22)], drawOrder(2), { gap: 1 })).toEqual([true, true]);
  });

  it('UI-39 a value with no room over its point goes under it before it is left out', () => {
    // a zigzag of close values: the ones between have no room over their points, and have it under them
    const over = (i: number) => box(i * 20, i * 20 + 30, 0, 10);
    const under = (i: number) => box(i * 20, i * 20 + 30, 30, 40);
    const places = [0, 1, 2, 3, 4].map((i) => [over(i), under(i)]);
    expect(placeWords(places, drawOrder(5), { gap: 2 })).toEqual([0, 1, 0, 1, 0]);
    expect(placeWords([[over(0)], [over(1)]], drawOrder(2), { gap: 2 })).toEqual([-1, 0]);
  });
});
