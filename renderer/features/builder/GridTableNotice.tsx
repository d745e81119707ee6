/**
 * In the rule builder, when the grid shows another table than the definition's: says so, and offers
 * to show the definition's table. Meanwhile the grid's draft ✓ column, "Show members only" and
 * "explain this row" are left out (they are about the definition's rows: store/gridSegments.ts).
 */
import { isSchemeDefinition } from '../../../shared/segments/model';
import { builderTableMismatch } from '../../store/gridSegments';
import { useWorkbench, useWorkbenchShallow } from '../../store/react';

export function GridTableNotice() {
  const m = useWorkbenchShallow((s) =>
    builderTableMismatch(s.builder?.definition.entity.table ?? null, s.selectedTable, s.tables),
  );
  const selectTable = useWorkbench((s) => s.selectTable);
  const kind = useWorkbench((s) => (s.builder && isSchemeDefinition(s.builder.definition) ? 'scheme' : 'segment'));
  if (!m) return null;
  return (
    <div className="diag info grid-table-notice" role="status" data-testid="grid-table-notice">
      The grid shows {m.gridTable}; this {kind} is about {m.draftTable}.{' '}
      {m.canShow ? (
        <button
          type="button"
          className="btn small"
          data-testid="grid-table-notice-show"
          onClick={() => selectTable(m.draftTable, null)}
        >
          Show {m.draftTable}
        </button>
      ) : (
        <span className="muted">There is no table {m.draftTable} in this workspace.</span>
      )}
    </div>
  );
}
