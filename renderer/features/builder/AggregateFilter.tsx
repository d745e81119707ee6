/**
 * The optional filter of an aggregate metric ("tickets where billable is true"): one condition over
 * the related table's columns, edited inline. A richer `where` (groups, several conditions) from a
 * file is shown read-only as text and kept as it is.
 */
import type { TableInfo } from '../../../shared/api/dataApi';
import type { AggregateMetric, Condition, Op } from '../../../shared/segments/model';
import { describeRule } from '../../../shared/segments/describe';
import { OPERATORS } from '../../../shared/segments/operators';
import { fieldOptions, newCondition, opsFor, withField, withOp } from '../../store/builder/conditions';
import { ScalarInput } from './ScalarInput';

export function AggregateFilter({ m, related, set }: { m: AggregateMetric; related: TableInfo; set(m: AggregateMetric): void }) {
  const fields = fieldOptions(related.name, related.columns);
  const { where, ...base } = m;
  if (where && !('field' in where)) {
    return <span className="muted small" title="Edit this filter in the definition file">where {describeRule(where)}</span>;
  }
  if (!where) {
    const first = fields[0];
    return (
      <button type="button" className="btn small" disabled={!first} onClick={() => first && set({ ...m, where: newCondition(first) })}>
        + filter
      </button>
    );
  }
  const c = where as Condition;
  const field = fields.find((f) => f.name === c.field);
  const family = field?.family ?? 'unknown';
  const shape = OPERATORS[c.op]?.operands;
  const ops = opsFor(family);
  return (
    <span className="inline">
      where
      <select aria-label="Filter field" value={c.field} onChange={(e) => {
        const next = fields.find((f) => f.name === e.target.value);
        if (next) set({ ...m, where: withField(c, next, field) });
      }}>
        {fields.map((f) => (
          <option key={f.name}>{f.name}</option>
        ))}
      </select>
      <select aria-label="Filter operator" value={c.op} onChange={(e) => set({ ...m, where: withOp(c, e.target.value as Op, family) })}>
        {ops.map((op) => (
          <option key={op} value={op}>
            {OPERATORS[op].label}
          </option>
        ))}
      </select>
      {(shape === 'value' || shape === 'valueIgnoreCase' || shape === 'text') && (
        <ScalarInput testId={`agg-filter-${m.name}`} family={family} value={c.value} field={c.field} onChange={(value) => set({ ...m, where: value === undefined ? { field: c.field, op: c.op } : { ...c, value } })} />
      )}
      <button type="button" className="btn small" aria-label="Remove filter" onClick={() => set(base)}>
        ✕
      </button>
    </span>
  );
}
