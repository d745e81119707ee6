/**
 * Chart colours per theme, kept beside the CSS variables of styles/app.css (same values). `paper` is
 * the theme's solid background (exported PNGs and report images have one; on screen charts are
 * transparent over the page). Segments, tiers and the draft take their colour from `series` by the
 * slot segmentColors.ts gives them; the whole table is grey.
 */
import type { ThemeName } from '../store/uiTypes';

export interface ChartPalette {
  text: string;
  muted: string;
  grid: string;
  bar: string;
  barMuted: string;
  background: string;
  paper: string;
  /** Heatmap from none to all (low end). */
  heatLow: string;
  heatHigh: string;
  baseline: string;
  /** The (empty) and Other categories of a breakdown. */
  other: string;
  empty: string;
  /**
   * The colours of segments, tiers and the draft (segmentColors.ts picks a slot): the same 12 hues in
   * both themes, darker on light paper and lighter on dark, each at least 3:1 against the theme's
   * backgrounds (WCAG's contrast for graphics).
   */
  series: readonly string[];
}

export const palettes: Record<ThemeName, ChartPalette> = {
  light: {
    text: '#1f2328',
    muted: '#6e7781',
    grid: '#e4e7eb',
    bar: '#3b6fd6',
    barMuted: '#a9b8d8',
    background: 'transparent',
    paper: '#ffffff',
    heatLow: '#f2f5fa',
    heatHigh: '#2f5fc4',
    baseline: '#8c959f',
    other: '#b5bcc4',
    empty: '#dde1e6',
    series: [
      '#3b6fd6',
      '#c8590a',
      '#2e8b3e',
      '#d03b3b',
      '#8a5cc7',
      '#1a8a8a',
      '#9a7400',
      '#c24f8a',
      '#8c5a3c',
      '#0b7fab',
      '#6b8a1f',
      '#b03ab8',
    ],
  },
  dark: {
    text: '#d7dae0',
    muted: '#8b949e',
    grid: '#30363d',
    bar: '#5b8def',
    barMuted: '#3b4a6b',
    background: 'transparent',
    paper: '#1b1f24',
    heatLow: '#232a33',
    heatHigh: '#5b8def',
    baseline: '#6e7681',
    other: '#5c636b',
    empty: '#3a4048',
    series: [
      '#6e9bf0',
      '#f0913a',
      '#5cc26e',
      '#f06b6b',
      '#b58cf0',
      '#45c2c2',
      '#d9b23a',
      '#f07ab6',
      '#c49272',
      '#4cc0ea',
      '#a6c449',
      '#e070e8',
    ],
  },
};
