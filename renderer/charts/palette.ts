/**
 * Chart colours per theme, kept beside the CSS variables of styles/theme.css (same values).
 */
import type { ThemeName } from '../store/types';

export interface ChartPalette {
  text: string;
  muted: string;
  grid: string;
  bar: string;
  barMuted: string;
  background: string;
}

export const palettes: Record<ThemeName, ChartPalette> = {
  light: { text: '#1f2328', muted: '#6e7781', grid: '#e4e7eb', bar: '#3b6fd6', barMuted: '#a9b8d8', background: 'transparent' },
  dark: { text: '#d7dae0', muted: '#8b949e', grid: '#30363d', bar: '#5b8def', barMuted: '#3b4a6b', background: 'transparent' },
};
