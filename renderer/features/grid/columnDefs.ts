/**
 * Column definitions for a table: filter kind by type family (one condition per column, no date
 * presets: each maps 1:1 to a GridFilter), right-aligned numbers formatted for reading with the
 * exact value as the tooltip (cellFormat.ts), and the custom inner header (type icon, distribution,
 * profile button).
 */
import type { ColDef, ITooltipParams, ValueFormatterParams } from 'ag-grid-community';
import type { ColumnInfo } from '../../../shared/api/dataApi';
import { cellFormat } from './cellFormat';
import { typeFamily, type TypeFamily } from './columnTypes';
import { BooleanFilter } from './BooleanFilter';
import { HeaderInner } from './HeaderInner';

const common = ['blank', 'notBlank'];
const textOptions = ['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', ...common];
const scalarOptions = [
  'equals',
  'notEqual',
  'lessThan',
  'lessThanOrEqual',
  'greaterThan',
  'greaterThanOrEqual',
  'inRange',
  ...common,
];

function filterFor(family: TypeFamily): Pick<ColDef, 'filter' | 'filterParams'> {
  const base = { maxNumConditions: 1, buttons: ['reset'], debounceMs: 350 };
  switch (family) {
    case 'number':
      return { filter: 'agNumberColumnFilter', filterParams: { ...base, filterOptions: scalarOptions } };
    case 'string':
      return { filter: 'agTextColumnFilter', filterParams: { ...base, filterOptions: textOptions } };
    case 'date':
    case 'timestamp':
      return { filter: 'agDateColumnFilter', filterParams: { ...base, filterOptions: scalarOptions } };
    case 'boolean':
      return { filter: BooleanFilter };
    default:
      return { filter: false };
  }
}

export interface HeaderParams {
  family: TypeFamily;
  type: string;
}

export function buildColumnDefs(columns: ColumnInfo[]): ColDef[] {
  return columns.map((c) => {
    const family = typeFamily(c.type);
    const params: HeaderParams = { family, type: c.type };
    const fmt = cellFormat(c.type, c.name);
    return {
      colId: c.name,
      field: c.name,
      headerName: c.name,
      // Values come preformatted for the wire (dates as strings); no inference.
      cellDataType: false,
      sortable: true,
      resizable: true,
      width: family === 'number' ? 130 : family === 'boolean' ? 110 : 170,
      cellClass: family === 'number' ? 'cell-num' : family === 'boolean' ? 'cell-bool' : undefined,
      headerClass: `hdr-${family}`,
      valueFormatter: (p: ValueFormatterParams) => fmt.format(p.value),
      tooltipValueGetter: (p: ITooltipParams) => fmt.exact(p.value),
      headerComponentParams: { innerHeaderComponent: HeaderInner, ...params },
      ...filterFor(family),
    };
  });
}

export function familiesOf(columns: ColumnInfo[]): Record<string, TypeFamily> {
  return Object.fromEntries(columns.map((c) => [c.name, typeFamily(c.type)]));
}
