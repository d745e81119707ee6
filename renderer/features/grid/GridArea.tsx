/**
 * The middle area: a header with the table, snapshot and row count, the segment filter as a chip
 * that ✕ removes (members of a segment, an overlap cell of the compare view: "A ∩ B · n rows", or a
 * flow group or tier move of the Over time view: "Value tiers: Medium → High (…) · n rows"; those
 * two export exactly their rows with ⤓),
 * the view-build progress (with Cancel) and errors, and the grid itself.
 */
import { formatCount } from '../../app/format';
import { filterApplies, isRowsView } from '../../store/gridSegments';
import { useWorkbench } from '../../store/react';
import { draftSuffix } from '../../store/unsaved';
import { viewSummary } from '../../store/viewSummary';
import { DataGrid } from './DataGrid';
import { SegmentBar } from './SegmentBar';
import { ViewProgress } from './ViewProgress';

export function GridArea() {
  const table = useWorkbench((s) => s.tables.find((t) => t.name === s.selectedTable) ?? null);
  const snapshotId = useWorkbench((s) => s.selectedSnapshot);
  const total = useWorkbench((s) => s.viewTotal);
  // "of 20,000 · members of Pro · filtered": what narrows the rows, as the status bar says it
  // (the chip names the segment filter).
  const narrowed = useWorkbench((s) => {
    const v = viewSummary(s);
    if (!v?.qualifiers.length) return null;
    const latest = s.tables.find((t) => t.name === s.selectedTable)?.snapshots.at(-1)?.id ?? null;
    const shownSegment = filterApplies(s.gridSegment, s.selectedTable, s.selectedSnapshot ?? latest);
    const words = shownSegment ? v.qualifiers.slice(1) : v.qualifiers;
    return [`of ${formatCount(v.of)}`, ...words].join(' · ');
  });
  const viewError = useWorkbench((s) => s.viewError);
  const suffix = useWorkbench((s) => draftSuffix(s.builder));
  const segment = useWorkbench((s) => {
    const shown = s.selectedSnapshot ?? s.tables.find((t) => t.name === s.selectedTable)?.snapshots.at(-1)?.id ?? null;
    return filterApplies(s.gridSegment, s.selectedTable, shown) ? s.gridSegment : null;
  });
  const setGridSegment = useWorkbench((s) => s.setGridSegment);
  const exportFilter = useWorkbench((s) => s.openExportForGridFilter);

  if (!table) {
    return (
      <section className="grid-area empty">
        <div className="empty-state">
          <h2>No table selected</h2>
          <p className="muted">Pick a source on the left, or import a CSV, Parquet, JSON or Excel file.</p>
        </div>
      </section>
    );
  }
  const snapshot = snapshotId
    ? table.snapshots.find((s) => s.id === snapshotId)
    : table.snapshots[table.snapshots.length - 1];
  const shownRows = total ?? (snapshot ? snapshot.rows : table.rows);
  return (
    <section className="grid-area" aria-label={`Rows of ${table.name}`}>
      <div className="grid-header">
        <h1 className="grid-title">{table.name}</h1>
        {snapshot && (
          <span className={`chip${snapshotId ? ' warn' : ''}`} title={`snapshot ${snapshot.id}`}>
            as of {snapshot.asOf}
            {snapshotId ? ' (older snapshot)' : ''}
          </span>
        )}
        <span className="row-count" data-testid="row-count" data-rows={shownRows}>
          {formatCount(shownRows)} rows
        </span>
        {segment && total !== null && (
          <span className="chip removable" data-testid="grid-segment-chip" data-source={segment.source}>
            {isRowsView(segment.source)
              ? `${segment.label} · ${formatCount(total)} rows`
              : `members of ${segment.label}${segment.source === 'draft' ? suffix : ''}`}
            {isRowsView(segment.source) && (
              <button
                type="button"
                className="chip-x"
                aria-label="Export these rows"
                title="Export exactly these rows (CSV, Parquet, JSON, Excel)"
                data-testid="grid-segment-export"
                onClick={() => void exportFilter(segment)}
              >
                ⤓
              </button>
            )}
            <button
              type="button"
              className="chip-x"
              aria-label="Show all rows"
              title="Show all rows"
              data-testid="grid-segment-clear"
              onClick={() => setGridSegment(null)}
            >
              ✕
            </button>
          </span>
        )}
        {narrowed !== null && total !== null && <span className="muted">{narrowed}</span>}
        <span className="spacer" />
        <SegmentBar table={table.name} />
        <span className="muted small">{table.columns.length} columns</span>
      </div>
      {viewError && viewError.code !== 'interrupted' && (
        <div className="error-banner" role="alert" data-testid="grid-error">
          <strong>Could not load rows:</strong> {viewError.message} <span className="hint">{viewError.hint}</span>
        </div>
      )}
      <div className="grid-wrap">
        <DataGrid table={table} snapshot={snapshotId} />
        <ViewProgress />
      </div>
    </section>
  );
}
