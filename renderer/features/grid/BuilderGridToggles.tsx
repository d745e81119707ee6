/**
 * In the rule builder: "Show members only" (filters the grid to the draft's members, following
 * edits) and one toggle per metric to show it as a grid column.
 */
import { useWorkbench } from '../../store/react';

export function BuilderGridToggles() {
  const b = useWorkbench((s) => s.builder);
  const selectedTable = useWorkbench((s) => s.selectedTable);
  const filter = useWorkbench((s) => s.gridSegment);
  const gridMetrics = useWorkbench((s) => s.gridMetrics);
  const setGridSegment = useWorkbench((s) => s.setGridSegment);
  const toggleMetric = useWorkbench((s) => s.toggleMetricColumn);
  if (!b || b.viewing) return null;
  const table = b.definition.entity.table;
  if (selectedTable !== table) return null;
  const membersOnly = filter?.table === table && filter.source === 'draft';
  const metrics = b.definition.metrics ?? [];
  return (
    <div className="grid-toggles small" data-testid="builder-grid-toggles">
      <label>
        <input
          type="checkbox"
          data-testid="builder-members-only"
          checked={membersOnly}
          onChange={() =>
            setGridSegment(
              membersOnly ? null : { table, source: 'draft', label: b.name, target: { definition: b.definition } },
            )
          }
        />{' '}
        Show members only in the grid
      </label>
      {metrics.length > 0 && (
        <span className="metric-toggles">
          <span className="muted">Grid columns:</span>
          {metrics.map((m) => (
            <label key={m.name}>
              <input
                type="checkbox"
                data-testid={`builder-metric-column-${m.name}`}
                checked={gridMetrics?.table === table && gridMetrics.names.includes(m.name)}
                onChange={() => toggleMetric(m.name)}
              />{' '}
              {m.name}
            </label>
          ))}
        </span>
      )}
    </div>
  );
}
