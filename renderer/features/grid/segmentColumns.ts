/**
 * Segment columns of the grid: ✓ per chosen segment (membership) and the builder's metrics. Their
 * values come with each page (RowsPage.membership / .metrics, computed on the page's rows only) and
 * are attached to each row under one reserved key, so they never collide with a table's columns.
 * Neither sorts nor filters (they are not columns of the table).
 */
import type { ColDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { CellValue, RowsPage } from '../../../shared/api/dataApi';
import { formatCell } from '../../app/format';
import type { MembershipColumn } from '../../store/gridSegments';

/** Reserved row key holding the page's segment values of a row. */
export const SEGMENT_EXTRAS = '\u0000segment';

export interface RowExtras {
  member: boolean[];
  metrics: Record<string, CellValue>;
}

/** The page's rows with their membership flags and metric values attached. */
export function withExtras(page: RowsPage): Record<string, unknown>[] {
  if (!page.membership && !page.metrics) return page.rows;
  return page.rows.map((r, i) => {
    const extras: RowExtras = { member: page.membership?.[i] ?? [], metrics: page.metrics?.[i] ?? {} };
    return { ...r, [SEGMENT_EXTRAS]: extras };
  });
}

function extrasOf(p: ValueGetterParams): RowExtras | undefined {
  return (p.data as Record<string, unknown> | undefined)?.[SEGMENT_EXTRAS] as RowExtras | undefined;
}

export function membershipColumnDefs(columns: readonly MembershipColumn[]): ColDef[] {
  return columns.map((c, i) => ({
    colId: `segment:${c.file}`,
    headerName: `✓ ${c.label}${c.draft ? ' (draft)' : ''}`,
    valueGetter: (p: ValueGetterParams) => {
      const e = extrasOf(p);
      return e ? (e.member[i] ? '✓' : '') : null;
    },
    sortable: false,
    filter: false,
    resizable: true,
    width: 120,
    cellClass: 'cell-member',
    cellStyle: { color: c.color, fontWeight: 700, textAlign: 'center' },
    // The segment's colour under its header (headerStyle needs no extra AG Grid module).
    headerStyle: { boxShadow: `inset 0 -3px 0 ${c.color}` },
  }));
}

export function metricColumnDefs(names: readonly string[]): ColDef[] {
  return names.map((name) => ({
    colId: `metric:${name}`,
    headerName: `ƒ ${name}`,
    valueGetter: (p: ValueGetterParams) => extrasOf(p)?.metrics[name] ?? null,
    valueFormatter: (p: ValueFormatterParams) => formatCell(p.value),
    sortable: false,
    filter: false,
    resizable: true,
    width: 130,
    cellClass: 'cell-num cell-metric',
  }));
}
