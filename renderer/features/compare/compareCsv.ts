/**
 * A compare table as CSV (pure): every column (file, hash and value counts too), a header row of
 * the column names, exact numbers as JavaScript holds them (never the rounded text), fields quoted
 * when they hold a comma, quote or line break (RFC 4180), one row per line.
 */
import type { TableModel } from './compareTables';

export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableCsv(m: TableModel): string {
  const lines = [m.columns.map((c) => csvField(c.label)).join(',')];
  for (const r of m.rows) lines.push(r.cells.map((c) => csvField(c.exact)).join(','));
  return `${lines.join('\n')}\n`;
}
