/**
 * What the grid shows, in words: "1,234 of 50,000 rows · members of Activated · filtered". The
 * status bar, the grid header and the column profile say the same thing from this one place. Pure.
 */
import { formatCount } from '../app/format';
import { filterApplies, MEMBER_COL_PREFIX } from './gridSegments';
import type { WorkbenchState } from './types';
import { draftSuffix } from './unsaved';

export interface ViewSummary {
  /** Rows the view shows (null while not built yet). */
  shown: number | null;
  /** Rows of the snapshot shown. */
  of: number;
  /** What narrows the rows, in words ("members of Activated", "not in Pro", "filtered"); empty: all rows. */
  qualifiers: string[];
}

type Needed = Pick<
  WorkbenchState,
  | 'tables'
  | 'selectedTable'
  | 'selectedSnapshot'
  | 'viewTotal'
  | 'filters'
  | 'gridSegment'
  | 'membershipColumns'
  | 'builder'
>;

export function viewSummary(s: Needed): ViewSummary | null {
  const table = s.tables.find((t) => t.name === s.selectedTable);
  if (!table) return null;
  const snap = s.selectedSnapshot ? table.snapshots.find((x) => x.id === s.selectedSnapshot) : table.snapshots.at(-1);
  const of = snap?.rows ?? table.rows;
  const qualifiers: string[] = [];
  const segment = filterApplies(s.gridSegment, table.name, snap?.id ?? null) ? s.gridSegment : null;
  if (segment) {
    qualifiers.push(
      segment.source === 'compare' || segment.source === 'overTime'
        ? segment.label
        : `members of ${segment.label}${segment.source === 'draft' ? draftSuffix(s.builder) : ''}`,
    );
  }
  let columnFilters = 0;
  for (const f of s.filters) {
    if (!f.field.startsWith(MEMBER_COL_PREFIX)) columnFilters++;
    else {
      const c = s.membershipColumns.find((m) => `${MEMBER_COL_PREFIX}${m.file}` === f.field && m.table === table.name);
      if (c && f.op === 'eq') qualifiers.push(f.value === true ? `members of ${c.label}` : `not in ${c.label}`);
    }
  }
  if (columnFilters) qualifiers.push(columnFilters === 1 ? 'filtered' : `filtered (${columnFilters} filters)`);
  return { shown: s.viewTotal, of, qualifiers };
}

/** "1,234 of 50,000 rows · filtered", or "50,000 rows" when nothing narrows them. */
export function describeRows(v: ViewSummary): string {
  if (!v.qualifiers.length) return `${formatCount(v.shown ?? v.of)} rows`;
  return `${formatCount(v.shown)} of ${formatCount(v.of)} rows · ${v.qualifiers.join(' · ')}`;
}
