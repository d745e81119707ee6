// Menu placement: always inside a 1280×800 viewport (8 px margins), below its button when it fits.
import { describe, expect, it } from 'vitest';
import { placeMenu } from '../../../renderer/app/usePopover';

const VW = 1280;
const VH = 800;
const button = (left: number, top: number, w = 90, h = 26) => ({ left, top, right: left + w, bottom: top + h });

describe('placeMenu', () => {
  it('puts the menu under the button, right edges aligned', () => {
    expect(placeMenu(button(1000, 60), 220, 300, VW, VH)).toEqual({ left: 870, top: 90, maxHeight: 702 });
  });
  it('moves it right when the button is near the left edge, left when near the right edge', () => {
    expect(placeMenu(button(4, 60), 220, 100, VW, VH).left).toBe(8);
    expect(placeMenu(button(1250, 60, 60), 220, 100, VW, VH).left).toBe(1280 - 8 - 220);
  });
  it('opens above a button near the bottom, and never higher than the viewport', () => {
    const p = placeMenu(button(600, 740), 220, 300, VW, VH);
    expect(p).toEqual({ left: 470, top: 740 - 4 - 300, maxHeight: 728 });
    const tall = placeMenu(button(600, 740), 220, 5000, VW, VH);
    expect(tall.top).toBe(8);
  });
  it('is never wider than the viewport', () => {
    expect(placeMenu(button(10, 10), 2000, 100, 300, VH).left).toBe(8);
  });
});
