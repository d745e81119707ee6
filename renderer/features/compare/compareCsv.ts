/**
 * A compare table as CSV (pure), through the one CSV writer of shared/csv.ts (RFC 4180, CRLF): every
 * column (file, hash and value counts too), a header row of the column names, exact numbers as
 * JavaScript holds them (never the rounded text). The KPI table is the one `segwb compare --csv`
 * prints (shared/compare/kpiTable.ts), so the app and the CLI write the same file.
 */
import type { CompareResult } from '../../../shared/api/compareApi';
import { kpiTable as sharedKpiTable } from '../../../shared/compare/kpiTable';
import { toCsv } from '../../../shared/csv';
import type { TableModel } from './compareTables';

export function tableCsv(m: TableModel): string {
  return toCsv(
    m.columns.map((c) => c.label),
    m.rows.map((r) => r.cells.map((c) => c.exact)),
  );
}

export function kpiCsv(r: CompareResult): string {
  const t = sharedKpiTable(r);
  return toCsv(t.header, t.rows);
}

/** The CSV builder for a table the view shows (null while there is none). */
export function tableCsvOf(m: TableModel | null): (() => string) | null {
  return m ? () => tableCsv(m) : null;
}
