import { describe, expect, it } from 'vitest';
import { clampPanelWidth, defaultPanelWidth, panelWidth, readStoredWidth } from '../../../renderer/app/panelWidth';

describe('builder panel width', () => {
  it('defaults to about a third of the window, leaving the grid at least 440 px beside a 250 px sidebar', () => {
    expect(defaultPanelWidth(1280)).toBe(410); // 1280 × 0.32 = 409.6; the grid gets 1280 − 250 − 410 = 620
    expect(defaultPanelWidth(1440)).toBe(461);
    expect(defaultPanelWidth(2560)).toBe(540);
    expect(defaultPanelWidth(1000)).toBe(340); // the minimum, even if the grid gets less than 440
  });

  it('keeps a dragged width within the window', () => {
    expect(clampPanelWidth(900, 1280)).toBe(590); // 1280 − 250 − 440
    expect(clampPanelWidth(100, 1280)).toBe(340);
    expect(clampPanelWidth(500.4, 1440)).toBe(500);
    expect(panelWidth(700, 1440)).toBe(700); // 1440 − 250 − 440 = 750 ≥ 700
    expect(panelWidth(700, 1280)).toBe(590); // remembered, shown narrower in a smaller window
    expect(panelWidth(null, 1280)).toBe(410);
  });

  it('reads only a positive stored number', () => {
    expect(readStoredWidth('480')).toBe(480);
    expect(readStoredWidth(null)).toBeNull();
    expect(readStoredWidth('wide')).toBeNull();
    expect(readStoredWidth('-5')).toBeNull();
  });
});
