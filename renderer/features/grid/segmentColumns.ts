/**
 * Segment columns of the grid: ✓ per chosen segment (membership) and the builder's metrics. Their
 * values come with each page (RowsPage.membership / .metrics, computed on the page's rows only) and
 * are attached to each row under one reserved key, so they never collide with a table's columns.
 * A ✓ column sorts and filters by membership over the whole snapshot (the engine computes it:
 * gridSegments.memberViewParts); metric columns neither sort nor filter.
 */
import type { ColDef, ITooltipParams, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { CellValue, RowsPage } from '../../../shared/api/dataApi';
import { memberColId, type MembershipColumn } from '../../store/gridSegments';
import { BooleanFilter, type BooleanFilterLabels } from './BooleanFilter';
import { cellFormat } from './cellFormat';

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

const MEMBER_LABELS: BooleanFilterLabels = { true: '✓ members', false: 'not members', blank: null };

/** `colors`: each column's segment colour (charts/segmentColors.ts), in order; `draftSuffix`: see store/unsaved.ts. */
export function membershipColumnDefs(
  columns: readonly MembershipColumn[],
  colors: readonly string[],
  draftSuffix = ' (draft)',
): ColDef[] {
  return columns.map((c, i) => ({
    colId: memberColId(c),
    headerName: `✓ ${c.label}${c.draft ? draftSuffix : ''}`,
    valueGetter: (p: ValueGetterParams) => {
      const e = extrasOf(p);
      return e ? (e.member[i] ? '✓' : '') : null;
    },
    sortable: true,
    filter: BooleanFilter,
    filterParams: { labels: MEMBER_LABELS },
    resizable: true,
    width: 130,
    cellClass: 'cell-member',
    cellStyle: { color: colors[i] ?? 'inherit', fontWeight: 700, textAlign: 'center' },
    // The segment's colour under its header (headerStyle needs no extra AG Grid module).
    headerStyle: { boxShadow: `inset 0 -3px 0 ${colors[i] ?? 'transparent'}` },
  }));
}

export function metricColumnDefs(names: readonly string[]): ColDef[] {
  return names.map((name) => {
    // A metric's type is known only to the run: numbers read as DOUBLE's do.
    const fmt = cellFormat('DOUBLE', name);
    return {
      colId: `metric:${name}`,
      headerName: `ƒ ${name}`,
      valueGetter: (p: ValueGetterParams) => extrasOf(p)?.metrics[name] ?? null,
      valueFormatter: (p: ValueFormatterParams) => fmt.format(p.value),
      tooltipValueGetter: (p: ITooltipParams) => fmt.exact(p.value),
      sortable: false,
      filter: false,
      resizable: true,
      width: 130,
      cellClass: 'cell-num cell-metric',
    };
  });
}
