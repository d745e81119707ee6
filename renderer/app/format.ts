/**
 * Number and value formatting shared by the components (en-US grouping; the app is English-only).
 */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '–';
  return n.toLocaleString('en-US');
}

export function formatPercent(fraction: number): string {
  if (fraction > 0 && fraction < 0.001) return '<0.1%';
  return `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)}%`;
}

export function formatCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number')
    return Number.isInteger(v)
      ? String(v)
      : v.toLocaleString('en-US', { maximumFractionDigits: 6, useGrouping: false });
  return String(v);
}

// Formatters are built once: an Intl.NumberFormat per call costs far more than formatting with one,
// which matters in tables and chart labels that format hundreds of numbers per draw.
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * A number for reading: thousands separators, decimals by magnitude (none from 1,000, one from 100,
 * two from 1, three significant digits below). Exact values go in titles and CSVs (formatExact).
 */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const a = Math.abs(n);
  if (Number.isInteger(n) || a >= 1000) return whole.format(n);
  if (a >= 100) return oneDecimal.format(n);
  if (a >= 1) return twoDecimals.format(n);
  return n === 0 ? '0' : small.format(n);
}

/** Axis labels: 1.2K, 3.4M. */
export function formatCompact(n: number): string {
  return Math.abs(n) < 1000 ? formatNumber(n) : compact.format(n);
}

/** The exact value as JavaScript holds it (the shortest text that reads back to the same number). */
export function formatExact(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : String(n);
}

/** An average's index to the baseline's: 1.24×. */
export function formatIndex(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${x.toFixed(2)}×`;
}
