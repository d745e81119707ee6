/**
 * The draft's metrics (docs/rules.md, SPEC §4): days since a date, a SQL expression, an aggregate over a related
 * table (function, join keys, optional time window) or a lookup. Rules use them like columns.
 */
import type { ColumnInfo, TableInfo } from '../../../shared/api/dataApi';
import { AGGREGATE_FNS, type AggregateMetric, type Metric } from '../../../shared/segments/model';
import { NumberInput } from './NumberInput';
import { UnitSelect } from './UnitSelect';
import { useWorkbench } from '../../store/react';
import { typeFamily } from '../grid/columnTypes';
import { AggregateFilter } from './AggregateFilter';

function ColumnSelect({
  label,
  columns,
  value,
  onChange,
  filter,
  testId,
  optional,
}: {
  label: string;
  columns: ColumnInfo[];
  value: string | undefined;
  onChange(v: string | undefined): void;
  filter?: (c: ColumnInfo) => boolean;
  testId?: string;
  optional?: boolean;
}) {
  return (
    <select
      aria-label={label}
      data-testid={testId}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || undefined)}
    >
      <option value="" disabled={!optional}>
        {label}…
      </option>
      {columns.filter(filter ?? (() => true)).map((c) => (
        <option key={c.name} value={c.name}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

const isDateLike = (c: ColumnInfo) => ['date', 'timestamp'].includes(typeFamily(c.type));

function defaultFor(kind: Metric['kind'], name: string, entity: TableInfo, tables: TableInfo[], key: string): Metric {
  switch (kind) {
    case 'daysSince':
      return { name, kind, of: entity.columns.find(isDateLike)?.name ?? '' };
    case 'expr':
      return { name, kind, sql: '' };
    case 'aggregate': {
      const other = tables.find((t) => t.name !== entity.name && t.columns.some((c) => c.name === key));
      return { name, kind, from: other?.name ?? '', on: { entity: key, related: key }, fn: 'count' };
    }
    case 'lookup':
      return { name, kind, from: '', on: { entity: key, related: key }, column: '' };
  }
}

export function MetricsEditor() {
  const metrics = useWorkbench((s) => s.builder?.definition.metrics);
  const entityName = useWorkbench((s) => s.builder?.definition.entity.table);
  const key = useWorkbench((s) => s.builder?.definition.entity.key ?? '');
  const tables = useWorkbench((s) => s.tables);
  const editMetric = useWorkbench((s) => s.editMetric);
  const entity = tables.find((t) => t.name === entityName);
  if (!entity) return null;
  const list = metrics ?? [];
  return (
    <div className="metrics" data-testid="metrics">
      <div className="section-title with-action">
        Metrics
        <button
          type="button"
          className="btn small"
          data-testid="metric-add"
          onClick={() =>
            editMetric(list.length, defaultFor('daysSince', `metric_${list.length + 1}`, entity, tables, key))
          }
        >
          + Metric
        </button>
      </div>
      {list.map((m, i) => {
        const set = (next: Metric) => editMetric(i, next);
        const related = 'from' in m ? tables.find((t) => t.name === m.from) : undefined;
        return (
          <div key={i} className="condition metric" data-testid={`metric-${i}`}>
            <div className="condition-main">
              <input
                aria-label="Metric name"
                data-testid={`metric-name-${i}`}
                className="value-input"
                value={m.name}
                onChange={(e) => set({ ...m, name: e.target.value })}
              />
              <select
                aria-label="Metric kind"
                data-testid={`metric-kind-${i}`}
                value={m.kind}
                onChange={(e) => set(defaultFor(e.target.value as Metric['kind'], m.name, entity, tables, key))}
              >
                <option value="daysSince">days since</option>
                <option value="expr">expression</option>
                <option value="aggregate">aggregate</option>
                <option value="lookup">lookup</option>
              </select>
              {m.kind === 'daysSince' && (
                <ColumnSelect
                  label="date column"
                  testId={`metric-of-${i}`}
                  columns={entity.columns}
                  filter={isDateLike}
                  value={m.of}
                  onChange={(of) => set({ ...m, of: of ?? '' })}
                />
              )}
              {m.kind === 'expr' && (
                <input
                  aria-label="Expression"
                  className="value-input wide"
                  placeholder="active_seats / nullif(seats, 0)"
                  value={m.sql}
                  onChange={(e) => set({ ...m, sql: e.target.value })}
                />
              )}
              {(m.kind === 'aggregate' || m.kind === 'lookup') && (
                <select
                  aria-label="Related table"
                  data-testid={`metric-from-${i}`}
                  value={m.from}
                  onChange={(e) => set({ ...m, from: e.target.value })}
                >
                  <option value="">table…</option>
                  {tables
                    .filter((t) => t.name !== entity.name)
                    .map((t) => (
                      <option key={t.name}>{t.name}</option>
                    ))}
                </select>
              )}
              <span className="spacer" />
              <button
                type="button"
                className="btn small"
                aria-label="Remove metric"
                title="Remove metric"
                onClick={() => editMetric(i, null)}
              >
                ✕
              </button>
            </div>
            {(m.kind === 'aggregate' || m.kind === 'lookup') && related && (
              <div className="condition-main">
                <span className="muted small">on</span>
                <ColumnSelect
                  label="entity key"
                  columns={entity.columns}
                  value={m.on.entity}
                  onChange={(v) => set({ ...m, on: { ...m.on, entity: v ?? '' } })}
                />
                <span className="muted">=</span>
                <ColumnSelect
                  label="related key"
                  columns={related.columns}
                  value={m.on.related}
                  onChange={(v) => set({ ...m, on: { ...m.on, related: v ?? '' } })}
                />
                {m.kind === 'lookup' && (
                  <ColumnSelect
                    label="column"
                    columns={related.columns}
                    value={m.column}
                    onChange={(v) => set({ ...m, column: v ?? '' })}
                  />
                )}
                {m.kind === 'aggregate' && <AggregateFields m={m} index={i} related={related} set={set} />}
              </div>
            )}
            {m.kind === 'aggregate' && related && <AggregateFilter m={m} index={i} related={related} set={set} />}
          </div>
        );
      })}
    </div>
  );
}

function AggregateFields({
  m,
  index,
  related,
  set,
}: {
  m: AggregateMetric;
  index: number;
  related: TableInfo;
  set(m: Metric): void;
}) {
  const { of: _of, window: _w, ...base } = m;
  return (
    <>
      <select
        aria-label="Function"
        data-testid={`metric-fn-${index}`}
        value={m.fn}
        onChange={(e) => {
          const fn = e.target.value as AggregateMetric['fn'];
          set(fn === 'count' ? { ...base, fn, ...(m.window ? { window: m.window } : {}) } : { ...m, fn });
        }}
      >
        {AGGREGATE_FNS.map((f) => (
          <option key={f}>{f}</option>
        ))}
      </select>
      {m.fn !== 'count' && (
        <ColumnSelect label="of" columns={related.columns} value={m.of} onChange={(v) => set({ ...m, of: v })} />
      )}
      <ColumnSelect
        label="window on"
        optional
        columns={related.columns}
        filter={isDateLike}
        value={m.window?.column}
        onChange={(v) =>
          set(
            v
              ? { ...m, window: { column: v, n: m.window?.n ?? 30, unit: m.window?.unit ?? 'day' } }
              : { ...base, ...(m.of ? { of: m.of } : {}) },
          )
        }
      />
      {m.window && (
        <span className="inline">
          last
          <NumberInput
            label="Window length"
            integer
            value={m.window.n}
            onChange={(n) => n !== undefined && set({ ...m, window: { ...m.window!, n } })}
          />
          <UnitSelect
            label="Window unit"
            value={m.window.unit}
            onChange={(unit) => set({ ...m, window: { ...m.window!, unit } })}
          />
        </span>
      )}
    </>
  );
}
