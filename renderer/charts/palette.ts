/**
 * Chart colours per theme, kept beside the CSS variables of styles/app.css (same values). `paper` is
 * the theme's solid background (exported PNGs and report images have one; on screen charts are
 * transparent over the page). Compare colours: one per column, in column order, readable in both
 * themes; the whole table is grey.
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
  },
};

/** Column colours of a comparison (12 = MAX_COMPARE_COLUMNS), distinct in both themes. */
export const COMPARE_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#4dc9f6',
  '#8cd17d',
  '#d37295',
] as const;

export function compareColor(index: number): string {
  return COMPARE_COLORS[index % COMPARE_COLORS.length]!;
}
