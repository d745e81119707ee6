/**
 * The builder panel's width: the user's choice (dragged, remembered), kept within what the window
 * can give so the grid beside it still shows several columns. Pure: the numbers are tested.
 */

export const SIDEBAR_WIDTH = 250;
export const PANEL_MIN = 340;
export const PANEL_COLLAPSED = 32;
/** The grid keeps at least this much (three or four columns of the demo data). */
export const GRID_MIN = 440;
export const PANEL_WIDTH_KEY = 'segwb.builderWidth';
export const PANEL_COLLAPSED_KEY = 'segwb.builderCollapsed';

/** Without a choice: about a third of the window (410 px at 1280, 461 at 1440), at most 540. */
export function defaultPanelWidth(windowWidth: number): number {
  return clampPanelWidth(Math.min(540, Math.round(windowWidth * 0.32)), windowWidth);
}

export function clampPanelWidth(width: number, windowWidth: number): number {
  const max = Math.max(PANEL_MIN, windowWidth - SIDEBAR_WIDTH - GRID_MIN);
  return Math.round(Math.min(max, Math.max(PANEL_MIN, width)));
}

/** The width shown: the remembered one (if any) or the default, within the window's limits. */
export function panelWidth(stored: number | null, windowWidth: number): number {
  return stored === null || !Number.isFinite(stored)
    ? defaultPanelWidth(windowWidth)
    : clampPanelWidth(stored, windowWidth);
}

export function readStoredWidth(text: string | null): number | null {
  const n = text === null ? NaN : Number(text);
  return Number.isFinite(n) && n > 0 ? n : null;
}
