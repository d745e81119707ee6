/**
 * The optional filter of an aggregate metric ("tickets where billable is true and priority is high
 * or urgent"): a full rule over the related table's columns — nested all/any/not groups, typed
 * values, SQL — edited with the same editors as a segment's `where`, at `metrics[i].where`, with its
 * diagnostics beside it. A filter from a file, whatever its shape, is edited the same way.
 */
import { useMemo } from 'react';
import type { TableInfo } from '../../../shared/api/dataApi';
import type { AggregateMetric, Diagnostic } from '../../../shared/segments/model';
import { fieldOptions, newCondition } from '../../store/builder/conditions';
import { useWorkbench } from '../../store/react';
import { RuleEditor } from './RuleEditor';

// A stable empty list: a selector returning a fresh [] would re-render forever.
const NONE: Diagnostic[] = [];

export function AggregateFilter({
  m,
  index,
  related,
  set,
}: {
  m: AggregateMetric;
  index: number;
  related: TableInfo;
  set(m: AggregateMetric): void;
}) {
  const fields = useMemo(() => fieldOptions(related.name, related.columns), [related]);
  const diagnostics = useWorkbench((s) => s.builder?.diagnostics ?? NONE);
  const { where, ...base } = m;
  if (!where) {
    const first = fields[0];
    return (
      <button
        type="button"
        className="btn small"
        data-testid={`agg${index}-add-filter`}
        disabled={!first}
        onClick={() => first && set({ ...m, where: { all: [newCondition(first)] } })}
      >
        + filter {related.name}
      </button>
    );
  }
  return (
    <div className="aggregate-filter" data-testid={`agg${index}-filter`}>
      <div className="inline small">
        <span className="muted">counting only {related.name} rows where</span>
        <span className="spacer" />
        <button
          type="button"
          className="btn small"
          aria-label="Remove filter"
          data-testid={`agg${index}-remove-filter`}
          onClick={() => set(base)}
        >
          ✕ filter
        </button>
      </div>
      <RuleEditor
        at={{ kind: 'metric', index }}
        rule={where}
        fields={fields}
        diagnostics={diagnostics}
        table={related.name}
      />
    </div>
  );
}
