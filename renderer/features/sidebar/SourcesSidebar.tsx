/**
 * Left sidebar: the workspace's tables with row counts; the selected table unfolds its snapshots
 * (as-of dates, rows) so an older one can be viewed. Below them, the segments, schemes and saved
 * comparisons, and (while some are ticked) the bar that compares them.
 */
import { formatCount } from '../../app/format';
import { useWorkbench } from '../../store/react';
import { SchemesSection } from '../segments/SchemesSection';
import { SegmentsSection } from '../segments/SegmentsSection';
import { CompareSelectionBar } from '../compare/CompareSelect';
import { ComparisonsSection } from '../compare/SavedComparisons';
import { TableItem } from './TableItem';

export function SourcesSidebar() {
  const tables = useWorkbench((s) => s.tables);
  const status = useWorkbench((s) => s.workspaceStatus);
  const error = useWorkbench((s) => s.workspaceError);
  const selected = useWorkbench((s) => s.selectedTable);
  const selectedSnapshot = useWorkbench((s) => s.selectedSnapshot);
  const selectTable = useWorkbench((s) => s.selectTable);
  return (
    <nav className="sidebar" aria-label="Sources">
      <div className="sidebar-section">
        <div className="section-title">
          Sources <span className="muted">{tables.length > 0 ? formatCount(tables.length) : ''}</span>
        </div>
        {status === 'loading' && tables.length === 0 && <div className="muted pad">Opening workspace…</div>}
        {status === 'error' && error && (
          <div className="error-box pad" role="alert">
            {error.message}
            <div className="hint">{error.hint}</div>
          </div>
        )}
        {status === 'ready' && tables.length === 0 && (
          <div className="muted pad">No tables yet. Import a file to start.</div>
        )}
        <ul className="table-list" data-testid="table-list">
          {tables.map((t) => (
            <TableItem
              key={t.name}
              table={t}
              selected={t.name === selected}
              selectedSnapshot={t.name === selected ? selectedSnapshot : null}
              onSelect={selectTable}
            />
          ))}
        </ul>
      </div>
      <SegmentsSection />
      <SchemesSection />
      <ComparisonsSection />
      <CompareSelectionBar />
    </nav>
  );
}
