/**
 * Grid cells for reading, by the column's type family: numbers with thousands separators and
 * sensible decimals (a DECIMAL's own scale; otherwise two decimals from 1 up and three significant
 * digits below), timestamps as "YYYY-MM-DD HH:MM" in UTC (the date alone at midnight), identifiers
 * and years as written. The exact value (cellExact) goes in the cell's tooltip; exports never pass
 * through here, so they stay exact.
 */
import { typeInfo } from '../../../shared/segments/types';

export interface CellFormat {
  /** Display text of a value. */
  format(v: unknown): string;
  /** Tooltip text, or undefined when the display is already exact. */
  exact(v: unknown): string | undefined;
}

/** Integers shown as written: ids, codes, years, zip codes (1,234 would misread as a quantity). */
const AS_WRITTEN = /(^|_)(id|key|code|zip|year|yr|number|no|phone)$|ID$|Id$/i;
const MAX_SCALE = 6;

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const scaled = new Map<number, Intl.NumberFormat>();
function fixed(scale: number): Intl.NumberFormat {
  let f = scaled.get(scale);
  if (!f)
    scaled.set(
      scale,
      (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: scale, maximumFractionDigits: scale })),
    );
  return f;
}

/** The scale of DECIMAL(p,s), or null. */
function decimalScale(type: string): number | null {
  const m = /^\s*(?:DECIMAL|NUMERIC)\s*\(\s*\d+\s*,\s*(\d+)\s*\)/i.exec(type);
  return m ? Math.min(Number(m[1]), MAX_SCALE) : null;
}

export function formatGridNumber(v: number, type: string): string {
  if (!Number.isFinite(v)) return String(v);
  const scale = decimalScale(type);
  if (scale !== null) return fixed(scale).format(v);
  if (Number.isInteger(v)) return grouped.format(v);
  return Math.abs(v) >= 1 ? twoDecimals.format(v) : small.format(v);
}

/** '2026-11-01T09:30:00.000Z' → '2026-11-01 09:30' (':SS' when not zero; the date alone at midnight). */
export function formatTimestamp(iso: string): string {
  const m = /^(\d{4,}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/.exec(iso);
  if (!m) return iso;
  const [, day, hh, mm, ss, frac] = m;
  const fraction = frac && Number(frac) !== 0;
  if (hh === '00' && mm === '00' && ss === '00' && !fraction) return day!;
  return `${day} ${hh}:${mm}${ss !== '00' || fraction ? `:${ss}` : ''}`;
}

function plain(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** How cells of a column of `type` named `name` read. */
export function cellFormat(type: string, name: string): CellFormat {
  const family = typeInfo(type).family;
  const exactIfDifferent = (f: (v: unknown) => string) => (v: unknown) => {
    if (v === null || v === undefined) return undefined;
    const exact = plain(v);
    return f(v) === exact ? undefined : exact;
  };
  if (family === 'number') {
    const asWritten = AS_WRITTEN.test(name);
    const format = (v: unknown) => {
      if (typeof v === 'number') return asWritten && Number.isInteger(v) ? String(v) : formatGridNumber(v, type);
      // BIGINT beyond ±2^53 arrives as a string of digits.
      if (typeof v === 'string' && /^-?\d+$/.test(v)) return asWritten ? v : v.replace(/\B(?=(\d{3})+$)/g, ',');
      return plain(v);
    };
    return { format, exact: exactIfDifferent(format) };
  }
  if (family === 'timestamp') {
    const format = (v: unknown) => (typeof v === 'string' ? formatTimestamp(v) : plain(v));
    return { format, exact: exactIfDifferent(format) };
  }
  // Long text is cut by the column: the tooltip shows all of it.
  return { format: plain, exact: (v) => (typeof v === 'string' && v.length > 24 ? v : undefined) };
}
