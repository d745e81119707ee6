/**
 * CSV text (RFC 4180): fields quoted when they hold a comma, quote, CR or LF; quotes doubled; CRLF
 * line ends. Numbers are written exactly as JavaScript prints them (no rounding); null is empty.
 */
export type CsvCell = string | number | boolean | null | undefined;

function field(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: readonly CsvCell[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
