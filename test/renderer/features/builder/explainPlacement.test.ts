import { describe, expect, it } from 'vitest';
import { placeExplain } from '../../../../renderer/features/builder/explainPlacement';

// A 620 × 500 grid (the grid beside the builder at 1280 × 800) and a 300 × 200 card.
const area = { width: 620, height: 500 };
const card = { width: 300, height: 200 };

describe('explain card placement', () => {
  it('sits level with the row, on the right when the selected cell is on the left', () => {
    expect(placeExplain({ row: { start: 120, end: 162 }, cell: { start: 0, end: 170 }, area, card })).toEqual({
      top: 120,
      left: 312,
      side: 'right',
    });
  });

  it('moves to the left when the selected cell is under the right side', () => {
    // Cell 400–570 overlaps the right slot (312–612) by 170 px and the left slot (8–308) by none.
    expect(placeExplain({ row: { start: 40, end: 82 }, cell: { start: 400, end: 570 }, area, card })).toEqual({
      top: 40,
      left: 8,
      side: 'left',
    });
  });

  it('stays inside the grid when the row is near the bottom or scrolled away', () => {
    expect(placeExplain({ row: { start: 460, end: 502 }, cell: null, area, card }).top).toBe(292); // 500 − 200 − 8
    expect(placeExplain({ row: { start: -300, end: -258 }, cell: null, area, card }).top).toBe(8);
    expect(placeExplain({ row: { start: 900, end: 942 }, cell: null, area, card }).top).toBe(292);
  });

  it('in a grid narrower than the card, starts at the margin', () => {
    expect(
      placeExplain({ row: { start: 50, end: 92 }, cell: null, area: { width: 250, height: 500 }, card }).left,
    ).toBe(8);
  });
});
